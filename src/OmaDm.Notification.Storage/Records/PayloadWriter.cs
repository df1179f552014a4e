using System;

namespace OmaDm.Notification.Storage.Records
{
    /// <summary>
    /// Builds a record payload: big-endian integers and length-prefixed UTF-8 strings, the only shapes the store writes.
    /// Read back with <see cref="PayloadReader"/>.
    /// </summary>
    public sealed class PayloadWriter
    {
        private byte[] _buffer;
        private int _length;

        /// <summary>Creates a writer.</summary>
        /// <param name="capacity">Initial capacity in bytes.</param>
        public PayloadWriter(int capacity)
        {
            _buffer = new byte[capacity < 16 ? 16 : capacity];
        }

        /// <summary>Bytes written so far.</summary>
        public int Length => _length;

        /// <summary>The internal buffer; bytes <c>[0, Length)</c> are valid.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Appends one byte.</summary>
        /// <param name="value">The byte.</param>
        public void WriteByte(int value)
        {
            Ensure(1);
            _buffer[_length++] = (byte)value;
        }

        /// <summary>Appends a 16-bit big-endian value.</summary>
        /// <param name="value">The value (low 16 bits).</param>
        public void WriteUInt16(int value)
        {
            Ensure(2);
            _buffer[_length++] = (byte)(value >> 8);
            _buffer[_length++] = (byte)value;
        }

        /// <summary>Appends a 32-bit big-endian value.</summary>
        /// <param name="value">The value.</param>
        public void WriteUInt32(uint value)
        {
            Ensure(4);
            _buffer[_length++] = (byte)(value >> 24);
            _buffer[_length++] = (byte)(value >> 16);
            _buffer[_length++] = (byte)(value >> 8);
            _buffer[_length++] = (byte)value;
        }

        /// <summary>Appends a 64-bit big-endian value.</summary>
        /// <param name="value">The value.</param>
        public void WriteInt64(long value)
        {
            WriteUInt32((uint)((ulong)value >> 32));
            WriteUInt32((uint)value);
        }

        /// <summary>Appends a string as a 16-bit byte length and its UTF-8 bytes (null is written as empty).</summary>
        /// <param name="value">The string.</param>
        /// <exception cref="ArgumentException">The string holds a lone surrogate, or its UTF-8 form is longer than 65535 bytes.</exception>
        public void WriteString(string value)
        {
            WriteString(value, 0xFFFF);
        }

        /// <summary>
        /// Appends a string as a 16-bit byte length and its UTF-8 bytes (null is written as empty), refusing what
        /// <see cref="PayloadReader.TryReadString"/> with the same bound would refuse, so no record is written that
        /// cannot be read back.
        /// </summary>
        /// <param name="value">The string.</param>
        /// <param name="maxBytes">Largest accepted UTF-8 length (at most 65535): the bound the reader applies.</param>
        /// <exception cref="ArgumentException">The string holds a lone surrogate (no UTF-8 form), or its UTF-8 form is longer than <paramref name="maxBytes"/>.</exception>
        public void WriteString(string value, int maxBytes)
        {
            byte[] bytes = Utf8Text.GetBytes(value);
            if (bytes.Length > maxBytes || bytes.Length > 0xFFFF)
            {
                throw new ArgumentException("value");
            }

            WriteUInt16(bytes.Length);
            Ensure(bytes.Length);
            Array.Copy(bytes, 0, _buffer, _length, bytes.Length);
            _length += bytes.Length;
        }

        /// <summary>Appends raw bytes (the reader must know their length).</summary>
        /// <param name="bytes">The bytes.</param>
        public void WriteBytes(byte[] bytes)
        {
            Ensure(bytes.Length);
            Array.Copy(bytes, 0, _buffer, _length, bytes.Length);
            _length += bytes.Length;
        }

        /// <summary>Returns a copy of the written bytes.</summary>
        /// <returns>The payload.</returns>
        public byte[] ToArray()
        {
            byte[] copy = new byte[_length];
            Array.Copy(_buffer, 0, copy, 0, _length);
            return copy;
        }

        private void Ensure(int more)
        {
            if (_length + more <= _buffer.Length)
            {
                return;
            }

            int size = _buffer.Length * 2;
            while (size < _length + more)
            {
                size *= 2;
            }

            byte[] grown = new byte[size];
            Array.Copy(_buffer, 0, grown, 0, _length);
            _buffer = grown;
        }
    }
}

using System;

namespace OmaDm.Notification.Storage.Records
{
    /// <summary>
    /// Builds a record payload: big-endian integers and length-prefixed UTF-8 strings, the only shapes the store writes.
    /// Read back with <see cref="PayloadReader"/>. Either buffered (the whole payload in a growing buffer) or streaming
    /// (a fixed chunk handed to a <see cref="PayloadSink"/> whenever it is full and at <see cref="Flush"/>), so a large
    /// record needs no buffer of its size.
    /// </summary>
    public sealed class PayloadWriter
    {
        private readonly PayloadSink _sink;
        private byte[] _buffer;
        private int _length;
        private int _flushed;

        /// <summary>Creates a buffered writer.</summary>
        /// <param name="capacity">Initial capacity in bytes.</param>
        public PayloadWriter(int capacity)
        {
            _buffer = new byte[capacity < 16 ? 16 : capacity];
        }

        /// <summary>Creates a streaming writer.</summary>
        /// <param name="chunk">The reused chunk buffer (at least 16 bytes).</param>
        /// <param name="sink">Receives each filled chunk.</param>
        /// <exception cref="ArgumentNullException">A chunk or sink is missing.</exception>
        /// <exception cref="ArgumentException">The chunk is shorter than 16 bytes.</exception>
        public PayloadWriter(byte[] chunk, PayloadSink sink)
        {
            if (chunk == null)
            {
                throw new ArgumentNullException(nameof(chunk));
            }

            if (sink == null)
            {
                throw new ArgumentNullException(nameof(sink));
            }

            if (chunk.Length < 16)
            {
                throw new ArgumentException("Invalid value.", nameof(chunk));
            }

            _buffer = chunk;
            _sink = sink;
        }

        /// <summary>Bytes written so far (a streaming writer counts those already handed to its sink).</summary>
        public int Length => _flushed + _length;

        /// <summary>The internal buffer of a buffered writer; bytes <c>[0, Length)</c> are valid.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Hands the bytes a streaming writer still holds to its sink; nothing for a buffered writer.</summary>
        public void Flush()
        {
            if (_sink != null && _length > 0)
            {
                _sink(_buffer, 0, _length);
                _flushed += _length;
                _length = 0;
            }
        }

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
                throw new ArgumentException("Invalid value.", nameof(value));
            }

            WriteUInt16(bytes.Length);
            WriteBytes(bytes, 0, bytes.Length);
        }

        /// <summary>Appends raw bytes (the reader must know their length).</summary>
        /// <param name="bytes">The bytes.</param>
        public void WriteBytes(byte[] bytes)
        {
            WriteBytes(bytes, 0, bytes.Length);
        }

        /// <summary>Appends raw bytes from a range (the reader must know their length).</summary>
        /// <param name="bytes">Source buffer.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        public void WriteBytes(byte[] bytes, int offset, int count)
        {
            Buffers.ByteReader.CheckRange(bytes, offset, count);
            if (_sink == null)
            {
                Ensure(count);
                Array.Copy(bytes, offset, _buffer, _length, count);
                _length += count;
                return;
            }

            while (count > 0)
            {
                Ensure(1);
                int room = _buffer.Length - _length;
                int n = count < room ? count : room;
                Array.Copy(bytes, offset, _buffer, _length, n);
                _length += n;
                offset += n;
                count -= n;
            }
        }

        /// <summary>Returns a copy of the written bytes of a buffered writer.</summary>
        /// <returns>The payload.</returns>
        /// <exception cref="InvalidOperationException">The writer is streaming.</exception>
        public byte[] ToArray()
        {
            if (_sink != null)
            {
                throw new InvalidOperationException();
            }

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

            if (_sink != null)
            {
                // Every write asks for at most 8 bytes at once (ranges go through WriteBytes), less than any chunk.
                Flush();
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

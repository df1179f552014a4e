using System;
using OmaDm.Notification.Buffers;

namespace OmaDm.Notification.Storage.Records
{
    /// <summary>
    /// Reads what <see cref="PayloadWriter"/> wrote, bounds-checked over <see cref="ByteReader"/>: every method returns
    /// <c>false</c> instead of throwing when the bytes end early or are not valid, so garbage gives a named failure.
    /// </summary>
    public sealed class PayloadReader
    {
        private ByteReader _reader;

        /// <summary>Creates a reader over a byte range.</summary>
        /// <param name="buffer">Buffer.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        public PayloadReader(byte[] buffer, int offset, int count)
        {
            _reader = new ByteReader(buffer, offset, count);
        }

        /// <summary>Whether a string read failed because its bytes are not well-formed UTF-8 (<see cref="Utf8Text"/>).</summary>
        public bool InvalidText { get; private set; }

        /// <summary>Bytes not yet read.</summary>
        public int Remaining => _reader.Remaining;

        /// <summary>Reads one byte.</summary>
        /// <param name="value">The byte.</param>
        /// <returns><c>false</c> at the end.</returns>
        public bool TryReadByte(out int value)
        {
            bool ok = _reader.TryReadByte(out byte b);
            value = b;
            return ok;
        }

        /// <summary>Reads a 16-bit big-endian value.</summary>
        /// <param name="value">The value.</param>
        /// <returns><c>false</c> at the end.</returns>
        public bool TryReadUInt16(out int value)
        {
            return _reader.TryReadUInt16BigEndian(out value);
        }

        /// <summary>Reads a 32-bit big-endian value.</summary>
        /// <param name="value">The value.</param>
        /// <returns><c>false</c> at the end.</returns>
        public bool TryReadUInt32(out uint value)
        {
            return _reader.TryReadUInt32BigEndian(out value);
        }

        /// <summary>Reads a 64-bit big-endian value.</summary>
        /// <param name="value">The value.</param>
        /// <returns><c>false</c> at the end.</returns>
        public bool TryReadInt64(out long value)
        {
            value = 0;
            if (!_reader.TryReadUInt32BigEndian(out uint high) || !_reader.TryReadUInt32BigEndian(out uint low))
            {
                return false;
            }

            value = (long)(((ulong)high << 32) | low);
            return true;
        }

        /// <summary>Reads <paramref name="count"/> raw bytes into a new array.</summary>
        /// <param name="count">How many.</param>
        /// <param name="value">The bytes.</param>
        /// <returns><c>false</c> when fewer remain.</returns>
        public bool TryReadBytes(int count, out byte[] value)
        {
            value = null;
            if (!_reader.TryReadSpan(count, out int start))
            {
                return false;
            }

            value = new byte[count];
            Array.Copy(_reader.Buffer, start, value, 0, count);
            return true;
        }

        /// <summary>Reads a 16-bit length-prefixed UTF-8 string.</summary>
        /// <param name="maxBytes">Largest accepted byte length.</param>
        /// <param name="value">The string.</param>
        /// <returns><c>false</c> at the end, above the bound, or when the bytes are not well-formed UTF-8 (then <see cref="InvalidText"/> is set).</returns>
        public bool TryReadString(int maxBytes, out string value)
        {
            value = null;
            if (!_reader.TryReadUInt16BigEndian(out int length) || length > maxBytes)
            {
                return false;
            }

            if (!_reader.TryReadSpan(length, out int start))
            {
                return false;
            }

            // Strict on both builds: a value that loaded as other text than its bytes would be written back changed.
            if (!Utf8Text.TryDecode(_reader.Buffer, start, length, out value))
            {
                InvalidText = true;
                return false;
            }

            return true;
        }
    }
}

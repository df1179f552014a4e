namespace OmaDm.Notification.Buffers
{
    /// <summary>
    /// The one bounds-checked reader every decoder uses over untrusted bytes. It reads forward through
    /// <c>buffer[offset .. offset+count)</c> and never throws on short or hostile input: every read is a <c>Try</c>
    /// method that leaves the position unchanged and returns <c>false</c> when the bytes are not there.
    /// </summary>
    /// <remarks>
    /// A reusable class, not a struct: on nanoCLR every value-type local or copy costs heap blocks (five per reader), so a
    /// decoder owns its readers (in the result object it fills) and <see cref="Reset"/>s them per message, and nested
    /// readers are filled by <see cref="TrySlice"/> rather than created. Range arguments are the caller's contract and
    /// are checked (an exception there is a caller bug, not bad input). Not thread-safe: one reader, one decode at a time.
    /// </remarks>
    public sealed class ByteReader
    {
        private const int UintvarContinuationMask = 0x80;
        private const int UintvarValueMask = 0x7F;
        private const int UintvarMaxOctets = 5;
        // A five-octet uintvar carries 35 bits; the value must fit 32 (WAP-230-WSP 8.1.2), so the first of five
        // octets may only use its low four bits.
        private const int UintvarFifthOctetHighBitsMask = 0x70;

        private byte[] _buffer;
        private int _start;
        private int _end;
        private int _position;

        /// <summary>Creates a reader over no bytes, to be <see cref="Reset"/> before use.</summary>
        public ByteReader()
        {
            _buffer = new byte[0];
        }

        /// <summary>Creates a reader over <c>buffer[offset .. offset+count)</c>.</summary>
        /// <param name="buffer">The bytes to read.</param>
        /// <param name="offset">Index of the first byte.</param>
        /// <param name="count">Number of bytes the reader may read.</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public ByteReader(byte[] buffer, int offset, int count)
        {
            Reset(buffer, offset, count);
        }

        /// <summary>Points the reader at <c>buffer[offset .. offset+count)</c>, positioned at its start.</summary>
        /// <param name="buffer">The bytes to read.</param>
        /// <param name="offset">Index of the first byte.</param>
        /// <param name="count">Number of bytes the reader may read.</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public void Reset(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            _buffer = buffer;
            _start = offset;
            _end = offset + count;
            _position = offset;
        }

        /// <summary>Validates a caller-supplied <c>(buffer, offset, count)</c> range; throws on a caller bug.</summary>
        /// <param name="buffer">The buffer.</param>
        /// <param name="offset">Index of the first byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new System.ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
            {
                throw new System.ArgumentOutOfRangeException(nameof(offset));
            }
        }

        /// <summary>The underlying buffer (positions are absolute indexes into it).</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Absolute index of the next byte to read.</summary>
        public int Position => _position;

        /// <summary>Absolute index one past the last readable byte.</summary>
        public int End => _end;

        /// <summary>Number of bytes consumed since the start of the range.</summary>
        public int Consumed => _position - _start;

        /// <summary>Number of bytes left to read.</summary>
        public int Remaining => _end - _position;

        /// <summary>Reads one byte.</summary>
        /// <param name="value">The byte, or 0 when none is left.</param>
        /// <returns><c>true</c> if a byte was read.</returns>
        public bool TryReadByte(out byte value)
        {
            if (_position >= _end)
            {
                value = 0;
                return false;
            }

            value = _buffer[_position++];
            return true;
        }

        /// <summary>Looks at the next byte without consuming it.</summary>
        /// <param name="value">The byte, or 0 when none is left.</param>
        /// <returns><c>true</c> if a byte is available.</returns>
        public bool TryPeekByte(out byte value)
        {
            if (_position >= _end)
            {
                value = 0;
                return false;
            }

            value = _buffer[_position];
            return true;
        }

        /// <summary>Reads a big-endian (network order) 16-bit unsigned integer.</summary>
        /// <param name="value">The value, or 0 when fewer than two bytes are left.</param>
        /// <returns><c>true</c> if two bytes were read.</returns>
        public bool TryReadUInt16BigEndian(out int value)
        {
            if (_end - _position < 2)
            {
                value = 0;
                return false;
            }

            value = (_buffer[_position] << 8) | _buffer[_position + 1];
            _position += 2;
            return true;
        }

        /// <summary>Reads a big-endian (network order) 32-bit unsigned integer.</summary>
        /// <param name="value">The value, or 0 when fewer than four bytes are left.</param>
        /// <returns><c>true</c> if four bytes were read.</returns>
        public bool TryReadUInt32BigEndian(out uint value)
        {
            if (_end - _position < 4)
            {
                value = 0;
                return false;
            }

            value = ((uint)_buffer[_position] << 24) | ((uint)_buffer[_position + 1] << 16)
                | ((uint)_buffer[_position + 2] << 8) | _buffer[_position + 3];
            _position += 4;
            return true;
        }

        /// <summary>
        /// Reads a WSP variable-length unsigned integer (uintvar, WAP-230-WSP 8.1.2): 1 to 5 octets, seven value bits each,
        /// the high bit set on every octet but the last. A non-minimal encoding (leading 0x80 octets) is legal.
        /// </summary>
        /// <param name="value">The value, or 0 on failure.</param>
        /// <returns>
        /// <see cref="ReasonCode.None"/>; <see cref="ReasonCode.Truncated"/> when the bytes end inside the uintvar;
        /// <see cref="ReasonCode.Malformed"/> when it runs past five octets or exceeds 2^32-1. The position is unchanged
        /// on failure.
        /// </returns>
        public ReasonCode TryReadUintvar(out uint value)
        {
            uint result = 0;
            int position = _position;
            for (int octets = 1; octets <= UintvarMaxOctets; octets++)
            {
                if (position >= _end)
                {
                    value = 0;
                    return ReasonCode.Truncated;
                }

                int octet = _buffer[position++];
                result = (result << 7) | (uint)(octet & UintvarValueMask);
                if ((octet & UintvarContinuationMask) == 0)
                {
                    if (octets == UintvarMaxOctets && (_buffer[_position] & UintvarFifthOctetHighBitsMask) != 0)
                    {
                        value = 0;
                        return ReasonCode.Malformed;
                    }

                    _position = position;
                    value = result;
                    return ReasonCode.None;
                }
            }

            value = 0;
            return ReasonCode.Malformed;
        }

        /// <summary>Skips <paramref name="count"/> bytes.</summary>
        /// <param name="count">Bytes to skip; a negative count is treated as not available.</param>
        /// <returns><c>true</c> if that many bytes were available and skipped.</returns>
        public bool TrySkip(int count)
        {
            if (count < 0 || count > _end - _position)
            {
                return false;
            }

            _position += count;
            return true;
        }

        /// <summary>
        /// Reserves the next <paramref name="count"/> bytes and returns their absolute start index, so a caller can keep
        /// a reference into the buffer instead of copying.
        /// </summary>
        /// <param name="count">Number of bytes.</param>
        /// <param name="start">Absolute index of the first reserved byte, or -1 on failure.</param>
        /// <returns><c>true</c> if the bytes were available.</returns>
        public bool TryReadSpan(int count, out int start)
        {
            if (count < 0 || count > _end - _position)
            {
                start = -1;
                return false;
            }

            start = _position;
            _position += count;
            return true;
        }

        /// <summary>
        /// Finds the next zero octet (the terminator of a WSP Text-string, WAP-230-WSP 8.4.2.1) and consumes the string
        /// and its terminator.
        /// </summary>
        /// <param name="start">Absolute index of the first character.</param>
        /// <param name="length">Number of characters before the terminator.</param>
        /// <returns><c>true</c> if a terminator was found before the end; the position is unchanged otherwise.</returns>
        public bool TryReadNullTerminated(out int start, out int length)
        {
            for (int i = _position; i < _end; i++)
            {
                if (_buffer[i] == 0)
                {
                    start = _position;
                    length = i - _position;
                    _position = i + 1;
                    return true;
                }
            }

            start = -1;
            length = 0;
            return false;
        }

        /// <summary>
        /// Points <paramref name="nested"/> at the next <paramref name="count"/> bytes and consumes them from this reader,
        /// so a nested structure (a header value, an information element) cannot read past its own declared length.
        /// </summary>
        /// <param name="count">Length of the nested structure.</param>
        /// <param name="nested">The reader to reuse for it; unchanged when the bytes are not available.</param>
        /// <returns><c>true</c> if the bytes were available.</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="nested"/> is null.</exception>
        public bool TrySlice(int count, ByteReader nested)
        {
            if (nested == null)
            {
                throw new System.ArgumentNullException(nameof(nested));
            }

            if (count < 0 || count > _end - _position)
            {
                return false;
            }

            nested.Reset(_buffer, _position, count);
            _position += count;
            return true;
        }
    }
}

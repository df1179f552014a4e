namespace OmaDm.Notification.Bootstrap
{
    using OmaDm.Notification.Wbxml;

    /// <summary>
    /// The bounded byte space a bootstrap decode assembles values in: a WBXML value may come in pieces (inline and table
    /// strings, value tokens, entities, opaque data), so each is copied here and named by its start and length. Append
    /// only, with marks to rewind to and a compaction that keeps just the spans a mapper still needs.
    /// </summary>
    internal sealed class BootstrapText
    {
        /// <summary>Bytes of value text one decode may hold at once.</summary>
        public const int Capacity = 1024;

        private const int Utf8OneByteLimit = 0x80;
        private const int Utf8TwoByteLimit = 0x800;
        private const int Utf8ThreeByteLimit = 0x10000;
        private const int Utf8ContinuationTag = 0x80;
        private const int Utf8TwoByteTag = 0xC0;
        private const int Utf8ThreeByteTag = 0xE0;
        private const int Utf8FourByteTag = 0xF0;
        private const int SixBitMask = 0x3F;

        private readonly byte[] _bytes = new byte[Capacity];

        /// <summary>The bytes (spans index into them).</summary>
        public byte[] Bytes => _bytes;

        /// <summary>Bytes in use; also the mark to rewind to.</summary>
        public int Used { get; private set; }

        /// <summary>Set when an append did not fit; the decode is then refused.</summary>
        public bool Overflowed { get; private set; }

        /// <summary>Empties the space.</summary>
        public void Clear()
        {
            Used = 0;
            Overflowed = false;
        }

        /// <summary>Drops everything after <paramref name="mark"/>.</summary>
        /// <param name="mark">A value of <see cref="Used"/> taken earlier.</param>
        public void Rewind(int mark)
        {
            Used = mark;
        }

        /// <summary>Appends <c>source[start .. start+length)</c>.</summary>
        /// <param name="source">The bytes.</param>
        /// <param name="start">First byte.</param>
        /// <param name="length">Number of bytes.</param>
        public void Append(byte[] source, int start, int length)
        {
            if (length > Capacity - Used)
            {
                Overflowed = true;
                return;
            }

            for (int i = 0; i < length; i++)
            {
                _bytes[Used + i] = source[start + i];
            }

            Used += length;
        }

        /// <summary>
        /// Appends the character data the reader stopped on: a string's or opaque's bytes, or an entity as UTF-8.
        /// </summary>
        /// <param name="reader">The reader, on a String, Opaque or Entity node (others append nothing).</param>
        public void AppendNode(WbxmlReader reader)
        {
            if (reader.Kind == WbxmlNodeKind.Entity)
            {
                AppendScalar(reader.Entity);
            }
            else if (reader.Kind == WbxmlNodeKind.String || reader.Kind == WbxmlNodeKind.Opaque)
            {
                Append(reader.Buffer, reader.DataStart, reader.DataLength);
            }
        }

        /// <summary>Appends a Unicode scalar value as UTF-8 (an ENTITY, WAP-192-WBXML 5.8.4.3).</summary>
        /// <param name="code">The scalar value (the reader has checked its range).</param>
        public void AppendScalar(int code)
        {
            int length = code < Utf8OneByteLimit ? 1 : code < Utf8TwoByteLimit ? 2 : code < Utf8ThreeByteLimit ? 3 : 4;
            if (length > Capacity - Used)
            {
                Overflowed = true;
                return;
            }

            int at = Used;
            if (length == 1)
            {
                _bytes[at] = (byte)code;
            }
            else
            {
                int tag = length == 2 ? Utf8TwoByteTag : length == 3 ? Utf8ThreeByteTag : Utf8FourByteTag;
                _bytes[at] = (byte)(tag | (code >> (6 * (length - 1))));
                for (int i = 1; i < length; i++)
                {
                    _bytes[at + i] = (byte)(Utf8ContinuationTag | ((code >> (6 * (length - 1 - i))) & SixBitMask));
                }
            }

            Used += length;
        }

        /// <summary>Whether <c>Bytes[start .. start+length)</c> equals <paramref name="expected"/>.</summary>
        /// <param name="start">First byte.</param>
        /// <param name="length">Number of bytes.</param>
        /// <param name="expected">The bytes to compare with.</param>
        /// <returns><c>true</c> when equal.</returns>
        public bool SpanEquals(int start, int length, byte[] expected)
        {
            if (length != expected.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (_bytes[start + i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Moves <c>Bytes[start .. start+length)</c> down to <see cref="Used"/>-independent position <paramref name="to"/>
        /// (at or below <paramref name="start"/>) and returns the new start; a forward copy, safe for overlap downwards.
        /// </summary>
        /// <param name="to">Where the span goes.</param>
        /// <param name="start">Where it is.</param>
        /// <param name="length">Its length.</param>
        /// <returns><paramref name="to"/>.</returns>
        public int MoveDown(int to, int start, int length)
        {
            for (int i = 0; i < length; i++)
            {
                _bytes[to + i] = _bytes[start + i];
            }

            return to;
        }

        /// <summary>Whether <c>Bytes[start .. start+length)</c> is well-formed UTF-8 (RFC 3629 section 4) without NUL.</summary>
        /// <param name="start">First byte.</param>
        /// <param name="length">Number of bytes.</param>
        /// <returns><c>true</c> when it can become a string as sent.</returns>
        public bool IsUtf8(int start, int length)
        {
            int end = start + length;
            int i = start;
            while (i < end)
            {
                int b = _bytes[i];
                if (b == 0)
                {
                    return false;
                }

                if (b < Utf8OneByteLimit)
                {
                    i++;
                    continue;
                }

                int more;
                int min;
                if ((b & 0xE0) == Utf8TwoByteTag)
                {
                    more = 1;
                    min = Utf8OneByteLimit;
                    b &= 0x1F;
                }
                else if ((b & 0xF0) == Utf8ThreeByteTag)
                {
                    more = 2;
                    min = Utf8TwoByteLimit;
                    b &= 0x0F;
                }
                else if ((b & 0xF8) == Utf8FourByteTag)
                {
                    more = 3;
                    min = Utf8ThreeByteLimit;
                    b &= 0x07;
                }
                else
                {
                    return false;
                }

                if (end - i - 1 < more)
                {
                    return false;
                }

                for (int k = 1; k <= more; k++)
                {
                    int c = _bytes[i + k];
                    if ((c & 0xC0) != Utf8ContinuationTag)
                    {
                        return false;
                    }

                    b = (b << 6) | (c & SixBitMask);
                }

                // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 (RFC 3629 section 3).
                if (b < min || b > 0x10FFFF || (b >= 0xD800 && b <= 0xDFFF))
                {
                    return false;
                }

                i += more + 1;
            }

            return true;
        }
    }
}

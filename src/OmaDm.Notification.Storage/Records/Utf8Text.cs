using System;

namespace OmaDm.Notification.Storage.Records
{
    /// <summary>
    /// Strict UTF-8 for stored and provisioned text, the same on nanoCLR and .NET (whose <c>Encoding.UTF8</c> decoders
    /// differ on bad bytes: .NET substitutes U+FFFD, so a value could load as other text than the bytes written, and
    /// re-encode longer). Decoding accepts exactly the RFC 3629 section 4 grammar and nothing else, without exceptions;
    /// encoding refuses a lone surrogate. Both also refuse U+0000: nanoCLR keeps a string as NUL-terminated UTF-8 and
    /// cuts it at a NUL, so the device would hold less than the bytes written. So a decoded string re-encodes to the same
    /// bytes on both builds, and an encodable string decodes to itself.
    /// <para>
    /// nanoCLR (nf-interpreter <c>CLR_RT_UnicodeHelper</c>, measured in the emulator) also keeps every string as UTF-8,
    /// which shapes two things here. A supplementary character (U+10000..U+10FFFF) is held as its 4 bytes and counts
    /// as two in <c>Length</c>, but the indexer at its low half returns the high half again (<c>s[1]</c> of U+10000 is
    /// D800 on nanoCLR, DC00 on .NET), so this class reads a string's code units through <c>ToCharArray</c>, which
    /// gives the true pair on both builds, never through the indexer. A lone surrogate cannot exist in a nanoCLR
    /// string: <c>new string(char[])</c> and a literal replace it by U+FFFD (EF BF BD) when the string is made, so on
    /// the device the store is given, holds and reads back U+FFFD, while on .NET the lone surrogate reaches
    /// <see cref="GetByteCount"/> and is refused. Either way the store holds exactly the string it was handed.
    /// </para>
    /// </summary>
    /// <remarks>
    /// RFC 3629 section 4:
    /// <code>
    /// UTF8-1 = %x00-7F
    /// UTF8-2 = %xC2-DF UTF8-tail
    /// UTF8-3 = %xE0 %xA0-BF UTF8-tail / %xE1-EC 2( UTF8-tail ) / %xED %x80-9F UTF8-tail / %xEE-EF 2( UTF8-tail )
    /// UTF8-4 = %xF0 %x90-BF 2( UTF8-tail ) / %xF1-F3 3( UTF8-tail ) / %xF4 %x80-8F 2( UTF8-tail )
    /// UTF8-tail = %x80-BF
    /// </code>
    /// Overlong forms, surrogates (U+D800..U+DFFF) and code points above U+10FFFF are refused by the lead-byte ranges;
    /// the byte 00 is refused as well (above).
    /// </remarks>
    public static class Utf8Text
    {
        private const int TailMin = 0x80;
        private const int TailMax = 0xBF;
        private const int TailBits = 0x3F;
        private const int HighSurrogateMin = 0xD800;
        private const int LowSurrogateMin = 0xDC00;
        private const int SurrogateMax = 0xDFFF;
        private const int SupplementaryBase = 0x10000;

        /// <summary>Finds the first byte that is not part of a well-formed UTF-8 sequence.</summary>
        /// <param name="buffer">Buffer.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The index (in <paramref name="buffer"/>) of the first bad sequence's lead byte, or -1 when all are well formed.</returns>
        public static int FindInvalid(byte[] buffer, int offset, int count)
        {
            Buffers.ByteReader.CheckRange(buffer, offset, count);
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int length = SequenceLength(buffer, i, end);
                if (length == 0)
                {
                    return i;
                }

                i += length;
            }

            return -1;
        }

        /// <summary>Decodes well-formed UTF-8; refuses anything else (no replacement characters, no exception).</summary>
        /// <param name="buffer">Buffer.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <param name="value">The text, or null when refused.</param>
        /// <returns><c>false</c> when the bytes are not well-formed UTF-8.</returns>
        public static bool TryDecode(byte[] buffer, int offset, int count, out string value)
        {
            Buffers.ByteReader.CheckRange(buffer, offset, count);
            value = null;
            if (count == 0)
            {
                value = string.Empty;
                return true;
            }

            // UTF-16 never needs more code units than UTF-8 has bytes.
            char[] chars = new char[count];
            int n = 0;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int length = SequenceLength(buffer, i, end);
                int b = buffer[i];
                if (length == 1)
                {
                    chars[n++] = (char)b;
                }
                else if (length == 2)
                {
                    chars[n++] = (char)(((b & 0x1F) << 6) | (buffer[i + 1] & TailBits));
                }
                else if (length == 3)
                {
                    chars[n++] = (char)(((b & 0x0F) << 12) | ((buffer[i + 1] & TailBits) << 6) | (buffer[i + 2] & TailBits));
                }
                else if (length == 4)
                {
                    int point = ((b & 0x07) << 18) | ((buffer[i + 1] & TailBits) << 12) | ((buffer[i + 2] & TailBits) << 6)
                        | (buffer[i + 3] & TailBits);
                    point -= SupplementaryBase;
                    chars[n++] = (char)(HighSurrogateMin + (point >> 10));
                    chars[n++] = (char)(LowSurrogateMin + (point & 0x3FF));
                }
                else
                {
                    return false;
                }

                i += length;
            }

            value = new string(chars, 0, n);
            return true;
        }

        /// <summary>The UTF-8 length of a string, or -1 when it holds a lone surrogate (which has no UTF-8 form) or U+0000.</summary>
        /// <param name="value">The text (null counts as empty).</param>
        /// <returns>Bytes, or -1.</returns>
        public static int GetByteCount(string value)
        {
            return value == null ? 0 : CountBytes(value.ToCharArray());
        }

        /// <summary>Encodes a string as UTF-8.</summary>
        /// <param name="value">The text (null counts as empty).</param>
        /// <returns>The bytes.</returns>
        /// <exception cref="ArgumentException">The text holds a lone surrogate or U+0000.</exception>
        public static byte[] GetBytes(string value)
        {
            char[] chars = value == null ? new char[0] : value.ToCharArray();
            int count = CountBytes(chars);
            if (count < 0)
            {
                throw new ArgumentException("Invalid value.", nameof(value));
            }

            byte[] bytes = new byte[count];
            int n = 0;
            for (int i = 0; n < count; i++)
            {
                int c = chars[i];
                if (c < 0x80)
                {
                    bytes[n++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    bytes[n++] = (byte)(0xC0 | (c >> 6));
                    bytes[n++] = (byte)(0x80 | (c & TailBits));
                }
                else if (c < HighSurrogateMin || c > SurrogateMax)
                {
                    bytes[n++] = (byte)(0xE0 | (c >> 12));
                    bytes[n++] = (byte)(0x80 | ((c >> 6) & TailBits));
                    bytes[n++] = (byte)(0x80 | (c & TailBits));
                }
                else
                {
                    int point = SupplementaryBase + ((c - HighSurrogateMin) << 10) + (chars[++i] - LowSurrogateMin);
                    bytes[n++] = (byte)(0xF0 | (point >> 18));
                    bytes[n++] = (byte)(0x80 | ((point >> 12) & TailBits));
                    bytes[n++] = (byte)(0x80 | ((point >> 6) & TailBits));
                    bytes[n++] = (byte)(0x80 | (point & TailBits));
                }
            }

            return bytes;
        }

        // The UTF-8 length of UTF-16 code units, or -1 for a lone surrogate or U+0000.
        private static int CountBytes(char[] chars)
        {
            int bytes = 0;
            int length = chars.Length;
            for (int i = 0; i < length; i++)
            {
                int c = chars[i];
                if (c == 0)
                {
                    return -1;
                }

                if (c < 0x80)
                {
                    bytes += 1;
                }
                else if (c < 0x800)
                {
                    bytes += 2;
                }
                else if (c < HighSurrogateMin || c > SurrogateMax)
                {
                    bytes += 3;
                }
                else if (c < LowSurrogateMin && i + 1 < length && chars[i + 1] >= LowSurrogateMin && chars[i + 1] <= SurrogateMax)
                {
                    bytes += 4;
                    i++;
                }
                else
                {
                    return -1;
                }
            }

            return bytes;
        }

        // The length of the well-formed sequence starting at i (1..4), or 0 when it is not one (RFC 3629 section 4).
        private static int SequenceLength(byte[] b, int i, int end)
        {
            int lead = b[i];
            if (lead < 0x80)
            {
                return lead == 0 ? 0 : 1;
            }

            int length;
            int secondMin = TailMin;
            int secondMax = TailMax;
            if (lead >= 0xC2 && lead <= 0xDF)
            {
                length = 2;
            }
            else if (lead >= 0xE0 && lead <= 0xEF)
            {
                length = 3;
                if (lead == 0xE0)
                {
                    secondMin = 0xA0; // below: overlong
                }
                else if (lead == 0xED)
                {
                    secondMax = 0x9F; // above: a surrogate
                }
            }
            else if (lead >= 0xF0 && lead <= 0xF4)
            {
                length = 4;
                if (lead == 0xF0)
                {
                    secondMin = 0x90; // below: overlong
                }
                else if (lead == 0xF4)
                {
                    secondMax = 0x8F; // above: beyond U+10FFFF
                }
            }
            else
            {
                return 0;
            }

            if (i + length > end || b[i + 1] < secondMin || b[i + 1] > secondMax)
            {
                return 0;
            }

            for (int k = 2; k < length; k++)
            {
                if (b[i + k] < TailMin || b[i + k] > TailMax)
                {
                    return 0;
                }
            }

            return length;
        }
    }
}

// Base64, RFC 4648 section 4 (the standard alphabet A-Z a-z 0-9 + /, '=' padding).
//
//   input:   | byte 0 | byte 1 | byte 2 |          24 bits per group
//   output:  | c0 | c1 | c2 | c3 |                  four 6-bit characters, most significant first
//   last group: 1 byte -> "xx==", 2 bytes -> "xxx=" (RFC 4648 section 4, cases (2) and (3)).
//
// Used for the digest's B64(H(...)) parts (always 24 characters for 16 bytes, OMA-TS-DM_Notification 6.2.2) and for
// the provisioned server nonce. The decoder is strict: no whitespace, no missing padding, no characters outside the
// alphabet, non-zero pad bits rejected (RFC 4648 3.5), so a typo in provisioning is reported, not silently reinterpreted.

namespace OmaDm.Notification.Cryptography
{
    /// <summary>Standard base64 with '=' padding (RFC 4648 section 4) into byte buffers, without allocating.</summary>
    public static class Base64
    {
        // The alphabet as bytes, built by this type alone (a static initialiser never reads another type's statics). Not a
        // const string: on nanoCLR each index into a const string loads a new string object (ldstr), 22 per digest part.
        private static readonly byte[] Alphabet = CreateAlphabet();

        private const char PadCharacter = '=';
        private const byte PadByte = (byte)'=';
        private const int SixBitMask = 0x3F;
        private const int BytesPerGroup = 3;
        private const int CharactersPerGroup = 4;
        private const int LowFourBitsMask = 0x0F;
        private const int LowTwoBitsMask = 0x03;

        /// <summary>Number of base64 characters for <paramref name="length"/> bytes (with padding).</summary>
        /// <param name="length">Input length.</param>
        /// <returns>4 * ceil(length / 3).</returns>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
        public static int EncodedLength(int length)
        {
            if (length < 0)
            {
                throw new System.ArgumentOutOfRangeException(nameof(length));
            }

            return (length + BytesPerGroup - 1) / BytesPerGroup * CharactersPerGroup;
        }

        /// <summary>Encodes <c>input[offset .. offset+count)</c> as ASCII base64 into <paramref name="output"/>.</summary>
        /// <param name="input">Bytes to encode.</param>
        /// <param name="offset">First input byte.</param>
        /// <param name="count">Input length.</param>
        /// <param name="output">Destination.</param>
        /// <param name="outputOffset">First output byte.</param>
        /// <returns>Number of characters written.</returns>
        /// <exception cref="System.ArgumentNullException">A buffer is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">A range lies outside its buffer.</exception>
        public static int Encode(byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            Buffers.ByteReader.CheckRange(input, offset, count);
            int length = EncodedLength(count);
            Buffers.ByteReader.CheckRange(output, outputOffset, length);

            byte[] alphabet = Alphabet;
            int end = offset + count;
            int o = outputOffset;
            int i = offset;
            for (int whole = end - BytesPerGroup; i <= whole; i += BytesPerGroup)
            {
                int group = (input[i] << 16) | (input[i + 1] << 8) | input[i + 2];
                output[o] = alphabet[group >> 18];
                output[o + 1] = alphabet[(group >> 12) & SixBitMask];
                output[o + 2] = alphabet[(group >> 6) & SixBitMask];
                output[o + 3] = alphabet[group & SixBitMask];
                o += CharactersPerGroup;
            }

            int left = end - i;
            if (left > 0)
            {
                int group = input[i] << 16;
                if (left == 2)
                {
                    group |= input[i + 1] << 8;
                }

                output[o] = alphabet[group >> 18];
                output[o + 1] = alphabet[(group >> 12) & SixBitMask];
                output[o + 2] = left == 2 ? alphabet[(group >> 6) & SixBitMask] : PadByte;
                output[o + 3] = PadByte;
            }

            return length;
        }

        /// <summary>Decodes base64 text (RFC 4648, padding required) without throwing.</summary>
        /// <param name="text">The text; empty decodes to no bytes.</param>
        /// <param name="bytes">The decoded bytes, or null when the text is not valid base64.</param>
        /// <returns><c>true</c> when the text is valid.</returns>
        public static bool TryDecode(string text, out byte[] bytes)
        {
            bytes = null;
            if (text == null || text.Length % CharactersPerGroup != 0)
            {
                return false;
            }

            int padding = 0;
            int length = text.Length;
            if (length > 0 && text[length - 1] == PadCharacter)
            {
                padding = text[length - 2] == PadCharacter ? 2 : 1;
            }

            int dataCharacters = length - padding;
            for (int i = 0; i < dataCharacters; i++)
            {
                if (ValueOf(text[i]) < 0)
                {
                    return false;
                }
            }

            int byteCount = length / CharactersPerGroup * BytesPerGroup - padding;
            byte[] result = new byte[byteCount];
            int o = 0;
            for (int i = 0; i < length; i += CharactersPerGroup)
            {
                int c0 = ValueOf(text[i]);
                int c1 = ValueOf(text[i + 1]);
                bool last = i + CharactersPerGroup == length;
                if (last && padding == 2)
                {
                    // Canonical encoding: the unused low 4 bits of the second character must be zero (RFC 4648 3.5).
                    if ((c1 & LowFourBitsMask) != 0)
                    {
                        return false;
                    }

                    result[o] = (byte)((c0 << 2) | (c1 >> 4));
                    break;
                }

                int c2 = ValueOf(text[i + 2]);
                if (last && padding == 1)
                {
                    // The unused low 2 bits of the third character must be zero.
                    if ((c2 & LowTwoBitsMask) != 0)
                    {
                        return false;
                    }

                    int pair = (c0 << 10) | (c1 << 4) | (c2 >> 2);
                    result[o] = (byte)(pair >> 8);
                    result[o + 1] = (byte)pair;
                    break;
                }

                int group = (c0 << 18) | (c1 << 12) | (c2 << 6) | ValueOf(text[i + 3]);
                result[o++] = (byte)(group >> 16);
                result[o++] = (byte)(group >> 8);
                result[o++] = (byte)group;
            }

            bytes = result;
            return true;
        }

        private static byte[] CreateAlphabet()
        {
            byte[] alphabet = new byte[64];
            for (int i = 0; i < 26; i++)
            {
                alphabet[i] = (byte)('A' + i);
                alphabet[26 + i] = (byte)('a' + i);
            }

            for (int i = 0; i < 10; i++)
            {
                alphabet[52 + i] = (byte)('0' + i);
            }

            alphabet[62] = (byte)'+';
            alphabet[63] = (byte)'/';
            return alphabet;
        }

        private static int ValueOf(char c)
        {
            if (c >= 'A' && c <= 'Z')
            {
                return c - 'A';
            }

            if (c >= 'a' && c <= 'z')
            {
                return c - 'a' + 26;
            }

            if (c >= '0' && c <= '9')
            {
                return c - '0' + 52;
            }

            if (c == '+')
            {
                return 62;
            }

            if (c == '/')
            {
                return 63;
            }

            return -1;
        }
    }
}

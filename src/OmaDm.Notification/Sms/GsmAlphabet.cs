// GSM 7-bit default alphabet and its packing (3GPP TS 23.038 6.1.2.1, 6.2.1, 6.2.1.1).
//
// Packing: septets are laid into octets least significant bit first; septet n starts at bit (7 * n) of the stream.
//
//   octet 0: s1[0] s0[6..0]          (bit 7 .. bit 0)
//   octet 1: s2[1..0] s1[6..1]
//   ...
//
// The escape septet 0x1B selects the extension table for the next septet (6.2.1.1); a code without an extension
// character shows the basic table's character, as the clause requires.
namespace OmaDm.Notification.Sms
{
    /// <summary>
    /// The GSM 7-bit default alphabet (3GPP TS 23.038 6.2.1) with the default extension table, and septet packing.
    /// Used for alphanumeric originating addresses (3GPP TS 23.040 9.1.2.5).
    /// </summary>
    public static class GsmAlphabet
    {
        /// <summary>The escape septet that selects the extension table (3GPP TS 23.038 6.2.1.1).</summary>
        public const int Escape = 0x1B;

        private const int SeptetBits = 7;
        private const int SeptetMask = 0x7F;
        private const int OctetBits = 8;

        // 23.038 6.2.1, indexed by septet value. 0x1B (escape) maps to a space when it cannot be followed. Static
        // readonly, not const: on nanoCLR every index into a const string loads a new copy of the whole string (ldstr).
        private static readonly string BasicTable =
            "@\u00A3$\u00A5\u00E8\u00E9\u00F9\u00EC\u00F2\u00C7\n\u00D8\u00F8\r\u00C5\u00E5" +
            "\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E \u00C6\u00E6\u00DF\u00C9" +
            " !\"#\u00A4%&'()*+,-./" +
            "0123456789:;<=>?" +
            "\u00A1ABCDEFGHIJKLMNO" +
            "PQRSTUVWXYZ\u00C4\u00D6\u00D1\u00DC\u00A7" +
            "\u00BFabcdefghijklmno" +
            "pqrstuvwxyz\u00E4\u00F6\u00F1\u00FC\u00E0";

        // 23.038 6.2.1.1: septet after the escape, and the character it stands for.
        private static readonly string ExtensionCodes = "\u000A\u0014\u0028\u0029\u002F\u003C\u003D\u003E\u0040\u0065";
        private static readonly string ExtensionChars = "\u000C^{}\\[~]|\u20AC";

        /// <summary>Number of octets that hold <paramref name="septetCount"/> packed septets.</summary>
        /// <param name="septetCount">Number of septets (non-negative).</param>
        /// <returns>The octet count, rounded up.</returns>
        public static int PackedLength(int septetCount)
        {
            return ((septetCount * SeptetBits) + OctetBits - 1) / OctetBits;
        }

        /// <summary>
        /// Unpacks <paramref name="septetCount"/> septets from <c>buffer[offset ..]</c> and decodes them to text. The
        /// caller has checked that <see cref="PackedLength"/> octets are available.
        /// </summary>
        /// <param name="buffer">The packed octets.</param>
        /// <param name="offset">Index of the first octet.</param>
        /// <param name="septetCount">Number of septets to decode.</param>
        /// <returns>The text (an escape at the end decodes to nothing).</returns>
        /// <exception cref="System.ArgumentOutOfRangeException">The packed septets lie outside <paramref name="buffer"/>.</exception>
        public static string Decode(byte[] buffer, int offset, int septetCount)
        {
            if (septetCount < 0)
            {
                throw new System.ArgumentOutOfRangeException(nameof(septetCount));
            }

            Buffers.ByteReader.CheckRange(buffer, offset, PackedLength(septetCount));
            char[] text = new char[septetCount];
            int length = 0;
            bool escaped = false;
            for (int n = 0; n < septetCount; n++)
            {
                int septet = SeptetAt(buffer, offset, n);
                if (escaped)
                {
                    text[length++] = ExtensionChar(septet);
                    escaped = false;
                }
                else if (septet == Escape)
                {
                    escaped = true;
                }
                else
                {
                    text[length++] = BasicTable[septet];
                }
            }

            return new string(text, 0, length);
        }

        /// <summary>Encodes text to septets (escape pairs for extension characters), unpacked, one per byte.</summary>
        /// <param name="text">The text.</param>
        /// <param name="septets">The septets, or null when a character is not in the alphabet.</param>
        /// <returns><c>true</c> if every character has a GSM 7-bit code.</returns>
        public static bool TryEncode(string text, out byte[] septets)
        {
            septets = null;
            if (text == null)
            {
                return false;
            }

            byte[] result = new byte[text.Length * 2];
            int length = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                int basic = c == ' ' ? 0x20 : BasicTable.IndexOf(c);
                if (basic >= 0 && basic != Escape)
                {
                    result[length++] = (byte)basic;
                    continue;
                }

                int extension = ExtensionChars.IndexOf(c);
                if (extension < 0)
                {
                    return false;
                }

                result[length++] = Escape;
                result[length++] = (byte)ExtensionCodes[extension];
            }

            septets = new byte[length];
            System.Array.Copy(result, septets, length);
            return true;
        }

        /// <summary>Packs septets (one per byte, low seven bits used) into octets.</summary>
        /// <param name="septets">The septets.</param>
        /// <returns>The packed octets, <see cref="PackedLength"/> of them.</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="septets"/> is null.</exception>
        public static byte[] Pack(byte[] septets)
        {
            if (septets == null)
            {
                throw new System.ArgumentNullException(nameof(septets));
            }

            byte[] packed = new byte[PackedLength(septets.Length)];
            for (int n = 0; n < septets.Length; n++)
            {
                int bit = n * SeptetBits;
                int value = septets[n] & SeptetMask;
                packed[bit / OctetBits] |= (byte)(value << (bit % OctetBits));
                int spill = (bit % OctetBits) + SeptetBits - OctetBits;
                if (spill > 0)
                {
                    packed[(bit / OctetBits) + 1] |= (byte)(value >> (SeptetBits - spill));
                }
            }

            return packed;
        }

        private static int SeptetAt(byte[] buffer, int offset, int n)
        {
            int bit = n * SeptetBits;
            int index = offset + (bit / OctetBits);
            int shift = bit % OctetBits;
            int value = buffer[index] >> shift;
            if (shift > OctetBits - SeptetBits)
            {
                value |= buffer[index + 1] << (OctetBits - shift);
            }

            return value & SeptetMask;
        }

        private static char ExtensionChar(int septet)
        {
            int index = ExtensionCodes.IndexOf((char)septet);
            return index >= 0 ? ExtensionChars[index] : BasicTable[septet];
        }
    }
}

namespace OmaDm.Notification.Buffers
{
    /// <summary>
    /// Hexadecimal text for bytes: modems exchange PDUs as hex (3GPP TS 27.005 PDU mode), logs and the host tool print
    /// them. The device has no <c>Convert.ToHexString</c>, so this is the one converter every layer uses.
    /// </summary>
    public static class Hex
    {
        private const string UpperDigits = "0123456789ABCDEF";
        private const int NibbleBits = 4;
        private const int NibbleMask = 0x0F;

        /// <summary>Formats <c>buffer[offset .. offset+count)</c> as upper-case hex, two characters per byte, no separators.</summary>
        /// <param name="buffer">The bytes.</param>
        /// <param name="offset">Index of the first byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <returns>The hex text; empty for a count of 0.</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public static string ToHex(byte[] buffer, int offset, int count)
        {
            ByteReader.CheckRange(buffer, offset, count);
            char[] text = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                int value = buffer[offset + i];
                text[2 * i] = UpperDigits[value >> NibbleBits];
                text[(2 * i) + 1] = UpperDigits[value & NibbleMask];
            }

            return new string(text);
        }

        /// <summary>
        /// Parses hex text (either case, no separators or prefix) into bytes without throwing: untrusted text from a
        /// modem or a user must not crash the caller.
        /// </summary>
        /// <param name="text">The text; its length must be even.</param>
        /// <param name="bytes">The bytes, or null when the text is not valid hex.</param>
        /// <returns><c>true</c> if every character was a hex digit and the length was even.</returns>
        public static bool TryParse(string text, out byte[] bytes)
        {
            bytes = null;
            if (text == null || (text.Length & 1) != 0)
            {
                return false;
            }

            byte[] result = new byte[text.Length / 2];
            if (!Decode(text, result))
            {
                return false;
            }

            bytes = result;
            return true;
        }

        /// <summary>
        /// Decodes hexadecimal text (either case) into a caller's buffer (a reused one: nothing is allocated). Fails,
        /// without an exception, on an odd length, a non-hex character or text longer than twice the buffer.
        /// </summary>
        /// <param name="text">The text; its length must be even.</param>
        /// <param name="output">Receives the bytes from index 0.</param>
        /// <param name="count">The number of bytes, or 0 on failure.</param>
        /// <returns><c>true</c> if every character was a hex digit, the length even and the bytes fit.</returns>
        public static bool TryParse(string text, byte[] output, out int count)
        {
            count = 0;
            if (text == null || output == null || (text.Length & 1) != 0 || text.Length / 2 > output.Length || !Decode(text, output))
            {
                return false;
            }

            count = text.Length / 2;
            return true;
        }

        private static bool Decode(string text, byte[] output)
        {
            int n = text.Length / 2;
            for (int i = 0; i < n; i++)
            {
                int high = DigitValue(text[2 * i]);
                int low = DigitValue(text[(2 * i) + 1]);
                if (high < 0 || low < 0)
                {
                    return false;
                }

                output[i] = (byte)((high << NibbleBits) | low);
            }

            return true;
        }

        /// <summary>The value of one hex digit (either case), or -1 for any other character.</summary>
        /// <param name="c">The character.</param>
        /// <returns>0..15 or -1.</returns>
        public static int DigitValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return -1;
        }
    }
}

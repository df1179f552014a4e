using System;
using System.Text;

namespace OmaDm.Notification.Tests.TestSupport
{
    /// <summary>Small byte helpers for test vectors (hex text, ASCII, comparison, embedding at an offset).</summary>
    public static class TestBytes
    {
        /// <summary>Parses hex text ("0179ab..."), two digits per byte; spaces are ignored.</summary>
        public static byte[] FromHex(string hex)
        {
            int digits = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] != ' ')
                {
                    digits++;
                }
            }

            byte[] result = new byte[digits / 2];
            int o = 0;
            int high = -1;
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] == ' ')
                {
                    continue;
                }

                int value = Convert.ToInt32(hex.Substring(i, 1), 16);
                if (high < 0)
                {
                    high = value;
                }
                else
                {
                    result[o++] = (byte)((high << 4) | value);
                    high = -1;
                }
            }

            return result;
        }

        /// <summary>Writes bytes as lower-case hex.</summary>
        public static string ToHex(byte[] bytes, int offset, int count)
        {
            StringBuilder text = new StringBuilder(count * 2);
            for (int i = 0; i < count; i++)
            {
                text.Append(bytes[offset + i].ToString("x2"));
            }

            return text.ToString();
        }

        /// <summary>Writes bytes as lower-case hex.</summary>
        public static string ToHex(byte[] bytes)
        {
            return ToHex(bytes, 0, bytes.Length);
        }

        /// <summary>The UTF-8 bytes of a text (ASCII for the vectors used here).</summary>
        public static byte[] Ascii(string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        /// <summary>Concatenates byte arrays.</summary>
        public static byte[] Concat(byte[] first, byte[] second)
        {
            byte[] result = new byte[first.Length + second.Length];
            Array.Copy(first, 0, result, 0, first.Length);
            Array.Copy(second, 0, result, first.Length, second.Length);
            return result;
        }

        /// <summary>Copies <paramref name="bytes"/> into a larger buffer of filler bytes, starting at <paramref name="offset"/>.</summary>
        public static byte[] Embed(byte[] bytes, int offset, int trailing)
        {
            byte[] result = new byte[offset + bytes.Length + trailing];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = 0xA5;
            }

            Array.Copy(bytes, 0, result, offset, bytes.Length);
            return result;
        }

        /// <summary>True when both ranges hold the same bytes.</summary>
        public static bool AreEqual(byte[] expected, byte[] actual, int actualOffset)
        {
            if (actual.Length - actualOffset < expected.Length)
            {
                return false;
            }

            for (int i = 0; i < expected.Length; i++)
            {
                if (expected[i] != actual[actualOffset + i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}

using System;
using System.Text;
using OmaDm.Notification.Buffers;

namespace OmaDm.Notification.Tests.TestSupport
{
    /// <summary>Byte helpers for test vectors: hex text as printed in specs and captures, prefixes, and embedding.</summary>
    public static class TestBytes
    {
        /// <summary>The filler written around an embedded vector; any decoder that reads outside its range sees it.</summary>
        public const byte Filler = 0xA5;

        /// <summary>Parses hex digits (either case; spaces allowed) into bytes, through the core's one hex converter.</summary>
        /// <param name="hex">The text, for example <c>"01 06 03 C4"</c>.</param>
        /// <returns>The bytes; none for empty text.</returns>
        /// <exception cref="ArgumentException">The text holds an odd number of digits or a character that is not one.</exception>
        public static byte[] FromHex(string hex)
        {
            var digits = new StringBuilder(hex.Length);
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] != ' ')
                {
                    digits.Append(hex[i]);
                }
            }

            byte[] bytes;
            if (!Hex.TryParse(digits.ToString(), out bytes))
            {
                throw new ArgumentException("not an even number of hex digits: " + hex, "hex");
            }

            return bytes;
        }

        /// <summary>Encodes ASCII text, one octet per character (no terminator).</summary>
        /// <param name="text">Characters below 128.</param>
        /// <returns>The octets.</returns>
        public static byte[] Ascii(string text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        /// <summary>Encodes a Wireless Session Protocol Text-string: the ASCII octets, then the zero terminator.</summary>
        /// <param name="text">Characters below 128.</param>
        /// <returns>The octets with the terminator.</returns>
        public static byte[] TextString(string text)
        {
            return Concat(Ascii(text), new byte[] { 0 });
        }

        /// <summary>Joins byte arrays.</summary>
        /// <param name="parts">The arrays, in order.</param>
        /// <returns>A new array.</returns>
        public static byte[] Concat(params byte[][] parts)
        {
            int length = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                length += parts[i].Length;
            }

            var result = new byte[length];
            int at = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                Array.Copy(parts[i], 0, result, at, parts[i].Length);
                at += parts[i].Length;
            }

            return result;
        }

        /// <summary>Copies the first <paramref name="length"/> bytes into an array of exactly that length.</summary>
        /// <param name="vector">The source.</param>
        /// <param name="length">How many bytes to keep.</param>
        /// <returns>A new array.</returns>
        public static byte[] Prefix(byte[] vector, int length)
        {
            var result = new byte[length];
            Array.Copy(vector, 0, result, 0, length);
            return result;
        }

        /// <summary>Copies <paramref name="vector"/> into a larger buffer at <paramref name="offset"/>, filler around it.</summary>
        /// <param name="vector">The vector.</param>
        /// <param name="offset">Filler bytes before it.</param>
        /// <param name="after">Filler bytes after it.</param>
        /// <returns>The larger buffer.</returns>
        public static byte[] Embed(byte[] vector, int offset, int after)
        {
            var result = new byte[offset + vector.Length + after];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = Filler;
            }

            Array.Copy(vector, 0, result, offset, vector.Length);
            return result;
        }

        /// <summary>Returns whether <c>actual[offset .. offset+expected.Length)</c> equals <paramref name="expected"/>.</summary>
        /// <param name="expected">The expected bytes.</param>
        /// <param name="actual">The buffer.</param>
        /// <param name="offset">Where to compare in <paramref name="actual"/>.</param>
        /// <param name="count">How many bytes <paramref name="actual"/> claims there; must equal the expected length.</param>
        /// <returns><c>true</c> if equal.</returns>
        public static bool RangeEquals(byte[] expected, byte[] actual, int offset, int count)
        {
            if (count != expected.Length || offset < 0 || offset + count > actual.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (expected[i] != actual[offset + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Writes bytes as upper-case hex (the core's converter), for assertion messages that show both sides.</summary>
        /// <param name="bytes">The buffer.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <returns>The hex text; empty for no bytes.</returns>
        public static string ToHex(byte[] bytes, int offset, int count)
        {
            return Hex.ToHex(bytes, offset, count);
        }

        /// <summary>Writes bytes as upper-case hex.</summary>
        /// <param name="bytes">The bytes.</param>
        /// <returns>The hex text.</returns>
        public static string ToHex(byte[] bytes)
        {
            return ToHex(bytes, 0, bytes.Length);
        }
    }
}

using System;

namespace OmaDm.Notification.Cryptography
{
    /// <summary>Standard base64 with '=' padding (RFC 4648 section 4) into byte buffers, without allocating.</summary>
    public static class Base64
    {
        /// <summary>Number of base64 characters for <paramref name="length"/> bytes (with padding).</summary>
        /// <param name="length">Input length.</param>
        /// <returns>4 * ceil(length / 3).</returns>
        public static int EncodedLength(int length)
        {
            throw new NotImplementedException();
        }

        /// <summary>Encodes <c>input[offset .. offset+count)</c> as ASCII base64 into <paramref name="output"/>.</summary>
        /// <param name="input">Bytes to encode.</param>
        /// <param name="offset">First input byte.</param>
        /// <param name="count">Input length.</param>
        /// <param name="output">Destination.</param>
        /// <param name="outputOffset">First output byte.</param>
        /// <returns>Number of characters written.</returns>
        public static int Encode(byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            throw new NotImplementedException();
        }

        /// <summary>Decodes base64 text (RFC 4648, padding required) without throwing.</summary>
        /// <param name="text">The text.</param>
        /// <param name="bytes">The decoded bytes, or null when the text is not valid base64.</param>
        /// <returns><c>true</c> when the text is valid.</returns>
        public static bool TryDecode(string text, out byte[] bytes)
        {
            throw new NotImplementedException();
        }
    }
}

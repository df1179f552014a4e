using System;

namespace OmaDm.Notification.Cryptography
{
    /// <summary>Incremental MD5 (RFC 1321). Allocates nothing after construction. Not thread-safe.</summary>
    public sealed class Md5
    {
        /// <summary>Length of an MD5 hash in bytes.</summary>
        public const int HashLength = 16;

        /// <summary>Starts a new hash (the constructor already does).</summary>
        public void Reset()
        {
            throw new NotImplementedException();
        }

        /// <summary>Hashes <c>buffer[offset .. offset+count)</c>.</summary>
        /// <param name="buffer">Data.</param>
        /// <param name="offset">Index of the first byte.</param>
        /// <param name="count">Number of bytes.</param>
        public void Append(byte[] buffer, int offset, int count)
        {
            throw new NotImplementedException();
        }

        /// <summary>Hashes one byte.</summary>
        /// <param name="value">The byte.</param>
        public void Append(byte value)
        {
            throw new NotImplementedException();
        }

        /// <summary>Pads, writes the 16-byte hash to <paramref name="output"/> at <paramref name="offset"/>, and resets.</summary>
        /// <param name="output">Destination.</param>
        /// <param name="offset">Index of the first hash byte.</param>
        public void Finish(byte[] output, int offset)
        {
            throw new NotImplementedException();
        }
    }
}

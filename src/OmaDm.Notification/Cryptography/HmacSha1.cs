// HMAC-SHA1, RFC 2104 with H = SHA-1 (FIPS 198-1); test vectors RFC 2202 section 3.
//
//   HMAC(K, m) = H( (K0 ^ opad) || H( (K0 ^ ipad) || m ) )
//
// K0 is the key padded with zeros to the 64-byte block; a key longer than the block is first replaced by its SHA-1
// (RFC 2104 section 2). ipad = 0x36 repeated, opad = 0x5C repeated. The two padded keys are computed once per key, so
// each MAC costs the message's blocks plus four compressions (ipad block, outer ipad-hash block with its padding), and
// allocates nothing.

using System;

namespace OmaDm.Notification.Cryptography
{
    /// <summary>
    /// HMAC-SHA1 (RFC 2104) with a key set once and any number of MACs computed under it. Allocates nothing after
    /// construction (<see cref="SetKey"/> and <see cref="Compute"/> included). Not thread-safe.
    /// </summary>
    public sealed class HmacSha1
    {
        /// <summary>Length of an HMAC-SHA1 value in bytes.</summary>
        public const int MacLength = Sha1.HashLength;

        private const byte InnerPad = 0x36;
        private const byte OuterPad = 0x5C;

        private readonly Sha1 _sha1 = new Sha1();
        private readonly byte[] _innerKey = new byte[Sha1.BlockLength];
        private readonly byte[] _outerKey = new byte[Sha1.BlockLength];
        private readonly byte[] _innerHash = new byte[Sha1.HashLength];
        private bool _hasKey;

        /// <summary>True once <see cref="SetKey"/> was called.</summary>
        public bool HasKey => _hasKey;

        /// <summary>Sets the key for the following <see cref="Compute"/> calls (any length, empty included).</summary>
        /// <param name="key">Key bytes.</param>
        /// <param name="offset">Index of the first key byte.</param>
        /// <param name="count">Key length.</param>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="key"/>.</exception>
        public void SetKey(byte[] key, int offset, int count)
        {
            Buffers.ByteReader.CheckRange(key, offset, count);
            Array.Clear(_innerKey, 0, Sha1.BlockLength);
            if (count > Sha1.BlockLength)
            {
                _sha1.Reset();
                _sha1.Append(key, offset, count);
                _sha1.Finish(_innerKey, 0);
            }
            else
            {
                Array.Copy(key, offset, _innerKey, 0, count);
            }

            for (int i = 0; i < Sha1.BlockLength; i++)
            {
                byte k = _innerKey[i];
                _innerKey[i] = (byte)(k ^ InnerPad);
                _outerKey[i] = (byte)(k ^ OuterPad);
            }

            _hasKey = true;
        }

        /// <summary>Forgets the key (overwrites the padded key blocks).</summary>
        public void ClearKey()
        {
            Array.Clear(_innerKey, 0, Sha1.BlockLength);
            Array.Clear(_outerKey, 0, Sha1.BlockLength);
            Array.Clear(_innerHash, 0, Sha1.HashLength);
            _hasKey = false;
        }

        /// <summary>Computes the MAC of <c>buffer[offset .. offset+count)</c> under the current key.</summary>
        /// <param name="buffer">Message.</param>
        /// <param name="offset">Index of the first message byte.</param>
        /// <param name="count">Message length.</param>
        /// <param name="output">Destination of the 20-byte MAC.</param>
        /// <param name="outputOffset">Index of the first MAC byte.</param>
        /// <exception cref="InvalidOperationException">No key was set.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> or <paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A range lies outside its buffer.</exception>
        public void Compute(byte[] buffer, int offset, int count, byte[] output, int outputOffset)
        {
            if (!_hasKey)
            {
                throw new InvalidOperationException("No key.");
            }

            Buffers.ByteReader.CheckRange(buffer, offset, count);
            Buffers.ByteReader.CheckRange(output, outputOffset, MacLength);
            _sha1.Reset();
            _sha1.Append(_innerKey, 0, Sha1.BlockLength);
            _sha1.Append(buffer, offset, count);
            _sha1.Finish(_innerHash, 0);
            _sha1.Append(_outerKey, 0, Sha1.BlockLength);
            _sha1.Append(_innerHash, 0, Sha1.HashLength);
            _sha1.Finish(output, outputOffset);
        }

        /// <summary>
        /// Compares two byte ranges in time that depends only on <paramref name="count"/>, never on where they differ,
        /// so a forger learns nothing from how long a MAC comparison took.
        /// </summary>
        /// <param name="a">First buffer.</param>
        /// <param name="aOffset">Index in <paramref name="a"/>.</param>
        /// <param name="b">Second buffer.</param>
        /// <param name="bOffset">Index in <paramref name="b"/>.</param>
        /// <param name="count">Bytes to compare.</param>
        /// <returns><c>true</c> when the ranges are equal.</returns>
        public static bool FixedTimeEquals(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            Buffers.ByteReader.CheckRange(a, aOffset, count);
            Buffers.ByteReader.CheckRange(b, bOffset, count);
            int difference = 0;
            for (int i = 0; i < count; i++)
            {
                difference |= a[aOffset + i] ^ b[bOffset + i];
            }

            return difference == 0;
        }
    }
}

// SHA-1 message digest, FIPS 180-4 section 6.1 (and RFC 3174, which restates it with reference code).
//
// The message is processed in 64-byte blocks, each read as sixteen 32-bit BIG-endian words W[0..15]:
//
//   | block 0 (64 bytes) | block 1 | ... | last data bytes | 0x80 | 0x00 ... 0x00 | bit length (8 bytes, BE) |
//                                        \_______________ padded to a multiple of 64 bytes ________________/
//
// Padding (FIPS 180-4 5.1.1) is BlockHash's, with the bit length big-endian.
//
// State (FIPS 180-4 5.3.1): H0..H4 = 67452301 EFCDAB89 98BADCFE 10325476 C3D2E1F0. Each block expands its sixteen words
// to eighty (W[t] = (W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]) <<< 1, 6.1.2 step 1), then runs eighty steps in four rounds
// of twenty with f = Ch, Parity, Maj, Parity and K = 5A827999, 6ED9EBA1, 8F1BBCDC, CA62C1D6 (4.1.1, 4.2.1). The hash is
// H0..H4 written big-endian.
//
// Allocation: the 80-word schedule is a field created by the constructor, so Reset/Append/Finish allocate nothing
// (nanoFramework has no SHA-1 of its own).

using System;

namespace OmaDm.Notification.Cryptography
{
    /// <summary>Incremental SHA-1 (FIPS 180-4, RFC 3174). Allocates nothing after construction. Not thread-safe.</summary>
    public sealed class Sha1 : BlockHash
    {
        /// <summary>Length of a SHA-1 hash in bytes.</summary>
        public const int HashLength = 20;

        private const int ScheduleLength = 80;

        // Initial hash value (FIPS 180-4 5.3.1).
        private const uint InitialH0 = 0x67452301;
        private const uint InitialH1 = 0xEFCDAB89;
        private const uint InitialH2 = 0x98BADCFE;
        private const uint InitialH3 = 0x10325476;
        private const uint InitialH4 = 0xC3D2E1F0;

        // Round constants (FIPS 180-4 4.2.1).
        private const uint K0 = 0x5A827999;
        private const uint K1 = 0x6ED9EBA1;
        private const uint K2 = 0x8F1BBCDC;
        private const uint K3 = 0xCA62C1D6;

        private readonly uint[] _w = new uint[ScheduleLength];
        private uint _h0;
        private uint _h1;
        private uint _h2;
        private uint _h3;
        private uint _h4;

        /// <summary>Creates a hash, ready for <see cref="BlockHash.Append(byte[], int, int)"/>.</summary>
        public Sha1()
            : base(HashLength, true)
        {
            Reset();
        }

        /// <inheritdoc/>
        protected override void ResetState()
        {
            _h0 = InitialH0;
            _h1 = InitialH1;
            _h2 = InitialH2;
            _h3 = InitialH3;
            _h4 = InitialH4;
        }

        /// <inheritdoc/>
        protected override void WriteHash(byte[] output, int offset)
        {
            WriteWord(_h0, output, offset);
            WriteWord(_h1, output, offset + 4);
            WriteWord(_h2, output, offset + 8);
            WriteWord(_h3, output, offset + 12);
            WriteWord(_h4, output, offset + 16);
        }

        /// <summary>Hashes <c>buffer[offset .. offset+count)</c> in one call (allocates one <see cref="Sha1"/>).</summary>
        /// <param name="buffer">Data.</param>
        /// <param name="offset">Index of the first byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <param name="output">Destination of the 20-byte hash.</param>
        /// <param name="outputOffset">Index of the first hash byte.</param>
        public static void Hash(byte[] buffer, int offset, int count, byte[] output, int outputOffset)
        {
            Sha1 sha1 = new Sha1();
            sha1.Append(buffer, offset, count);
            sha1.Finish(output, outputOffset);
        }

        private static void WriteWord(uint value, byte[] output, int offset)
        {
            output[offset] = (byte)(value >> 24);
            output[offset + 1] = (byte)(value >> 16);
            output[offset + 2] = (byte)(value >> 8);
            output[offset + 3] = (byte)value;
        }

        // One 64-byte block (FIPS 180-4 6.1.2). Ch is written d ^ (b & (c ^ d)) and Maj (b & c) | (d & (b | c)), the
        // forms with the fewest operations; each step is T = (a <<< 5) + f(b, c, d) + e + K + W[t], then
        // e = d, d = c, c = b <<< 30, b = a, a = T.
        /// <inheritdoc/>
        protected override void ProcessBlock(byte[] block, int p)
        {
            uint[] w = _w;
            for (int t = 0; t < 16; t++, p += 4)
            {
                w[t] = ((uint)block[p] << 24) | ((uint)block[p + 1] << 16) | ((uint)block[p + 2] << 8) | block[p + 3];
            }

            for (int t = 16; t < ScheduleLength; t++)
            {
                uint x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
                w[t] = (x << 1) | (x >> 31);
            }

            uint a = _h0;
            uint b = _h1;
            uint c = _h2;
            uint d = _h3;
            uint e = _h4;
            uint temp;
            for (int t = 0; t < 20; t++)
            {
                temp = ((a << 5) | (a >> 27)) + (d ^ (b & (c ^ d))) + e + K0 + w[t];
                e = d; d = c; c = (b << 30) | (b >> 2); b = a; a = temp;
            }

            for (int t = 20; t < 40; t++)
            {
                temp = ((a << 5) | (a >> 27)) + (b ^ c ^ d) + e + K1 + w[t];
                e = d; d = c; c = (b << 30) | (b >> 2); b = a; a = temp;
            }

            for (int t = 40; t < 60; t++)
            {
                temp = ((a << 5) | (a >> 27)) + ((b & c) | (d & (b | c))) + e + K2 + w[t];
                e = d; d = c; c = (b << 30) | (b >> 2); b = a; a = temp;
            }

            for (int t = 60; t < ScheduleLength; t++)
            {
                temp = ((a << 5) | (a >> 27)) + (b ^ c ^ d) + e + K3 + w[t];
                e = d; d = c; c = (b << 30) | (b >> 2); b = a; a = temp;
            }

            _h0 += a;
            _h1 += b;
            _h2 += c;
            _h3 += d;
            _h4 += e;
        }
    }
}

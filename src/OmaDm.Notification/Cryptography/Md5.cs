// MD5 message digest, RFC 1321 (R. Rivest, April 1992), section 3 and the reference code in appendix A.
//
// The message is processed in 64-byte blocks, each read as sixteen 32-bit LITTLE-endian words X[0..15]:
//
//   | block 0 (64 bytes) | block 1 | ... | last data bytes | 0x80 | 0x00 ... 0x00 | bit length (8 bytes, LE) |
//                                        \_______________ padded to a multiple of 64 bytes ________________/
//
// Padding (RFC 1321 3.1, 3.2): one 0x80 byte, then zero bytes until the length is 56 mod 64, then the message length
// in BITS as a 64-bit little-endian integer. If fewer than 9 bytes remain in the last block, padding spills into one
// extra block.
//
// State (RFC 1321 3.3): four words A, B, C, D initialised to 67452301 EFCDAB89 98BADCFE 10325476. Each block runs four
// rounds of sixteen steps (3.4) with the auxiliary functions F, G, H, I, the sine table T[i] = floor(2^32 abs(sin i))
// and the per-round rotation amounts; the result is added to the state. The hash is A, B, C, D written little-endian.
//
// Buffering, padding and allocation (none after construction) are BlockHash's.

using System;

namespace OmaDm.Notification.Cryptography
{
    /// <summary>Incremental MD5 (RFC 1321). Allocates nothing after construction. Not thread-safe.</summary>
    public sealed class Md5 : BlockHash
    {
        /// <summary>Length of an MD5 hash in bytes.</summary>
        public const int HashLength = 16;

        // Initial state words (RFC 1321 3.3).
        private const uint InitialA = 0x67452301;
        private const uint InitialB = 0xEFCDAB89;
        private const uint InitialC = 0x98BADCFE;
        private const uint InitialD = 0x10325476;

        // Per-round rotation amounts (RFC 1321 appendix A.3, S11..S44) are written into each step of ProcessBlock.

        private uint _a;
        private uint _b;
        private uint _c;
        private uint _d;

        /// <summary>Creates a hash, ready for <see cref="BlockHash.Append(byte[], int, int)"/>.</summary>
        public Md5()
            : base(HashLength, false)
        {
            Reset();
        }

        /// <inheritdoc/>
        protected override void ResetState()
        {
            _a = InitialA;
            _b = InitialB;
            _c = InitialC;
            _d = InitialD;
        }

        /// <inheritdoc/>
        protected override void WriteHash(byte[] output, int offset)
        {
            WriteWord(_a, output, offset);
            WriteWord(_b, output, offset + 4);
            WriteWord(_c, output, offset + 8);
            WriteWord(_d, output, offset + 12);
        }

        /// <summary>Hashes <c>buffer[offset .. offset+count)</c> in one call (allocates one <see cref="Md5"/>).</summary>
        /// <param name="buffer">Data.</param>
        /// <param name="offset">Index of the first byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <param name="output">Destination of the 16-byte hash.</param>
        /// <param name="outputOffset">Index of the first hash byte.</param>
        public static void Hash(byte[] buffer, int offset, int count, byte[] output, int outputOffset)
        {
            Md5 md5 = new Md5();
            md5.Append(buffer, offset, count);
            md5.Finish(output, outputOffset);
        }

        private static void WriteWord(uint value, byte[] output, int offset)
        {
            output[offset] = (byte)value;
            output[offset + 1] = (byte)(value >> 8);
            output[offset + 2] = (byte)(value >> 16);
            output[offset + 3] = (byte)(value >> 24);
        }

        // One 64-byte block (RFC 1321 3.4), written for an interpreter: the sixteen words and the four state words are
        // locals, every step is inline (no call per step, no array access per word), and each round function is in
        // the form with the fewest operations: F = d ^ (b & (c ^ d)) is (b & c) | (~b & d), G = c ^ (d & (b ^ c)) is
        // (b & d) | (c & ~d). Each step is a = b + ((a + f(b, c, d) + X[k] + T[i]) <<< s), the rotation written out.
        /// <inheritdoc/>
        protected override void ProcessBlock(byte[] block, int p)
        {
            uint x0 = block[p] | ((uint)block[p + 1] << 8) | ((uint)block[p + 2] << 16) | ((uint)block[p + 3] << 24);
            uint x1 = block[p + 4] | ((uint)block[p + 5] << 8) | ((uint)block[p + 6] << 16) | ((uint)block[p + 7] << 24);
            uint x2 = block[p + 8] | ((uint)block[p + 9] << 8) | ((uint)block[p + 10] << 16) | ((uint)block[p + 11] << 24);
            uint x3 = block[p + 12] | ((uint)block[p + 13] << 8) | ((uint)block[p + 14] << 16) | ((uint)block[p + 15] << 24);
            uint x4 = block[p + 16] | ((uint)block[p + 17] << 8) | ((uint)block[p + 18] << 16) | ((uint)block[p + 19] << 24);
            uint x5 = block[p + 20] | ((uint)block[p + 21] << 8) | ((uint)block[p + 22] << 16) | ((uint)block[p + 23] << 24);
            uint x6 = block[p + 24] | ((uint)block[p + 25] << 8) | ((uint)block[p + 26] << 16) | ((uint)block[p + 27] << 24);
            uint x7 = block[p + 28] | ((uint)block[p + 29] << 8) | ((uint)block[p + 30] << 16) | ((uint)block[p + 31] << 24);
            uint x8 = block[p + 32] | ((uint)block[p + 33] << 8) | ((uint)block[p + 34] << 16) | ((uint)block[p + 35] << 24);
            uint x9 = block[p + 36] | ((uint)block[p + 37] << 8) | ((uint)block[p + 38] << 16) | ((uint)block[p + 39] << 24);
            uint x10 = block[p + 40] | ((uint)block[p + 41] << 8) | ((uint)block[p + 42] << 16) | ((uint)block[p + 43] << 24);
            uint x11 = block[p + 44] | ((uint)block[p + 45] << 8) | ((uint)block[p + 46] << 16) | ((uint)block[p + 47] << 24);
            uint x12 = block[p + 48] | ((uint)block[p + 49] << 8) | ((uint)block[p + 50] << 16) | ((uint)block[p + 51] << 24);
            uint x13 = block[p + 52] | ((uint)block[p + 53] << 8) | ((uint)block[p + 54] << 16) | ((uint)block[p + 55] << 24);
            uint x14 = block[p + 56] | ((uint)block[p + 57] << 8) | ((uint)block[p + 58] << 16) | ((uint)block[p + 59] << 24);
            uint x15 = block[p + 60] | ((uint)block[p + 61] << 8) | ((uint)block[p + 62] << 16) | ((uint)block[p + 63] << 24);

            uint a = _a;
            uint b = _b;
            uint c = _c;
            uint d = _d;

            // Round 1 (F, T[1..16]).
            a += (d ^ (b & (c ^ d))) + x0 + 0xD76AA478; a = b + ((a << 7) | (a >> 25));
            d += (c ^ (a & (b ^ c))) + x1 + 0xE8C7B756; d = a + ((d << 12) | (d >> 20));
            c += (b ^ (d & (a ^ b))) + x2 + 0x242070DB; c = d + ((c << 17) | (c >> 15));
            b += (a ^ (c & (d ^ a))) + x3 + 0xC1BDCEEE; b = c + ((b << 22) | (b >> 10));
            a += (d ^ (b & (c ^ d))) + x4 + 0xF57C0FAF; a = b + ((a << 7) | (a >> 25));
            d += (c ^ (a & (b ^ c))) + x5 + 0x4787C62A; d = a + ((d << 12) | (d >> 20));
            c += (b ^ (d & (a ^ b))) + x6 + 0xA8304613; c = d + ((c << 17) | (c >> 15));
            b += (a ^ (c & (d ^ a))) + x7 + 0xFD469501; b = c + ((b << 22) | (b >> 10));
            a += (d ^ (b & (c ^ d))) + x8 + 0x698098D8; a = b + ((a << 7) | (a >> 25));
            d += (c ^ (a & (b ^ c))) + x9 + 0x8B44F7AF; d = a + ((d << 12) | (d >> 20));
            c += (b ^ (d & (a ^ b))) + x10 + 0xFFFF5BB1; c = d + ((c << 17) | (c >> 15));
            b += (a ^ (c & (d ^ a))) + x11 + 0x895CD7BE; b = c + ((b << 22) | (b >> 10));
            a += (d ^ (b & (c ^ d))) + x12 + 0x6B901122; a = b + ((a << 7) | (a >> 25));
            d += (c ^ (a & (b ^ c))) + x13 + 0xFD987193; d = a + ((d << 12) | (d >> 20));
            c += (b ^ (d & (a ^ b))) + x14 + 0xA679438E; c = d + ((c << 17) | (c >> 15));
            b += (a ^ (c & (d ^ a))) + x15 + 0x49B40821; b = c + ((b << 22) | (b >> 10));

            // Round 2 (G, T[17..32]).
            a += (c ^ (d & (b ^ c))) + x1 + 0xF61E2562; a = b + ((a << 5) | (a >> 27));
            d += (b ^ (c & (a ^ b))) + x6 + 0xC040B340; d = a + ((d << 9) | (d >> 23));
            c += (a ^ (b & (d ^ a))) + x11 + 0x265E5A51; c = d + ((c << 14) | (c >> 18));
            b += (d ^ (a & (c ^ d))) + x0 + 0xE9B6C7AA; b = c + ((b << 20) | (b >> 12));
            a += (c ^ (d & (b ^ c))) + x5 + 0xD62F105D; a = b + ((a << 5) | (a >> 27));
            d += (b ^ (c & (a ^ b))) + x10 + 0x02441453; d = a + ((d << 9) | (d >> 23));
            c += (a ^ (b & (d ^ a))) + x15 + 0xD8A1E681; c = d + ((c << 14) | (c >> 18));
            b += (d ^ (a & (c ^ d))) + x4 + 0xE7D3FBC8; b = c + ((b << 20) | (b >> 12));
            a += (c ^ (d & (b ^ c))) + x9 + 0x21E1CDE6; a = b + ((a << 5) | (a >> 27));
            d += (b ^ (c & (a ^ b))) + x14 + 0xC33707D6; d = a + ((d << 9) | (d >> 23));
            c += (a ^ (b & (d ^ a))) + x3 + 0xF4D50D87; c = d + ((c << 14) | (c >> 18));
            b += (d ^ (a & (c ^ d))) + x8 + 0x455A14ED; b = c + ((b << 20) | (b >> 12));
            a += (c ^ (d & (b ^ c))) + x13 + 0xA9E3E905; a = b + ((a << 5) | (a >> 27));
            d += (b ^ (c & (a ^ b))) + x2 + 0xFCEFA3F8; d = a + ((d << 9) | (d >> 23));
            c += (a ^ (b & (d ^ a))) + x7 + 0x676F02D9; c = d + ((c << 14) | (c >> 18));
            b += (d ^ (a & (c ^ d))) + x12 + 0x8D2A4C8A; b = c + ((b << 20) | (b >> 12));

            // Round 3 (H, T[33..48]).
            a += (b ^ c ^ d) + x5 + 0xFFFA3942; a = b + ((a << 4) | (a >> 28));
            d += (a ^ b ^ c) + x8 + 0x8771F681; d = a + ((d << 11) | (d >> 21));
            c += (d ^ a ^ b) + x11 + 0x6D9D6122; c = d + ((c << 16) | (c >> 16));
            b += (c ^ d ^ a) + x14 + 0xFDE5380C; b = c + ((b << 23) | (b >> 9));
            a += (b ^ c ^ d) + x1 + 0xA4BEEA44; a = b + ((a << 4) | (a >> 28));
            d += (a ^ b ^ c) + x4 + 0x4BDECFA9; d = a + ((d << 11) | (d >> 21));
            c += (d ^ a ^ b) + x7 + 0xF6BB4B60; c = d + ((c << 16) | (c >> 16));
            b += (c ^ d ^ a) + x10 + 0xBEBFBC70; b = c + ((b << 23) | (b >> 9));
            a += (b ^ c ^ d) + x13 + 0x289B7EC6; a = b + ((a << 4) | (a >> 28));
            d += (a ^ b ^ c) + x0 + 0xEAA127FA; d = a + ((d << 11) | (d >> 21));
            c += (d ^ a ^ b) + x3 + 0xD4EF3085; c = d + ((c << 16) | (c >> 16));
            b += (c ^ d ^ a) + x6 + 0x04881D05; b = c + ((b << 23) | (b >> 9));
            a += (b ^ c ^ d) + x9 + 0xD9D4D039; a = b + ((a << 4) | (a >> 28));
            d += (a ^ b ^ c) + x12 + 0xE6DB99E5; d = a + ((d << 11) | (d >> 21));
            c += (d ^ a ^ b) + x15 + 0x1FA27CF8; c = d + ((c << 16) | (c >> 16));
            b += (c ^ d ^ a) + x2 + 0xC4AC5665; b = c + ((b << 23) | (b >> 9));

            // Round 4 (I, T[49..64]).
            a += (c ^ (b | ~d)) + x0 + 0xF4292244; a = b + ((a << 6) | (a >> 26));
            d += (b ^ (a | ~c)) + x7 + 0x432AFF97; d = a + ((d << 10) | (d >> 22));
            c += (a ^ (d | ~b)) + x14 + 0xAB9423A7; c = d + ((c << 15) | (c >> 17));
            b += (d ^ (c | ~a)) + x5 + 0xFC93A039; b = c + ((b << 21) | (b >> 11));
            a += (c ^ (b | ~d)) + x12 + 0x655B59C3; a = b + ((a << 6) | (a >> 26));
            d += (b ^ (a | ~c)) + x3 + 0x8F0CCC92; d = a + ((d << 10) | (d >> 22));
            c += (a ^ (d | ~b)) + x10 + 0xFFEFF47D; c = d + ((c << 15) | (c >> 17));
            b += (d ^ (c | ~a)) + x1 + 0x85845DD1; b = c + ((b << 21) | (b >> 11));
            a += (c ^ (b | ~d)) + x8 + 0x6FA87E4F; a = b + ((a << 6) | (a >> 26));
            d += (b ^ (a | ~c)) + x15 + 0xFE2CE6E0; d = a + ((d << 10) | (d >> 22));
            c += (a ^ (d | ~b)) + x6 + 0xA3014314; c = d + ((c << 15) | (c >> 17));
            b += (d ^ (c | ~a)) + x13 + 0x4E0811A1; b = c + ((b << 21) | (b >> 11));
            a += (c ^ (b | ~d)) + x4 + 0xF7537E82; a = b + ((a << 6) | (a >> 26));
            d += (b ^ (a | ~c)) + x11 + 0xBD3AF235; d = a + ((d << 10) | (d >> 22));
            c += (a ^ (d | ~b)) + x2 + 0x2AD7D2BB; c = d + ((c << 15) | (c >> 17));
            b += (d ^ (c | ~a)) + x9 + 0xEB86D391; b = c + ((b << 21) | (b >> 11));

            _a += a;
            _b += b;
            _c += c;
            _d += d;
        }
    }
}

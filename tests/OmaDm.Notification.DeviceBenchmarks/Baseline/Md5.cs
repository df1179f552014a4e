// BENCHMARK BASELINE ONLY: a verbatim copy of src/OmaDm.Notification/Cryptography/Md5.cs as it was before the interpreter work (commit
// f79157e), in its own namespace, so the device benchmarks time the old and the new code side by side in
// one run. Not used by any device code; do not fix or extend it.

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
// Allocation: every buffer is a field created by the constructor, so Reset/Append/Finish allocate nothing. Whole blocks
// are hashed straight from the caller's buffer; only a partial block is copied into the 64-byte tail buffer.

using System;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Trigger;
using OmaDm.Notification.Wsp;

namespace OmaDm.Notification.DeviceBenchmarks.Baseline
{
    /// <summary>Incremental MD5 (RFC 1321). Allocates nothing after construction. Not thread-safe.</summary>
    public sealed class Md5
    {
        /// <summary>Length of an MD5 hash in bytes.</summary>
        public const int HashLength = 16;

        /// <summary>Length of an MD5 input block in bytes (512 bits).</summary>
        public const int BlockLength = 64;

        private const int WordsPerBlock = 16;

        // The last 8 bytes of the final block carry the bit length (RFC 1321 3.2).
        private const int LengthFieldLength = 8;
        private const int LengthFieldOffset = BlockLength - LengthFieldLength;

        // The first padding byte: a single 1 bit followed by zeros (RFC 1321 3.1).
        private const byte PaddingFirstByte = 0x80;

        // Initial state words (RFC 1321 3.3).
        private const uint InitialA = 0x67452301;
        private const uint InitialB = 0xEFCDAB89;
        private const uint InitialC = 0x98BADCFE;
        private const uint InitialD = 0x10325476;

        // Per-round rotation amounts (RFC 1321 appendix A.3, S11..S44).
        private const int S11 = 7;
        private const int S12 = 12;
        private const int S13 = 17;
        private const int S14 = 22;
        private const int S21 = 5;
        private const int S22 = 9;
        private const int S23 = 14;
        private const int S24 = 20;
        private const int S31 = 4;
        private const int S32 = 11;
        private const int S33 = 16;
        private const int S34 = 23;
        private const int S41 = 6;
        private const int S42 = 10;
        private const int S43 = 15;
        private const int S44 = 21;

        private readonly uint[] _words = new uint[WordsPerBlock];
        private readonly byte[] _tail = new byte[BlockLength];
        private uint _a;
        private uint _b;
        private uint _c;
        private uint _d;
        private int _tailLength;
        private long _totalBytes;

        /// <summary>Creates a hash, ready for <see cref="Append(byte[], int, int)"/>.</summary>
        public Md5()
        {
            Reset();
        }

        /// <summary>Starts a new hash (the constructor already does).</summary>
        public void Reset()
        {
            _a = InitialA;
            _b = InitialB;
            _c = InitialC;
            _d = InitialD;
            _tailLength = 0;
            _totalBytes = 0;
        }

        /// <summary>Hashes <c>buffer[offset .. offset+count)</c>.</summary>
        /// <param name="buffer">Data.</param>
        /// <param name="offset">Index of the first byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public void Append(byte[] buffer, int offset, int count)
        {
            Buffers.ByteReader.CheckRange(buffer, offset, count);
            _totalBytes += count;

            if (_tailLength > 0)
            {
                int take = BlockLength - _tailLength;
                if (take > count)
                {
                    take = count;
                }

                Array.Copy(buffer, offset, _tail, _tailLength, take);
                _tailLength += take;
                offset += take;
                count -= take;
                if (_tailLength < BlockLength)
                {
                    return;
                }

                ProcessBlock(_tail, 0);
                _tailLength = 0;
            }

            while (count >= BlockLength)
            {
                ProcessBlock(buffer, offset);
                offset += BlockLength;
                count -= BlockLength;
            }

            if (count > 0)
            {
                Array.Copy(buffer, offset, _tail, 0, count);
                _tailLength = count;
            }
        }

        /// <summary>Hashes one byte.</summary>
        /// <param name="value">The byte.</param>
        public void Append(byte value)
        {
            _totalBytes++;
            _tail[_tailLength++] = value;
            if (_tailLength == BlockLength)
            {
                ProcessBlock(_tail, 0);
                _tailLength = 0;
            }
        }

        /// <summary>Pads, writes the 16-byte hash to <paramref name="output"/> at <paramref name="offset"/>, and resets.</summary>
        /// <param name="output">Destination.</param>
        /// <param name="offset">Index of the first hash byte.</param>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">Fewer than 16 bytes fit at <paramref name="offset"/>.</exception>
        public void Finish(byte[] output, int offset)
        {
            Buffers.ByteReader.CheckRange(output, offset, HashLength);

            long bitLength = _totalBytes << 3;
            _tail[_tailLength++] = PaddingFirstByte;
            if (_tailLength > LengthFieldOffset)
            {
                // No room for the length: pad this block out and put the length into one more block.
                ClearTail(_tailLength, BlockLength);
                ProcessBlock(_tail, 0);
                _tailLength = 0;
            }

            ClearTail(_tailLength, LengthFieldOffset);
            for (int i = 0; i < LengthFieldLength; i++)
            {
                _tail[LengthFieldOffset + i] = (byte)(bitLength >> (8 * i));
            }

            ProcessBlock(_tail, 0);

            WriteWord(_a, output, offset);
            WriteWord(_b, output, offset + 4);
            WriteWord(_c, output, offset + 8);
            WriteWord(_d, output, offset + 12);
            Reset();
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

        private void ClearTail(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                _tail[i] = 0;
            }
        }

        private static void WriteWord(uint value, byte[] output, int offset)
        {
            output[offset] = (byte)value;
            output[offset + 1] = (byte)(value >> 8);
            output[offset + 2] = (byte)(value >> 16);
            output[offset + 3] = (byte)(value >> 24);
        }

        private static uint RotateLeft(uint value, int bits)
        {
            return (value << bits) | (value >> (32 - bits));
        }

        // The four steps of RFC 1321 3.4: a = b + ((a + f(b,c,d) + X[k] + T[i]) <<< s).
        private static uint StepF(uint a, uint b, uint c, uint d, uint x, int s, uint t)
        {
            return b + RotateLeft(a + ((b & c) | (~b & d)) + x + t, s);
        }

        private static uint StepG(uint a, uint b, uint c, uint d, uint x, int s, uint t)
        {
            return b + RotateLeft(a + ((b & d) | (c & ~d)) + x + t, s);
        }

        private static uint StepH(uint a, uint b, uint c, uint d, uint x, int s, uint t)
        {
            return b + RotateLeft(a + (b ^ c ^ d) + x + t, s);
        }

        private static uint StepI(uint a, uint b, uint c, uint d, uint x, int s, uint t)
        {
            return b + RotateLeft(a + (c ^ (b | ~d)) + x + t, s);
        }

        private void ProcessBlock(byte[] block, int offset)
        {
            uint[] x = _words;
            for (int i = 0; i < WordsPerBlock; i++)
            {
                int p = offset + (i << 2);
                x[i] = block[p] | ((uint)block[p + 1] << 8) | ((uint)block[p + 2] << 16) | ((uint)block[p + 3] << 24);
            }

            uint a = _a;
            uint b = _b;
            uint c = _c;
            uint d = _d;

            // Round 1 (RFC 1321 3.4, T[1..16]).
            a = StepF(a, b, c, d, x[0], S11, 0xD76AA478);
            d = StepF(d, a, b, c, x[1], S12, 0xE8C7B756);
            c = StepF(c, d, a, b, x[2], S13, 0x242070DB);
            b = StepF(b, c, d, a, x[3], S14, 0xC1BDCEEE);
            a = StepF(a, b, c, d, x[4], S11, 0xF57C0FAF);
            d = StepF(d, a, b, c, x[5], S12, 0x4787C62A);
            c = StepF(c, d, a, b, x[6], S13, 0xA8304613);
            b = StepF(b, c, d, a, x[7], S14, 0xFD469501);
            a = StepF(a, b, c, d, x[8], S11, 0x698098D8);
            d = StepF(d, a, b, c, x[9], S12, 0x8B44F7AF);
            c = StepF(c, d, a, b, x[10], S13, 0xFFFF5BB1);
            b = StepF(b, c, d, a, x[11], S14, 0x895CD7BE);
            a = StepF(a, b, c, d, x[12], S11, 0x6B901122);
            d = StepF(d, a, b, c, x[13], S12, 0xFD987193);
            c = StepF(c, d, a, b, x[14], S13, 0xA679438E);
            b = StepF(b, c, d, a, x[15], S14, 0x49B40821);

            // Round 2 (T[17..32]).
            a = StepG(a, b, c, d, x[1], S21, 0xF61E2562);
            d = StepG(d, a, b, c, x[6], S22, 0xC040B340);
            c = StepG(c, d, a, b, x[11], S23, 0x265E5A51);
            b = StepG(b, c, d, a, x[0], S24, 0xE9B6C7AA);
            a = StepG(a, b, c, d, x[5], S21, 0xD62F105D);
            d = StepG(d, a, b, c, x[10], S22, 0x02441453);
            c = StepG(c, d, a, b, x[15], S23, 0xD8A1E681);
            b = StepG(b, c, d, a, x[4], S24, 0xE7D3FBC8);
            a = StepG(a, b, c, d, x[9], S21, 0x21E1CDE6);
            d = StepG(d, a, b, c, x[14], S22, 0xC33707D6);
            c = StepG(c, d, a, b, x[3], S23, 0xF4D50D87);
            b = StepG(b, c, d, a, x[8], S24, 0x455A14ED);
            a = StepG(a, b, c, d, x[13], S21, 0xA9E3E905);
            d = StepG(d, a, b, c, x[2], S22, 0xFCEFA3F8);
            c = StepG(c, d, a, b, x[7], S23, 0x676F02D9);
            b = StepG(b, c, d, a, x[12], S24, 0x8D2A4C8A);

            // Round 3 (T[33..48]).
            a = StepH(a, b, c, d, x[5], S31, 0xFFFA3942);
            d = StepH(d, a, b, c, x[8], S32, 0x8771F681);
            c = StepH(c, d, a, b, x[11], S33, 0x6D9D6122);
            b = StepH(b, c, d, a, x[14], S34, 0xFDE5380C);
            a = StepH(a, b, c, d, x[1], S31, 0xA4BEEA44);
            d = StepH(d, a, b, c, x[4], S32, 0x4BDECFA9);
            c = StepH(c, d, a, b, x[7], S33, 0xF6BB4B60);
            b = StepH(b, c, d, a, x[10], S34, 0xBEBFBC70);
            a = StepH(a, b, c, d, x[13], S31, 0x289B7EC6);
            d = StepH(d, a, b, c, x[0], S32, 0xEAA127FA);
            c = StepH(c, d, a, b, x[3], S33, 0xD4EF3085);
            b = StepH(b, c, d, a, x[6], S34, 0x04881D05);
            a = StepH(a, b, c, d, x[9], S31, 0xD9D4D039);
            d = StepH(d, a, b, c, x[12], S32, 0xE6DB99E5);
            c = StepH(c, d, a, b, x[15], S33, 0x1FA27CF8);
            b = StepH(b, c, d, a, x[2], S34, 0xC4AC5665);

            // Round 4 (T[49..64]).
            a = StepI(a, b, c, d, x[0], S41, 0xF4292244);
            d = StepI(d, a, b, c, x[7], S42, 0x432AFF97);
            c = StepI(c, d, a, b, x[14], S43, 0xAB9423A7);
            b = StepI(b, c, d, a, x[5], S44, 0xFC93A039);
            a = StepI(a, b, c, d, x[12], S41, 0x655B59C3);
            d = StepI(d, a, b, c, x[3], S42, 0x8F0CCC92);
            c = StepI(c, d, a, b, x[10], S43, 0xFFEFF47D);
            b = StepI(b, c, d, a, x[1], S44, 0x85845DD1);
            a = StepI(a, b, c, d, x[8], S41, 0x6FA87E4F);
            d = StepI(d, a, b, c, x[15], S42, 0xFE2CE6E0);
            c = StepI(c, d, a, b, x[6], S43, 0xA3014314);
            b = StepI(b, c, d, a, x[13], S44, 0x4E0811A1);
            a = StepI(a, b, c, d, x[4], S41, 0xF7537E82);
            d = StepI(d, a, b, c, x[11], S42, 0xBD3AF235);
            c = StepI(c, d, a, b, x[2], S43, 0x2AD7D2BB);
            b = StepI(b, c, d, a, x[9], S44, 0xEB86D391);

            _a += a;
            _b += b;
            _c += c;
            _d += d;
        }
    }
}

// The Merkle-Damgard framing MD5 (RFC 1321 3.1-3.2) and SHA-1 (FIPS 180-4 5.1.1) share:
//
//   | block 0 (64 bytes) | block 1 | ... | last data bytes | 0x80 | 0x00 ... 0x00 | bit length (8 bytes) |
//                                        \_______________ padded to a multiple of 64 bytes ______________/
//
// One 0x80 byte, zero bytes until the length is 56 mod 64, then the message length in BITS as a 64-bit integer
// (little-endian for MD5, big-endian for SHA-1); fewer than 9 free bytes in the last block spill the padding into one
// more block. The subclass owns the state words, the compression function and the hash's byte order.
//
// Allocation: the 64-byte tail is created by the constructor, so Reset/Append/Finish allocate nothing. Whole blocks
// are compressed straight from the caller's buffer; only a partial block is copied into the tail.

using System;

namespace OmaDm.Notification.Cryptography
{
    /// <summary>Buffering and padding of a 64-byte-block hash (MD5, SHA-1). Allocates nothing after construction. Not thread-safe.</summary>
    public abstract class BlockHash
    {
        /// <summary>Length of an input block in bytes (512 bits).</summary>
        public const int BlockLength = 64;

        private const int LengthFieldLength = 8;
        private const int LengthFieldOffset = BlockLength - LengthFieldLength;
        private const byte PaddingFirstByte = 0x80;

        private readonly byte[] _tail = new byte[BlockLength];
        private readonly int _hashLength;
        private readonly bool _bigEndianLength;
        private int _tailLength;
        private long _totalBytes;

        /// <summary>Creates the framing for a hash of <paramref name="hashLength"/> bytes.</summary>
        /// <param name="hashLength">Bytes <see cref="Finish"/> writes.</param>
        /// <param name="bigEndianLength">True when the padding's bit length is big-endian (SHA-1), false for MD5.</param>
        protected BlockHash(int hashLength, bool bigEndianLength)
        {
            _hashLength = hashLength;
            _bigEndianLength = bigEndianLength;
        }

        /// <summary>Starts a new hash (the constructor already does).</summary>
        public void Reset()
        {
            ResetState();
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

        /// <summary>Pads, writes the hash to <paramref name="output"/> at <paramref name="offset"/>, and resets.</summary>
        /// <param name="output">Destination.</param>
        /// <param name="offset">Index of the first hash byte.</param>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The hash does not fit at <paramref name="offset"/>.</exception>
        public void Finish(byte[] output, int offset)
        {
            Buffers.ByteReader.CheckRange(output, offset, _hashLength);

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
                int at = _bigEndianLength ? BlockLength - 1 - i : LengthFieldOffset + i;
                _tail[at] = (byte)(bitLength >> (8 * i));
            }

            ProcessBlock(_tail, 0);
            WriteHash(output, offset);
            Reset();
        }

        /// <summary>Sets the state words to the algorithm's initial values.</summary>
        protected abstract void ResetState();

        /// <summary>Compresses the 64-byte block at <c>block[offset]</c> into the state.</summary>
        /// <param name="block">Buffer holding the block.</param>
        /// <param name="offset">Index of its first byte.</param>
        protected abstract void ProcessBlock(byte[] block, int offset);

        /// <summary>Writes the state as the hash (range already checked).</summary>
        /// <param name="output">Destination.</param>
        /// <param name="offset">Index of the first hash byte.</param>
        protected abstract void WriteHash(byte[] output, int offset);

        private void ClearTail(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                _tail[i] = 0;
            }
        }
    }
}

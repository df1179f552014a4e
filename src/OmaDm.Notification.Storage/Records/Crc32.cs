using OmaDm.Notification.Buffers;

namespace OmaDm.Notification.Storage.Records
{
    /// <summary>
    /// CRC-32 as in ISO 3309 / IEEE 802.3 / zip (reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF);
    /// check value of "123456789" is 0xCBF43926. Detects torn and corrupted record files; it is not a security measure.
    /// </summary>
    public static class Crc32
    {
        private const uint ReflectedPolynomial = 0xEDB88320;
        private const uint InitialValue = 0xFFFFFFFF;

        private static readonly uint[] Table = BuildTable();

        /// <summary>Computes the CRC of a byte range.</summary>
        /// <param name="buffer">Buffer.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The CRC.</returns>
        public static uint Compute(byte[] buffer, int offset, int count)
        {
            return Finish(Update(InitialValue, buffer, offset, count));
        }

        /// <summary>Starts an incremental computation.</summary>
        /// <returns>The running state.</returns>
        public static uint Start()
        {
            return InitialValue;
        }

        /// <summary>Feeds bytes into a running state.</summary>
        /// <param name="state">State from <see cref="Start"/> or a previous update.</param>
        /// <param name="buffer">Buffer.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The new state.</returns>
        public static uint Update(uint state, byte[] buffer, int offset, int count)
        {
            ByteReader.CheckRange(buffer, offset, count);
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                state = Table[(state ^ buffer[i]) & 0xFF] ^ (state >> 8);
            }

            return state;
        }

        /// <summary>Turns a running state into the CRC value.</summary>
        /// <param name="state">The state.</param>
        /// <returns>The CRC.</returns>
        public static uint Finish(uint state)
        {
            return state ^ InitialValue;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}

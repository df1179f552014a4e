using System;
using System.Collections.Generic;

namespace OmaDm.Notification.Tests.HostOnly.Hardening
{
    /// <summary>
    /// Deterministic mutations of test vectors (fixed seed, so a failure names a reproducible input). Structured phase:
    /// every octet position set to 0, 1, max and max-1 for each field width the formats use (8-bit lengths such as UDL,
    /// UDHL, IE lengths, server-id length: 0xFF/0xFE; one-octet uintvar: 0x7F/0x7E; WSP short-length: 0x1F/0x1E), so every
    /// length field is hit wherever it sits; and every truncation. Random phase until the quota: bit flips, inserted
    /// bytes, deleted bytes, a length-field value plus a flip elsewhere, and splices of two vectors.
    /// </summary>
    public static class Mutator
    {
        private static readonly byte[] LengthValues = { 0x00, 0x01, 0xFF, 0xFE, 0x7F, 0x7E, 0x1F, 0x1E };

        /// <summary>Yields at least <paramref name="minimum"/> mutated inputs derived from <paramref name="vectors"/>.</summary>
        public static IEnumerable<byte[]> Mutations(byte[][] vectors, int seed, int minimum)
        {
            var random = new Random(seed);
            int produced = 0;
            foreach (byte[] vector in vectors)
            {
                for (int position = 0; position < vector.Length; position++)
                {
                    foreach (byte value in LengthValues)
                    {
                        byte[] copy = (byte[])vector.Clone();
                        copy[position] = value;
                        produced++;
                        yield return copy;
                    }
                }

                for (int length = 0; length < vector.Length; length++)
                {
                    produced++;
                    yield return vector.AsSpan(0, length).ToArray();
                }
            }

            while (produced < minimum)
            {
                byte[] vector = vectors[random.Next(vectors.Length)];
                produced++;
                switch (random.Next(5))
                {
                    case 0:
                        yield return FlipBits(vector, random);
                        break;
                    case 1:
                        yield return Insert(vector, random);
                        break;
                    case 2:
                        yield return Delete(vector, random);
                        break;
                    case 3:
                        byte[] lengthSet = (byte[])vector.Clone();
                        lengthSet[random.Next(lengthSet.Length)] = LengthValues[random.Next(LengthValues.Length)];
                        yield return random.Next(2) == 0 ? lengthSet : FlipBits(lengthSet, random);
                        break;
                    default:
                        yield return Splice(vector, vectors[random.Next(vectors.Length)], random);
                        break;
                }
            }
        }

        /// <summary>Copies <paramref name="input"/> into a larger buffer of random bytes at a random offset.</summary>
        public static byte[] Embed(byte[] input, Random random, out int offset)
        {
            offset = 1 + random.Next(32);
            byte[] buffer = new byte[offset + input.Length + random.Next(1, 33)];
            random.NextBytes(buffer);
            Buffer.BlockCopy(input, 0, buffer, offset, input.Length);
            return buffer;
        }

        private static byte[] FlipBits(byte[] vector, Random random)
        {
            byte[] copy = (byte[])vector.Clone();
            int flips = 1 + random.Next(8);
            for (int i = 0; i < flips && copy.Length > 0; i++)
            {
                copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
            }

            return copy;
        }

        private static byte[] Insert(byte[] vector, Random random)
        {
            int at = random.Next(vector.Length + 1);
            byte[] inserted = new byte[1 + random.Next(16)];
            if (random.Next(2) == 0)
            {
                random.NextBytes(inserted);
            }
            else
            {
                inserted.AsSpan().Fill(LengthValues[random.Next(LengthValues.Length)]);
            }

            byte[] result = new byte[vector.Length + inserted.Length];
            Buffer.BlockCopy(vector, 0, result, 0, at);
            Buffer.BlockCopy(inserted, 0, result, at, inserted.Length);
            Buffer.BlockCopy(vector, at, result, at + inserted.Length, vector.Length - at);
            return result;
        }

        private static byte[] Delete(byte[] vector, Random random)
        {
            if (vector.Length == 0)
            {
                return vector;
            }

            int at = random.Next(vector.Length);
            int count = Math.Min(1 + random.Next(16), vector.Length - at);
            byte[] result = new byte[vector.Length - count];
            Buffer.BlockCopy(vector, 0, result, 0, at);
            Buffer.BlockCopy(vector, at + count, result, at, vector.Length - at - count);
            return result;
        }

        private static byte[] Splice(byte[] first, byte[] second, Random random)
        {
            int head = random.Next(first.Length + 1);
            int tail = random.Next(second.Length + 1);
            byte[] result = new byte[head + second.Length - tail];
            Buffer.BlockCopy(first, 0, result, 0, head);
            Buffer.BlockCopy(second, tail, result, head, second.Length - tail);
            return result;
        }
    }
}

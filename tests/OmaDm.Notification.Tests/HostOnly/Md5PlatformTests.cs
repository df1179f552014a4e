using System;
using nanoFramework.TestFramework;
using OmaDm.Notification.Cryptography;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>Checks the device MD5 against the platform's on the host, and that it allocates nothing per block.</summary>
    [TestClass]
    public class Md5PlatformTests
    {
        private const int MaxLength = 1100;
        private const int Seed = 1321;

        [TestMethod]
        public void Hash_EveryLengthTo1100RandomContent_MatchesPlatformMd5()
        {
            var random = new Random(Seed);
            byte[] data = new byte[MaxLength];
            random.NextBytes(data);
            byte[] ours = new byte[Md5.HashLength];
            var md5 = new Md5();
            using var platform = System.Security.Cryptography.MD5.Create();
            for (int length = 0; length <= MaxLength; length++)
            {
                byte[] expected = platform.ComputeHash(data, 0, length);

                md5.Append(data, 0, length);
                md5.Finish(ours, 0);
                Assert.AreEqual(Convert.ToHexString(expected), Convert.ToHexString(ours), "length " + length);

                // The same input in uneven pieces, to cross block boundaries at different places.
                int split = length == 0 ? 0 : random.Next(length + 1);
                int split2 = split + (length == split ? 0 : random.Next(length - split + 1));
                md5.Append(data, 0, split);
                md5.Append(data, split, split2 - split);
                md5.Append(data, split2, length - split2);
                md5.Finish(ours, 0);
                Assert.AreEqual(Convert.ToHexString(expected), Convert.ToHexString(ours), "pieces of length " + length);
            }
        }

        [TestMethod]
        public void AppendAndFinish_ManyBlocks_AllocateNothing()
        {
            byte[] data = new byte[4096 + 37];
            new Random(Seed).NextBytes(data);
            byte[] output = new byte[Md5.HashLength];
            var md5 = new Md5();
            md5.Append(data, 0, data.Length);
            md5.Finish(output, 0); // warm up (JIT) before measuring

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 20; round++)
            {
                md5.Append(data, 0, 5);
                md5.Append(data, 5, data.Length - 5);
                md5.Append(0x42);
                md5.Finish(output, 0);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(0L, allocated, "bytes allocated by Append/Finish");
        }
    }
}

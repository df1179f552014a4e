using System;
using System.IO;
using nanoFramework.TestFramework;
using OmaDm.Notification.Tests.Storage;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.FileSystem;
using OmaDm.Notification.Storage.Records;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>The real <see cref="FlashFileSystem"/> on a temporary directory of the host.</summary>
    [TestClass]
    public class FlashFileSystemHostTests
    {
        private static string NewDirectory()
        {
            string dir = Path.Combine(Path.GetTempPath(), "omadm-fs-" + Guid.NewGuid().ToString("N"));
            return dir;
        }

        [TestMethod]
        public void WriteReadExistsDeleteList_RoundTrip()
        {
            string dir = NewDirectory();
            try
            {
                var fs = new FlashFileSystem(dir);
                Assert.IsTrue(Directory.Exists(dir));
                Assert.IsFalse(fs.Exists("x.bin"));
                byte[] data = new byte[] { 9, 1, 2, 3, 9 };
                fs.WriteAllBytes("x.bin", data, 1, 3);
                Assert.IsTrue(fs.Exists("x.bin"));
                byte[] read = fs.ReadAllBytes("x.bin");
                Assert.AreEqual(3, read.Length);
                Assert.AreEqual((byte)1, read[0]);
                Assert.AreEqual((byte)3, read[2]);
                fs.WriteAllBytes("x.bin", data, 0, 1);
                Assert.AreEqual(1, fs.ReadAllBytes("x.bin").Length, "a write truncates");
                string[] names = fs.List();
                Assert.AreEqual(1, names.Length);
                Assert.AreEqual("x.bin", names[0]);
                fs.Delete("x.bin");
                fs.Delete("x.bin");
                Assert.IsFalse(fs.Exists("x.bin"));
                Assert.ThrowsException(typeof(IOException), () => fs.ReadAllBytes("x.bin"));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [TestMethod]
        public void Move_DestinationExists_ThrowsLikeNanoFramework()
        {
            string dir = NewDirectory();
            try
            {
                var fs = new FlashFileSystem(dir);
                fs.WriteAllBytes("a", new byte[] { 1 }, 0, 1);
                fs.WriteAllBytes("b", new byte[] { 2 }, 0, 1);
                Assert.ThrowsException(typeof(IOException), () => fs.Move("a", "b"));
                Assert.AreEqual((byte)2, fs.ReadAllBytes("b")[0]);
                fs.Delete("b");
                fs.Move("a", "b");
                Assert.IsFalse(fs.Exists("a"));
                Assert.AreEqual((byte)1, fs.ReadAllBytes("b")[0]);
                Assert.ThrowsException(typeof(ArgumentException), () => fs.Exists("..\\escape"));
                Assert.ThrowsException(typeof(ArgumentException), () => fs.Exists("sub/escape"));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [TestMethod]
        public void AccountStore_OnDisk_TornNewestSlotRecoversPrevious()
        {
            string dir = NewDirectory();
            try
            {
                var fs = new FlashFileSystem(dir);
                var store = new AccountStore(fs);
                store.Open();
                StoreTestData.AreEqual(StoreReason.None, store.AddOrReplace(new AccountRecord("srv", "pw", "AAECAw==", OmaDm.Notification.Authentication.ResyncPolicy.Off)));
                StoreTestData.AreEqual(StoreReason.None, store.UpdateNonce("srv", "EjRWeA=="));

                // Tear the newest slot (B) as a power cut during its write would.
                string slotB = Path.Combine(dir, store.AccountsRecord.SlotBName);
                byte[] full = File.ReadAllBytes(slotB);
                File.WriteAllBytes(slotB, full.AsSpan(0, full.Length / 2).ToArray());

                var rebooted = new AccountStore(new FlashFileSystem(dir));
                StoreTestData.AreEqual(StoreReason.None, rebooted.Open());
                StoreTestData.AreEqual(StoreReason.Truncated, rebooted.AccountsRecord.SlotBReason);
                Assert.AreEqual("AAECAw==", rebooted.Find("srv").NonceBase64);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}

using System;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Tests.Authentication
{
    [TestClass]
    public class AccountTableTests
    {
        // Appendix C server id, as the trigger carries it, inside a larger buffer.
        private static readonly byte[] ServerIdInBuffer = TestBytes.FromHex("FFFF 636F6D2E6D676D747372762E6D616E616765 FF");

        [TestMethod]
        public void FindBytes_ProvisionedServer_ReturnsAccount()
        {
            var table = new AccountTable();
            var account = new ServerAccount("com.mgmtsrv.manage", "pw", "", ResyncPolicy.Off);
            table.AddOrReplace(new ServerAccount("other", "pw", "", ResyncPolicy.Off));
            table.AddOrReplace(account);
            Assert.AreSame(account, table.Find(ServerIdInBuffer, 2, 18));
            Assert.AreSame(account, table.Find("com.mgmtsrv.manage"));
            Assert.AreEqual(2, table.Count);
        }

        [TestMethod]
        public void FindBytes_PrefixOrLongerOrUnknown_ReturnsNull()
        {
            var table = new AccountTable();
            table.AddOrReplace(new ServerAccount("com.mgmtsrv.manage", "pw", "", ResyncPolicy.Off));
            Assert.IsNull(table.Find(ServerIdInBuffer, 2, 17));
            Assert.IsNull(table.Find(ServerIdInBuffer, 2, 19));
            Assert.IsNull(table.Find(ServerIdInBuffer, 1, 18));
            Assert.IsNull(table.Find("com.mgmtsrv"));
        }

        [TestMethod]
        public void AddOrReplace_SameServerId_Replaces()
        {
            var table = new AccountTable();
            table.AddOrReplace(new ServerAccount("a", "one", "", ResyncPolicy.Off));
            var second = new ServerAccount("a", "two", "", ResyncPolicy.Off);
            table.AddOrReplace(second);
            Assert.AreEqual(1, table.Count);
            Assert.AreSame(second, table.Find("a"));
        }

        [TestMethod]
        public void AddOrReplaceAll_NewAndExistingIds_AddedReplacedLaterWins()
        {
            var table = new AccountTable();
            var kept = new ServerAccount("kept", "pw", "", ResyncPolicy.Off);
            table.AddOrReplace(kept);
            table.AddOrReplace(new ServerAccount("replaced", "old", "", ResyncPolicy.Off));
            var replacement = new ServerAccount("replaced", "new", "", ResyncPolicy.Off);
            var first = new ServerAccount("added", "first", "", ResyncPolicy.Off);
            var second = new ServerAccount("added", "second", "", ResyncPolicy.Off);
            table.AddOrReplaceAll(new ServerAccount[] { replacement, first, second });
            Assert.AreEqual(3, table.Count);
            Assert.AreSame(kept, table.Find("kept"));
            Assert.AreSame(replacement, table.Find("replaced"));
            Assert.AreSame(second, table.Find("added"));
            Assert.ThrowsException(typeof(ArgumentNullException), () => table.AddOrReplaceAll(null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => table.AddOrReplaceAll(new ServerAccount[] { null }));
        }

        [TestMethod]
        public void Remove_ExistingAndMissing_ReportsWhetherRemoved()
        {
            var table = new AccountTable();
            table.AddOrReplace(new ServerAccount("a", "", "", ResyncPolicy.Off));
            table.AddOrReplace(new ServerAccount("b", "", "", ResyncPolicy.Off));
            table.AddOrReplace(new ServerAccount("c", "", "", ResyncPolicy.Off));
            Assert.IsTrue(table.Remove("b"));
            Assert.IsFalse(table.Remove("b"));
            ServerAccount[] left = table.ToArray();
            Assert.AreEqual(2, left.Length);
            Assert.AreEqual("a", left[0].ServerId);
            Assert.AreEqual("c", left[1].ServerId);
        }

        [TestMethod]
        public void Constructor_BadArguments_Throw()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new ServerAccount("", "", "", ResyncPolicy.Off));
            Assert.ThrowsException(typeof(ArgumentException), () => new ServerAccount(new string('x', 256), "", "", ResyncPolicy.Off));
            Assert.ThrowsException(typeof(ArgumentException), () => new ServerAccount("a", "", "not base64", ResyncPolicy.Off));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new ServerAccount(null, "", "", ResyncPolicy.Off));
        }

        [TestMethod]
        public void Constructor_Defaults_HexSessionIdsAndNoTextNonce()
        {
            var account = new ServerAccount(new string('x', 255), "pw", "AAECAw==", ResyncPolicy.ZeroBytes);
            Assert.AreEqual((int)SessionIdFormat.Hexadecimal, (int)account.SessionIdFormat);
            Assert.IsFalse(account.TryStoredNonceText);
            Assert.AreEqual((int)ResyncPolicy.ZeroBytes, (int)account.Resync);
            Assert.AreEqual("pw", account.Password);
        }

        [TestMethod]
        public void Policies_EachSet_OthersKept()
        {
            // The three policies share one field: setting one leaves the others.
            var account = new ServerAccount("s", "pw", "", ResyncPolicy.ZeroBytesThenAscii);
            account.TryStoredNonceText = true;
            account.SessionIdFormat = SessionIdFormat.Decimal;
            Assert.AreEqual((int)ResyncPolicy.ZeroBytesThenAscii, (int)account.Resync);
            account.Resync = ResyncPolicy.Off;
            Assert.IsTrue(account.TryStoredNonceText);
            Assert.AreEqual((int)SessionIdFormat.Decimal, (int)account.SessionIdFormat);
            account.TryStoredNonceText = false;
            Assert.AreEqual((int)SessionIdFormat.Decimal, (int)account.SessionIdFormat);
            Assert.AreEqual((int)ResyncPolicy.Off, (int)account.Resync);
        }

        [TestMethod]
        public void GetNonce_ReturnsDecodedCopy()
        {
            var account = new ServerAccount("a", "", "AAECAw==", ResyncPolicy.Off);
            byte[] nonce = account.GetNonce();
            Assert.AreEqual("00010203", TestBytes.ToHex(nonce));
            nonce[0] = 0x55;
            Assert.AreEqual("00010203", TestBytes.ToHex(account.GetNonce()));
        }
    }
}

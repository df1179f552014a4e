using System.Text;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Tests.Storage
{
    [TestClass]
    public class ProvisioningTests
    {
        // The documented provisioning format (Provisioning class remarks), two accounts, CRLF line ends as Windows writes.
        private static readonly byte[] TwoAccounts = Encoding.UTF8.GetBytes(
            "# factory provisioning\r\n[account]\r\nserverId=com.example.dms\r\npassword=s3cr=t\r\nnonce=AAECAw==\r\nresync=zero+ascii\r\n" +
            "sessionIdFormat=decimal\r\ntryNonceText=true\r\n\r\n[account]\r\nserverId=backup\r\npassword=\r\n");

        private static readonly byte[] MissingPassword = Encoding.UTF8.GetBytes("[account]\nserverId=a\n");
        private static readonly byte[] UnknownKey = Encoding.UTF8.GetBytes("[account]\nserverId=a\npassword=p\ncolour=red\n");
        private static readonly byte[] DuplicateServer = Encoding.UTF8.GetBytes("[account]\nserverId=a\npassword=p\n[account]\nserverId=a\npassword=q\n");
        private static readonly byte[] BadNonce = Encoding.UTF8.GetBytes("[account]\nserverId=a\npassword=p\nnonce=!!\n");
        private static readonly byte[] KeyBeforeSection = Encoding.UTF8.GetBytes("serverId=a\n");
        private static readonly byte[] NoAccount = Encoding.UTF8.GetBytes("# nothing\n");
        private static readonly byte[] NotUtf8 = new byte[] { 0x5B, 0xFF, 0xFE, 0x80, 0x0A };

        [TestMethod]
        public void Parse_TwoAccounts_AllFields()
        {
            AccountRecord[] accounts = Provisioning.Parse(TwoAccounts, out int errorLine);
            Assert.IsNotNull(accounts);
            Assert.AreEqual(2, accounts.Length);
            Assert.AreEqual("com.example.dms", accounts[0].ServerId);
            Assert.AreEqual("s3cr=t", accounts[0].Password);
            Assert.AreEqual("AAECAw==", accounts[0].NonceBase64);
            Assert.AreEqual((int)ResyncPolicy.ZeroBytesThenAscii, (int)accounts[0].Resync);
            Assert.AreEqual((int)SessionIdFormat.Decimal, (int)accounts[0].SessionIdFormat);
            Assert.IsTrue(accounts[0].TryStoredNonceText);
            Assert.AreEqual(string.Empty, accounts[1].Password);
            Assert.AreEqual((int)ResyncPolicy.Off, (int)accounts[1].Resync);
        }

        [TestMethod]
        public void Parse_InvalidFiles_NullWithLine()
        {
            Assert.IsNull(Provisioning.Parse(MissingPassword, out int line));
            Assert.IsNull(Provisioning.Parse(UnknownKey, out line));
            Assert.AreEqual(4, line);
            Assert.IsNull(Provisioning.Parse(DuplicateServer, out line));
            Assert.IsNull(Provisioning.Parse(BadNonce, out line));
            Assert.IsNull(Provisioning.Parse(KeyBeforeSection, out line));
            Assert.AreEqual(1, line);
            Assert.IsNull(Provisioning.Parse(NoAccount, out line));
            Assert.IsNull(Provisioning.Parse(NotUtf8, out line));
        }

        [TestMethod]
        public void Apply_ValidFile_CommitsThenDeletesFile()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, TwoAccounts);
            AccountStore store = StoreTestData.Reopen(files);
            Assert.AreEqual((int)ProvisioningOutcome.Applied, (int)Provisioning.Apply(files, Provisioning.DefaultFileName, store, out int line));
            Assert.IsFalse(files.Exists(Provisioning.DefaultFileName));
            AccountStore rebooted = StoreTestData.Reopen(files);
            Assert.AreEqual(2, rebooted.Count);
            Assert.AreEqual((int)ProvisioningOutcome.NoFile, (int)Provisioning.Apply(files, Provisioning.DefaultFileName, rebooted, out line));
        }

        [TestMethod]
        public void Apply_InvalidFile_RenamedStoreUnchanged()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.RejectedFileName, NoAccount);
            files.SetRaw(Provisioning.DefaultFileName, UnknownKey);
            AccountStore store = StoreTestData.Reopen(files);
            store.AddOrReplace(StoreTestData.Account("kept", ""));
            Assert.AreEqual((int)ProvisioningOutcome.Invalid, (int)Provisioning.Apply(files, Provisioning.DefaultFileName, store, out int line));
            Assert.AreEqual(4, line);
            Assert.IsFalse(files.Exists(Provisioning.DefaultFileName));
            Assert.AreEqual(UnknownKey.Length, files.GetRaw(Provisioning.RejectedFileName).Length);
            Assert.AreEqual(1, StoreTestData.Reopen(files).Count);
        }

        [TestMethod]
        public void Apply_PowerCutAtEveryOperationAndByte_NextBootEndsProvisionedOnce()
        {
            string provisioned;
            {
                var files = new FaultInjectingFileSystem();
                files.SetRaw(Provisioning.DefaultFileName, TwoAccounts);
                AccountStore store = StoreTestData.Reopen(files);
                Provisioning.Apply(files, Provisioning.DefaultFileName, store, out int unused);
                provisioned = StoreTestData.Fingerprint(store);
            }

            // Operations of Apply: 0 = commit (write), 1 = delete of the file.
            for (int cut = 0; cut < 2; cut++)
            {
                for (int torn = -1; torn <= 200; torn++)
                {
                    var files = new FaultInjectingFileSystem();
                    files.SetRaw(Provisioning.DefaultFileName, TwoAccounts);
                    AccountStore store = StoreTestData.Reopen(files);
                    files.Arm(cut, torn);
                    Provisioning.Apply(files, Provisioning.DefaultFileName, store, out int line);
                    files.Reboot();

                    AccountStore rebooted = StoreTestData.Reopen(files);
                    bool committed = rebooted.Count == 2;
                    ProvisioningOutcome outcome = Provisioning.Apply(files, Provisioning.DefaultFileName, rebooted, out line);
                    Assert.AreEqual((int)(committed ? ProvisioningOutcome.AlreadyApplied : ProvisioningOutcome.Applied), (int)outcome, "cut " + cut + " torn " + torn);
                    Assert.AreEqual(provisioned, StoreTestData.Fingerprint(rebooted));
                    Assert.IsFalse(files.Exists(Provisioning.DefaultFileName));
                }
            }
        }

        [TestMethod]
        public void Apply_FileLeftAfterCommit_NonceLearnedLaterIsNotOverwritten()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, TwoAccounts);
            AccountStore store = StoreTestData.Reopen(files);
            files.Arm(1, -1);
            Provisioning.Apply(files, Provisioning.DefaultFileName, store, out int line);
            files.Reboot();

            // The file is back at the next boot; the store already holds it, so only the delete happens.
            AccountStore rebooted = StoreTestData.Reopen(files);
            rebooted.UpdateNonce("com.example.dms", StoreTestData.NonceSecond);
            Assert.AreEqual((int)ProvisioningOutcome.AlreadyApplied, (int)Provisioning.Apply(files, Provisioning.DefaultFileName, rebooted, out line));
            Assert.AreEqual(StoreTestData.NonceSecond, StoreTestData.Reopen(files).Find("com.example.dms").NonceBase64);
        }
    }
}

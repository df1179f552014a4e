using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Tests.Storage
{
    [TestClass]
    public class ProvisioningTests
    {
        // The documented provisioning format (Provisioning class remarks), two accounts, CRLF line ends as Windows writes.
        private static readonly byte[] TwoAccounts = TestBytes.Ascii(
            "# factory provisioning\r\n[account]\r\nserverId=com.example.dms\r\npassword=s3cr=t\r\nnonce=AAECAw==\r\nresync=zero-bytes-then-ascii\r\n" +
            "sessionIdFormat=decimal\r\ntryNonceText=true\r\n\r\n[account]\r\nserverId=backup\r\npassword=\r\n");

        // The README's example (section "Configuring the firmware"), byte for byte: comments after values, aligned
        // with blanks. HostOnly/ReadmeProvisioningTests checks that the README still shows exactly this text.
        public static readonly byte[] ReadmeExample = TestBytes.Ascii(
            "[account]\n" +
            "serverId=com.mgmtsrv.manage\n" +
            "password=secret\n" +
            "nonce=ZGVtby1ub25jZQ==\n" +
            "resync=zero-bytes-then-ascii   # off | zero-bytes | zero-bytes-then-ascii\n" +
            "sessionIdFormat=hex            # hex | decimal\n");

        // Comments on their own line (indented too), after the section line and after every value; '#' with no blank
        // before it belongs to the value; inner blanks of a password are kept; tabs count as blanks.
        private static readonly byte[] CommentsEverywhere = TestBytes.Ascii(
            "# factory provisioning\n" +
            "   # indented comment\n" +
            "[account]   # the main server\n" +
            "serverId = srv#1 # id with a hash\n" +
            "password=two words#x\t# the password is 'two words#x'\n" +
            "nonce=AAECAw==\t#\n" +
            "tryNonceText=true #\n");

        // Base64 the core refuses (RFC 4648 3.5 non-zero pad bits; a blank inside; padding missing): each must stop
        // provisioning at its line, never reach the store.
        private static readonly byte[] NoncePadBitsSet = TestBytes.Ascii("[account]\nserverId=a\npassword=p\nnonce=QR==\n");
        private static readonly byte[] NonceWithBlank = TestBytes.Ascii("[account]\nserverId=a\npassword=p\nnonce=AAEC Aw==\n");
        private static readonly byte[] NonceUnpadded = TestBytes.Ascii("[account]\nserverId=a\npassword=p\nnonce=AAECAw\n");

        // The spellings provision.txt used before it shared accounts.json's: refused, with the line.
        private static readonly byte[] OldResyncSpelling = TestBytes.Ascii("[account]\nserverId=a\npassword=p\nresync=zero+ascii\n");

        private static readonly byte[] MissingPassword = TestBytes.Ascii("[account]\nserverId=a\n");
        private static readonly byte[] UnknownKey = TestBytes.Ascii("[account]\nserverId=a\npassword=p\ncolour=red\n");
        private static readonly byte[] DuplicateServer = TestBytes.Ascii("[account]\nserverId=a\npassword=p\n[account]\nserverId=a\npassword=q\n");
        private static readonly byte[] BadNonce = TestBytes.Ascii("[account]\nserverId=a\npassword=p\nnonce=!!\n");
        private static readonly byte[] KeyBeforeSection = TestBytes.Ascii("serverId=a\n");
        private static readonly byte[] NoAccount = TestBytes.Ascii("# nothing\n");
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
        public void Parse_ReadmeExample_OneAccountWithTrailingCommentsIgnored()
        {
            AccountRecord[] accounts = Provisioning.Parse(ReadmeExample, out int errorLine);
            Assert.IsNotNull(accounts, "line " + errorLine);
            Assert.AreEqual(1, accounts.Length);
            Assert.AreEqual("com.mgmtsrv.manage", accounts[0].ServerId);
            Assert.AreEqual("secret", accounts[0].Password);
            Assert.AreEqual("ZGVtby1ub25jZQ==", accounts[0].NonceBase64);
            Assert.AreEqual(ResyncPolicy.ZeroBytesThenAscii, accounts[0].Resync);
            Assert.AreEqual(SessionIdFormat.Hexadecimal, accounts[0].SessionIdFormat);
        }

        [TestMethod]
        public void Parse_CommentsOnOwnLineAndAfterValues_HashWithoutBlankKept()
        {
            AccountRecord[] accounts = Provisioning.Parse(CommentsEverywhere, out int errorLine);
            Assert.IsNotNull(accounts, "line " + errorLine);
            Assert.AreEqual("srv#1", accounts[0].ServerId);
            Assert.AreEqual("two words#x", accounts[0].Password);
            Assert.AreEqual("AAECAw==", accounts[0].NonceBase64);
            Assert.IsTrue(accounts[0].TryStoredNonceText);
        }

        [TestMethod]
        public void Parse_NonceTheCoreRefuses_NullAtItsLine()
        {
            Assert.IsNull(Provisioning.Parse(NoncePadBitsSet, out int line));
            Assert.AreEqual(4, line);
            Assert.IsNull(Provisioning.Parse(NonceWithBlank, out line));
            Assert.AreEqual(4, line);
            Assert.IsNull(Provisioning.Parse(NonceUnpadded, out line));
            Assert.AreEqual(4, line);
        }

        [TestMethod]
        public void Parse_OldResyncSpelling_NullAtItsLine()
        {
            Assert.IsNull(Provisioning.Parse(OldResyncSpelling, out int line));
            Assert.AreEqual(4, line);
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
            StoreTestData.AreEqual(ProvisioningOutcome.Applied, Provisioning.Apply(files, Provisioning.DefaultFileName, store, out int line));
            Assert.IsFalse(files.Exists(Provisioning.DefaultFileName));
            AccountStore rebooted = StoreTestData.Reopen(files);
            Assert.AreEqual(2, rebooted.Count);
            StoreTestData.AreEqual(ProvisioningOutcome.NoFile, Provisioning.Apply(files, Provisioning.DefaultFileName, rebooted, out line));
        }

        [TestMethod]
        public void Apply_InvalidFile_RenamedStoreUnchanged()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.RejectedFileName, NoAccount);
            files.SetRaw(Provisioning.DefaultFileName, UnknownKey);
            AccountStore store = StoreTestData.Reopen(files);
            store.AddOrReplace(StoreTestData.Account("kept", ""));
            StoreTestData.AreEqual(ProvisioningOutcome.Invalid, Provisioning.Apply(files, Provisioning.DefaultFileName, store, out int line));
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
                    StoreTestData.AreEqual(committed ? ProvisioningOutcome.AlreadyApplied : ProvisioningOutcome.Applied, outcome, "cut " + cut + " torn " + torn);
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
            StoreTestData.AreEqual(ProvisioningOutcome.AlreadyApplied, Provisioning.Apply(files, Provisioning.DefaultFileName, rebooted, out line));
            Assert.AreEqual(StoreTestData.NonceSecond, StoreTestData.Reopen(files).Find("com.example.dms").NonceBase64);
        }
    }
}

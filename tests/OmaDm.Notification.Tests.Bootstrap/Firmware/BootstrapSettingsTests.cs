using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Firmware.Hosting;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Tests.Dispatch;
using OmaDm.Notification.Tests.Storage;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Firmware
{
    /// <summary>The board's own bootstrap settings: the [bootstrap] section of provision.txt, kept in the store.</summary>
    [TestClass]
    public class BootstrapSettingsTests
    {
        private const string FileName = "provision.txt";

        // The README's manufacture example (section "Over-the-air bootstrap"): the PIN, methods and overwrite only.
        public static readonly byte[] ReadmeBootstrap = TestBytes.Ascii(
            "[bootstrap]\n" +
            "pin=1234                 # per-device secret, never logged\n" +
            "sec=userpin,usernetwpin  # userpin | usernetwpin | netwpin\n" +
            "overwrite=false          # may a bootstrap replace a held server id\n");

        private static readonly byte[] WithAccount = TestBytes.Ascii(
            "[account]\nserverId=a\npassword=p\n[bootstrap]\npin=4711\nsec = netwpin , userpin\noverwrite=true\n");

        private static readonly byte[] AccountOnly = TestBytes.Ascii("[account]\nserverId=b\npassword=q\n");

        private static ProvisioningError ParseError(string text, out int line)
        {
            Assert.IsNull(Provisioning.Parse(TestBytes.Ascii(text), out BootstrapSettings unused, out line, out ProvisioningError error));
            return error;
        }

        [TestMethod]
        public void Parse_BootstrapSection_ReadsPinMethodsAndOverwrite()
        {
            AccountRecord[] accounts = Provisioning.Parse(WithAccount, out BootstrapSettings settings, out int line, out ProvisioningError error);
            Assert.AreEqual(1, accounts.Length);
            Assert.AreEqual("4711", settings.Pin);
            Assert.IsTrue(settings.AllowNetworkPin);
            Assert.IsTrue(settings.AllowUserPin);
            Assert.IsFalse(settings.AllowUserNetworkPin);
            Assert.IsTrue(settings.AllowOverwrite);
        }

        [TestMethod]
        public void Parse_ReadmeBootstrapOnly_NoAccountAndDefaults()
        {
            AccountRecord[] accounts = Provisioning.Parse(ReadmeBootstrap, out BootstrapSettings settings, out int line, out ProvisioningError error);
            Assert.AreEqual(0, accounts.Length);
            Assert.AreEqual("1234", settings.Pin);
            Assert.IsFalse(settings.AllowNetworkPin);
            Assert.IsTrue(settings.AllowUserPin && settings.AllowUserNetworkPin);
            Assert.IsFalse(settings.AllowOverwrite);
        }

        [TestMethod]
        public void Parse_BadBootstrapValue_RefusedByNameAtItsLine()
        {
            Assert.AreEqual((int)ProvisioningError.BadValue, (int)ParseError("[bootstrap]\npin=\n", out int line));
            Assert.AreEqual(2, line);
            Assert.AreEqual((int)ProvisioningError.BadValue, (int)ParseError("[bootstrap]\npin=123456789012345678901234567890123\n", out line));
            byte[] accented = TestBytes.Concat(TestBytes.Ascii("[bootstrap]\npin=12"), new byte[] { 0xC3, 0xA9 }, TestBytes.Ascii("34\n"));
            Assert.IsNull(Provisioning.Parse(accented, out BootstrapSettings unused, out line, out ProvisioningError error));
            Assert.AreEqual((int)ProvisioningError.BadValue, (int)error, "a PIN is printable ASCII");
            Assert.AreEqual((int)ProvisioningError.BadValue, (int)ParseError("[bootstrap]\nsec=userpinmac\n", out line));
            Assert.AreEqual((int)ProvisioningError.BadValue, (int)ParseError("[bootstrap]\nsec=\n", out line));
            Assert.AreEqual((int)ProvisioningError.BadValue, (int)ParseError("[bootstrap]\nsec=userpin,,netwpin\n", out line));
            Assert.AreEqual((int)ProvisioningError.BadValue, (int)ParseError("[bootstrap]\nsec=userpin,userpin\n", out line));
            Assert.AreEqual((int)ProvisioningError.BadValue, (int)ParseError("[bootstrap]\noverwrite=yes\n", out line));
            Assert.AreEqual((int)ProvisioningError.UnknownKey, (int)ParseError("[bootstrap]\nimsi=1234\n", out line));
            Assert.AreEqual((int)ProvisioningError.UnknownKey, (int)ParseError("[bootstrap]\nserverId=a\n", out line));
            Assert.AreEqual((int)ProvisioningError.DuplicateSection, (int)ParseError("[bootstrap]\npin=1\n[account]\nserverId=a\npassword=p\n[bootstrap]\n", out line));
            Assert.AreEqual(6, line);
            Assert.AreEqual((int)ProvisioningError.ControlCharacter, (int)ParseError("[bootstrap]\npin=12\u000734\n", out line));
            Assert.AreEqual((int)ProvisioningError.NoAccount, (int)ParseError("# nothing\n", out line));
            Assert.AreEqual("duplicate-section", Provisioning.ErrorName(ProvisioningError.DuplicateSection));
        }

        [TestMethod]
        public void Apply_BootstrapOnly_KeepsAccountsThenAnAccountFileKeepsThePin()
        {
            var files = new FaultInjectingFileSystem();
            var store = new AccountStore(files);
            store.Open();
            Assert.AreEqual((int)StoreReason.None, (int)store.AddOrReplace(new AccountRecord("held", "pw", string.Empty, ResyncPolicy.Off)));
            files.WriteAllBytes(FileName, ReadmeBootstrap, 0, ReadmeBootstrap.Length);
            Assert.AreEqual((int)ProvisioningOutcome.Applied, (int)Provisioning.Apply(files, FileName, store, out int line));
            Assert.IsFalse(files.Exists(FileName));
            Assert.AreEqual(1, store.Count);
            Assert.AreEqual("1234", store.BootstrapSettings.Pin);

            files.WriteAllBytes(FileName, AccountOnly, 0, AccountOnly.Length);
            Assert.AreEqual((int)ProvisioningOutcome.Applied, (int)Provisioning.Apply(files, FileName, store, out line));
            var reopened = new AccountStore(files);
            reopened.Open();
            Assert.IsNull(reopened.Find("held"));
            Assert.IsNotNull(reopened.Find("b"));
            Assert.AreEqual("1234", reopened.BootstrapSettings.Pin);
        }

        [TestMethod]
        public void Apply_PowerCutAtTheCommit_SettingsAndAccountsTogetherOrNeither()
        {
            for (int cut = 0; cut < 6; cut++)
            {
                var files = new FaultInjectingFileSystem();
                files.WriteAllBytes(FileName, WithAccount, 0, WithAccount.Length);
                var store = new AccountStore(files);
                store.Open();
                files.ResetCounter();
                files.Arm(cut, -1);
                try
                {
                    Provisioning.Apply(files, FileName, store, out int unused);
                }
                catch (PowerCutException)
                {
                }

                files.Reboot();
                var rebooted = new AccountStore(files);
                rebooted.Open();
                BootstrapSettings before = rebooted.BootstrapSettings;
                Assert.IsTrue(rebooted.Count == 0 ? before == null : before != null && before.Pin == "4711", "cut " + cut.ToString());
                Provisioning.Apply(files, FileName, rebooted, out int line);
                Assert.AreEqual(1, rebooted.Count, "cut " + cut.ToString());
                Assert.AreEqual("4711", rebooted.BootstrapSettings.Pin, "cut " + cut.ToString());
                Assert.IsFalse(files.Exists(FileName));
            }
        }

        [TestMethod]
        public void DecodeAccounts_Version1Record_NoSettingsAndVersion1Written()
        {
            var accounts = new AccountRecord[] { new AccountRecord("a", "p", string.Empty, ResyncPolicy.Off) };
            PayloadWriter plain = StoreCodec.EncodeAccounts(accounts, 7);
            Assert.AreEqual((byte)StoreCodec.PayloadVersion, plain.Buffer[0]);
            byte[] payload = new byte[plain.Length];
            System.Array.Copy(plain.Buffer, payload, payload.Length);
            Assert.AreEqual((int)StoreReason.None, (int)StoreCodec.DecodeAccounts(payload, out AccountRecord[] read, out uint crc, out BootstrapSettings settings));
            Assert.IsNull(settings);

            var written = new BootstrapSettings { Pin = "0000", AllowOverwrite = true, AllowUserNetworkPin = false };
            PayloadWriter full = StoreCodec.EncodeAccounts(accounts, 7, written);
            Assert.AreEqual((byte)StoreCodec.PayloadVersionWithBootstrap, full.Buffer[0]);
            payload = new byte[full.Length];
            System.Array.Copy(full.Buffer, payload, payload.Length);
            Assert.AreEqual((int)StoreReason.None, (int)StoreCodec.DecodeAccounts(payload, out read, out crc, out settings));
            Assert.AreEqual("0000", settings.Pin);
            Assert.IsTrue(settings.AllowUserPin && settings.AllowOverwrite && !settings.AllowUserNetworkPin && !settings.AllowNetworkPin);

            // Every truncation is refused as a whole, and so is an unknown flag or no method at all.
            for (int length = 0; length < payload.Length; length++)
            {
                Assert.AreEqual((int)StoreReason.BadPayload, (int)StoreCodec.DecodeAccounts(TestBytes.Prefix(payload, length), out read, out crc, out settings));
            }

            int flags = payload.Length - 2 - 4 - 1;
            payload[flags] = 0x10;
            Assert.AreEqual((int)StoreReason.BadPayload, (int)StoreCodec.DecodeAccounts(payload, out read, out crc, out settings));
            payload[flags] = 0x08;
            Assert.AreEqual((int)StoreReason.BadPayload, (int)StoreCodec.DecodeAccounts(payload, out read, out crc, out settings));
        }

        [TestMethod]
        public void DecodeAccounts_FingerprintsWithoutSettings_RoundTripAndEveryTruncationRefused()
        {
            var accounts = new AccountRecord[0];
            byte[] mac = TestBytes.FromHex("0102030405060708090A0B0C0D0E0F1011121314");
            byte[] set = BootstrapFingerprints.Add(new byte[0], mac, 0);
            PayloadWriter written = StoreCodec.EncodeAccounts(accounts, 0, null, set);
            byte[] payload = new byte[written.Length];
            System.Array.Copy(written.Buffer, payload, payload.Length);
            Assert.AreEqual((int)StoreReason.None, (int)StoreCodec.DecodeAccounts(payload, out AccountRecord[] read, out uint crc, out BootstrapSettings settings, out byte[] fingerprints));
            Assert.IsNull(settings);
            Assert.IsTrue(BootstrapFingerprints.Contains(fingerprints, mac, 0));
            Assert.AreEqual(BootstrapFingerprints.Length, fingerprints.Length);
            for (int length = 0; length < payload.Length; length++)
            {
                Assert.AreEqual((int)StoreReason.BadPayload, (int)StoreCodec.DecodeAccounts(TestBytes.Prefix(payload, length), out read, out crc));
            }

            // Seventeen added: sixteen kept, the first dropped.
            for (int i = 1; i <= BootstrapFingerprints.Capacity; i++)
            {
                byte[] other = (byte[])mac.Clone();
                other[0] = (byte)(0x80 + i);
                set = BootstrapFingerprints.Add(set, other, 0);
            }

            Assert.AreEqual(BootstrapFingerprints.Capacity * BootstrapFingerprints.Length, set.Length);
            Assert.IsFalse(BootstrapFingerprints.Contains(set, mac, 0));
        }

        [TestMethod]
        public void Boot_StoredPinNoAccount_ListensAcceptsAndNeverLogsThePin()
        {
            var files = new FaultInjectingFileSystem();
            files.WriteAllBytes(FileName, ReadmeBootstrap, 0, ReadmeBootstrap.Length);
            var log = new LogLines();
            var service = new NotificationService(files, new ManualClock(), null, null);
            service.Log = log.Write;
            service.Boot();
            Assert.AreEqual(0, service.Accounts.Count);
            Assert.IsTrue(service.CanBootstrap);
            Assert.IsTrue(log.Text.IndexOf("PIN set") >= 0, log.Text);
            Assert.IsTrue(log.Text.IndexOf("1234") < 0, log.Text);

            // A reboot: the file is gone, the PIN is the store's.
            files.Reboot();
            service = new NotificationService(files, new ManualClock(), null, null);
            service.Boot();
            Assert.IsTrue(service.CanBootstrap);
            byte[] document = BootstrapPushVectors.CpDocument();
            byte[] push = BootstrapPushEncoder.Encode(document, BootstrapProfile.ClientProvisioning, BootstrapSecurity.UserPin, null, BootstrapPushVectors.Pin);
            AssertReason.AreEqual(ReasonCode.None, service.Agent.ProcessPush(push, 0, push.Length, Bearer.Udp, "10.0.0.7:49154"));
            Assert.IsNotNull(service.Store.Find(BootstrapPushVectors.Server));
        }

        [TestMethod]
        public void Boot_StoredSettingsOverTheImage_StoredMethodsWinImageImsiKept()
        {
            var files = new FaultInjectingFileSystem();
            byte[] text = TestBytes.Ascii("[bootstrap]\nsec=netwpin\n");
            files.WriteAllBytes(FileName, text, 0, text.Length);
            var service = new NotificationService(files, new ManualClock(), null, null);
            service.BootstrapPolicy = new BootstrapPolicy { UserPin = BootstrapPushVectors.Pin, Imsi = BootstrapPushVectors.Imsi };
            service.Boot();
            Assert.IsTrue(service.CanBootstrap);
            byte[] document = BootstrapPushVectors.CpDocument();
            byte[] userPin = BootstrapPushEncoder.Encode(document, BootstrapProfile.ClientProvisioning, BootstrapSecurity.UserPin, null, BootstrapPushVectors.Pin);
            AssertReason.AreEqual(ReasonCode.BootstrapSecNotAllowed, service.Agent.ProcessPush(userPin, 0, userPin.Length, Bearer.Udp, "10.0.0.7:49154"));
            byte[] networkPin = BootstrapPushEncoder.Encode(document, BootstrapProfile.ClientProvisioning, BootstrapSecurity.NetworkPin, BootstrapPushVectors.Imsi, null);
            AssertReason.AreEqual(ReasonCode.None, service.Agent.ProcessPush(networkPin, 0, networkPin.Length, Bearer.Udp, "10.0.0.7:49154"));
        }

        private sealed class LogLines
        {
            public string Text = string.Empty;

            public void Write(string line)
            {
                Text += line + "\n";
            }
        }
    }
}

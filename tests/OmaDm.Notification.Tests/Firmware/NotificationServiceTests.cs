using System;
using System.Text;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Firmware.Hosting;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Tests.Storage;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Firmware
{
    [TestClass]
    public class NotificationServiceTests
    {
        // Provisioning file in the documented format (Provisioning class remarks).
        private static readonly byte[] OneAccount = Encoding.UTF8.GetBytes("[account]\nserverId=com.example.dms\npassword=pw\nnonce=AAECAw==\nresync=zero-bytes\n");

        private static NotificationService BootService(FaultInjectingFileSystem files)
        {
            var service = new NotificationService(files, new ManualClock(), null, null);
            service.Boot();
            return service;
        }

        [TestMethod]
        public void Boot_ProvisioningFile_AccountsLiveAndFileConsumed()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            NotificationService service = BootService(files);
            Assert.AreEqual((int)ProvisioningOutcome.Applied, (int)service.Provisioning);
            Assert.AreEqual(1, service.Accounts.Count);
            ServerAccount live = service.Accounts.Find("com.example.dms");
            Assert.AreEqual("AAECAw==", live.NonceBase64);
            Assert.AreEqual((int)ResyncPolicy.ZeroBytes, (int)live.Resync);
            Assert.IsFalse(files.Exists(Provisioning.DefaultFileName));
            Assert.IsNotNull(service.Agent);
        }

        [TestMethod]
        public void Boot_ReadmeProvisioningExample_AccountLive()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, ProvisioningTests.ReadmeExample);
            NotificationService service = BootService(files);
            Assert.AreEqual((int)ProvisioningOutcome.Applied, (int)service.Provisioning);
            Assert.AreEqual(1, service.Accounts.Count);
            Assert.AreEqual((int)ResyncPolicy.ZeroBytesThenAscii, (int)service.Accounts.Find("com.mgmtsrv.manage").Resync);
        }

        [TestMethod]
        public void Boot_StoreWithOneAccountTheCoreRefuses_SkipsItSaysSoAndStartsTheOthers()
        {
            var files = new FaultInjectingFileSystem();
            StoreTestData.WriteAccountsBypassingValidation(files,
                StoreTestData.Account("first", StoreTestData.NonceInitial),
                StoreTestData.Account("bad", "QR=="),
                StoreTestData.Account("last", StoreTestData.NonceFirst));
            var service = new NotificationService(files, new ManualClock(), null, null);
            var log = new StringBuilder();
            service.Log = line => log.Append(line).Append('\n');
            service.Boot();
            Assert.AreEqual(2, service.Accounts.Count);
            Assert.IsNotNull(service.Accounts.Find("first"));
            Assert.IsNotNull(service.Accounts.Find("last"));
            Assert.IsNull(service.Accounts.Find("bad"));
            Assert.IsNotNull(service.Agent);
            Assert.IsTrue(log.ToString().IndexOf("store: account 'bad' skipped: nonce is not base64") >= 0, log.ToString());

            // The DM session layer repairs it: a valid nonce makes it live, now and after a reboot.
            Assert.AreEqual((int)StoreReason.None, (int)service.UpdateServerNonce("bad", StoreTestData.NonceSecond));
            Assert.IsNotNull(service.Accounts.Find("bad"));
            Assert.AreEqual(3, BootService(files).Accounts.Count);
        }

        [TestMethod]
        public void UpdateServerNonce_Base64TheCoreRefuses_RefusedBeforeCommitAndNextBootStarts()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            NotificationService service = BootService(files);
            for (int i = 0; i < StoreTestData.NoncesTheCoreRefuses.Length; i++)
            {
                Assert.AreEqual((int)StoreReason.InvalidValue, (int)service.UpdateServerNonce("com.example.dms", StoreTestData.NoncesTheCoreRefuses[i]));
                var record = new AccountRecord("second", "pw", StoreTestData.NoncesTheCoreRefuses[i], ResyncPolicy.Off);
                Assert.AreEqual((int)StoreReason.InvalidValue, (int)service.AddOrReplaceAccount(record));
            }

            Assert.AreEqual("AAECAw==", service.Accounts.Find("com.example.dms").NonceBase64);
            NotificationService rebooted = BootService(files);
            Assert.AreEqual(1, rebooted.Accounts.Count);
            Assert.AreEqual("AAECAw==", rebooted.Accounts.Find("com.example.dms").NonceBase64);
        }

        [TestMethod]
        public void UpdateServerNonce_LiveAtOnceAndAfterReboot()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            NotificationService service = BootService(files);
            Assert.AreEqual((int)StoreReason.None, (int)service.UpdateServerNonce("com.example.dms", StoreTestData.NonceFirst));
            Assert.AreEqual(StoreTestData.NonceFirst, service.Accounts.Find("com.example.dms").NonceBase64);

            NotificationService rebooted = BootService(files);
            Assert.AreEqual((int)ProvisioningOutcome.NoFile, (int)rebooted.Provisioning);
            Assert.AreEqual(StoreTestData.NonceFirst, rebooted.Accounts.Find("com.example.dms").NonceBase64);
        }

        [TestMethod]
        public void UpdateServerNonce_PowerCutAtEveryByte_LiveTableAfterRebootHoldsOldOrNew()
        {
            for (int torn = -1; torn <= 120; torn++)
            {
                var files = new FaultInjectingFileSystem();
                files.SetRaw(Provisioning.DefaultFileName, OneAccount);
                NotificationService service = BootService(files);
                files.Arm(0, torn);
                StoreReason reason = service.UpdateServerNonce("com.example.dms", StoreTestData.NonceFirst);
                files.Reboot();

                // A failed commit leaves the live table on the old nonce too: memory never runs ahead of flash.
                string live = service.Accounts.Find("com.example.dms").NonceBase64;
                Assert.AreEqual(reason == StoreReason.None ? StoreTestData.NonceFirst : "AAECAw==", live);

                string after = BootService(files).Accounts.Find("com.example.dms").NonceBase64;
                Assert.IsTrue(after == "AAECAw==" || after == StoreTestData.NonceFirst, "torn " + torn);
            }
        }

        // OMA-TS-DM_Notification Appendix C WSP push header: TID 01, Push 06, headers length 03, content type C4
        // (application/vnd.syncml.notification), X-WAP-Application-ID AF 87 (x-wap-application:syncml.dm).
        private static readonly byte[] WspPushHeader = new byte[] { 0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87 };

        private static byte[] Push(int sessionId, string nonceBase64)
        {
            byte[] trigger = SignedPackage0.Trigger(sessionId, "com.example.dms", new byte[0]);
            byte[] signed = SignedPackage0.Sign("com.example.dms", "pw", Convert.FromBase64String(nonceBase64), trigger);
            return TestBytes.Concat(WspPushHeader, signed);
        }

        private sealed class CountingStarter : ISessionStarter
        {
            public int Count;
            public string LastSessionId;

            public void StartSession(OmaDm.Notification.Dispatch.SessionRequest request)
            {
                Count++;
                LastSessionId = request.SessionId;
            }
        }

        [TestMethod]
        public void UpdateServerNonce_NextTriggerVerifiedWithNewNonceOnly()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, Encoding.UTF8.GetBytes("[account]\nserverId=com.example.dms\npassword=pw\nnonce=AAECAw==\n"));
            var starter = new CountingStarter();
            var service = new NotificationService(files, new ManualClock(), starter, null);
            service.Boot();
            Assert.AreEqual((int)StoreReason.None, (int)service.UpdateServerNonce("com.example.dms", StoreTestData.NonceFirst));

            byte[] stale = Push(0x101, "AAECAw==");
            Assert.AreEqual((int)ReasonCode.DigestMismatch, (int)service.Agent.ProcessPush(stale, 0, stale.Length, OmaDm.Notification.Dispatch.Bearer.Udp, "10.0.0.1:2948"));
            byte[] fresh = Push(0x102, StoreTestData.NonceFirst);
            Assert.AreEqual((int)ReasonCode.None, (int)service.Agent.ProcessPush(fresh, 0, fresh.Length, OmaDm.Notification.Dispatch.Bearer.Udp, "10.0.0.1:2948"));
            Assert.AreEqual(1, starter.Count);
            Assert.AreEqual("102", starter.LastSessionId);
        }

        [TestMethod]
        public void UpdateServerNonce_PowerCutAtEveryByte_NextTriggerAfterRebootUsesStoredNonce()
        {
            for (int torn = -1; torn <= 120; torn++)
            {
                var files = new FaultInjectingFileSystem();
                files.SetRaw(Provisioning.DefaultFileName, OneAccount);
                NotificationService service = BootService(files);
                files.Arm(0, torn);
                service.UpdateServerNonce("com.example.dms", StoreTestData.NonceFirst);
                files.Reboot();

                var starter = new CountingStarter();
                var rebooted = new NotificationService(files, new ManualClock(), starter, null);
                rebooted.Boot();
                string nonce = rebooted.Store.Find("com.example.dms").NonceBase64;
                Assert.IsTrue(nonce == "AAECAw==" || nonce == StoreTestData.NonceFirst, "torn " + torn);
                byte[] push = Push(0x200 + torn + 1, nonce);
                Assert.AreEqual((int)ReasonCode.None, (int)rebooted.Agent.ProcessPush(push, 0, push.Length, OmaDm.Notification.Dispatch.Bearer.Udp, "10.0.0.1:1"), "torn " + torn);
                Assert.AreEqual(1, starter.Count);
            }
        }

        [TestMethod]
        public void SessionRequested_RepeatedAfterReboot_StillDuplicate()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            var starter = new CountingStarter();
            var service = new NotificationService(files, new ManualClock(), starter, null);
            service.Boot();
            byte[] push = Push(0x1234, "AAECAw==");
            Assert.AreEqual((int)ReasonCode.None, (int)service.Agent.ProcessPush(push, 0, push.Length, OmaDm.Notification.Dispatch.Bearer.Sms, "+491701"));
            Assert.AreEqual(1, service.Store.GetRecentSessions().Length);

            var rebootedStarter = new CountingStarter();
            var rebooted = new NotificationService(files, new ManualClock(), rebootedStarter, null);
            rebooted.Boot();
            Assert.AreEqual((int)ReasonCode.Duplicate, (int)rebooted.Agent.ProcessPush(push, 0, push.Length, OmaDm.Notification.Dispatch.Bearer.Sms, "+491701"));
            Assert.AreEqual(0, rebootedStarter.Count);
        }

        [TestMethod]
        public void AccountChanges_InvalidValues_RefusedAndTableUnchanged()
        {
            NotificationService service = BootService(new FaultInjectingFileSystem());
            Assert.AreEqual((int)StoreReason.InvalidValue, (int)service.AddOrReplaceAccount(StoreTestData.Account("", "")));
            Assert.AreEqual((int)StoreReason.UnknownAccount, (int)service.UpdateServerNonce("nobody", StoreTestData.NonceFirst));
            Assert.AreEqual((int)StoreReason.UnknownAccount, (int)service.RemoveAccount("nobody"));
            Assert.AreEqual(0, service.Accounts.Count);
            Assert.AreEqual((int)StoreReason.None, (int)service.AddOrReplaceAccount(StoreTestData.Account("x", "")));
            Assert.AreEqual(1, service.Accounts.Count);
            Assert.AreEqual((int)StoreReason.None, (int)service.RemoveAccount("x"));
            Assert.AreEqual(0, service.Accounts.Count);
        }

        [TestMethod]
        public void SessionStarter_SetNull_FallsBackToDebugStarter()
        {
            var service = new NotificationService(new FaultInjectingFileSystem(), new ManualClock(), null, null);
            Assert.IsInstanceOfType(service.SessionStarter, typeof(DebugSessionStarter));
            service.SessionStarter = null;
            Assert.IsInstanceOfType(service.SessionStarter, typeof(DebugSessionStarter));
            Assert.ThrowsException(typeof(InvalidOperationException), () => service.AddUdpListener(null));
        }
    }
}

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
        private static readonly byte[] OneAccount = Encoding.UTF8.GetBytes("[account]\nserverId=com.example.dms\npassword=pw\nnonce=AAECAw==\nresync=zero\n");

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
        public void ReloadAccounts_AnotherWriterChangedTheStore_LiveTableFollows()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            NotificationService service = BootService(files);

            // Another writer on the same flash (a tool, a DM client in another process) commits through its own store.
            var other = new AccountStore(files);
            other.Open();
            Assert.AreEqual((int)StoreReason.None, (int)other.UpdateNonce("com.example.dms", StoreTestData.NonceFirst));
            Assert.AreEqual((int)StoreReason.None, (int)other.AddOrReplace(new AccountRecord("second.dms", "pw2", "", ResyncPolicy.Off)));
            Assert.AreEqual("AAECAw==", service.Accounts.Find("com.example.dms").NonceBase64);

            Assert.AreEqual((int)StoreReason.None, (int)service.ReloadAccounts());
            Assert.AreEqual(StoreTestData.NonceFirst, service.Accounts.Find("com.example.dms").NonceBase64);
            Assert.IsNotNull(service.Accounts.Find("second.dms"));

            Assert.AreEqual((int)StoreReason.None, (int)other.Remove("second.dms"));
            service.ReloadAccounts();
            Assert.IsNull(service.Accounts.Find("second.dms"));
            Assert.AreEqual(1, service.Accounts.Count);
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
        public void Boot_TriggerAcceptedBeforeReboot_ReplayRefusedAfterWhileNonceCurrent()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            var starter = new CountingStarter();
            var clock = new ManualClock();
            var service = new NotificationService(files, clock, starter, null);
            service.Boot();
            byte[] push = Push(0x201, "AAECAw==");
            Assert.AreEqual((int)ReasonCode.None, (int)service.Agent.ProcessPush(push, 0, push.Length, OmaDm.Notification.Dispatch.Bearer.Udp, "10.0.0.1:2948"));

            // A day later, after a reboot: the restored session suppresses one duplicate window from boot; after it the
            // replay history still refuses the trigger, as the nonce is the same.
            var later = new ManualClock(0, clock.UtcNow.AddDays(1));
            var rebooted = new NotificationService(files, later, starter, null);
            rebooted.Boot();
            Assert.AreEqual((int)ReasonCode.Duplicate, (int)rebooted.Agent.ProcessPush(push, 0, push.Length, OmaDm.Notification.Dispatch.Bearer.Udp, "10.0.0.1:2948"));
            later.Advance(new OmaDm.Notification.Dispatch.AgentOptions().DuplicateWindowMilliseconds);
            Assert.AreEqual((int)ReasonCode.Replayed, (int)rebooted.Agent.ProcessPush(push, 0, push.Length, OmaDm.Notification.Dispatch.Bearer.Udp, "10.0.0.1:2948"));
            Assert.AreEqual(1, starter.Count);

            // The server sets a new nonce: its next trigger is accepted, the old one no longer verifies.
            Assert.AreEqual((int)StoreReason.None, (int)rebooted.UpdateServerNonce("com.example.dms", StoreTestData.NonceFirst));
            byte[] next = Push(0x201, StoreTestData.NonceFirst);
            Assert.AreEqual((int)ReasonCode.None, (int)rebooted.Agent.ProcessPush(next, 0, next.Length, OmaDm.Notification.Dispatch.Bearer.Udp, "10.0.0.1:2948"));
            Assert.AreEqual((int)ReasonCode.DigestMismatch, (int)rebooted.Agent.ProcessPush(push, 0, push.Length, OmaDm.Notification.Dispatch.Bearer.Udp, "10.0.0.1:2948"));
        }

        [TestMethod]
        public void AddOrReplaceAccount_PasswordChanged_ReplayHistoryForgottenAndPersisted()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            NotificationService service = BootService(files);
            byte[] push = Push(0x202, "AAECAw==");
            service.Agent.ProcessPush(push, 0, push.Length, OmaDm.Notification.Dispatch.Bearer.Udp, "10.0.0.1:2948");
            Assert.AreEqual(1, BootService(files).Store.GetReplayHistory().Length);

            AccountRecord changed = service.Store.Find("com.example.dms");
            changed.Password = "new password";
            Assert.AreEqual((int)StoreReason.None, (int)service.AddOrReplaceAccount(changed));
            Assert.AreEqual(0, BootService(files).Store.GetReplayHistory().Length);
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

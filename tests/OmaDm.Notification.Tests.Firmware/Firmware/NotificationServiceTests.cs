using System;
using System.Text;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Firmware.Hosting;
using OmaDm.Notification.Simulation;
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
        private static readonly byte[] OneAccount = TestBytes.Ascii("[account]\nserverId=com.example.dms\npassword=pw\nnonce=AAECAw==\nresync=zero-bytes\n");

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
            StoreTestData.AreEqual(ProvisioningOutcome.Applied, service.Provisioning);
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
            StoreTestData.AreEqual(ProvisioningOutcome.Applied, service.Provisioning);
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
            StoreTestData.AreEqual(StoreReason.None, service.UpdateServerNonce("bad", StoreTestData.NonceSecond));
            Assert.IsNotNull(service.Accounts.Find("bad"));
            Assert.AreEqual(3, BootService(files).Accounts.Count);
        }

        // A power cut before the first byte of the very first accounts write leaves a 0-byte slot.
        [TestMethod]
        public void Boot_ZeroByteAccountsSlot_SaysSoAndProvisioningCommits()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(AccountStore.AccountsRecordName + ".a", new byte[0]);
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            var service = new NotificationService(files, new ManualClock(), null, null);
            var log = new StringBuilder();
            service.Log = line => log.Append(line).Append('\n');
            StoreTestData.AreEqual(StoreReason.NotFound, service.Boot());
            Assert.IsTrue(log.ToString().IndexOf("store: dmaccounts.a is empty (empty-slot), read as never written") >= 0, log.ToString());
            Assert.AreEqual(1, service.Accounts.Count);
            Assert.AreEqual(1, BootService(files).Accounts.Count);
        }

        [TestMethod]
        public void UpdateServerNonce_Base64TheCoreRefuses_RefusedBeforeCommitAndNextBootStarts()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            NotificationService service = BootService(files);
            for (int i = 0; i < StoreTestData.NoncesTheCoreRefuses.Length; i++)
            {
                StoreTestData.AreEqual(StoreReason.InvalidValue, service.UpdateServerNonce("com.example.dms", StoreTestData.NoncesTheCoreRefuses[i]));
                var record = new AccountRecord("second", "pw", StoreTestData.NoncesTheCoreRefuses[i], ResyncPolicy.Off);
                StoreTestData.AreEqual(StoreReason.InvalidValue, service.AddOrReplaceAccount(record));
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
            StoreTestData.AreEqual(StoreReason.None, service.UpdateServerNonce("com.example.dms", StoreTestData.NonceFirst));
            Assert.AreEqual(StoreTestData.NonceFirst, service.Accounts.Find("com.example.dms").NonceBase64);

            NotificationService rebooted = BootService(files);
            StoreTestData.AreEqual(ProvisioningOutcome.NoFile, rebooted.Provisioning);
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

        private static byte[] Push(int sessionId, string nonceBase64)
        {
            byte[] trigger = SignedPackage0.Trigger(sessionId, "com.example.dms", new byte[0]);
            byte[] signed = SignedPackage0.Sign("com.example.dms", "pw", Convert.FromBase64String(nonceBase64), trigger);
            return TestBytes.Concat(SpecVectors.AppendixCWspHeader, signed);
        }

        private sealed class CountingStarter : ISessionStarter
        {
            public int Count;
            public string LastSessionId;
            public bool LastRedelivery;

            public void StartSession(OmaDm.Notification.Dispatch.SessionRequest request)
            {
                Count++;
                LastSessionId = request.SessionId;
                LastRedelivery = request.IsRedelivery;
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
            Assert.AreEqual((int)ReasonCode.None, (int)service.Agent.ProcessPush(push, 0, push.Length, Bearer.Udp, "10.0.0.1:2948"));

            // A day later, after a reboot: the restored session suppresses one duplicate window from boot; after it the
            // replay history still refuses the trigger, as the nonce is the same.
            var later = new ManualClock(0, clock.UtcNow.AddDays(1));
            var rebooted = new NotificationService(files, later, starter, null);
            rebooted.Boot();
            Assert.AreEqual((int)ReasonCode.Duplicate, (int)rebooted.Agent.ProcessPush(push, 0, push.Length, Bearer.Udp, "10.0.0.1:2948"));
            later.Advance(new OmaDm.Notification.Dispatch.AgentOptions().DuplicateWindowMilliseconds);
            Assert.AreEqual((int)ReasonCode.Replayed, (int)rebooted.Agent.ProcessPush(push, 0, push.Length, Bearer.Udp, "10.0.0.1:2948"));
            Assert.AreEqual(1, starter.Count);

            // The server sets a new nonce: its next trigger is accepted, the old one no longer verifies.
            Assert.AreEqual((int)StoreReason.None, (int)rebooted.UpdateServerNonce("com.example.dms", StoreTestData.NonceFirst));
            byte[] next = Push(0x201, StoreTestData.NonceFirst);
            Assert.AreEqual((int)ReasonCode.None, (int)rebooted.Agent.ProcessPush(next, 0, next.Length, Bearer.Udp, "10.0.0.1:2948"));
            Assert.AreEqual((int)ReasonCode.DigestMismatch, (int)rebooted.Agent.ProcessPush(push, 0, push.Length, Bearer.Udp, "10.0.0.1:2948"));
        }

        private static ReasonCode Send(NotificationService service, byte[] push)
        {
            return service.Agent.ProcessPush(push, 0, push.Length, Bearer.Udp, "10.0.0.1:2948");
        }

        private static NotificationService BootWith(FaultInjectingFileSystem files, ISessionStarter starter, ManualClock clock)
        {
            var service = new NotificationService(files, clock, starter, null);
            service.Boot();
            return service;
        }

        // Reboots and lets the restored duplicate window pass, so what refuses a repeat is the replay history.
        private static NotificationService BootPastWindow(FaultInjectingFileSystem files, ISessionStarter starter)
        {
            var clock = new ManualClock();
            NotificationService service = BootWith(files, starter, clock);
            clock.Advance(new OmaDm.Notification.Dispatch.AgentOptions().DuplicateWindowMilliseconds);
            return service;
        }

        [TestMethod]
        public void AddOrReplaceAccount_PasswordChangedAndBack_ReplayStillRefused()
        {
            // One rule for provisioning and AddOrReplaceAccount: the history is keyed by what the
            // digest verifies under, so a password that comes back finds it, after a reboot too.
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            NotificationService service = BootService(files);
            byte[] push = Push(0x202, "AAECAw==");
            AssertReason.AreEqual(ReasonCode.None, Send(service, push));

            AccountRecord changed = service.Store.Find("com.example.dms");
            changed.Password = "new password";
            StoreTestData.AreEqual(StoreReason.None, service.AddOrReplaceAccount(changed));
            changed.Password = "pw";
            StoreTestData.AreEqual(StoreReason.None, service.AddOrReplaceAccount(changed));
            AssertReason.AreEqual(ReasonCode.Replayed, Send(BootPastWindow(files, null), push));
        }

        [TestMethod]
        public void AccountChurn_SeventeenServers_SavedAndReplayRefused()
        {
            // 17 server ids each added, triggered once and removed, then one more trigger: every save
            // succeeds (the history is bounded by design), and that trigger is refused after a reboot.
            var files = new FaultInjectingFileSystem();
            var clock = new ManualClock();
            NotificationService service = BootWith(files, null, clock);
            for (int n = 0; n < 17; n++)
            {
                string id = "srv" + n;
                StoreTestData.AreEqual(StoreReason.None, service.AddOrReplaceAccount(new AccountRecord(id, "pw", "AAECAw==", ResyncPolicy.Off)));
                byte[] signed = SignedPackage0.Sign(id, "pw", new byte[] { 0, 1, 2, 3 }, SignedPackage0.Trigger(n, id, new byte[0]));
                AssertReason.AreEqual(ReasonCode.None, service.Agent.ProcessPackage0(signed, 0, signed.Length, Bearer.Udp, "x"), id);
                StoreTestData.AreEqual(StoreReason.None, service.LastSessionsSave);
                StoreTestData.AreEqual(StoreReason.None, service.RemoveAccount(id));
            }

            StoreTestData.AreEqual(StoreReason.None, service.AddOrReplaceAccount(new AccountRecord("com.example.dms", "pw", "AAECAw==", ResyncPolicy.Off)));
            byte[] push = Push(0x203, "AAECAw==");
            AssertReason.AreEqual(ReasonCode.None, Send(service, push));
            StoreTestData.AreEqual(StoreReason.None, service.LastSessionsSave);
            AssertReason.AreEqual(ReasonCode.Replayed, Send(BootPastWindow(files, null), push));
        }

        private static byte[] ProvisionFile(int first, int count, string password)
        {
            var text = new StringBuilder();
            for (int n = first; n < first + count; n++)
            {
                text.Append("[account]\nserverId=srv").Append(n).Append("\npassword=").Append(password).Append("\nnonce=AAECAw==\nresync=zero-bytes\n");
            }

            return TestBytes.Ascii(text.ToString());
        }

        private static ReasonCode SendResync(NotificationService service, int n, int sessionId, string password)
        {
            string id = "srv" + n;
            byte[] signed = SignedPackage0.Sign(id, password, new byte[4], SignedPackage0.Trigger(sessionId, id, new byte[0]));
            return service.Agent.ProcessPackage0(signed, 0, signed.Length, Bearer.Udp, "x");
        }

        [TestMethod]
        public void Provisioning_SixteenTriggeredThenNewFile_HistoryStillSaved()
        {
            // 16 accounts each triggered once, then a provision.txt with one new account: every save succeeds.
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, ProvisionFile(0, 16, "pw"));
            NotificationService service = BootService(files);
            for (int n = 0; n < 16; n++)
            {
                AssertReason.AreEqual(ReasonCode.None, SendResync(service, n, n, "pw"));
            }

            files.SetRaw(Provisioning.DefaultFileName, ProvisionFile(16, 1, "pw"));
            service = BootService(files);
            AssertReason.AreEqual(ReasonCode.None, SendResync(service, 16, 0x40, "pw"));
            StoreTestData.AreEqual(StoreReason.None, service.LastSessionsSave);
            Assert.AreEqual(17, service.Store.GetReplayHistory().Length);
        }

        [TestMethod]
        public void Provisioning_NewPassword_NonceExhaustedClearedAsByAddOrReplace()
        {
            // One rule for both paths: the exhausted key belongs to the old password; a new one starts afresh.
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, ProvisionFile(0, 1, "pw"));
            var options = new OmaDm.Notification.Dispatch.AgentOptions();
            options.ReplayHistoryCapacity = 1;
            var service = new NotificationService(files, new ManualClock(), null, options);
            service.Boot();
            AssertReason.AreEqual(ReasonCode.None, SendResync(service, 0, 1, "pw"));
            AssertReason.AreEqual(ReasonCode.NonceExhausted, SendResync(service, 0, 2, "pw"));

            files.SetRaw(Provisioning.DefaultFileName, ProvisionFile(0, 1, "pw2"));
            service = new NotificationService(files, new ManualClock(), null, options);
            service.Boot();
            AssertReason.AreEqual(ReasonCode.None, SendResync(service, 0, 2, "pw2"));

            AccountRecord back = service.Store.Find("srv0");
            back.Password = "pw3";
            StoreTestData.AreEqual(StoreReason.None, service.AddOrReplaceAccount(back));
            AssertReason.AreEqual(ReasonCode.None, SendResync(service, 0, 3, "pw3"));
        }

        [TestMethod]
        public void Commit_SaveFails_ErrorNotSessionThenRetryAccepted()
        {
            // Persist first, then report. A failed save refuses the trigger by name, reports no
            // session, and keeps memory as on flash, so the server's retry is accepted once the flash works again.
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            var starter = new CountingStarter();
            NotificationService service = BootWith(files, starter, new ManualClock());
            byte[] push = Push(0x204, "AAECAw==");
            files.Arm(0, -1);
            AssertReason.AreEqual(ReasonCode.NotPersisted, Send(service, push));
            Assert.AreEqual(0, starter.Count);
            files.Reboot();
            AssertReason.AreEqual(ReasonCode.None, Send(service, push));
            Assert.AreEqual(1, starter.Count);
            AssertReason.AreEqual(ReasonCode.Replayed, Send(BootPastWindow(files, null), push));
        }

        [TestMethod]
        public void Boot_SessionsRecordCorrupt_RefusedUntilNewNonce()
        {
            // One byte flipped in both slots. The boot fails closed for the current keys, names it,
            // and a new nonce opens the account again.
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            NotificationService service = BootService(files);
            byte[] push = Push(0x205, "AAECAw==");
            AssertReason.AreEqual(ReasonCode.None, Send(service, push));
            AssertReason.AreEqual(ReasonCode.None, Send(service, Push(0x206, "AAECAw==")));
            CorruptBothSlots(files, AccountStore.SessionsRecordName);

            var log = new StringBuilder();
            var rebooted = new NotificationService(files, new ManualClock(), null, null);
            rebooted.Log = line => log.Append(line).Append('\n');
            rebooted.Boot();
            Assert.IsTrue(log.ToString().IndexOf("replay history unavailable") >= 0, log.ToString());
            AssertReason.AreEqual(ReasonCode.ReplayHistoryUnavailable, Send(rebooted, push));
            AssertReason.AreEqual(ReasonCode.ReplayHistoryUnavailable, Send(rebooted, Push(0x207, "AAECAw==")));

            // Still so after one more reboot (the retired keys were saved), until the server sets a new nonce.
            rebooted = BootService(files);
            AssertReason.AreEqual(ReasonCode.ReplayHistoryUnavailable, Send(rebooted, push));
            StoreTestData.AreEqual(StoreReason.None, rebooted.UpdateServerNonce("com.example.dms", StoreTestData.NonceFirst));
            AssertReason.AreEqual(ReasonCode.None, Send(rebooted, Push(0x208, StoreTestData.NonceFirst)));
        }

        private static void CorruptBothSlots(FaultInjectingFileSystem files, string record)
        {
            string[] slots = new string[] { record + ".a", record + ".b" };
            for (int i = 0; i < slots.Length; i++)
            {
                byte[] raw = files.GetRaw(slots[i]);
                if (raw != null)
                {
                    raw[raw.Length - 3] ^= 0x40;
                    files.SetRaw(slots[i], raw);
                }
            }
        }

        private static AccountRecord SameAccount()
        {
            return new AccountRecord("com.example.dms", "pw", "AAECAw==", ResyncPolicy.ZeroBytes);
        }

        [TestMethod]
        public void Boot_BothRecordsCorruptAccountReAdded_ReplayRefusedUntilNewNonce()
        {
            // Both records lost: no account is present to retire at boot; the one re-added later with the same
            // password and nonce must not accept the old triggers again.
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            NotificationService service = BootService(files);
            byte[] push = Push(0x209, "AAECAw==");
            AssertReason.AreEqual(ReasonCode.None, Send(service, push));
            CorruptBothSlots(files, AccountStore.SessionsRecordName);
            CorruptBothSlots(files, AccountStore.AccountsRecordName);

            NotificationService rebooted = BootService(files);
            Assert.AreEqual(0, rebooted.Accounts.Count);
            StoreTestData.AreEqual(StoreReason.None, rebooted.AddOrReplaceAccount(SameAccount()));
            AssertReason.AreEqual(ReasonCode.ReplayHistoryUnavailable, Send(rebooted, push));

            rebooted = BootService(files);
            AssertReason.AreEqual(ReasonCode.ReplayHistoryUnavailable, Send(rebooted, push));
            StoreTestData.AreEqual(StoreReason.None, rebooted.UpdateServerNonce("com.example.dms", StoreTestData.NonceFirst));
            AssertReason.AreEqual(ReasonCode.None, Send(rebooted, Push(0x20A, StoreTestData.NonceFirst)));
        }

        [TestMethod]
        public void Boot_AccountRemovedBeforeLossThenReAdded_ReplayRefused()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            NotificationService service = BootService(files);
            byte[] push = Push(0x20B, "AAECAw==");
            AssertReason.AreEqual(ReasonCode.None, Send(service, push));
            StoreTestData.AreEqual(StoreReason.None, service.RemoveAccount("com.example.dms"));
            CorruptBothSlots(files, AccountStore.SessionsRecordName);

            NotificationService rebooted = BootService(files);
            StoreTestData.AreEqual(StoreReason.None, rebooted.AddOrReplaceAccount(SameAccount()));
            AssertReason.AreEqual(ReasonCode.ReplayHistoryUnavailable, Send(rebooted, push));
        }

        private sealed class FailingStarter : ISessionStarter
        {
            public OmaDm.Notification.Dispatch.SessionRequest Last;

            public void StartSession(OmaDm.Notification.Dispatch.SessionRequest request)
            {
                Last = request;
                throw new InvalidOperationException("crash before the DM client had it");
            }
        }

        [TestMethod]
        public void Boot_SessionPersistedNotHandedOver_HandedOverAgain()
        {
            // A crash between save and handover loses nothing: the next boot hands the session over,
            // marked as a redelivery with its ids; once acknowledged, it is not handed over again.
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            NotificationService service = BootWith(files, new FailingStarter(), new ManualClock());
            byte[] push = Push(0x209, "AAECAw==");
            AssertReason.AreEqual(ReasonCode.None, Send(service, push));

            var starter = new CountingStarter();
            NotificationService rebooted = BootPastWindow(files, starter);
            Assert.AreEqual(1, starter.Count);
            Assert.AreEqual("209", starter.LastSessionId);
            Assert.IsTrue(starter.LastRedelivery);
            AssertReason.AreEqual(ReasonCode.Replayed, Send(rebooted, push));
            BootWith(files, starter, new ManualClock());
            Assert.AreEqual(1, starter.Count);
        }

        [TestMethod]
        public void UpdateServerNonce_NextTriggerVerifiedWithNewNonceOnly()
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, Encoding.UTF8.GetBytes("[account]\nserverId=com.example.dms\npassword=pw\nnonce=AAECAw==\n"));
            var starter = new CountingStarter();
            var service = new NotificationService(files, new ManualClock(), starter, null);
            service.Boot();
            StoreTestData.AreEqual(StoreReason.None, service.UpdateServerNonce("com.example.dms", StoreTestData.NonceFirst));

            byte[] stale = Push(0x101, "AAECAw==");
            AssertReason.AreEqual(ReasonCode.DigestMismatch, service.Agent.ProcessPush(stale, 0, stale.Length, Bearer.Udp, "10.0.0.1:2948"));
            byte[] fresh = Push(0x102, StoreTestData.NonceFirst);
            AssertReason.AreEqual(ReasonCode.None, service.Agent.ProcessPush(fresh, 0, fresh.Length, Bearer.Udp, "10.0.0.1:2948"));
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
                AssertReason.AreEqual(ReasonCode.None, rebooted.Agent.ProcessPush(push, 0, push.Length, Bearer.Udp, "10.0.0.1:1"), "torn " + torn);
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
            AssertReason.AreEqual(ReasonCode.None, service.Agent.ProcessPush(push, 0, push.Length, Bearer.Sms, "+491701"));
            Assert.AreEqual(1, service.Store.GetRecentSessions().Length);

            var rebootedStarter = new CountingStarter();
            var rebooted = new NotificationService(files, new ManualClock(), rebootedStarter, null);
            rebooted.Boot();
            AssertReason.AreEqual(ReasonCode.Duplicate, rebooted.Agent.ProcessPush(push, 0, push.Length, Bearer.Sms, "+491701"));
            Assert.AreEqual(0, rebootedStarter.Count);
        }

        [TestMethod]
        public void AccountChanges_InvalidValues_RefusedAndTableUnchanged()
        {
            NotificationService service = BootService(new FaultInjectingFileSystem());
            StoreTestData.AreEqual(StoreReason.InvalidValue, service.AddOrReplaceAccount(StoreTestData.Account("", "")));
            StoreTestData.AreEqual(StoreReason.UnknownAccount, service.UpdateServerNonce("nobody", StoreTestData.NonceFirst));
            StoreTestData.AreEqual(StoreReason.UnknownAccount, service.RemoveAccount("nobody"));
            Assert.AreEqual(0, service.Accounts.Count);
            StoreTestData.AreEqual(StoreReason.None, service.AddOrReplaceAccount(StoreTestData.Account("x", "")));
            Assert.AreEqual(1, service.Accounts.Count);
            StoreTestData.AreEqual(StoreReason.None, service.RemoveAccount("x"));
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

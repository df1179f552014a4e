using System;
using System.Text;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Firmware.Hosting;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Tests.Storage;

namespace OmaDm.Notification.Tests.Firmware
{
    [TestClass]
    public class NotificationServiceTests
    {
        // Provisioning file in the documented format (Provisioning class remarks).
        private static readonly byte[] OneAccount = Encoding.UTF8.GetBytes("[account]\nserverId=com.example.dms\npassword=pw\nnonce=AAECAw==\nresync=zero\n");

        private static void RequireCore()
        {
            try
            {
                new ServerAccount("probe", "p", string.Empty, ResyncPolicy.Off);
                new AccountTable().ToArray();
            }
            catch (NotImplementedException)
            {
                Assert.SkipTest("core account table and agent not merged yet");
            }
        }

        private static NotificationService BootService(FaultInjectingFileSystem files)
        {
            var service = new NotificationService(files, new ManualClock(), null, null);
            service.Boot();
            return service;
        }

        [TestMethod]
        public void Boot_ProvisioningFile_AccountsLiveAndFileConsumed()
        {
            RequireCore();
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
            RequireCore();
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
            RequireCore();
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

        [TestMethod]
        public void AccountChanges_InvalidValues_RefusedAndTableUnchanged()
        {
            RequireCore();
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

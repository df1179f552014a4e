using nanoFramework.TestFramework;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Firmware.Hosting;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Profiles;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Tests.Dispatch;
using OmaDm.Notification.Tests.Modem;
using OmaDm.Notification.Tests.Storage;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Firmware
{
    [TestClass]
    public class NotificationServiceBootstrapTests
    {
        private sealed class Counter
        {
            public int Sessions;

            public void OnSession(object sender, SessionRequest request)
            {
                Sessions++;
            }
        }

        private static NotificationService Boot(FaultInjectingFileSystem files, BootstrapPolicy policy)
        {
            var service = new NotificationService(files, new ManualClock(), null, null);
            service.BootstrapPolicy = policy;
            service.Boot();
            return service;
        }

        [TestMethod]
        public void Boot_NoAccountAndAPin_CanBootstrapThenAcceptsOneAndARebootKeepsIt()
        {
            var files = new FaultInjectingFileSystem();
            NotificationService service = Boot(files, new BootstrapPolicy { UserPin = BootstrapPushVectors.Pin });
            Assert.AreEqual(0, service.Accounts.Count);
            Assert.IsTrue(service.CanBootstrap);

            byte[] document = BootstrapPushVectors.CpDocument();
            byte[] push = BootstrapPushEncoder.Encode(document, BootstrapProfile.ClientProvisioning, BootstrapSecurity.UserPin, null, BootstrapPushVectors.Pin);
            AssertReason.AreEqual(ReasonCode.None, service.Agent.ProcessPush(push, 0, push.Length, Bearer.Udp, "10.0.0.7:49154"));

            files.Reboot();
            NotificationService rebooted = Boot(files, null);
            Assert.IsFalse(rebooted.CanBootstrap);
            var counter = new Counter();
            rebooted.Agent.SessionRequested += counter.OnSession;
            byte[] trigger = BootstrapPushVectors.AppendixCPush();
            AssertReason.AreEqual(ReasonCode.None, rebooted.Agent.ProcessPush(trigger, 0, trigger.Length, Bearer.Udp, "10.0.0.7:49154"));
            Assert.AreEqual(1, counter.Sessions);
        }

        [TestMethod]
        public void ProcessPush_BootstrapReadBackOutOfMemory_NamedThenSamePushAccepted()
        {
            // Out of memory reading the accounts record back is named so (an SMS is then kept for re-reading), not
            // bootstrap-store-full, and changes nothing: the same push is accepted once memory is back.
            var files = new FaultInjectingFileSystem();
            var seed = new AccountStore(files);
            seed.Open();
            seed.AddOrReplace(new AccountRecord("other.example", "pw", "AAAA", ResyncPolicy.Off));
            NotificationService service = Boot(files, new BootstrapPolicy { UserPin = BootstrapPushVectors.Pin });
            byte[] document = BootstrapPushVectors.CpDocument();
            byte[] push = BootstrapPushEncoder.Encode(document, BootstrapProfile.ClientProvisioning, BootstrapSecurity.UserPin, null, BootstrapPushVectors.Pin);
            files.MaxReadBytes = 1;
            AssertReason.AreEqual(ReasonCode.OutOfMemory, service.Agent.ProcessPush(push, 0, push.Length, Bearer.Sms, "+15550001"));
            files.MaxReadBytes = int.MaxValue;
            Assert.AreEqual(1, service.Accounts.Count);
            AssertReason.AreEqual(ReasonCode.None, service.Agent.ProcessPush(push, 0, push.Length, Bearer.Sms, "+15550001"));
            Assert.AreEqual(2, service.Accounts.Count);
        }

        [TestMethod]
        public void Boot_NoPolicy_BootstrapRefusedByName()
        {
            NotificationService service = Boot(new FaultInjectingFileSystem(), null);
            byte[] document = BootstrapPushVectors.CpDocument();
            byte[] push = BootstrapPushEncoder.Encode(document, BootstrapProfile.ClientProvisioning, BootstrapSecurity.UserPin, null, BootstrapPushVectors.Pin);
            AssertReason.AreEqual(ReasonCode.BootstrapSecNotAllowed, service.Agent.ProcessPush(push, 0, push.Length, Bearer.Udp, "10.0.0.7:49154"));
            Assert.AreEqual(0, service.Store.Count);
        }

        [TestMethod]
        public void ModemBearers_BootstrapPath_ImsiFromAtCimiKeysNetworkPin()
        {
            var modem = new ScriptedModem(10);
            modem.Imsi = BootstrapPushVectors.Imsi;
            var clock = new ManualClock();
            modem.Clock = clock;
            AtChannel channel = ModemTestSteps.Channel(modem, AtChannel.DefaultMaxLineLength);
            var accounts = new AccountTable();
            var store = new AccountStore(new FaultInjectingFileSystem());
            store.Open();
            var agent = new NotificationAgent(accounts, clock, null);
            agent.Bootstrap = new BootstrapAgent(new BootstrapPolicy { AllowNetworkPin = true }, new BootstrapAccountStore(store, accounts), accounts);
            Assert.IsFalse(agent.Bootstrap.CanVerify, "no IMSI yet");
            var bearers = new ModemBearers(agent, channel, ModemTestPeers.Fast(new Sim800Profile()), ModemCatalog.Find(ModemCatalog.Sim800), true, null, 2948, clock);
            try
            {
                Assert.IsTrue(ModemTestSteps.Until(bearers.Loop, clock, () => bearers.Sms.IsReady && agent.Bootstrap.CanVerify, 5000), modem.DialogueText());
                Assert.AreEqual(BootstrapPushVectors.Imsi, bearers.Sms.Imsi);
            }
            finally
            {
                bearers.Dispose();
            }
        }
    }
}

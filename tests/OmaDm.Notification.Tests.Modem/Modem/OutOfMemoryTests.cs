using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Profiles;
using OmaDm.Notification.Modem.Sms;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.Sms;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Modem
{
    /// <summary>
    /// Out of memory on the SMS path is an event, never a silent drop: an allocation that fails while the agent accepts
    /// the trigger (injected by <see cref="StarvingClock"/>) is reported as <c>out-of-memory</c> by the agent (bearer sms)
    /// and by the driver, the SMS stays in the modem's storage, and the sweep after the retry delay delivers the trigger
    /// once memory is back: one session, the SMS then deleted.
    /// </summary>
    [TestClass]
    public class OutOfMemoryTests
    {
        private static string Single => Hex.ToHex(SmsVectors.AppendixCSingle, 0, SmsVectors.AppendixCSingle.Length);
        private static string Part1 => Hex.ToHex(SmsVectors.Concat8Part1, 0, SmsVectors.Concat8Part1.Length);
        private static string Part2 => Hex.ToHex(SmsVectors.Concat8Part2, 0, SmsVectors.Concat8Part2.Length);
        private static string Part3 => Hex.ToHex(SmsVectors.Concat8Part3, 0, SmsVectors.Concat8Part3.Length);

        private sealed class Rig
        {
            public readonly ScriptedModem Modem = new ScriptedModem(10);
            public readonly ModemEventRecorder Log = new ModemEventRecorder();
            public SteppedModem Steps;
            public StarvingClock Starving;
            public SmsModemDriver Driver;
            public int Sessions;
            public string Rejected = string.Empty;

            public Rig()
            {
                Steps = new SteppedModem(Modem);
                Starving = new StarvingClock(Steps.Clock);
                var accounts = new AccountTable();
                accounts.AddOrReplace(new ServerAccount(SmsVectors.ServerId, SmsVectors.Password, SmsVectors.NonceBase64, ResyncPolicy.Off));
                var agent = new NotificationAgent(accounts, Starving, null);
                agent.SessionRequested += (sender, request) => Sessions++;
                agent.Rejected += (sender, rejection) => Rejected += ReasonCodeText.ToKebabCase(rejection.Reason) + "/" + BearerText.Name(rejection.Bearer) + ";";
                var receiver = new SmsNotificationReceiver(agent, Starving, null);
                Driver = new SmsModemDriver(Steps.Channel, ModemTestPeers.Fast(new QuectelBg9xProfile()), new SmsReceiverSink(receiver), Steps.Clock, ModemTestPeers.FastOptions());
                Driver.EventRaised += Log.Record;
                Steps.Loop.Add(Driver);
                Assert.IsTrue(Steps.Until(() => Driver.IsReady && Modem.CountCommand("AT+CPMS?") > 0, 5000), "set-up and sweep");
            }
        }

        [TestMethod]
        public void Receive_OutOfMemoryAtAgentCommit_NamedKeptThenDeliveredOnce()
        {
            var rig = new Rig();
            try
            {
                rig.Starving.Failures = 1;
                rig.Modem.Receive(Single);
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count(ModemEventKind.OutOfMemory) == 1, 5000), "named by the driver");
                Assert.AreEqual(0, rig.Sessions);
                Assert.IsTrue(rig.Modem.Holds(Single), "left in storage");
                Assert.AreEqual(0, rig.Modem.CountCommand("AT+CMGD=1"));
                Assert.AreEqual("out-of-memory/sms;", rig.Rejected);

                Assert.IsTrue(rig.Steps.Until(() => rig.Sessions == 1 && rig.Modem.StoredCount == 0, 5000), "delivered once memory is back");
                Assert.AreEqual(1, rig.Starving.Failed);
                Assert.AreEqual(1, rig.Log.Count(ModemEventKind.OutOfMemory));
                Assert.AreEqual("out-of-memory/sms;", rig.Rejected);
            }
            finally
            {
                rig.Steps.Dispose();
            }
        }

        [TestMethod]
        public void Receive_OutOfMemoryOnLastOfThreeParts_AllKeptThenDeliveredOnce()
        {
            var rig = new Rig();
            try
            {
                rig.Modem.Receive(Part3);
                rig.Modem.Receive(Part1);
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.CountCommand("AT+CMGR=2") == 1, 5000), "two parts read");
                rig.Starving.Failures = 1;
                rig.Modem.Receive(Part2);
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count(ModemEventKind.OutOfMemory) == 1, 5000), "named by the driver");
                Assert.AreEqual(0, rig.Sessions);
                Assert.AreEqual(3, rig.Modem.StoredCount, "every part left in storage");

                Assert.IsTrue(rig.Steps.Until(() => rig.Sessions == 1 && rig.Modem.StoredCount == 0, 5000), "delivered once memory is back");
                Assert.AreEqual(1, rig.Starving.Failed);
                Assert.AreEqual("out-of-memory/sms;", rig.Rejected);
            }
            finally
            {
                rig.Steps.Dispose();
            }
        }
    }
}

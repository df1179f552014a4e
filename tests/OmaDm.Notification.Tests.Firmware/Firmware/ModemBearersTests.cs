using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Firmware.Hosting;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Profiles;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.Modem;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Firmware
{
    [TestClass]
    public class ModemBearersTests
    {
        private static int _requests;
        private static string _last;

        private static NotificationAgent NewAgent()
        {
            var accounts = new AccountTable();
            accounts.AddOrReplace(new ServerAccount("com.example.dms", "pw", "AAECAw==", ResyncPolicy.Off));
            var agent = new NotificationAgent(accounts, new ManualClock(), null);
            _requests = 0;
            _last = null;
            agent.SessionRequested += (sender, request) =>
            {
                _requests++;
                _last = BearerText.Name(request.Bearer) + "|" + request.Source + "|" + request.SessionId;
            };
            return agent;
        }

        // The modem on the test's simulated time, its channel read only by the bearers' loop (stepped by Until).
        private static AtChannel Channel(ScriptedModem modem, ManualClock clock)
        {
            modem.Clock = clock;
            return ModemTestSteps.Channel(modem, AtChannel.DefaultMaxLineLength);
        }

        private static bool Until(ModemBearers bearers, ManualClock clock, ModemTestCondition condition, int milliseconds)
        {
            return ModemTestSteps.Until(bearers.Loop, clock, condition, milliseconds);
        }

        private static byte[] Push(int sessionId)
        {
            byte[] trigger = SignedPackage0.Trigger(sessionId, "com.example.dms", new byte[0]);
            return TestBytes.Concat(SpecVectors.AppendixCWspHeader, SignedPackage0.Sign("com.example.dms", "pw", new byte[] { 0, 1, 2, 3 }, trigger));
        }

        [TestMethod]
        public void QuectelUdpService_TriggerDatagram_OneSessionWithBearerUdpAndSource()
        {
            var modem = new ScriptedQuectelModem();
            var clock = new ManualClock();
            NotificationAgent agent = NewAgent();
            var bearers = new ModemBearers(agent, Channel(modem, clock), ModemTestPeers.Fast(new QuectelBg9xProfile()), ModemCatalog.Find(ModemCatalog.Bg96), false, "internet", 2948, clock);
            Assert.IsNull(bearers.Sms);
            Assert.IsNotNull(bearers.Udp);
            bearers.Udp.RetryDelay = 30;
            Assert.IsTrue(Until(bearers, clock, () => bearers.Udp.IsReady, 5000), "open");
            modem.Arrive(Push(0x77), "203.0.113.7:49152");
            Assert.IsTrue(Until(bearers, clock, () => _requests == 1, 5000), "session");
            Assert.AreEqual("udp|203.0.113.7:49152|77", _last);
        }

        [TestMethod]
        public void SimcomUdpService_TriggerDatagram_OneSessionWithBearerUdpAndSource()
        {
            var modem = new ScriptedSimcomModem();
            var clock = new ManualClock();
            NotificationAgent agent = NewAgent();
            var bearers = new ModemBearers(agent, Channel(modem, clock), ModemTestPeers.Fast(new Sim7600Profile()), ModemCatalog.Find(ModemCatalog.A7670), false, "internet", 2948, clock);
            bearers.Udp.RetryDelay = 30;
            Assert.IsTrue(Until(bearers, clock, () => bearers.Udp.IsReady, 5000), "open");
            modem.Arrive(Push(0x78), "198.51.100.1:2948");
            Assert.IsTrue(Until(bearers, clock, () => _requests == 1, 5000), "session");
            Assert.AreEqual("udp|198.51.100.1:2948|78", _last);
        }

        // A datagram longer than the 1,024 characters the firmware once gave its channel (Quectel: one hex line; SIMCom:
        // pushed raw after +IPD1200, framed by length): the trigger's vendor tail pads the push to 1,200 bytes.
        private static byte[] LongPush(int sessionId)
        {
            byte[] trigger = SignedPackage0.Trigger(sessionId, "com.example.dms", new byte[1200 - 16 - 8 - 15 - 6]);
            return TestBytes.Concat(SpecVectors.AppendixCWspHeader, SignedPackage0.Sign("com.example.dms", "pw", new byte[] { 0, 1, 2, 3 }, trigger));
        }

        private static void AssertLongDatagramDelivered(ScriptedModem modem, ModemModel model, ModemProfile profile, string source)
        {
            var clock = new ManualClock();
            modem.Clock = clock;
            AtChannel channel = model.CreateChannel(modem, true);
            channel.ReadPollMilliseconds = 10;
            var bearers = new ModemBearers(NewAgent(), channel, ModemTestPeers.Fast(profile), model, false, "internet", 2948, clock);
            bearers.Udp.RetryDelay = 30;
            Assert.IsTrue(Until(bearers, clock, () => bearers.Udp.IsReady, 5000), "open");
            byte[] push = LongPush(0x79);
            Assert.AreEqual(1200, push.Length);
            if (modem is ScriptedSimcomModem)
            {
                ((ScriptedSimcomModem)modem).Arrive(push, source);
            }
            else
            {
                ((ScriptedQuectelModem)modem).Arrive(push, source);
            }

            Assert.IsTrue(Until(bearers, clock, () => _requests == 1, 5000), "session; overlong lines: " + channel.OverlongLines);
            Assert.AreEqual(0, channel.OverlongLines);
        }

        [TestMethod]
        public void CreateChannel_SimcomDatagramOf1200Bytes_DeliveredFramedByLength()
        {
            AssertLongDatagramDelivered(new ScriptedSimcomModem(), ModemCatalog.Find(ModemCatalog.A7670), new Sim7600Profile(), "198.51.100.1:2948");
        }

        [TestMethod]
        public void CreateChannel_QuectelDatagramOf1200Bytes_DeliveredInOneHexLine()
        {
            AssertLongDatagramDelivered(new ScriptedQuectelModem(), ModemCatalog.Find(ModemCatalog.Bg96), new QuectelBg9xProfile(), "203.0.113.7:49152");
        }

        [TestMethod]
        public void CreateChannel_Eg91FromTheCatalog_DatagramOf1200BytesDelivered()
        {
            ModemModel eg91 = ModemCatalog.Find(ModemCatalog.Eg91);
            AssertLongDatagramDelivered(new ScriptedQuectelModem(), eg91, eg91.CreateProfile(), "203.0.113.8:49152");
        }

        [TestMethod]
        public void Constructor_ModelWithoutUdpDialect_NoUdpService()
        {
            var clock = new ManualClock();
            ModemModel sim800 = ModemCatalog.Find(ModemCatalog.Sim800);
            var bearers = new ModemBearers(NewAgent(), Channel(new ScriptedModem(4), clock), sim800.CreateProfile(), sim800, false, "internet", 2948, clock);
            Assert.IsNull(bearers.Udp);
        }

        [TestMethod]
        public void LinkReopened_SmsAndUdpOnOneChannel_BothSetUpAgainAndUdpDelivers()
        {
            var modem = new ScriptedQuectelModem();
            var clock = new ManualClock();
            AtChannel channel = Channel(modem, clock);
            var bearers = new ModemBearers(NewAgent(), channel, ModemTestPeers.Fast(new QuectelBg9xProfile()), ModemCatalog.Find(ModemCatalog.Bg96), true, "internet", 2948, clock);
            var sms = new ModemEventRecorder();
            var udp = new ModemEventRecorder();
            bearers.Sms.EventRaised += sms.Record;
            bearers.Udp.EventRaised += udp.Record;
            bearers.Udp.RetryDelay = 30;
            Assert.IsTrue(Until(bearers, clock, () => bearers.Udp.IsReady && bearers.Sms.IsReady, 5000), "open");
            channel.Connector = new ScriptedModemConnector(modem, clock);
            modem.Close();
            Assert.IsTrue(Until(bearers, clock, () => bearers.Udp.SetupCount == 2 && bearers.Sms.SetupCount == 2 && bearers.Udp.IsReady && bearers.Sms.IsReady, 5000), modem.DialogueText());
            Assert.AreEqual(1, channel.Reconnects);
            Assert.AreEqual("up|down:link-closed|up", sms.Listening());
            Assert.AreEqual("up|down:link-closed|up", udp.Listening());
            modem.Arrive(Push(0x79), "203.0.113.9:2948");
            Assert.IsTrue(Until(bearers, clock, () => _requests == 1, 5000), "session after the reconnect");
        }

        // an A7670E-LNXY-UBL refuses the SMS set-up; the UDP bearer works, so the watchdog must not reset it.
        [TestMethod]
        public void Heartbeat_SmsUnsupportedUdpReady_NoRestart()
        {
            var modem = new ScriptedSimcomModem();
            modem.SmsSupported = false;
            var clock = new ManualClock();
            var bearers = new ModemBearers(NewAgent(), Channel(modem, clock), ModemTestPeers.Fast(new Sim7600Profile()), ModemCatalog.Find(ModemCatalog.A7670), true, "internet", 2948, clock);
            try
            {
                bearers.Udp.RetryDelay = 30;
                var supervisor = new Supervisor(clock);
                int cycles = 0;
                bearers.Watch(supervisor, () => cycles++, 1000);
                Assert.IsTrue(Until(bearers, clock, () => bearers.Udp.IsReady && bearers.SmsUnsupported, 5000), modem.DialogueText());
                Assert.IsFalse(bearers.Sms.IsReady);
                clock.Advance(5000);
                Assert.AreEqual(0, supervisor.CheckOnce());
                Assert.AreEqual(0, cycles);
            }
            finally
            {
                bearers.Dispose();
            }
        }

        [TestMethod]
        public void Heartbeat_SmsSupportedButNotReady_StillCounted()
        {
            var clock = new ManualClock();
            var bearers = new ModemBearers(NewAgent(), Channel(new ScriptedSimcomModem(), clock), new Sim7600Profile(), ModemCatalog.Find(ModemCatalog.A7670), true, null, 2948, clock);
            try
            {
                var supervisor = new Supervisor(clock);
                int cycles = 0;
                bearers.Watch(supervisor, () => cycles++, 1000);
                clock.Advance(1500);
                Assert.IsFalse(bearers.SmsUnsupported);
                Assert.AreEqual(1, supervisor.CheckOnce());
                Assert.AreEqual(1, cycles);
            }
            finally
            {
                bearers.Dispose();
            }
        }

        // BG96 AT+QIACT may take up to 150 s (Quectel TCP/IP AT manual); the watchdog's 120 s limit must
        // not cut it. The supervisor checks while the command is in flight (from a URC read meanwhile) and after.
        [TestMethod]
        public void Heartbeat_CommandInFlightOrAnswered_NotStaleButTimedOutIs()
        {
            var clock = new ManualClock();
            var modem = new SlowModem(clock);
            var channel = new AtChannel(modem, AtChannel.DefaultMaxLineLength);
            channel.Clock = clock;
            channel.RegisterUrc("+QIURC:", false);
            var bearers = new ModemBearers(NewAgent(), channel, new QuectelBg9xProfile(), ModemCatalog.Find(ModemCatalog.Bg96), true, null, 2948, clock);
            var supervisor = new Supervisor(clock);
            int cycles = 0;
            int duringCommand = -1;
            bearers.Watch(supervisor, () => cycles++, 120000);
            channel.UrcReceived += (sender, line, payload) => duringCommand = supervisor.CheckOnce();
            try
            {
                modem.Later(125000, "+QIURC: \"test\"");
                modem.Later(140000, "OK");
                Assert.IsTrue(channel.Execute("AT+QIACT=1", 150000).IsOk, "slow activation answered");
                Assert.AreEqual(0, duringCommand, "in flight at 125 s");
                clock.Advance(100000);
                Assert.AreEqual(0, supervisor.CheckOnce(), "100 s after the answer: 140 s busy are not stale");

                Assert.AreEqual(AtResult.Timeout, channel.Execute("AT+QIACT=1", 150000).Result);
                Assert.AreEqual(1, supervisor.CheckOnce(), "no answer within the command's own timeout");
                Assert.AreEqual(1, cycles);
            }
            finally
            {
                bearers.Dispose();
            }
        }

        private sealed class SlowModem : ScriptedModem
        {
            public SlowModem(ManualClock clock)
                : base(4)
            {
                Clock = clock;
                Silent = true;
            }

            public void Later(int milliseconds, string line)
            {
                EmitLater(milliseconds, new string[] { line });
            }
        }

        [TestMethod]
        public void Heartbeat_ModemNeverReady_AgesUntilWatchdogRecovers()
        {
            var clock = new ManualClock();
            var modem = new ScriptedQuectelModem();
            var bearers = new ModemBearers(NewAgent(), Channel(modem, clock), new QuectelBg9xProfile(), ModemCatalog.Find(ModemCatalog.Bg96), false, "internet", 2948, clock);
            var supervisor = new Supervisor(clock);
            int cycles = 0;
            bearers.Watch(supervisor, () => cycles++, 1000);
            clock.Advance(1500);
            Assert.AreEqual(1, supervisor.CheckOnce(), "never started, never ready");
            Assert.AreEqual(1, cycles);
        }

        // From an attack: +CMS ERROR: 314 (SIM busy, 27.005 3.2.5) right after boot is temporary, not a module without
        // SMS; with SMS the only bearer a module that hangs later must still be restarted.
        [TestMethod]
        public void Heartbeat_SimBusyThenHungSmsOnly_Restarted()
        {
            var modem = new ScriptedSimcomModem();
            var clock = new ManualClock();
            var bearers = new ModemBearers(NewAgent(), Channel(modem, clock), ModemTestPeers.Fast(new Sim7600Profile()), ModemCatalog.Find(ModemCatalog.A7670), true, null, 2948, clock);
            try
            {
                modem.FailNext("AT+CMGF=0", "+CMS ERROR: 314");
                var supervisor = new Supervisor(clock);
                int cycles = 0;
                bearers.Watch(supervisor, () => cycles++, 1000);
                Assert.IsTrue(Until(bearers, clock, () => bearers.Sms.IsReady, 20000), modem.DialogueText());
                Assert.IsFalse(bearers.SmsUnsupported, "SIM busy is temporary");
                modem.Silent = true;
                bearers.Sms.RequestSetup();
                Until(bearers, clock, () => false, 20000);
                Assert.IsFalse(bearers.Sms.IsReady);
                clock.Advance(5000);
                Assert.AreEqual(1, supervisor.CheckOnce());
                Assert.AreEqual(1, cycles);
            }
            finally
            {
                bearers.Dispose();
            }
        }

        // A module without SMS (stable refusal) and no UDP service: SMS is still counted, never a heartbeat with nothing to count.
        [TestMethod]
        public void Heartbeat_SmsUnsupportedNoUdp_StillCounted()
        {
            var modem = new ScriptedSimcomModem();
            modem.SmsSupported = false;
            var clock = new ManualClock();
            var bearers = new ModemBearers(NewAgent(), Channel(modem, clock), ModemTestPeers.Fast(new Sim7600Profile()), ModemCatalog.Find(ModemCatalog.A7670), true, null, 2948, clock);
            try
            {
                var supervisor = new Supervisor(clock);
                int cycles = 0;
                bearers.Watch(supervisor, () => cycles++, 1000);
                Assert.IsTrue(Until(bearers, clock, () => bearers.SmsUnsupported, 5000), modem.DialogueText());
                clock.Advance(5000);
                Assert.AreEqual(1, supervisor.CheckOnce());
                Assert.AreEqual(1, cycles);
            }
            finally
            {
                bearers.Dispose();
            }
        }

        // From an attack: after a restart the grace runs from the restart, so a slow activation in flight 125 s after it
        // (within QIACT's 150 s timeout) is not cut again by the pre-restart baseline.
        [TestMethod]
        public void Recover_SlowActivationAfterRestart_NotCutAgain()
        {
            var clock = new ManualClock();
            var modem = new SlowModem(clock);
            var channel = new AtChannel(modem, AtChannel.DefaultMaxLineLength);
            channel.Clock = clock;
            channel.RegisterUrc("+QIURC:", false);
            var bearers = new ModemBearers(NewAgent(), channel, new QuectelBg9xProfile(), ModemCatalog.Find(ModemCatalog.Bg96), true, null, 2948, clock);
            var supervisor = new Supervisor(clock);
            int cycles = 0;
            int duringCommand = -1;
            bearers.Watch(supervisor, () => cycles++, 120000);
            channel.UrcReceived += (sender, line, payload) => duringCommand = supervisor.CheckOnce();
            try
            {
                clock.Advance(121000);
                Assert.AreEqual(1, supervisor.CheckOnce(), "stale: first restart");
                modem.Later(125000, "+QIURC: \"test\"");
                modem.Later(140000, "OK");
                Assert.IsTrue(channel.Execute("AT+QIACT=1", 150000).IsOk);
                Assert.AreEqual(0, duringCommand);
                Assert.AreEqual(1, cycles);
            }
            finally
            {
                bearers.Dispose();
            }
        }

        // From an attack: the network refuses activation (every AT+QIACT answered ERROR); a restart mends nothing, so
        // each one that did not bring the modem to ready doubles the grace: restarts at 120 s, 360 s, not every 120 s.
        [TestMethod]
        public void Heartbeat_NetworkRefusesActivation_RestartsBackOff()
        {
            var clock = new ManualClock();
            var modem = new ScriptedQuectelModem();
            var bearers = new ModemBearers(NewAgent(), Channel(modem, clock), ModemTestPeers.Fast(new QuectelBg9xProfile()), ModemCatalog.Find(ModemCatalog.Bg96), false, "internet", 2948, clock);
            try
            {
                bearers.Udp.RetryDelay = 1000;
                var supervisor = new Supervisor(clock);
                int cycles = 0;
                bearers.Watch(supervisor, () => cycles++, 120000);
                long nextCheck = 0;
                ModemTestCondition refused = () =>
                {
                    modem.FailNext("AT+QIACT=1", "ERROR");
                    clock.Advance(20);
                    if (clock.MonotonicMilliseconds >= nextCheck)
                    {
                        nextCheck = clock.MonotonicMilliseconds + 1000;
                        supervisor.CheckOnce();
                    }

                    return false;
                };
                Until(bearers, clock, refused, 350000);
                Assert.IsTrue(modem.CountCommand("AT+QIACT=1") > 5, modem.DialogueText());
                Assert.AreEqual(1, cycles, "one restart in 350 s");
                Until(bearers, clock, refused, 30000);
                Assert.AreEqual(2, cycles, "the second after twice the grace");
            }
            finally
            {
                bearers.Dispose();
            }
        }
    }
}

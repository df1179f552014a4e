using System;
using System.Text;
using nanoFramework.TestFramework;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Firmware.Hosting;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Tests.Modem;
using OmaDm.Notification.Tests.Storage;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Firmware
{
    [TestClass]
    public class EventLogTests
    {
        // A WSP push (Appendix C header) whose body is too short to hold a digest: rejected as truncated, no account needed.
        private static readonly byte[] TruncatedPush = new byte[] { 0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87, 0x00 };

        private static readonly byte[] OneAccount = TestBytes.Ascii("[account]\nserverId=com.example.dms\npassword=pw\n");

        private static EventLog NewLog(StringBuilder lines, ManualClock clock)
        {
            return new EventLog(line => lines.Append(line).Append('\n'), clock);
        }

        private static NotificationService BootLogged(StringBuilder lines)
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(Provisioning.DefaultFileName, OneAccount);
            var service = new NotificationService(files, new ManualClock(), null, null);
            service.Log = line => lines.Append(line).Append('\n');
            service.Boot();
            return service;
        }

        [TestMethod]
        public void Boot_AgentRejection_LoggedWithReasonNameBearerAndSource()
        {
            var lines = new StringBuilder();
            NotificationService service = BootLogged(lines);
            service.Agent.ProcessPush(TruncatedPush, 0, TruncatedPush.Length, Bearer.Udp, "192.0.2.1:5000");
            Assert.IsTrue(lines.ToString().IndexOf("agent: rejected truncated via udp from 192.0.2.1:5000") >= 0, lines.ToString());
        }

        [TestMethod]
        public void Boot_SubscriberThrows_FaultLoggedWithExceptionName()
        {
            var lines = new StringBuilder();
            NotificationService service = BootLogged(lines);
            service.Agent.Rejected += (sender, rejection) => throw new InvalidOperationException("subscriber bug");
            service.Agent.ProcessPush(TruncatedPush, 0, TruncatedPush.Length, Bearer.Sms, null);
            Assert.IsTrue(lines.ToString().IndexOf("agent: event handler failed: InvalidOperationException: subscriber bug") >= 0, lines.ToString());
        }

        [TestMethod]
        public void Boot_RejectionsPastTheLogLimit_LoggedFiveTimesAndAllocateNothing()
        {
            // The firmware's own composition under a flood: once a kind has used its lines for the window, a rejection
            // of that kind builds no line and decodes no server id, so forgeries do not churn the heap.
            var lines = new StringBuilder();
            NotificationService service = BootLogged(lines);
            byte[] header = new byte[] { 0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87 };
            byte[] unknown = TestBytes.Concat(header, SignedPackage0.Sign("stranger.example", "pw", new byte[0], SignedPackage0.Trigger(0x42, "stranger.example", new byte[0])));
            byte[] forged = TestBytes.Concat(header, SignedPackage0.Sign("com.example.dms", "guess", new byte[0], SignedPackage0.Trigger(0x43, "com.example.dms", new byte[0])));
            string source = "192.0.2.1:5000";
            for (int i = 0; i < 5; i++)
            {
                AssertReason.AreEqual(ReasonCode.UnknownServer, service.Agent.ProcessPush(unknown, 0, unknown.Length, Bearer.Udp, source));
                AssertReason.AreEqual(ReasonCode.DigestMismatch, service.Agent.ProcessPush(forged, 0, forged.Length, Bearer.Udp, source));
            }

            int logged = CountLines(lines);
            Assert.IsTrue(lines.ToString().IndexOf("server 'stranger.example' session 42") >= 0, lines.ToString());

            var meter = new AllocationMeter();
            double perUnknown = meter.PerRun(() => service.Agent.ProcessPush(unknown, 0, unknown.Length, Bearer.Udp, source));
            double perForged = meter.PerRun(() => service.Agent.ProcessPush(forged, 0, forged.Length, Bearer.Udp, source));

            Assert.AreEqual(0.0, perUnknown, meter.Unit + " per unknown-server push past the limit");
            Assert.AreEqual(0.0, perForged, meter.Unit + " per forged push past the limit");
            Assert.AreEqual(logged, CountLines(lines), "no line past the limit");
        }

        [TestMethod]
        public void OnModemEvent_Named_SeverityAndKindNotNumbers()
        {
            var lines = new StringBuilder();
            EventLog log = NewLog(lines, new ManualClock());
            log.OnModemEvent(null, ModemEventKind.StorageNearlyFull, "29/30");
            log.OnModemEvent(null, ModemEventKind.SetupFailed, "AT+CNMI");
            Assert.AreEqual("modem: warning storage-nearly-full: 29/30\nmodem: error setup-failed: AT+CNMI\n", lines.ToString());
        }

        [TestMethod]
        public void OnModemEvent_SameNumberInEachBand_LimitedApart()
        {
            // 8, 108 and 208 share their place in the band: each band has its own slots, so a flood of one severity
            // leaves the others' lines, out-of-memory included.
            var lines = new StringBuilder();
            EventLog log = NewLog(lines, new ManualClock());
            for (int i = 0; i < 20; i++)
            {
                log.OnModemEvent(null, ModemEventKind.ModemUp, null);
            }

            log.OnModemEvent(null, ModemEventKind.NetworkDropped, null);
            log.OnModemEvent(null, ModemEventKind.OutOfMemory, "sms");
            string text = lines.ToString();
            Assert.IsTrue(text.IndexOf("modem: warning network-dropped") >= 0, text);
            Assert.IsTrue(text.IndexOf("modem: error out-of-memory: sms") >= 0, text);
        }

        // The slot table is sized to the defined kinds: a code added past it would share a slot and be held back by
        // another kind's flood. Every defined reason and modem event, one of each with one line per window: each is logged.
        [TestMethod]
        public void Slots_EveryDefinedKind_LimitedOnItsOwn()
        {
            var lines = new StringBuilder();
            EventLog log = NewLog(lines, new ManualClock());
            log.LinesPerWindow = 1;
            int expected = 0;
            var rejection = new NotificationRejection { Bearer = Bearer.Sms };
            for (int i = 0; i < 1000; i++)
            {
                rejection.Reason = (ReasonCode)i;
                if (ReasonCodeText.ToKebabCase(rejection.Reason) != "unknown")
                {
                    log.OnRejected(null, rejection);
                    expected++;
                }

                if (ModemEventKindText.ToKebabCase((ModemEventKind)i) != "unknown")
                {
                    log.OnModemEvent(null, (ModemEventKind)i, null);
                    expected++;
                }
            }

            Assert.IsTrue(expected > 60, expected.ToString());
            Assert.AreEqual(expected, CountLines(lines), lines.ToString());
        }

        [TestMethod]
        public void OnRejected_FloodOfOneKind_FiveLinesPerWindowThenCountOfTheRest()
        {
            var lines = new StringBuilder();
            var clock = new ManualClock();
            EventLog log = NewLog(lines, clock);
            var rejection = new NotificationRejection { Reason = ReasonCode.DigestMismatch, Bearer = Bearer.Sms };
            for (int i = 0; i < 1000; i++)
            {
                log.OnRejected(null, rejection);
            }

            // Another kind is not held back by the flood.
            log.OnModemEvent(null, ModemEventKind.ModemSilent, null);
            Assert.AreEqual(6, CountLines(lines));

            clock.Advance(log.WindowMilliseconds);
            log.OnRejected(null, rejection);
            Assert.AreEqual(7, CountLines(lines));
            Assert.IsTrue(lines.ToString().EndsWith("agent: rejected digest-mismatch via sms (995 more of this kind not logged)\n"), lines.ToString());
        }

        [TestMethod]
        public void Attach_ChannelDiscardsOverlongLine_Logged()
        {
            var lines = new StringBuilder();
            var modem = new ScriptedModem(8);
            var steps = new SteppedModem(modem);
            EventLog log = new EventLog(line => lines.Append(line).Append('\n'), steps.Clock);
            log.Attach(steps.Channel);
            modem.EmitUrc(new string('7', steps.Channel.MaxLineLength + 10));
            Assert.IsTrue(steps.Until(() => lines.ToString().IndexOf("modem: warning overlong-line-discarded") >= 0, 5000));
        }

        private static int CountLines(StringBuilder lines)
        {
            int count = 0;
            string text = lines.ToString();
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    count++;
                }
            }

            return count;
        }
    }
}

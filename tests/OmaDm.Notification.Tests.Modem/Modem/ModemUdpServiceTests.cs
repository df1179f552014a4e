using System.Collections;
using nanoFramework.TestFramework;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Ip;
using OmaDm.Notification.Modem.Profiles;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Modem
{
    [TestClass]
    public class ModemUdpServiceTests
    {
        // A connectionless WSP push (WAP-230-WSP 8.2.4.1): TID 1, Push, headers length 3,
        // Content-Type application/vnd.syncml.notification (0xC4), X-WAP-Application-ID syncml.dm (0xAF 0x87),
        // then 16 digest bytes standing in for package #0. 22 bytes: more than one 8-byte SIMCom read.
        private static readonly byte[] PushDatagram = new byte[] { 0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF };

        // A second push (TID 2), 8 bytes, from another sender.
        private static readonly byte[] SecondDatagram = new byte[] { 0x02, 0x06, 0x03, 0xC4, 0xAF, 0x87, 0x5A, 0xA5 };

        private static byte[][] Copies(byte[] data, int count)
        {
            var copies = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                copies[i] = data;
            }

            return copies;
        }

        private static string[] Senders(int count)
        {
            var senders = new string[count];
            for (int i = 0; i < count; i++)
            {
                senders[i] = "203.0.113." + (i + 1) + ":2948";
            }

            return senders;
        }

        private sealed class DatagramLog
        {
            public readonly ArrayList Sources = new ArrayList();
            public readonly ArrayList Payloads = new ArrayList();

            public void Record(byte[] buffer, int offset, int count, string source)
            {
                lock (Sources)
                {
                    Payloads.Add(Hex.ToHex(buffer, offset, count));
                    Sources.Add(source);
                }
            }

            public int Count
            {
                get
                {
                    lock (Sources)
                    {
                        return Sources.Count;
                    }
                }
            }
        }

        // A scripted modem on simulated time, its channel and loop stepped on the test's thread, the service under test
        // and what it reported; Dispose stops them.
        private sealed class Rig
        {
            public Rig(ScriptedModem modem)
                : this(modem, AtChannel.DefaultMaxLineLength)
            {
            }

            public Rig(ScriptedModem modem, int maxLineLength)
            {
                Steps = new SteppedModem(modem, maxLineLength);
                Clock = Steps.Clock;
                Channel = Steps.Channel;
            }

            public SteppedModem Steps { get; }

            public ManualClock Clock { get; }

            public AtChannel Channel { get; }

            public DatagramLog Log { get; } = new DatagramLog();

            public ModemEventRecorder Events { get; } = new ModemEventRecorder();

            public ModemUdpService Service { get; private set; }

            public SimcomUdpService Simcom()
            {
                return new SimcomUdpService(Channel, ModemTestPeers.Fast(new Sim7600Profile()), Clock, "internet");
            }

            public QuectelUdpService Quectel()
            {
                return Quectel(new QuectelBg9xProfile(), "internet");
            }

            public QuectelUdpService Quectel(ModemProfile profile, string apn)
            {
                return new QuectelUdpService(Channel, ModemTestPeers.Fast(profile), Clock, apn);
            }

            public ModemUdpService Open(ModemUdpService service)
            {
                return Open(service, 300);
            }

            public ModemUdpService Open(ModemUdpService service, int activationTimeoutMilliseconds)
            {
                Service = service;
                service.EventRaised += Events.Record;
                service.RetryDelay = 30;
                service.ActivationTimeoutMilliseconds = activationTimeoutMilliseconds;
                service.DatagramReceived += Log.Record;
                Steps.Loop.Add(service);
                Assert.IsTrue(Steps.Until(() => service.IsReady, 5000), "open");
                return service;
            }

            public void Dispose()
            {
                Steps.Dispose();
            }
        }

        [TestMethod]
        public void Quectel_Open_ExactDialogueThenDatagramWithSource()
        {
            var modem = new ScriptedQuectelModem();
            modem.MaxChunk = 3; // every line arrives split across many reads
            var rig = new Rig(modem);
            DatagramLog log = rig.Log;
            try
            {
                rig.Open(rig.Quectel());
                Assert.IsTrue(rig.Steps.Until(() => modem.CountCommand("AT+QIRD=0") == 1, 5000), "initial read");
                Assert.AreEqual("AT|AT+QICSGP=1,1,\"internet\",\"\",\"\",1|AT+QIACT?|AT+QIACT=1|AT+QICFG=\"dataformat\",0,1|AT+QICLOSE=0|AT+QIOPEN=1,0,\"UDP SERVICE\",\"127.0.0.1\",0,2948,0|AT+QIRD=0", modem.DialogueText());
                modem.Arrive(PushDatagram, "203.0.113.7:49152");
                Assert.IsTrue(rig.Steps.Until(() => log.Count == 1, 5000), "datagram");
                Assert.AreEqual(Hex.ToHex(PushDatagram, 0, PushDatagram.Length), (string)log.Payloads[0]);
                Assert.AreEqual("203.0.113.7:49152", (string)log.Sources[0]);
            }
            finally
            {
                rig.Dispose();
            }
        }

        private static byte[] Datagram(int length)
        {
            var data = new byte[length];
            for (int i = 0; i < length; i++)
            {
                data[i] = (byte)(i * 7);
            }

            return data;
        }

        // The BG96's own line bound (416): the 3,000-character hex line of a 1,500-byte datagram is decoded as it arrives.
        [TestMethod]
        public void Quectel_LargestDatagram_DecodedPastTheModelsLineBound()
        {
            var modem = new ScriptedQuectelModem();
            modem.MaxChunk = 7;
            var rig = new Rig(modem, ModemCatalog.Find(ModemCatalog.Bg96).LineLength(true));
            try
            {
                rig.Open(rig.Quectel());
                byte[] largest = Datagram(ModemModel.MaxDatagram);
                modem.Arrive(largest, "203.0.113.7:49152");
                modem.Arrive(PushDatagram, "203.0.113.8:49152");
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count == 2, 5000), "datagrams");
                Assert.AreEqual(Hex.ToHex(largest, 0, largest.Length), (string)rig.Log.Payloads[0]);
                Assert.AreEqual(Hex.ToHex(PushDatagram, 0, PushDatagram.Length), (string)rig.Log.Payloads[1]);
                Assert.AreEqual(0, rig.Channel.OverlongLines);
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void Quectel_DatagramOverMaxDatagram_DroppedAndTheNextDelivered()
        {
            var modem = new ScriptedQuectelModem();
            var rig = new Rig(modem, ModemCatalog.Find(ModemCatalog.Bg96).LineLength(true));
            try
            {
                rig.Open(rig.Quectel());
                modem.Arrive(Datagram(ModemModel.MaxDatagram + 1), "203.0.113.7:49152");
                modem.Arrive(PushDatagram, "203.0.113.8:49152");
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count == 1, 5000), "datagram");
                Assert.AreEqual(Hex.ToHex(PushDatagram, 0, PushDatagram.Length), (string)rig.Log.Payloads[0]);
                Assert.AreEqual(1, rig.Events.Count(ModemEventKind.DatagramDropped));
                Assert.AreEqual(1, rig.Channel.OverlongLines);
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void Quectel_MoreDatagramsThanOnePass_AllReadAndTheNextIsAnnounced()
        {
            var modem = new ScriptedQuectelModem();
            var rig = new Rig(modem);
            try
            {
                ModemUdpService service = rig.Open(rig.Quectel());
                // BG96: no new +QIURC: "recv" until the buffer has been read empty; a pass bounded at 16 reads must go on.
                modem.ArriveTogether(Copies(PushDatagram, 20), "203.0.113.7:49152");
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count == 20, 5000), "twenty datagrams, got " + rig.Log.Count);
                modem.Arrive(SecondDatagram, "198.51.100.2:2948");
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count == 21, 5000), "announced again");
                Assert.AreEqual("198.51.100.2:2948", (string)rig.Log.Sources[20]);
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void Quectel_QiCloseTakesItsTimeout_WaitedForNotRetried()
        {
            var modem = new ScriptedQuectelModem();
            modem.CloseDelayMilliseconds = 700; // AT+QICLOSE answers within its <timeout>, 10 s by default; commands time out at 200 ms here
            var rig = new Rig(modem);
            try
            {
                ModemUdpService service = rig.Open(rig.Quectel());
                rig.Steps.Run(500);
                Assert.AreEqual(1, modem.CountCommand("AT+QICLOSE=0"));
                Assert.AreEqual(1, modem.Opens);
                Assert.AreEqual(1, service.SetupCount);
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void Quectel_PdpDeactivated_ReopenedAndReceivesAgain()
        {
            var modem = new ScriptedQuectelModem();
            var rig = new Rig(modem);
            DatagramLog log = rig.Log;
            ModemEventRecorder events = rig.Events;
            try
            {
                ModemUdpService service = rig.Open(rig.Quectel(new QuectelEg91Profile(), "iot"));
                modem.DropNetwork();
                Assert.IsTrue(rig.Steps.Until(() => modem.Opens == 2 && service.IsReady, 5000), "re-open");
                Assert.AreEqual(2, modem.CountCommand("AT+QIACT=1"));
                Assert.AreEqual(1, modem.CountCommand("AT+QIDEACT=1"));
                string dialogue = modem.DialogueText();
                int deact = dialogue.IndexOf("AT+QIDEACT=1");
                Assert.IsTrue(deact > 0 && dialogue.IndexOf("AT+QIACT=1", deact) > deact, dialogue); // the manual: QIDEACT before QIACT
                Assert.AreEqual(1, events.Count(ModemEventKind.NetworkDropped), "dropped " + modem.DialogueText());
                modem.Arrive(PushDatagram, "198.51.100.1:2948");
                Assert.IsTrue(rig.Steps.Until(() => log.Count == 1, 5000), "datagram");
                Assert.AreEqual("198.51.100.1:2948", (string)log.Sources[0]);
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void Simcom_Open_NetOpenBeforePushModeAndSenderReport()
        {
            var modem = new ScriptedSimcomModem();
            var rig = new Rig(modem);
            try
            {
                ModemUdpService service = rig.Open(rig.Simcom());
                // SIM7600 AT Manual 11.2.1: NETOPEN before any other TCP/UDP command; then push mode (11.2.6, where
                // RECV FROM is defined) and the sender report (11.2.9).
                Assert.AreEqual("AT|AT+CGDCONT=1,\"IP\",\"internet\"|AT+NETOPEN?|AT+NETOPEN|AT+CIPRXGET=0|AT+CIPSRIP=1|AT+CIPCLOSE=0|AT+CIPOPEN=0,\"UDP\",,,2948", modem.DialogueText());
                Assert.IsTrue(((SimcomUdpService)service).ReportsSender);
                modem.Arrive(PushDatagram, "203.0.113.7:49152");
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count == 1, 5000), "datagram");
                Assert.AreEqual(Hex.ToHex(PushDatagram, 0, PushDatagram.Length), (string)rig.Log.Payloads[0]);
                Assert.AreEqual("203.0.113.7:49152", (string)rig.Log.Sources[0]); // from RECV FROM, not "unknown"
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void Simcom_TwoDatagramsQueued_DeliveredOneByOneEachWithItsSender()
        {
            var modem = new ScriptedSimcomModem();
            var rig = new Rig(modem);
            try
            {
                ModemUdpService service = rig.Open(rig.Simcom());
                // in buffer mode rest_len counts both datagrams (11.2.6); pushed, each has its +IPD length.
                modem.ArriveTogether(new byte[][] { PushDatagram, SecondDatagram }, new string[] { "203.0.113.7:49152", "198.51.100.2:2948" });
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count == 2, 5000), "two datagrams, got " + rig.Log.Count);
                Assert.AreEqual(Hex.ToHex(PushDatagram, 0, PushDatagram.Length), (string)rig.Log.Payloads[0]);
                Assert.AreEqual("203.0.113.7:49152", (string)rig.Log.Sources[0]);
                Assert.AreEqual(Hex.ToHex(SecondDatagram, 0, SecondDatagram.Length), (string)rig.Log.Payloads[1]);
                Assert.AreEqual("198.51.100.2:2948", (string)rig.Log.Sources[1]);
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void Simcom_TenPushesBackToBack_EachDeliveredWithItsSender()
        {
            var modem = new ScriptedSimcomModem();
            var rig = new Rig(modem);
            try
            {
                rig.Open(rig.Simcom());
                string[] senders = Senders(10);
                modem.ArriveTogether(Copies(PushDatagram, 10), senders);
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count == 10, 5000), "ten datagrams, got " + rig.Log.Count);
                for (int i = 0; i < 10; i++)
                {
                    Assert.AreEqual(senders[i], (string)rig.Log.Sources[i]);
                    Assert.AreEqual(Hex.ToHex(PushDatagram, 0, PushDatagram.Length), (string)rig.Log.Payloads[i]);
                }
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void Simcom_SenderReportRefused_DefaultRecvFromStillUsed()
        {
            var modem = new ScriptedSimcomModem();
            modem.FailNext("AT+CIPSRIP=1", "ERROR");
            var rig = new Rig(modem);
            try
            {
                var service = rig.Simcom();
                rig.Open(service);
                Assert.IsFalse(service.ReportsSender);
                modem.Arrive(SecondDatagram, "198.51.100.2:2948"); // 11.2.9: the sender report is on by default
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count == 1, 5000), "datagram");
                Assert.AreEqual(Hex.ToHex(SecondDatagram, 0, SecondDatagram.Length), (string)rig.Log.Payloads[0]);
                Assert.AreEqual("198.51.100.2:2948", (string)rig.Log.Sources[0]);
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void Simcom_CipOpenAnswersAfterTheCommandTimeout_WaitedForNotRetried()
        {
            var modem = new ScriptedSimcomModem();
            modem.OpenDelayMilliseconds = 700; // +CIPOPEN: 0,0 and OK may take up to 120 s (11.2.3); commands time out at 200 ms here
            var rig = new Rig(modem);
            try
            {
                var service = rig.Simcom();
                rig.Open(service, 3000);
                rig.Steps.Run(300);
                Assert.AreEqual(1, modem.CountCommand("AT+CIPOPEN=0,\"UDP\",,,2948"));
                Assert.AreEqual(1, service.SetupCount);
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void Simcom_PushModeRefused_SetupFailsNamedAndIsRetried()
        {
            var modem = new ScriptedSimcomModem();
            modem.FailNext("AT+CIPRXGET=0", "ERROR");
            var rig = new Rig(modem);
            try
            {
                var service = rig.Simcom();
                rig.Open(service);
                Assert.AreEqual(2, modem.CountCommand("AT+CIPRXGET=0"));
                Assert.IsTrue(rig.Events.Count(ModemEventKind.UdpServiceFailed) >= 1);
                Assert.AreEqual(1, modem.CountCommand("AT+CIPOPEN=0,\"UDP\",,,2948")); // never opened without push mode
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void Simcom_BufferModeInEffect_ReportedAndPushModeSetAgain()
        {
            var modem = new ScriptedSimcomModem();
            var rig = new Rig(modem);
            try
            {
                var service = rig.Simcom();
                rig.Open(service);
                modem.EnterBufferMode();
                modem.Arrive(PushDatagram, "203.0.113.7:49152"); // +CIPRXGET: 1,0: the data waits in the modem
                Assert.IsTrue(rig.Steps.Until(() => modem.CountCommand("AT+CIPRXGET=0") == 2 && service.IsReady, 5000), "set up again");
                Assert.IsTrue(rig.Events.Count(ModemEventKind.DatagramDropped) >= 1);
                modem.Arrive(SecondDatagram, "198.51.100.2:2948");
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count == 1, 5000), "datagram after");
                Assert.AreEqual("198.51.100.2:2948", (string)rig.Log.Sources[0]);
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void A76xx_PushMode_SenderFromRecvFrom()
        {
            // A76XX AT Manual 15: the same push format; AT+CIPRXGET=5 (a buffer-mode read with the sender) is not used.
            var modem = new ScriptedSimcomModem(true);
            var rig = new Rig(modem);
            try
            {
                SimcomUdpService service = rig.Simcom();
                service.SenderByCipRxGet5 = true;
                rig.Open(service);
                Assert.AreEqual(0, modem.CountCommand("AT+CIPRXGET=5"));
                Assert.AreEqual(1, modem.CountCommand("AT+CIPSRIP=1"));
                modem.Arrive(PushDatagram, "203.0.113.70:5000");
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count == 1, 5000), "datagram");
                Assert.AreEqual("203.0.113.70:5000", (string)rig.Log.Sources[0]);
            }
            finally
            {
                rig.Dispose();
            }
        }

        // Raw bytes that look like AT lines (CR LF, "OK", "+IPD") inside the datagram: framed by the +IPD length.
        private static readonly byte[] LineLikeDatagram = new byte[] { 0x0D, 0x0A, 0x4F, 0x4B, 0x0D, 0x0A, 0x2B, 0x49, 0x50, 0x44, 0x33, 0x0D, 0x0A, 0x00, 0xFF };

        [TestMethod]
        public void Simcom_DatagramWithLineBytesSplitAcrossSerialReads_FramedByLength()
        {
            var modem = new ScriptedSimcomModem();
            modem.MaxChunk = 5;
            var rig = new Rig(modem);
            try
            {
                rig.Open(rig.Simcom());
                modem.Arrive(LineLikeDatagram, "203.0.113.9:1024");
                modem.Arrive(PushDatagram, "203.0.113.10:1025");
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count == 2, 5000), "datagrams");
                Assert.AreEqual(Hex.ToHex(LineLikeDatagram, 0, LineLikeDatagram.Length), (string)rig.Log.Payloads[0]);
                Assert.AreEqual("203.0.113.9:1024", (string)rig.Log.Sources[0]);
                Assert.AreEqual("203.0.113.10:1025", (string)rig.Log.Sources[1]);
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void Simcom_IpdCountNotANumber_DroppedNamedAndTheNextDelivered()
        {
            var modem = new ScriptedSimcomModem();
            var rig = new Rig(modem);
            try
            {
                rig.Open(rig.Simcom());
                modem.EmitUrc("RECV FROM:203.0.113.1:1");
                modem.EmitUrc("+IPD15x1"); // no count to frame by: no buffer allocated, nothing skipped, the line dropped
                modem.Arrive(SecondDatagram, "198.51.100.2:2948");
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count == 1, 5000), "the next datagram");
                Assert.AreEqual(1, rig.Events.Count(ModemEventKind.DatagramDropped));
                Assert.AreEqual("198.51.100.2:2948", (string)rig.Log.Sources[0]);
            }
            finally
            {
                rig.Dispose();
            }
        }

        [TestMethod]
        public void Simcom_NetworkClosedUnexpectedly_ReopenedAndReceivesAgain()
        {
            var modem = new ScriptedSimcomModem();
            var rig = new Rig(modem);
            try
            {
                ModemUdpService service = rig.Open(rig.Simcom());
                // 11.4: close the sockets, AT+NETCLOSE while AT+NETOPEN? still says 1, then open again; the library is
                // unusable until then, so skipping NETOPEN because it "is open" never recovers.
                modem.DropNetwork();
                Assert.IsTrue(rig.Steps.Until(() => modem.Opens == 2 && service.IsReady, 5000), "re-open " + modem.DialogueText());
                Assert.AreEqual(1, modem.CountCommand("AT+NETCLOSE"));
                Assert.AreEqual(2, modem.CountCommand("AT+NETOPEN"));
                string dialogue = modem.DialogueText();
                int closed = dialogue.IndexOf("AT+NETCLOSE");
                Assert.IsTrue(dialogue.LastIndexOf("AT+CIPCLOSE=0", closed) > dialogue.IndexOf("AT+CIPOPEN"), dialogue);
                modem.Arrive(PushDatagram, "192.0.2.1:9200");
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count == 1, 5000), "datagram");
                Assert.AreEqual("192.0.2.1:9200", (string)rig.Log.Sources[0]);
            }
            finally
            {
                rig.Dispose();
            }
        }

        // From an attack: a 1,501-byte datagram (over MaxDatagram) whose bytes carry a forged RECV FROM and +IPD; its
        // bytes are discarded unread, so only the next real datagram is delivered, from its real sender.
        [TestMethod]
        public void Simcom_OversizeIpdCarryingForgedLines_BytesDiscardedNothingInjected()
        {
            var modem = new ScriptedSimcomModem();
            var rig = new Rig(modem);
            try
            {
                rig.Open(rig.Simcom());
                byte[] forged = System.Text.Encoding.UTF8.GetBytes("\r\nRECV FROM:6.6.6.6:666\r\n+IPD8\r\n");
                var big = new byte[1501];
                for (int i = 0; i < big.Length; i++)
                {
                    big[i] = 0x41;
                }

                System.Array.Copy(forged, 0, big, 0, forged.Length);
                System.Array.Copy(SecondDatagram, 0, big, forged.Length, SecondDatagram.Length);
                big[forged.Length + 8] = 0x0D;
                big[forged.Length + 9] = 0x0A;
                modem.Arrive(big, "203.0.113.1:1");
                modem.Arrive(PushDatagram, "198.51.100.2:2948");
                rig.Steps.Until(() => rig.Log.Count >= 2, 3000);
                Assert.AreEqual(1, rig.Log.Count);
                Assert.AreEqual("198.51.100.2:2948", (string)rig.Log.Sources[0]);
                Assert.AreEqual(1501, rig.Channel.SkippedDataBytes);
                Assert.AreEqual(1, rig.Events.Count(ModemEventKind.DatagramDropped));
            }
            finally
            {
                rig.Dispose();
            }
        }
    }
}

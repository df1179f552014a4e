using System.Collections;
using nanoFramework.TestFramework;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Ip;
using OmaDm.Notification.Modem.Profiles;

namespace OmaDm.Notification.Tests.Modem
{
    [TestClass]
    public class ModemUdpServiceTests
    {
        // A connectionless WSP push (WAP-230-WSP 8.2.4.1): TID 1, Push, headers length 3,
        // Content-Type application/vnd.syncml.notification (0xC4), X-WAP-Application-ID syncml.dm (0xAF 0x87),
        // then 16 digest bytes standing in for package #0. 22 bytes: more than one 8-byte SIMCom read.
        private static readonly byte[] PushDatagram = new byte[] { 0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF };

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

        private static ModemUdpService Open(ModemUdpService service, DatagramLog log)
        {
            service.RetryDelay = 30;
            service.IdleWait = 10;
            service.ActivationTimeoutMilliseconds = 300;
            service.DatagramReceived += log.Record;
            service.Start();
            Assert.IsTrue(ModemTestPeers.WaitUntil(() => service.IsReady, 5000), "open");
            return service;
        }

        [TestMethod]
        public void Quectel_Open_ExactDialogueThenDatagramWithSource()
        {
            var modem = new ScriptedQuectelModem();
            modem.MaxChunk = 3; // every line arrives split across many reads
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            var log = new DatagramLog();
            ModemUdpService service = Open(new QuectelUdpService(channel, ModemTestPeers.Fast(new QuectelBg9xProfile()), new ModemTestClock(), "internet"), log);
            try
            {
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => modem.CountCommand("AT+QIRD=0") == 1, 5000), "initial read");
                Assert.AreEqual("AT|AT+QICSGP=1,1,\"internet\",\"\",\"\",1|AT+QIACT?|AT+QIACT=1|AT+QICFG=\"dataformat\",0,1|AT+QICLOSE=0|AT+QIOPEN=1,0,\"UDP SERVICE\",\"127.0.0.1\",0,2948,0|AT+QIRD=0", modem.DialogueText());
                modem.Arrive(PushDatagram, "203.0.113.7:49152");
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => log.Count == 1, 5000), "datagram");
                Assert.AreEqual(Hex.ToHex(PushDatagram, 0, PushDatagram.Length), (string)log.Payloads[0]);
                Assert.AreEqual("203.0.113.7:49152", (string)log.Sources[0]);
            }
            finally
            {
                service.Dispose();
                channel.Dispose();
            }
        }

        [TestMethod]
        public void Quectel_PdpDeactivated_ReopenedAndReceivesAgain()
        {
            var modem = new ScriptedQuectelModem();
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            var log = new DatagramLog();
            var events = new ModemEventLog();
            ModemUdpService service = new QuectelUdpService(channel, ModemTestPeers.Fast(new QuectelEg91Profile()), new ModemTestClock(), "iot");
            service.EventRaised += events.Record;
            Open(service, log);
            try
            {
                modem.DropNetwork();
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => modem.Opens == 2 && service.IsReady, 5000), "re-open");
                Assert.AreEqual(2, modem.CountCommand("AT+QIACT=1"));
                Assert.AreEqual(1, events.Count(ModemEventKind.NetworkDropped), "dropped " + modem.DialogueText());
                modem.Arrive(PushDatagram, "198.51.100.1:2948");
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => log.Count == 1, 5000), "datagram");
                Assert.AreEqual("198.51.100.1:2948", (string)log.Sources[0]);
            }
            finally
            {
                service.Dispose();
                channel.Dispose();
            }
        }

        [TestMethod]
        public void Simcom_Open_ExactDialogue()
        {
            var modem = new ScriptedSimcomModem();
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            var log = new DatagramLog();
            ModemUdpService service = Open(new SimcomUdpService(channel, ModemTestPeers.Fast(new Sim7600Profile()), new ModemTestClock(), "internet"), log);
            try
            {
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => modem.CountCommand("AT+CIPRXGET=3,0,700") == 1, 5000), "initial read");
                Assert.AreEqual("AT|AT+CGDCONT=1,\"IP\",\"internet\"|AT+CIPRXGET=1|AT+CIPSRIP=1|AT+NETOPEN?|AT+NETOPEN|AT+CIPCLOSE=0|AT+CIPOPEN=0,\"UDP\",,,2948|AT+CIPRXGET=3,0,700", modem.DialogueText());
            }
            finally
            {
                service.Dispose();
                channel.Dispose();
            }
        }

        [TestMethod]
        public void Simcom_DatagramLongerThanOneRead_JoinedOnceWithSource()
        {
            var modem = new ScriptedSimcomModem();
            modem.MaxChunk = 5;
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            var log = new DatagramLog();
            var service = new SimcomUdpService(channel, ModemTestPeers.Fast(new Sim7600Profile()), new ModemTestClock(), "internet");
            service.ReadChunk = 8;
            Open(service, log);
            try
            {
                modem.Arrive(PushDatagram, "203.0.113.9:1024");
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => log.Count == 1, 5000), "datagram");
                Assert.AreEqual(Hex.ToHex(PushDatagram, 0, PushDatagram.Length), (string)log.Payloads[0]);
                Assert.AreEqual("203.0.113.9:1024", (string)log.Sources[0]);
                Assert.IsTrue(modem.CountCommand("AT+CIPRXGET=3,0,8") >= 3);
            }
            finally
            {
                service.Dispose();
                channel.Dispose();
            }
        }

        [TestMethod]
        public void Simcom_NetworkClosedUnexpectedly_ReopenedAndReceivesAgain()
        {
            var modem = new ScriptedSimcomModem();
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            var log = new DatagramLog();
            ModemUdpService service = Open(new SimcomUdpService(channel, ModemTestPeers.Fast(new Sim7600Profile()), new ModemTestClock(), "internet"), log);
            try
            {
                modem.DropNetwork();
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => modem.Opens == 2 && service.IsReady, 5000), "re-open");
                Assert.AreEqual(2, modem.CountCommand("AT+NETOPEN"));
                modem.Arrive(PushDatagram, "192.0.2.1:9200");
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => log.Count == 1, 5000), "datagram");
                Assert.AreEqual("192.0.2.1:9200", (string)log.Sources[0]);
            }
            finally
            {
                service.Dispose();
                channel.Dispose();
            }
        }
    }
}

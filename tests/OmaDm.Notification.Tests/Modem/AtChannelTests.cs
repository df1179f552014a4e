using nanoFramework.TestFramework;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Tests.Modem
{
    [TestClass]
    public class AtChannelTests
    {
        [TestMethod]
        public void Execute_EchoOn_EchoIgnoredAndOk()
        {
            var modem = new ScriptedModem(5);
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            try
            {
                AtResponse response = channel.Execute("AT+CPMS?", 300);
                Assert.IsTrue(response.IsOk);
                Assert.AreEqual(1, response.Lines.Length);
                Assert.StartsWith("+CPMS: \"SM\",0,5", response.Lines[0]);
            }
            finally
            {
                channel.Dispose();
            }
        }

        [TestMethod]
        public void Execute_CmsError_ResultAndCode()
        {
            var modem = new ScriptedModem(5);
            modem.FailNext("AT+CMGR", "+CMS ERROR: 500");
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            try
            {
                AtResponse response = channel.Execute("AT+CMGR=1", 300);
                Assert.AreEqual((int)AtResult.CmsError, (int)response.Result);
                Assert.AreEqual(500, response.ErrorCode);
                response = channel.Execute("AT+CMEE=7", 300);
                Assert.AreEqual((int)AtResult.Error, (int)response.Result);
            }
            finally
            {
                channel.Dispose();
            }
        }

        [TestMethod]
        public void Execute_CmeErrorVerbose_CodeMinusOne()
        {
            var modem = new ScriptedModem(5);
            modem.FailNext("AT+CPIN", "+CME ERROR: SIM not inserted");
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            try
            {
                AtResponse response = channel.Execute("AT+CPIN?", 300);
                Assert.AreEqual((int)AtResult.CmeError, (int)response.Result);
                Assert.AreEqual(-1, response.ErrorCode);
                Assert.AreEqual("+CME ERROR: SIM not inserted", response.FinalLine);
            }
            finally
            {
                channel.Dispose();
            }
        }

        [TestMethod]
        public void Execute_UrcInsideResponse_UrcDispatchedResponseIntact()
        {
            var modem = new ScriptedModem(5);
            modem.Store("0011");
            modem.Store("0022");
            modem.InjectInsideNextResponse("AT+CMGL", "+CMTI: \"SM\",3");
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            string seen = null;
            channel.RegisterUrc("+CMTI:", false);
            channel.UrcReceived += (sender, line, payload) => seen = line;
            try
            {
                var command = new AtCommand("AT+CMGL=4", 300);
                command.ResponsePrefix = "+CMGL:";
                command.PayloadLineAfterHeader = true;
                AtResponse response = channel.Execute(command);
                Assert.IsTrue(response.IsOk);
                Assert.AreEqual(4, response.Lines.Length);
                Assert.AreEqual("0011", response.Lines[1]);
                Assert.AreEqual("0022", response.Lines[3]);
                Assert.AreEqual("+CMTI: \"SM\",3", seen);
            }
            finally
            {
                channel.Dispose();
            }
        }

        [TestMethod]
        public void Urc_WithPayloadLine_DeliveredTogether()
        {
            var modem = new ScriptedModem(5);
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            string header = null;
            string body = null;
            channel.RegisterUrc("+CMT:", true);
            channel.UrcReceived += (sender, line, payload) =>
            {
                header = line;
                body = payload;
            };
            try
            {
                modem.EmitUrc("+CMT: ,5");
                modem.EmitUrc("00440B91");
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => body != null, 1000));
                Assert.AreEqual("+CMT: ,5", header);
                Assert.AreEqual("00440B91", body);
            }
            finally
            {
                channel.Dispose();
            }
        }

        [TestMethod]
        public void Execute_SilentModem_TimeoutThenRecovers()
        {
            var modem = new ScriptedModem(5);
            modem.Silent = true;
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            try
            {
                AtResponse response = channel.Execute("AT", 80);
                Assert.AreEqual((int)AtResult.Timeout, (int)response.Result);
                Assert.IsNull(response.FinalLine);
                modem.Silent = false;
                Assert.IsTrue(channel.Execute("AT", 300).IsOk);
            }
            finally
            {
                channel.Dispose();
            }
        }

        [TestMethod]
        public void Reader_GarbageAndOverlongLine_DiscardedCountedAndNextLineParsed()
        {
            var modem = new ScriptedModem(5);
            var log = new ModemEventLog();
            var channel = new AtChannel(modem, 64);
            channel.ReadPollMilliseconds = 10;
            channel.EventRaised += log.Record;
            channel.RegisterUrc("RDY", false);
            string seen = null;
            channel.UrcReceived += (sender, line, payload) => seen = line;
            channel.Start();
            try
            {
                modem.EmitRaw(new byte[] { 0x00, 0xFF, 0xFE, 0x1B, (byte)'R', (byte)'D', (byte)'Y', 0x0D, 0x0A });
                modem.EmitUrc(new string('A', 200));
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => channel.OverlongLines == 1, 1000));
                Assert.AreEqual("RDY", seen);
                Assert.AreEqual(4, channel.GarbageBytes);
                Assert.AreEqual(1, log.Count(ModemEventKind.OverlongLineDiscarded));
                Assert.AreEqual(1, log.Count(ModemEventKind.GarbageDiscarded));
                Assert.IsTrue(channel.Execute("AT", 300).IsOk);
            }
            finally
            {
                channel.Dispose();
            }
        }

        [TestMethod]
        public void Execute_UnregisteredLineWithoutCommand_CountedAsUnexpected()
        {
            var modem = new ScriptedModem(5);
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            try
            {
                modem.EmitUrc("+CREG: 1");
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => channel.UnexpectedLines == 1, 1000));
                Assert.IsTrue(channel.Execute("AT", 300).IsOk);
            }
            finally
            {
                channel.Dispose();
            }
        }

        [TestMethod]
        public void Execute_LinkClosed_LinkFailure()
        {
            var modem = new ScriptedModem(5);
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            try
            {
                modem.Close();
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => !channel.IsOpen, 1000));
                Assert.AreEqual((int)AtResult.LinkFailure, (int)channel.Execute("AT", 300).Result);
            }
            finally
            {
                channel.Dispose();
            }
        }

        [TestMethod]
        public void Fields_QuotedCommaAndBlanks_Split()
        {
            string[] fields = AtText.Fields("+QIRD: 5,\"10.0.0.1\",1000");
            Assert.AreEqual(3, fields.Length);
            Assert.AreEqual("10.0.0.1", fields[1]);
            Assert.AreEqual(1000, AtText.IntField(fields, 2));
            Assert.AreEqual(-1, AtText.IntField(fields, 3));
            Assert.AreEqual(0, AtText.Fields("OK").Length);
            fields = AtText.Fields("+CMGR: 0,\"a,b\",12");
            Assert.AreEqual(3, fields.Length);
            Assert.AreEqual("a,b", fields[1]);
        }

        [TestMethod]
        public void FromHex_InvalidText_Null()
        {
            Assert.IsNull(AtText.FromHex("0"));
            Assert.IsNull(AtText.FromHex("0G"));
            Assert.IsNull(AtText.FromHex(""));
            byte[] bytes = AtText.FromHex("0aFf");
            Assert.AreEqual(2, bytes.Length);
            Assert.AreEqual((byte)0xFF, bytes[1]);
            Assert.AreEqual("0AFF", Hex.ToHex(bytes, 0, 2));
        }
    }
}

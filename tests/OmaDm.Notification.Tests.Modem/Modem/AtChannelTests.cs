using nanoFramework.TestFramework;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Simulation;

namespace OmaDm.Notification.Tests.Modem
{
    [TestClass]
    public class AtChannelTests
    {
        [TestMethod]
        public void Execute_EchoOn_EchoIgnoredAndOk()
        {
            var modem = new ScriptedModem(5);
            AtChannel channel = new SteppedModem(modem).Channel;
            AtResponse response = channel.Execute("AT+CPMS?", 300);
            Assert.IsTrue(response.IsOk);
            Assert.AreEqual(1, response.Lines.Length);
            Assert.StartsWith("+CPMS: \"SM\",0,5", response.Lines[0]);
        }

        [TestMethod]
        public void Execute_CmsError_ResultAndCode()
        {
            var modem = new ScriptedModem(5);
            modem.FailNext("AT+CMGR", "+CMS ERROR: 500");
            AtChannel channel = new SteppedModem(modem).Channel;
            AtResponse response = channel.Execute("AT+CMGR=1", 300);
            Assert.AreEqual((int)AtResult.CmsError, (int)response.Result);
            Assert.AreEqual(500, response.ErrorCode);
            response = channel.Execute("AT+CMEE=7", 300);
            Assert.AreEqual((int)AtResult.Error, (int)response.Result);
        }

        [TestMethod]
        public void Execute_CmeErrorVerbose_CodeMinusOne()
        {
            var modem = new ScriptedModem(5);
            modem.FailNext("AT+CPIN", "+CME ERROR: SIM not inserted");
            AtChannel channel = new SteppedModem(modem).Channel;
            AtResponse response = channel.Execute("AT+CPIN?", 300);
            Assert.AreEqual((int)AtResult.CmeError, (int)response.Result);
            Assert.AreEqual(-1, response.ErrorCode);
            Assert.AreEqual("+CME ERROR: SIM not inserted", response.FinalLine);
        }

        [TestMethod]
        public void Execute_UrcInsideResponse_UrcDispatchedResponseIntact()
        {
            var modem = new ScriptedModem(5);
            modem.Store("0011");
            modem.Store("0022");
            modem.InjectInsideNextResponse("AT+CMGL", "+CMTI: \"SM\",3");
            AtChannel channel = new SteppedModem(modem).Channel;
            string seen = null;
            channel.RegisterUrc("+CMTI:", false);
            channel.UrcReceived += (sender, line, payload) => seen = line;
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

        // 27.005 3.4.2 +CMGL: <index>,<stat>,[<alpha>],<length>: a 5-octet TPDU after a 1-octet SMSC part (00 = none).
        private static readonly string ShortPdu =
            "00" +         // SMSC information: length 0, the modem's default SMSC
            "0400" +       // first octet SMS-DELIVER, TP-OA length 0
            "80" +         // TP-OA type of address
            "000000";      // TP-PID, TP-DCS and one octet standing in for the rest
        private static readonly string ShortPdu2 = "0004008000FF00";

        // AT+CMGL=4 as the SMS driver sends it: each +CMGL: header followed by the PDU its length announces.
        private static AtCommand ListPdus()
        {
            var command = new AtCommand("AT+CMGL=4", 300);
            command.ResponsePrefix = "+CMGL:";
            command.PayloadLineAfterHeader = true;
            command.PayloadTest = AtText.IsSmsPduLine;
            return command;
        }

        [TestMethod]
        public void Execute_UrcsBetweenHeaderAndPdu_PduByAnnouncedLengthUrcsDispatched()
        {
            var modem = new ScriptedModem(5);
            modem.Store(ShortPdu);
            modem.Store(ShortPdu2);
            modem.InjectInsideNextResponse("AT+CMGL", "RING");
            var log = new ModemEventRecorder();
            AtChannel channel = new SteppedModem(modem).Channel;
            channel.EventRaised += log.Record;
            string seen = null;
            channel.RegisterUrc("RING", false);
            channel.UrcReceived += (sender, line, payload) => seen = line;
            AtCommand command = ListPdus();
            AtResponse response = channel.Execute(command);
            Assert.IsTrue(response.IsOk);
            Assert.AreEqual(4, response.Lines.Length);
            Assert.AreEqual("+CMGL: 1,0,,6", response.Lines[0]);
            Assert.AreEqual(ShortPdu, response.Lines[1]);
            Assert.AreEqual(ShortPdu2, response.Lines[3]);
            Assert.AreEqual("RING", seen);

            // An unregistered URC there is counted as unexpected, never taken for the PDU.
            modem.InjectInsideNextResponse("AT+CMGL", "+CREG: 1");
            response = channel.Execute(command);
            Assert.AreEqual(4, response.Lines.Length);
            Assert.AreEqual(ShortPdu, response.Lines[1]);
            Assert.AreEqual(1, channel.UnexpectedLines);
            Assert.AreEqual(0, channel.MissingPayloads);
        }

        [TestMethod]
        public void Execute_DamagedPduLine_NotTakenHeaderLeftWithoutPdu()
        {
            var modem = new ScriptedModem(5);
            modem.Store(ShortPdu);
            modem.Store(ShortPdu2);
            modem.DamageNextPdu("AT+CMGL");
            AtChannel channel = new SteppedModem(modem).Channel;
            AtCommand command = ListPdus();
            AtResponse response = channel.Execute(command);
            Assert.IsTrue(response.IsOk);
            Assert.AreEqual(3, response.Lines.Length);
            Assert.AreEqual("+CMGL: 1,0,,6", response.Lines[0]);
            Assert.StartsWith("+CMGL: 2,", response.Lines[1]);
            Assert.AreEqual(ShortPdu2, response.Lines[2]);
            Assert.AreEqual(1, channel.MissingPayloads);
            Assert.AreEqual(1, channel.UnexpectedLines);
        }

        [TestMethod]
        public void IsSmsPduLine_LengthFromHeader_OnlyTheAnnouncedHex()
        {
            Assert.IsTrue(AtText.IsSmsPduLine("+CMGL: 1,0,,6", ShortPdu));
            Assert.IsTrue(AtText.IsSmsPduLine("+CMGR: 0,,6", "0004008000ff00"));
            Assert.IsTrue(AtText.IsSmsPduLine("+CMT: \"alpha,with comma\",6", ShortPdu));
            Assert.IsTrue(AtText.IsSmsPduLine("+CMGR: 0,,6", "0191" + ShortPdu.Substring(2))); // a 1-octet SMSC part
            Assert.IsFalse(AtText.IsSmsPduLine("+CMGR: 0,,7", "0191" + ShortPdu.Substring(2)));
            Assert.IsFalse(AtText.IsSmsPduLine("+CMGL: 1,0,,6", ShortPdu.Substring(0, ShortPdu.Length - 2)));
            Assert.IsFalse(AtText.IsSmsPduLine("+CMGL: 1,0,,6", ShortPdu + "00"));
            Assert.IsFalse(AtText.IsSmsPduLine("+CMGL: 1,0,,6", "RING"));
            Assert.IsFalse(AtText.IsSmsPduLine("+CMGL: 1,0,,1", "+CREG: 1"));
            Assert.IsFalse(AtText.IsSmsPduLine("+CMGL: 1,0,,6", "00040080000G"));
            Assert.IsFalse(AtText.IsSmsPduLine("+CMGL: 1,0,,6", "0"));
            Assert.IsFalse(AtText.IsSmsPduLine("+CMGL: 1,0,,6", ""));
            Assert.IsFalse(AtText.IsSmsPduLine("+CMGL: 1,0,,6", null));
            Assert.IsFalse(AtText.IsSmsPduLine("+CMGL: 1,0,,0", "FF"));
            Assert.IsTrue(AtText.IsSmsPduLine("+CMGL: 1,0,,", ShortPdu)); // no length to check: any hex
        }

        [TestMethod]
        public void Reconnect_LinkClosed_NewLinkAnswersAndGenerationMoves()
        {
            var modem = new ScriptedModem(5);
            var steps = new SteppedModem(modem);
            var connector = new ScriptedModemConnector(modem, steps.Clock);
            var log = new ModemEventRecorder();
            AtChannel channel = steps.Channel;
            channel.EventRaised += log.Record;
            Assert.IsFalse(channel.Reconnect(channel.Generation)); // no connector: cannot
            channel.Connector = connector;
            modem.Close();
            Assert.IsTrue(steps.Until(() => !channel.IsOpen, 1000));
            Assert.AreEqual(1, log.Count(ModemEventKind.LinkClosed));
            int generation = channel.Generation;
            connector.Available = false;
            Assert.IsFalse(channel.Reconnect(generation));
            Assert.IsFalse(channel.IsOpen);
            connector.Available = true;
            Assert.IsTrue(channel.Reconnect(generation));
            Assert.IsTrue(channel.Reconnect(generation)); // a second worker asking for the same generation: already done
            Assert.AreEqual(2, connector.Attempts);
            Assert.AreEqual(generation + 1, channel.Generation);
            Assert.AreEqual(1, channel.Reconnects);
            Assert.AreEqual(1, log.Count(ModemEventKind.LinkReopened));
            Assert.IsTrue(channel.Execute("AT", 300).IsOk);
        }

        [TestMethod]
        public void Step_UrcWithPayloadLine_DeliveredTogether()
        {
            var modem = new ScriptedModem(5);
            AtChannel channel = ModemTestSteps.Channel(modem, AtChannel.DefaultMaxLineLength);
            string header = null;
            string body = null;
            channel.RegisterUrc("+CMT:", true);
            channel.UrcReceived += (sender, line, payload) =>
            {
                header = line;
                body = payload;
            };
            modem.EmitUrc("+CMT: ,5");
            ModemTestSteps.ReadAll(channel, modem);
            Assert.IsNull(header); // the header waits for its data line
            modem.EmitUrc("00440B91");
            ModemTestSteps.ReadAll(channel, modem);
            Assert.AreEqual("+CMT: ,5", header);
            Assert.AreEqual("00440B91", body);
        }

        [TestMethod]
        public void Step_UrcDataLineNeverComes_HeaderDeliveredBareAfterFourOtherLines()
        {
            var modem = new ScriptedModem(5);
            AtChannel channel = ModemTestSteps.Channel(modem, AtChannel.DefaultMaxLineLength);
            string seen = string.Empty;
            channel.RegisterUrc("RING", false);
            channel.RegisterUrc("+CMT:", (header, line) => line.StartsWith("0044"));
            channel.UrcReceived += (sender, line, payload) => seen += line + "|" + (payload ?? "-") + ";";
            modem.EmitUrc("+CMT: ,5");
            for (int i = 0; i < 4; i++)
            {
                modem.EmitUrc("RING");
            }

            ModemTestSteps.ReadAll(channel, modem);
            Assert.AreEqual("RING|-;RING|-;RING|-;+CMT: ,5|-;RING|-;", seen);
            Assert.AreEqual(1, channel.MissingPayloads);
            modem.EmitUrc("00440B91"); // too late: a stray line, not the header's data
            ModemTestSteps.ReadAll(channel, modem);
            Assert.AreEqual(1, channel.UnexpectedLines);
        }

        [TestMethod]
        public void Step_SecondUrcHeaderBeforeData_FirstDeliveredBareSecondWithData()
        {
            var modem = new ScriptedModem(5);
            AtChannel channel = ModemTestSteps.Channel(modem, AtChannel.DefaultMaxLineLength);
            string seen = string.Empty;
            channel.RegisterUrc("+CMT:", (header, line) => line.StartsWith("0044"));
            channel.UrcReceived += (sender, line, payload) => seen += line + "|" + (payload ?? "-") + ";";
            modem.EmitUrc("+CMT: ,5");
            modem.EmitUrc("+CMT: ,6");
            modem.EmitUrc("00440B91");
            ModemTestSteps.ReadAll(channel, modem);
            Assert.AreEqual("+CMT: ,5|-;+CMT: ,6|00440B91;", seen);
            Assert.AreEqual(1, channel.MissingPayloads);
            Assert.AreEqual(0, channel.UnexpectedLines);
        }

        [TestMethod]
        public void Execute_SilentModem_TimeoutThenRecovers()
        {
            var modem = new ScriptedModem(5);
            modem.Silent = true;
            AtChannel channel = new SteppedModem(modem).Channel;
            AtResponse response = channel.Execute("AT", 80);
            Assert.AreEqual((int)AtResult.Timeout, (int)response.Result);
            Assert.IsNull(response.FinalLine);
            modem.Silent = false;
            Assert.IsTrue(channel.Execute("AT", 300).IsOk);
        }

        [TestMethod]
        public void Step_GarbageAndOverlongLine_DiscardedCountedAndNextLineParsed()
        {
            var modem = new ScriptedModem(5);
            var log = new ModemEventRecorder();
            AtChannel channel = ModemTestSteps.Channel(modem, 64);
            channel.EventRaised += log.Record;
            channel.RegisterUrc("RDY", false);
            int seen = 0;
            channel.UrcReceived += (sender, line, payload) => seen += line == "RDY" ? 1 : 100;
            modem.EmitRaw(new byte[] { 0x00, 0xFF, 0xFE, 0x1B, (byte)'R', (byte)'D', (byte)'Y', 0x0D, 0x0A });
            modem.EmitUrc(new string('A', 200));
            modem.EmitUrc("RDY");
            ModemTestSteps.ReadAll(channel, modem);
            Assert.AreEqual(2, seen);
            Assert.AreEqual(1, channel.OverlongLines);
            Assert.AreEqual(4, channel.GarbageBytes);
            Assert.AreEqual(1, log.Count(ModemEventKind.OverlongLineDiscarded));
            Assert.AreEqual(1, log.Count(ModemEventKind.GarbageDiscarded));
        }

        [TestMethod]
        public void Step_UnregisteredLineWithoutCommand_CountedAsUnexpected()
        {
            var modem = new ScriptedModem(5);
            var log = new ModemEventRecorder();
            AtChannel channel = ModemTestSteps.Channel(modem, AtChannel.DefaultMaxLineLength);
            channel.EventRaised += log.Record;
            modem.EmitUrc("+CREG: 1");
            ModemTestSteps.ReadAll(channel, modem);
            Assert.AreEqual(1, channel.UnexpectedLines);
            Assert.AreEqual("+CREG: 1", log.LastDetail(ModemEventKind.UnexpectedLine));
        }

        [TestMethod]
        public void Step_LinkClosed_FalseAndCommandsFailWithLinkFailure()
        {
            var modem = new ScriptedModem(5);
            var log = new ModemEventRecorder();
            AtChannel channel = ModemTestSteps.Channel(modem, AtChannel.DefaultMaxLineLength);
            channel.EventRaised += log.Record;
            modem.Close();
            Assert.IsTrue(channel.Step()); // this pass finds the end and closes the channel
            Assert.IsFalse(channel.IsOpen);
            Assert.IsFalse(channel.Step()); // no connector: nothing will ever be read again
            Assert.AreEqual(1, log.Count(ModemEventKind.LinkClosed));
            Assert.AreEqual((int)AtResult.LinkFailure, (int)channel.Execute("AT", 300).Result);
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

using nanoFramework.TestFramework;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Profiles;
using OmaDm.Notification.Modem.Sms;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Modem
{
    [TestClass]
    public class SmsModemDriverTests
    {
        // SMS-DELIVER (3GPP TS 23.040 9.2.2.1) built by hand: SMSC +31624000000, MMS|UDHI, sender +447912345677,
        // PID 0, DCS 0x04 (8-bit), UDH 16-bit ports 2948 <- 9200 (9.2.3.24.4), WSP push of
        // application/vnd.syncml.notification for x-wap-application:syncml.dm, body standing in for package #0.
        private static readonly string Trigger = "07911326040000F0440B914497214365F7000452012131000040290605040B8423F0010603C4AF8700112233445566778899AABBCCDDEEFF02C000000000070464656D6F";

        // The same WSP PDU in three concatenated parts (IE 0x00, reference 0x5A, 3 parts), 23.040 9.2.3.24.1.
        private static readonly string Part1 = "07911326040000F0440B914497214365F7000452012131000040180B05040B8423F000035A0301010603C4AF8700112233";
        private static readonly string Part2 = "07911326040000F0440B914497214365F7000452012131000040180B05040B8423F000035A0302445566778899AABBCCDD";
        private static readonly string Part3 = "07911326040000F0440B914497214365F70004520121310000401C0B05040B8423F000035A0303EEFF02C000000000070464656D6F";

        // An ordinary text "hello" in GSM 7-bit (DCS 0x00), 23.040 9.2.2.1 / 23.038.
        private static readonly string Hello = "07911326040000F0040B914497214365F700005201213100004005C8329BFD06";

        // 8-bit data to another port (5495), not a notification.
        private static readonly string OtherPort = "07911326040000F0440B914497214365F70004520121310000400C060504157723F00102030405";

        private sealed class Rig
        {
            public ScriptedModem Modem;
            public AtChannel Channel;
            public SmsModemDriver Driver;
            public RecordingSink Sink;
            public ModemEventRecorder Log;
            public ManualClock Clock;
            public SteppedModem Steps;

            public ScriptedModemConnector Connector;

            public static Rig Start(ScriptedModem modem, ModemProfile profile, SmsDriverOptions options, bool waitReady)
            {
                return Start(modem, profile, options, waitReady, false);
            }

            public static Rig Start(ScriptedModem modem, ModemProfile profile, SmsDriverOptions options, bool waitReady, bool reconnect)
            {
                var rig = new Rig();
                rig.Modem = modem;
                rig.Sink = new RecordingSink();
                rig.Sink.Processes(Trigger);
                rig.Sink.Group(new string[] { Part1, Part2, Part3 });
                rig.Log = new ModemEventRecorder();
                rig.Steps = new SteppedModem(modem);
                rig.Clock = rig.Steps.Clock;
                rig.Sink.Clock = rig.Clock;
                rig.Channel = rig.Steps.Channel;
                if (reconnect)
                {
                    rig.Connector = new ScriptedModemConnector(modem, rig.Clock);
                    rig.Channel.Connector = rig.Connector;
                }

                rig.Driver = new SmsModemDriver(rig.Channel, ModemTestPeers.Fast(profile), rig.Sink, rig.Clock, options ?? ModemTestPeers.FastOptions());
                rig.Driver.EventRaised += rig.Log.Record;
                rig.Steps.Loop.Add(rig.Driver);
                if (waitReady)
                {
                    Assert.IsTrue(rig.Steps.Until(() => rig.Driver.IsReady && rig.Modem.CountCommand("AT+CMGL=4") > 0, 5000), "set-up");
                    Assert.IsTrue(rig.Steps.Until(() => rig.Modem.CountCommand("AT+CPMS?") > 0, 5000), "sweep");
                }

                return rig;
            }

            public void Stop()
            {
                Steps.Dispose();
            }
        }

        [TestMethod]
        public void Start_EchoOnAtPowerUp_ExactSetupDialogue()
        {
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), null, true);
            try
            {
                Assert.AreEqual("AT|ATE0|AT+CMEE=1|AT+CMGF=0|AT+CPMS=\"SM\",\"SM\",\"SM\"|AT+CNMI=2,1,0,0,0|AT+CMGL=4|AT+CPMS?", rig.Modem.DialogueText());
                Assert.IsFalse(rig.Modem.Echo);
                Assert.AreEqual(1, rig.Driver.SetupCount);
                Assert.AreEqual(1, rig.Log.Count(ModemEventKind.SetupCompleted));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Start_QuectelProfile_ExtrasAndModuleStorage()
        {
            Rig rig = Rig.Start(new ScriptedModem(10), new QuectelEg91Profile(), null, true);
            try
            {
                Assert.AreEqual("AT|ATE0|AT+CMEE=1|AT+QURCCFG=\"urcport\",\"uart1\"|AT+CMGF=0|AT+CPMS=\"ME\",\"ME\",\"ME\"|AT+CNMI=2,1,0,0,0|AT+CMGL=4|AT+CPMS?", rig.Modem.DialogueText());
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Sweep_StoredWhileOff_TriggerDeletedForeignKept()
        {
            var modem = new ScriptedModem(10);
            modem.Store(Hello);
            modem.Store(Trigger);
            modem.Store(OtherPort);
            Rig rig = Rig.Start(modem, new Sim800Profile(), null, true);
            try
            {
                Assert.IsTrue(rig.Steps.Until(() => rig.Sink.Count == 3 && rig.Modem.StoredCount == 2, 5000));
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.AreEqual(1, rig.Modem.CountCommand("AT+CMGD=2"));
                Assert.AreEqual(0, rig.Modem.CountCommand("AT+CMGD=1"));
                Assert.AreEqual(0, rig.Modem.CountCommand("AT+CMGD=3"));
                Assert.IsTrue(rig.Modem.Holds(Hello));
                Assert.IsTrue(rig.Modem.Holds(OtherPort));
                Assert.AreEqual(2, (int)rig.Sink.TokenAt(1));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Cmti_Trigger_ReadDeliveredDeleted()
        {
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim7600Profile(), null, true);
            try
            {
                rig.Modem.Receive(Hello);
                rig.Modem.Receive(Trigger);
                Assert.IsTrue(rig.Steps.Until(() => rig.Sink.Count == 2 && rig.Modem.StoredCount == 1, 5000));
                Assert.AreEqual(1, rig.Modem.CountCommand("AT+CMGR=1"));
                Assert.AreEqual(1, rig.Modem.CountCommand("AT+CMGR=2"));
                Assert.AreEqual(1, rig.Modem.CountCommand("AT+CMGD=2"));
                Assert.IsTrue(rig.Modem.Holds(Hello));
                Assert.IsFalse(rig.Modem.Holds(Trigger));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Cmti_InsideSweepResponse_HandledAfterwardsOnce()
        {
            var modem = new ScriptedModem(10);
            modem.Store(Hello);
            modem.Store(Trigger);
            // The modem announces slot 2 in the middle of the CMGL answer that already lists it.
            modem.InjectInsideNextResponse("AT+CMGL", "+CMTI: \"SM\",2");
            Rig rig = Rig.Start(modem, new Sim800Profile(), null, true);
            try
            {
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.CountCommand("AT+CMGR=2") == 1, 5000));
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 1, 5000));
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.AreEqual(1, rig.Sink.CountOf(Hello));
                Assert.IsTrue(rig.Modem.Holds(Hello));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Sweep_PendingPartAlsoAnnounced_OneDelivery()
        {
            var modem = new ScriptedModem(10);
            modem.Store(Part2);
            modem.InjectInsideNextResponse("AT+CMGL", "+CMTI: \"SM\",1");
            Rig rig = Rig.Start(modem, new Sim800Profile(), null, true);
            try
            {
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.CountCommand("AT+CMGR=1") == 1, 5000));
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.CountCommand("AT+CPMS?") == 2, 5000));
                Assert.AreEqual(1, rig.Sink.CountOf(Part2));
                Assert.IsTrue(rig.Modem.Holds(Part2));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Cmti_ThreePartsOutOfOrder_KeptUntilCompleteThenAllDeleted()
        {
            var modem = new ScriptedModem(10);
            modem.Store(Hello);
            Rig rig = Rig.Start(modem, new QuectelBg9xProfile(), null, true);
            try
            {
                rig.Modem.Receive(Part3);
                rig.Modem.Receive(Part1);
                Assert.IsTrue(rig.Steps.Until(() => rig.Sink.Count == 3, 5000));
                Assert.AreEqual(3, rig.Modem.StoredCount);
                rig.Modem.Receive(Part2);
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 1, 5000));
                Assert.IsTrue(rig.Modem.Holds(Hello));
                Assert.AreEqual(1, rig.Modem.CountCommand("AT+CMGD=2"));
                Assert.AreEqual(1, rig.Modem.CountCommand("AT+CMGD=3"));
                Assert.AreEqual(1, rig.Modem.CountCommand("AT+CMGD=4"));
                Assert.AreEqual(4, rig.Sink.Count);
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Cmgr_CmsError_MessageKeptAndPickedUpBySweep()
        {
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), null, true);
            try
            {
                rig.Modem.FailNext("AT+CMGR", "+CMS ERROR: 500");
                rig.Modem.Receive(Trigger);
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 0, 5000));
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.AreEqual(2, rig.Modem.CountCommand("AT+CMGL=4"));
                Assert.IsTrue(rig.Log.Count(ModemEventKind.CommandFailed) >= 1);
                Assert.AreEqual(1, rig.Log.Count(ModemEventKind.UnreadableMessage));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Cmgd_CmsError_RetriedAtMaintenanceWithoutRedelivery()
        {
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), null, true);
            try
            {
                rig.Modem.FailNext("AT+CMGD", "+CMS ERROR: 500");
                rig.Modem.Receive(Trigger);
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count(ModemEventKind.DeleteFailed) == 1, 5000));
                Assert.AreEqual(1, rig.Modem.StoredCount);
                rig.Clock.Advance(61000);
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 0, 5000));
                Assert.AreEqual(2, rig.Modem.CountCommand("AT+CMGD=1"));
                Assert.AreEqual(1, rig.Sink.Count);
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Maintenance_ExpiredPart_Deleted()
        {
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), null, true);
            try
            {
                rig.Modem.Receive(Part1);
                Assert.IsTrue(rig.Steps.Until(() => rig.Sink.Count == 1, 5000));
                rig.Sink.ExpireNext(new object[] { 1 });
                rig.Clock.Advance(61000);
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 0, 5000));
                Assert.AreEqual(1, rig.Modem.CountCommand("AT+CMGD=1"));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Receive_DeleteForeignOption_ForeignDeleted()
        {
            SmsDriverOptions options = ModemTestPeers.FastOptions();
            options.DeleteForeignMessages = true;
            var modem = new ScriptedModem(10);
            modem.Store(Hello);
            Rig rig = Rig.Start(modem, new Sim800Profile(), options, true);
            try
            {
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 0, 5000));
                Assert.AreEqual(1, rig.Sink.CountOf(Hello));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Setup_StorageNearlyFull_WarnsOnce()
        {
            var modem = new ScriptedModem(5);
            for (int i = 0; i < 4; i++)
            {
                modem.Store(Hello);
            }

            Rig rig = Rig.Start(modem, new Sim800Profile(), null, true);
            try
            {
                Assert.AreEqual(1, rig.Log.Count(ModemEventKind.StorageNearlyFull));
                Assert.AreEqual(1, rig.Sink.CountOf(Hello) >= 1 ? 1 : 0);
                Assert.AreEqual(4, rig.Modem.StoredCount);
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Cmt_DirectDeliveryWithAck_DeliveredWithoutTokenAndAcknowledged()
        {
            ModemProfile profile = new Sim7600Profile();
            profile.UseDirectDelivery = true;
            Rig rig = Rig.Start(new ScriptedModem(10), profile, null, true);
            try
            {
                Assert.AreEqual("AT|ATE0|AT+CMEE=1|AT+CMGF=0|AT+CSMS=1|AT+CPMS=\"SM\",\"SM\",\"SM\"|AT+CNMI=2,2,0,0,0|AT+CMGL=4|AT+CPMS?", rig.Modem.DialogueText());
                rig.Modem.Receive(Trigger);
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.CountCommand("AT+CNMA") == 1, 5000));
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.IsNull(rig.Sink.TokenAt(0));
                Assert.AreEqual(0, rig.Modem.Unacknowledged);
                Assert.AreEqual(0, rig.Modem.StoredCount);
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Cmt_DirectDeliveryWithoutAck_NoCnma()
        {
            ModemProfile profile = new Sim800Profile();
            profile.UseDirectDelivery = true;
            Rig rig = Rig.Start(new ScriptedModem(10), profile, null, true);
            try
            {
                rig.Modem.Receive(Trigger);
                Assert.IsTrue(rig.Steps.Until(() => rig.Sink.Count == 1, 5000));
                rig.Modem.Receive(Hello);
                Assert.IsTrue(rig.Steps.Until(() => rig.Sink.Count == 2, 5000));
                Assert.AreEqual(0, rig.Modem.CountCommand("AT+CNMA"));
                Assert.AreEqual(0, rig.Modem.CountCommand("AT+CSMS=1"));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Reboot_BootUrcs_SetupRerunAndMessagesSweptAgain()
        {
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), null, true);
            try
            {
                rig.Modem.Store(Trigger); // arrives while the modem restarts: stored, never announced
                rig.Modem.Reboot();
                Assert.IsTrue(rig.Steps.Until(() => rig.Driver.SetupCount >= 2 && rig.Modem.StoredCount == 0, 5000));
                Assert.IsTrue(rig.Modem.CountCommand("ATE0") >= 2);
                Assert.IsFalse(rig.Modem.Echo);
                Assert.AreEqual("2,1,0,0,0", rig.Modem.IndicationSetting);
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.IsTrue(rig.Log.Count(ModemEventKind.ModemRebooted) >= 1);
                rig.Modem.Receive(Hello);
                Assert.IsTrue(rig.Steps.Until(() => rig.Sink.CountOf(Hello) == 1, 5000));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Reboot_AutoBaudingSim800SendsNoBootUrc_FoundBySettingsCheckAndSetUpAgain()
        {
            // SIM800L HD 3.5.1: while auto-bauding, RDY/+CFUN: 1/+CPIN: READY are never seen; settings are back to defaults.
            var modem = new ScriptedModem(10);
            modem.BootLines = new string[0];
            SmsDriverOptions options = ModemTestPeers.FastOptions();
            options.MaintenanceIntervalMilliseconds = 100;
            Rig rig = Rig.Start(modem, new Sim800Profile(), options, true);
            try
            {
                rig.Modem.Store(Trigger); // arrives while the modem restarts: stored, never announced
                rig.Modem.Reboot();
                Assert.IsTrue(rig.Steps.Until(() => rig.Driver.SetupCount >= 2 && rig.Modem.StoredCount == 0, 5000), "set up again");
                Assert.AreEqual("2,1,0,0,0", rig.Modem.IndicationSetting);
                Assert.IsFalse(rig.Modem.Echo);
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.IsTrue(rig.Log.Count(ModemEventKind.SettingsLost) >= 1);
                Assert.StartsWith("+CNMI: 0,0,0,0,0", rig.Log.LastDetail(ModemEventKind.SettingsLost));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Maintenance_SettingsUnchanged_NoSetup()
        {
            SmsDriverOptions options = ModemTestPeers.FastOptions();
            options.MaintenanceIntervalMilliseconds = 50;
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), options, true);
            try
            {
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.CountCommand("AT+CMEE?") >= 3, 5000), "checked");
                Assert.AreEqual(1, rig.Driver.SetupCount);
                Assert.AreEqual(0, rig.Log.Count(ModemEventKind.SettingsLost));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Cmt_AcknowledgedTooLate_IndicationSettingSentAgain()
        {
            // TS 27.005 3.4.4 / BG96 AT Manual 8.12: no AT+CNMA in time -> RP-ERROR and <mt>, <ds> set to 0.
            ModemProfile profile = new QuectelBg9xProfile();
            profile.UseDirectDelivery = true;
            var modem = new ScriptedModem(10);
            modem.AckTimeoutMilliseconds = 100;
            Rig rig = Rig.Start(modem, profile, null, true);
            try
            {
                rig.Sink.ReceiveDelayMilliseconds = 400; // the application takes longer than the network waits
                rig.Modem.Receive(Trigger);
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.CountCommand("AT+CNMI=2,2,0,0,0") == 2, 5000), "CNMI again " + rig.Modem.DialogueText());
                Assert.AreEqual("2,2,0,0,0", rig.Modem.IndicationSetting);
                Assert.AreEqual(1, rig.Log.Count(ModemEventKind.SettingsLost));
                rig.Sink.ReceiveDelayMilliseconds = 0;
                rig.Modem.Receive(Hello);
                Assert.IsTrue(rig.Steps.Until(() => rig.Sink.CountOf(Hello) == 1, 5000), "next +CMT delivered");
                Assert.AreEqual(0, rig.Modem.StoredCount);
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Setup_ModemWithoutSms_ReportedByNameOnce()
        {
            var modem = new ScriptedModem(10);
            modem.SmsSupported = false; // LilyGO: the A7670E-LNXY-UBL has no SMS
            Rig rig = Rig.Start(modem, new Sim7600Profile(), null, false);
            try
            {
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.CountCommand("AT+CPMS=\"SM\",\"SM\",\"SM\"") >= 3, 5000), "retried");
                Assert.AreEqual(1, rig.Log.Count(ModemEventKind.SmsUnsupported));
                Assert.Contains("A7670E-LNXY-UBL", rig.Log.LastDetail(ModemEventKind.SmsUnsupported));
                Assert.Contains("AT+CPMS", rig.Log.LastDetail(ModemEventKind.SmsUnsupported));
                Assert.IsFalse(rig.Driver.IsReady);
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Silence_ProbeFailsThenRecovers_SetupRerunAndNothingLost()
        {
            SmsDriverOptions options = ModemTestPeers.FastOptions();
            options.IdleProbeIntervalMilliseconds = 150;
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), options, true);
            try
            {
                rig.Modem.Silent = true;
                rig.Modem.Receive(Trigger); // its +CMTI is lost in the silence
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count(ModemEventKind.ModemSilent) == 1, 5000));
                Assert.IsFalse(rig.Driver.IsReady);
                rig.Modem.Silent = false;
                Assert.IsTrue(rig.Steps.Until(() => rig.Driver.SetupCount == 2 && rig.Modem.StoredCount == 0, 5000));
                Assert.AreEqual(1, rig.Log.Count(ModemEventKind.ModemRecovered));
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Start_GarbageBeforeAndBetween_SetupAndDeliveryUnaffected()
        {
            var modem = new ScriptedModem(10);
            modem.EmitRaw(new byte[] { 0xFF, 0x00, 0xF8, 0x13, 0x0D });
            Rig rig = Rig.Start(modem, new Sim800Profile(), null, true);
            try
            {
                modem.EmitRaw(new byte[] { 0x80, 0x81, (byte)'x', (byte)'y', 0x0D, 0x0A });
                modem.Receive(Trigger);
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 0 && rig.Sink.Count == 1, 5000));
                Assert.AreEqual(6, rig.Channel.GarbageBytes);
                Assert.AreEqual(1, rig.Channel.UnexpectedLines);
            }
            finally
            {
                rig.Stop();
            }
        }
    
        // ---- AT framing: a URC between a header and its PDU, a damaged PDU, a message left behind ----

        [TestMethod]
        public void Sweep_RingBetweenCmglHeaderAndPdu_TriggerDelivered()
        {
            var modem = new ScriptedModem(10);
            modem.Store(Trigger);
            modem.InjectInsideNextResponse("AT+CMGL", "RING"); // right after the +CMGL: header, before the PDU
            Rig rig = Rig.Start(modem, new Sim800Profile(), null, true);
            try
            {
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 0, 5000), rig.Modem.DialogueText());
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.AreEqual(1, rig.Sink.Count);
                Assert.AreEqual(1, rig.Modem.CountCommand("AT+CMGL=4"));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Cmti_CregBetweenCmgrHeaderAndPdu_TriggerDelivered()
        {
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim7600Profile(), null, true);
            try
            {
                rig.Modem.InjectInsideNextResponse("AT+CMGR", "+CREG: 1");
                rig.Modem.Receive(Trigger);
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 0, 5000), rig.Modem.DialogueText());
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.AreEqual(1, rig.Sink.Count);
                Assert.AreEqual(1, rig.Modem.CountCommand("AT+CMGR=1"));
                Assert.AreEqual(0, rig.Log.Count(ModemEventKind.UnreadableMessage));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Cmt_RingBetweenHeaderAndPdu_PduDelivered()
        {
            ModemProfile profile = new Sim800Profile();
            profile.UseDirectDelivery = true;
            Rig rig = Rig.Start(new ScriptedModem(10), profile, null, true);
            try
            {
                // +CMT: [<alpha>],<length> (TS 27.005 3.4.1): the TPDU of Trigger is 64 octets after the 8-octet SMSC part.
                rig.Modem.EmitUrc("+CMT: ," + ((Trigger.Length / 2) - 8));
                rig.Modem.EmitUrc("RING");
                rig.Modem.EmitUrc(Trigger);
                Assert.IsTrue(rig.Steps.Until(() => rig.Sink.Count == 1, 5000), "delivered");
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.AreEqual(0, rig.Log.Count(ModemEventKind.UnreadableMessage));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Cmgr_DamagedPduLine_ReadAgainAndDelivered()
        {
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), null, true);
            try
            {
                rig.Modem.DamageNextPdu("AT+CMGR");
                rig.Modem.Receive(Trigger);
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 0, 5000), rig.Modem.DialogueText());
                Assert.AreEqual(2, rig.Modem.CountCommand("AT+CMGR=1"));
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.AreEqual(1, rig.Sink.Count);
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Sweep_DamagedPduLine_ReadAgainWithCmgr()
        {
            var modem = new ScriptedModem(10);
            modem.Store(Hello);
            modem.Store(Trigger);
            modem.DamageNextPdu("AT+CMGL");
            Rig rig = Rig.Start(modem, new Sim800Profile(), null, true);
            try
            {
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 1 && rig.Sink.Count == 2, 5000), rig.Modem.DialogueText());
                Assert.AreEqual(1, rig.Modem.CountCommand("AT+CMGR=1"));
                Assert.AreEqual(1, rig.Sink.CountOf(Hello));
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.IsTrue(rig.Modem.Holds(Hello));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Cmgr_PduNeverReadable_BoundedRetriesThenLeftForSweep()
        {
            SmsDriverOptions options = ModemTestPeers.FastOptions();
            options.ReadAttempts = 2;
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), options, true);
            try
            {
                for (int i = 0; i < 5; i++)
                {
                    rig.Modem.DamageNextPdu("AT+CMGR");
                }

                rig.Modem.Receive(Trigger);
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count(ModemEventKind.UnreadableMessage) == 1, 5000), rig.Modem.DialogueText());
                rig.Steps.Run(100);
                Assert.AreEqual(3, rig.Modem.CountCommand("AT+CMGR=1")); // the URC's read and two more
                Assert.AreEqual(1, rig.Modem.StoredCount);
                Assert.AreEqual(0, rig.Sink.Count);
                rig.Clock.Advance(121000); // the periodic sweep lists it, whole this time
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 0, 5000), rig.Modem.DialogueText());
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void Sweep_StoredWithoutIndication_FoundByPeriodicSweep()
        {
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), null, true);
            try
            {
                rig.Modem.Store(Trigger); // stored, never announced (a +CMTI lost on the line)
                rig.Steps.Run(50);
                Assert.AreEqual(0, rig.Sink.Count);
                Assert.AreEqual(1, rig.Modem.CountCommand("AT+CMGL=4"));
                rig.Clock.Advance(121000);
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 0, 5000), rig.Modem.DialogueText());
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.AreEqual(2, rig.Modem.CountCommand("AT+CMGL=4"));
            }
            finally
            {
                rig.Stop();
            }
        }

        // ---- link recovery: link closed, reconnect with back-off, reset without a boot URC ----

        [TestMethod]
        public void LinkClosed_Connector_ReopenedSetupRerunAndStoredTriggerSwept()
        {
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), null, true, true);
            try
            {
                Assert.AreEqual("up", rig.Log.Listening());
                rig.Connector.Available = false;
                rig.Modem.Close(); // ser2net went away
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count(ModemEventKind.ModemDown) == 1, 5000), "down");
                rig.Modem.Store(Trigger); // arrives while the link is down
                rig.Connector.Available = true;
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 0, 5000), rig.Modem.DialogueText());
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.AreEqual(2, rig.Driver.SetupCount);
                Assert.AreEqual(2, rig.Modem.CountCommand("AT+CMGL=4"));
                Assert.AreEqual("up|down:link-closed|up", rig.Log.Listening());
                Assert.AreEqual(1, rig.Channel.Reconnects);
                rig.Modem.Receive(Hello);
                Assert.IsTrue(rig.Steps.Until(() => rig.Sink.CountOf(Hello) == 1, 5000), "indications after the reconnect");
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void LinkClosed_ConcatenationSplitByOutage_CompletedAfterReconnectAndAllDeleted()
        {
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), null, true, true);
            try
            {
                rig.Modem.Receive(Part1);
                Assert.IsTrue(rig.Steps.Until(() => rig.Sink.CountOf(Part1) == 1, 5000), "part 1");
                rig.Connector.Available = false;
                rig.Modem.Close();
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count(ModemEventKind.ModemDown) == 1, 5000), "down");
                rig.Modem.Receive(Part3); // the rest arrives while the link is down: stored, announced to nobody
                rig.Modem.Receive(Part2);
                rig.Connector.Available = true;
                Assert.IsTrue(rig.Steps.Until(() => rig.Modem.StoredCount == 0, 5000), rig.Modem.DialogueText());
                Assert.AreEqual(1, rig.Sink.CountOf(Part1)); // the part already held is not delivered twice
                Assert.AreEqual(1, rig.Sink.CountOf(Part2));
                Assert.AreEqual(1, rig.Sink.CountOf(Part3));
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void LinkClosed_ConnectorFailing_DelayDoublesToMaximumThenResets()
        {
            SmsDriverOptions options = ModemTestPeers.FastOptions();
            options.RetryDelayMilliseconds = 40;
            options.ReconnectMaxDelayMilliseconds = 80;
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), options, true, true);
            try
            {
                rig.Connector.Available = false;
                rig.Modem.Close();
                Assert.IsTrue(rig.Steps.Until(() => rig.Connector.Attempts >= 5, 5000), "attempts");
                // At once, then 40, 80, 80 ms (the clock only runs late, never early).
                Assert.IsTrue(rig.Connector.AttemptAt(1) - rig.Connector.AttemptAt(0) >= 40);
                Assert.IsTrue(rig.Connector.AttemptAt(2) - rig.Connector.AttemptAt(1) >= 80);
                Assert.IsTrue(rig.Connector.AttemptAt(3) - rig.Connector.AttemptAt(2) >= 80);
                Assert.IsTrue(rig.Connector.AttemptAt(4) - rig.Connector.AttemptAt(3) < 1000, "the delay stops growing at its maximum");
                rig.Connector.Available = true;
                Assert.IsTrue(rig.Steps.Until(() => rig.Driver.IsReady && rig.Driver.SetupCount == 2, 5000), "reconnected");
                Assert.AreEqual("up|down:link-closed|up", rig.Log.Listening());

                // After a successful set-up the next loss is retried at once again.
                int before = rig.Connector.Attempts;
                rig.Modem.Close();
                Assert.IsTrue(rig.Steps.Until(() => rig.Driver.SetupCount == 3, 5000), "second reconnect");
                Assert.AreEqual(before + 1, rig.Connector.Attempts);
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void LinkClosed_NoConnector_DownOnceAndNoReconnect()
        {
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), null, true);
            try
            {
                rig.Modem.Close();
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count(ModemEventKind.ModemSilent) == 1, 5000), "silent");
                rig.Steps.Run(100);
                Assert.AreEqual("up|down:link-closed", rig.Log.Listening());
                Assert.IsFalse(rig.Driver.IsReady);
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void SilentLink_Connector_ReplacedAfterSilenceLimit()
        {
            SmsDriverOptions options = ModemTestPeers.FastOptions();
            options.IdleProbeIntervalMilliseconds = 50;
            options.ReconnectAfterSilenceMilliseconds = 30000;
            Rig rig = Rig.Start(new ScriptedModem(10), new Sim800Profile(), options, true, true);
            try
            {
                rig.Modem.Silent = true; // a half-open connection: nothing comes back, no end of stream either
                Assert.IsTrue(rig.Steps.Until(() => rig.Log.Count(ModemEventKind.ModemSilent) == 1, 5000), "silent");
                Assert.AreEqual("up|down:silent", rig.Log.Listening());
                Assert.AreEqual(0, rig.Connector.Attempts);
                rig.Clock.Advance(31000); // past ReconnectAfterSilenceMilliseconds while still silent
                Assert.IsTrue(rig.Steps.Until(() => rig.Connector.Attempts >= 1, 5000), "link replaced");
                rig.Modem.Silent = false;
                Assert.IsTrue(rig.Steps.Until(() => rig.Driver.IsReady && rig.Driver.SetupCount == 2, 5000), rig.Modem.DialogueText());
                Assert.IsTrue(rig.Channel.Reconnects >= 1);
                Assert.AreEqual("up|down:silent|up", rig.Log.Listening());
            }
            finally
            {
                rig.Stop();
            }
        }

        [TestMethod]
        public void SetupCheck_ResetWithoutBootUrc_SetupRerunAndIndicationsBack()
        {
            var modem = new ScriptedModem(10);
            Rig rig = Rig.Start(modem, new Sim800Profile(), null, true);
            try
            {
                modem.BootLines = new string[0];
                modem.Reboot(); // a reset whose RDY was lost: echo on, CNMI forgotten, nothing said
                modem.Receive(Trigger); // stored without +CMTI
                Assert.IsNull(modem.IndicationSetting);
                rig.Clock.Advance(121000);
                Assert.IsTrue(rig.Steps.Until(() => rig.Driver.SetupCount == 2 && modem.StoredCount == 0, 5000), modem.DialogueText());
                Assert.AreEqual("2,1,0,0,0", modem.IndicationSetting);
                Assert.AreEqual(1, rig.Sink.CountOf(Trigger));
                Assert.AreEqual("up|down:reset|up", rig.Log.Listening());
                modem.Receive(Hello);
                Assert.IsTrue(rig.Steps.Until(() => rig.Sink.CountOf(Hello) == 1, 5000), "indications after the reset");
            }
            finally
            {
                rig.Stop();
            }
        }
    }
}

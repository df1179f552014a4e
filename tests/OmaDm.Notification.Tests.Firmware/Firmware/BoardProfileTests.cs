using nanoFramework.TestFramework;
using OmaDm.Notification.Firmware;
using OmaDm.Notification.Firmware.Boards;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Firmware
{
    [TestClass]
    public class BoardProfileTests
    {
        private static BoardProfile[] AllBoards()
        {
            return new BoardProfile[] { new LilyGoTCallSim800l(), new LilyGoTCallSim800l(true), new LilyGoTA7670(), new LilyGoTSim7600(), new DevKitCQuectelBg96(), new DevKitCQuectelBg96(true) };
        }

        [TestMethod]
        public void Validate_EveryBoard_ConsistentWiring()
        {
            foreach (BoardProfile board in AllBoards())
            {
                Assert.IsNull(board.Validate(), board.Name + ": " + board.Validate());
                Assert.IsTrue(board.PowerKeyPulseMilliseconds > 0, board.Name);
                Assert.IsTrue(board.ModemReadyMilliseconds > 0, board.Name);
                Assert.IsNotNull(ModemCatalog.Find(board.Modem), board.Name + ": modem '" + board.Modem + "' not in the catalog");
            }
        }

        [TestMethod]
        public void TCall_PinsFromLilyGoDefinitions()
        {
            var board = new LilyGoTCallSim800l();
            Assert.AreEqual(27, board.ModemTxPin);
            Assert.AreEqual(26, board.ModemRxPin);
            Assert.AreEqual(4, board.PowerKeyPin);
            Assert.AreEqual(BoardProfile.NoPin, board.ResetPin); // v1.4: R114 not fitted
            Assert.AreEqual(5, new LilyGoTCallSim800l(true).ResetPin);
            Assert.AreEqual(1, board.PowerEnablePins.Length);
            Assert.AreEqual(23, board.PowerEnablePins[0]);
            Assert.AreEqual(32, board.DtrPin);
            Assert.AreEqual(33, board.RingPin);
            Assert.AreEqual(ModemCatalog.Sim800, board.Modem);
        }

        [TestMethod]
        public void TCall_InitializeAndPowerOn_KeyPulsedLowThenReleasedHigh()
        {
            var board = new LilyGoTCallSim800l();
            var pins = new RecordingPins(new ManualClock(), 4000);
            var sequencer = new BoardSequencer(board, pins, pins.Clock);
            sequencer.InitializePins();
            Assert.AreEqual("23=H 4=H 32=L 13=H", pins.Trace());
            pins.Clear();

            Assert.IsTrue(sequencer.PowerOn(pins.Probe));

            // SIM800L HD 3.2.1: low > 1 s then released; HD 3.5.1: first AT 2-3 s after power-on.
            Assert.AreEqual("4=H wait100 4=L wait1100 4=H wait3000 AT", pins.Trace());
            Assert.IsTrue(pins.LastLevel(4));
        }

        [TestMethod]
        public void TCallV14_Restart_CyclesRegulatorEnableAndNeverTouchesGpio5()
        {
            var pins = new RecordingPins(new ManualClock(), 0);
            var sequencer = new BoardSequencer(new LilyGoTCallSim800l(), pins, pins.Clock);
            Assert.AreEqual((int)ModemRestart.SupplyCycle, (int)new LilyGoTCallSim800l().Restart);

            Assert.IsTrue(sequencer.Restart(pins.Probe));

            Assert.AreEqual("23=L wait2000 23=H 4=H wait100 4=L wait1100 4=H wait3000 AT", pins.Trace());
        }

        [TestMethod]
        public void TCallV13_Restart_ResetPulledLowOpenDrainNeverDrivenHigh()
        {
            var board = new LilyGoTCallSim800l(true);
            var pins = new RecordingPins(new ManualClock(), 0);
            var sequencer = new BoardSequencer(board, pins, pins.Clock);
            sequencer.InitializePins();
            Assert.AreEqual("5=release 23=H 4=H 13=H", pins.Trace());
            pins.Clear();

            Assert.IsTrue(sequencer.Restart(pins.Probe));

            // SIM800L HD 3.2.3 / table 7: low > 105 ms; RESET's high is 1.8 V, so it is only ever released.
            Assert.AreEqual("5=pull-low wait300 5=release wait3000 AT", pins.Trace());
        }

        [TestMethod]
        public void TA7670_Restart_ResetHeld2600ThenAtPolledUntilTheModemAnswers()
        {
            var clock = new ManualClock();
            var pins = new RecordingPins(clock, 2600 + 11100); // A7670 HD table 11: UART ready 11.1 s typical
            var sequencer = new BoardSequencer(new LilyGoTA7670(), pins, clock);

            Assert.IsTrue(sequencer.Restart(pins.Probe));

            Assert.IsTrue(pins.Trace().StartsWith("5=H wait2600 5=L AT wait500 AT"), pins.Trace());
            Assert.IsTrue(clock.MonotonicMilliseconds >= 2600 + 11100, clock.MonotonicMilliseconds.ToString());
            Assert.AreEqual(-1, pins.Trace().IndexOf("12=L")); // the supply stays on
        }

        // A7670 HD 3.2.3, RESET switches the module on only at first power-up; PWRKEY is the way back on.
        [TestMethod]
        public void TA7670_Restart_ModemSwitchedOff_ResetThenPowerKeyAfterTwoSeconds()
        {
            var pins = new RecordingPins(new ManualClock(), 0) { WakesOn = "4=H" };
            var sequencer = new BoardSequencer(new LilyGoTA7670(), pins, pins.Clock);

            Assert.IsTrue(sequencer.Restart(pins.Probe));

            string trace = pins.Trace();
            Assert.IsTrue(trace.StartsWith("5=H wait2600 5=L AT wait500 AT"), trace);
            Assert.IsTrue(trace.EndsWith("AT wait2000 4=L wait100 4=H wait1000 4=L AT"), trace);
            Assert.AreEqual(-1, trace.IndexOf("12=L"), trace);
        }

        [TestMethod]
        public void TA7670_Restart_KeyAlsoSilent_SupplyCycledLast()
        {
            var pins = new RecordingPins(new ManualClock(), 0) { WakesOn = "12=H" };
            var sequencer = new BoardSequencer(new LilyGoTA7670(), pins, pins.Clock);

            Assert.IsTrue(sequencer.Restart(pins.Probe));

            string trace = pins.Trace();
            int key = trace.IndexOf("wait2000 4=L wait100 4=H wait1000 4=L AT");
            int supply = trace.IndexOf("12=L wait2000 12=H 4=L wait100 4=H wait1000 4=L AT");
            Assert.IsTrue(key > 0 && supply > key, trace);
            Assert.IsTrue(trace.EndsWith("12=H 4=L wait100 4=H wait1000 4=L AT"), trace);
        }

        // SIM800L HD 3.2.2: under-voltage power-down; PWRKEY (low > 1 s) switches it back on.
        [TestMethod]
        public void TCallV13_Restart_ModemPoweredDown_ResetThenPowerKey()
        {
            var pins = new RecordingPins(new ManualClock(), 0) { WakesOn = "4=L" };
            var sequencer = new BoardSequencer(new LilyGoTCallSim800l(true), pins, pins.Clock);

            Assert.IsTrue(sequencer.Restart(pins.Probe));

            string trace = pins.Trace();
            Assert.IsTrue(trace.StartsWith("5=pull-low wait300 5=release wait3000 AT"), trace);
            Assert.IsTrue(trace.EndsWith("AT wait2000 4=H wait100 4=L wait1100 4=H wait3000 AT"), trace);
        }

        [TestMethod]
        public void Restart_NoProbe_NoFallbackAfterTheReset()
        {
            var pins = new RecordingPins(new ManualClock(), -1);
            Assert.IsFalse(new BoardSequencer(new LilyGoTA7670(), pins, pins.Clock).Restart(null));
            Assert.AreEqual("5=H wait2600 5=L wait20000", pins.Trace());
        }

        // GPIO 5 is a strapping pin pulled up through ESP32 reset, so the reset transistor is on until driven:
        // release RESET before the supply (GPIO 12) comes up (A7670 HD 3.2.1).
        [TestMethod]
        public void TA7670_InitializePins_ResetReleasedBeforeSupply()
        {
            var pins = new RecordingPins(new ManualClock(), 0);
            new BoardSequencer(new LilyGoTA7670(), pins, pins.Clock).InitializePins();
            Assert.AreEqual("5=L 12=H 4=L 25=L", pins.Trace());
        }

        [TestMethod]
        public void TA7670_PowerOn_ModemNeverAnswers_GivesUpAtTheDeadline()
        {
            var clock = new ManualClock();
            var pins = new RecordingPins(clock, -1);
            var sequencer = new BoardSequencer(new LilyGoTA7670(), pins, clock);

            Assert.IsFalse(sequencer.PowerOn(pins.Probe));

            long afterPulse = 100 + 1000;
            long elapsed = clock.MonotonicMilliseconds - afterPulse;
            Assert.IsTrue(elapsed >= 20000 && elapsed < 20000 + BoardSequencer.ProbeTimeoutMilliseconds + BoardSequencer.ProbeIntervalMilliseconds, elapsed.ToString());
        }

        [TestMethod]
        public void TSim7600_Restart_OffPulseWaitOnPulseAndFlightModeUntouched()
        {
            var board = new LilyGoTSim7600();
            var pins = new RecordingPins(new ManualClock(), 0);
            var sequencer = new BoardSequencer(board, pins, pins.Clock);
            Assert.AreEqual(0, board.PowerEnablePins.Length);
            sequencer.InitializePins();
            Assert.AreEqual("25=H 4=L 32=L 12=H", pins.Trace());
            pins.Clear();

            Assert.IsTrue(sequencer.Restart(pins.Probe));

            Assert.AreEqual("4=L wait100 4=H wait3000 4=L 34?L wait5000 4=L wait100 4=H wait500 4=L AT", pins.Trace());
        }

        // the on pulse must not meet a module still powering down (SIMCom LTE HDs: power-off status time
        // 25-26 s); STATUS (GPIO 34) is polled until it falls.
        [TestMethod]
        public void TSim7600_Restart_OnPulseOnlyAfterStatusFell()
        {
            var pins = new RecordingPins(new ManualClock(), 0);
            pins.StatusFallsAt = 100 + 3000 + 20000;
            var sequencer = new BoardSequencer(new LilyGoTSim7600(), pins, pins.Clock);

            Assert.IsTrue(sequencer.Restart(pins.Probe));

            string trace = pins.Trace();
            Assert.IsTrue(trace.StartsWith("4=L wait100 4=H wait3000 4=L 34?H wait500 34?H"), trace);
            Assert.IsTrue(trace.EndsWith("34?H wait500 34?L wait5000 4=L wait100 4=H wait500 4=L AT"), trace);
            int reads = 0;
            for (int at = trace.IndexOf("34?"); at >= 0; at = trace.IndexOf("34?", at + 1))
            {
                reads++;
            }

            Assert.AreEqual(41, reads, trace); // 40 reads high and the one low, 500 ms apart
        }

        [TestMethod]
        public void TSim7600_Restart_StatusNeverFalls_OnPulseAfter26Seconds()
        {
            var clock = new ManualClock();
            var pins = new RecordingPins(clock, 0);
            pins.StatusFallsAt = long.MaxValue;
            var sequencer = new BoardSequencer(new LilyGoTSim7600(), pins, clock);

            Assert.IsTrue(sequencer.Restart(pins.Probe));

            Assert.IsTrue(pins.Trace().EndsWith("34?H wait5000 4=L wait100 4=H wait500 4=L AT"), pins.Trace());
            long waited = clock.MonotonicMilliseconds - (100 + 3000) - 5000 - (100 + 500) - 20;
            Assert.AreEqual(26000, waited);
        }

        [TestMethod]
        public void Validate_StatusPinWithoutItsWait_Named()
        {
            Assert.Contains("STATUS", new MiswiredBoard(17, 16, 18) { Status = 34 }.Validate());
        }

        [TestMethod]
        public void TSim7600_PowerOn_PolledUpToLilyGosFifteenSeconds()
        {
            var clock = new ManualClock();
            var pins = new RecordingPins(clock, 14000);
            Assert.IsTrue(new BoardSequencer(new LilyGoTSim7600(), pins, clock).PowerOn(pins.Probe));
        }

        [TestMethod]
        public void DevKitCBg96_PowerOnAndRestart_KeyAndResetThroughTransistors()
        {
            var pins = new RecordingPins(new ManualClock(), 0);
            var sequencer = new BoardSequencer(new DevKitCQuectelBg96(), pins, pins.Clock);

            Assert.IsTrue(sequencer.PowerOn(pins.Probe));
            Assert.IsTrue(sequencer.Restart(pins.Probe));

            // BG96 HD: PWRKEY low >= 500 ms (< 650 ms, which would switch a running module off); RESET_N low 150-460 ms.
            Assert.AreEqual("18=L wait100 18=H wait550 18=L AT 19=H wait300 19=L AT", pins.Trace());
        }

        // the BG95 is not a BG96 for reset (BG77 HD 3.7: RESET_N low 2-3.8 s on the MDM9205 platform).
        [TestMethod]
        public void DevKitCBg95_Restart_ResetHeldWithinTwoTo3800Ms()
        {
            var board = new DevKitCQuectelBg96(true);
            var pins = new RecordingPins(new ManualClock(), 0);
            Assert.AreEqual(ModemCatalog.Bg95, board.Modem);
            Assert.IsTrue(board.ResetPulseMilliseconds >= 2000 && board.ResetPulseMilliseconds <= 3800);

            Assert.IsTrue(new BoardSequencer(board, pins, pins.Clock).Restart(pins.Probe));

            Assert.AreEqual("19=H wait2900 19=L AT", pins.Trace());
        }

        [TestMethod]
        public void DevKitC_PowerKeyPulse_InsideOnWindowWithMarginBelowOff()
        {
            // 500 ms on, 650 ms off (BG95&BG96 Compatible Design 4.3.2): at least 100 ms below the off threshold.
            int pulse = new DevKitCQuectelBg96().PowerKeyPulseMilliseconds;
            Assert.IsTrue(pulse >= 500 && pulse <= 650 - 100, pulse.ToString());
        }

        [TestMethod]
        public void Validate_ResetAndRestartInconsistent_Named()
        {
            Assert.Contains("open-drain", new MiswiredBoard(17, 16, 18) { OpenDrainReset = true }.Validate());
            Assert.Contains("power-key restart", new MiswiredBoard(17, 16, 18) { KeyRestart = true }.Validate());
        }

        [TestMethod]
        public void Validate_ModemNotInCatalog_Named()
        {
            Assert.Contains("modem 'bg97' is not in ModemCatalog", new MiswiredBoard(17, 16, 18) { ModemName = "bg97" }.Validate());
        }

        [TestMethod]
        public void Validate_AnyCatalogModemOrNone_Valid()
        {
            string[] names = ModemCatalog.Names();
            for (int i = 0; i < names.Length; i++)
            {
                Assert.IsNull(new MiswiredBoard(17, 16, 18) { ModemName = names[i] }.Validate(), names[i]);
            }

            Assert.IsNull(new MiswiredBoard(17, 16, 18) { ModemName = null }.Validate(), "no modem");
        }

        [TestMethod]
        public void TA7670_PinsFromLilyGoDefinitions()
        {
            var board = new LilyGoTA7670();
            Assert.AreEqual(26, board.ModemTxPin);
            Assert.AreEqual(27, board.ModemRxPin);
            Assert.AreEqual(4, board.PowerKeyPin);
            Assert.AreEqual(12, board.PowerEnablePins[0]);
            Assert.AreEqual(25, board.DtrPin);
            Assert.AreEqual(33, board.RingPin);
            Assert.IsTrue(board.ResetActiveHigh);
        }

        [TestMethod]
        public void Validate_PinUsedTwiceOrInputOnlyOutput_Named()
        {
            Assert.Contains("used twice", new MiswiredBoard(16, 16, 18).Validate());
            Assert.Contains("input-only", new MiswiredBoard(17, 16, 35).Validate());
            Assert.Contains("SPI flash", new MiswiredBoard(17, 6, 18).Validate());
        }

        // ESP32 datasheet, strapping pins 0, 2, 5, 12, 15; WROVER PSRAM on 16/17.
        [TestMethod]
        public void Validate_PsramPinsOnWrover_Refused()
        {
            Assert.Contains("PSRAM", new MiswiredBoard(17, 16, 18) { Psram = true }.Validate());
            Assert.IsNull(new MiswiredBoard(17, 16, 18).Validate()); // WROOM: 16/17 free
            Assert.Contains("PSRAM", new MiswiredBoard(27, 26, 16) { Psram = true }.Validate());
        }

        [TestMethod]
        public void StrappingWarnings_EveryBoard_NamesTheStrappingPinsItUses()
        {
            Assert.AreEqual("GPIO 5 is a strapping pin: pulled up through reset: a transistor on it conducts until the firmware drives it\nGPIO 12 is a strapping pin: MTDI, must be low at reset on a 3.3 V-flash module (high selects 1.8 V flash)", new LilyGoTA7670().StrappingWarnings());
            Assert.IsNull(new LilyGoTCallSim800l().StrappingWarnings());
            Assert.Contains("GPIO 5 ", new LilyGoTCallSim800l(true).StrappingWarnings());
            Assert.Contains("GPIO 12 ", new LilyGoTSim7600().StrappingWarnings());
            Assert.Contains("GPIO 2 ", new DevKitCQuectelBg96().StrappingWarnings());
            Assert.Contains("GPIO 0 ", new MiswiredBoard(17, 16, 0).StrappingWarnings());
            Assert.Contains("GPIO 15 ", new MiswiredBoard(15, 16, 18).StrappingWarnings());
            Assert.IsTrue(new LilyGoTA7670().HasPsram && new LilyGoTSim7600().HasPsram && new LilyGoTCallSim800l().HasPsram);
        }

        [TestMethod]
        public void OutputPins_SkipsNotConnected()
        {
            int[] pins = new LilyGoTCallSim800l().OutputPins();
            Assert.AreEqual(4, pins.Length); // power key 4, DTR 32, LED 13, enable 23 (v1.4: no reset)
            Assert.AreEqual(4, new LilyGoTSim7600().OutputPins().Length); // key 4, DTR 32, LED 12, flight mode 25
        }

        [TestMethod]
        public void DefaultConfiguration_SelectsAValidBoardAndPushPort()
        {
            FirmwareConfiguration configuration = FirmwareConfiguration.CreateDefault();
            Assert.IsNotNull(configuration.Board);
            Assert.IsNull(configuration.Board.Validate());
            Assert.AreEqual(2948, configuration.UdpPort);
            Assert.AreEqual("I:\\", configuration.DataDirectory);
        }

        private sealed class MiswiredBoard : BoardProfile
        {
            private readonly int _tx;
            private readonly int _rx;
            private readonly int _key;

            public MiswiredBoard(int tx, int rx, int key)
            {
                _tx = tx;
                _rx = rx;
                _key = key;
            }

            public override string Name => "miswired";

            public string ModemName { get; set; } = ModemCatalog.Bg96;

            public override string Modem => ModemName;

            public override int ModemTxPin => _tx;

            public override int ModemRxPin => _rx;

            public override int PowerKeyPin => _key;

            public override bool PowerKeyPulseHigh => true;

            public override int PowerKeyPulseMilliseconds => 600;

            public override bool PowerKeyRestHigh => false;

            public override int ModemReadyMilliseconds => 5000;

            public bool OpenDrainReset { get; set; }

            public bool KeyRestart { get; set; }

            public int Status { get; set; } = NoPin;

            public bool Psram { get; set; }

            public override bool HasPsram => Psram;

            public override int StatusPin => Status;

            public override int ResetPin => OpenDrainReset ? 19 : NoPin;

            public override bool ResetActiveHigh => true;

            public override bool ResetOpenDrain => OpenDrainReset;

            public override int[] PowerEnablePins => KeyRestart ? new int[0] : new int[] { 21 };
        }

        // Records every level and wait as text; a wait moves the clock, and the modem answers AT from a given time on.
        private sealed class RecordingPins : IBoardPins
        {
            private readonly System.Collections.ArrayList _trace = new System.Collections.ArrayList();
            private readonly System.Collections.Hashtable _levels = new System.Collections.Hashtable();
            private readonly long _answersAt;

            public RecordingPins(ManualClock clock, long answersAfterMilliseconds)
            {
                Clock = clock;
                _answersAt = answersAfterMilliseconds < 0 ? long.MaxValue : clock.MonotonicMilliseconds + answersAfterMilliseconds;
            }

            public ManualClock Clock { get; }

            // A modem that is off: silent until this level is written (its power key pulse or its supply), then as above.
            public string WakesOn { get; set; }

            public void Write(int pin, bool high)
            {
                Record(pin.ToString() + (high ? "=H" : "=L"));
                _levels[pin] = high;
            }

            public void WriteOpenDrain(int pin, bool high)
            {
                Record(pin.ToString() + (high ? "=release" : "=pull-low"));
                _levels[pin] = high;
            }

            private void Record(string level)
            {
                _trace.Add(level);
                if (level == WakesOn)
                {
                    WakesOn = null;
                }
            }

            // STATUS reads high (module on) until this monotonic time; long.MaxValue for a module that never switches off.
            public long StatusFallsAt { get; set; }

            public bool Read(int pin)
            {
                bool high = Clock.MonotonicMilliseconds < StatusFallsAt;
                _trace.Add(pin.ToString() + (high ? "?H" : "?L"));
                return high;
            }

            public void Sleep(int milliseconds)
            {
                _trace.Add("wait" + milliseconds.ToString());
                Clock.Advance(milliseconds);
            }

            public bool Probe(int timeoutMilliseconds)
            {
                _trace.Add("AT");
                if (WakesOn == null && Clock.MonotonicMilliseconds >= _answersAt)
                {
                    Clock.Advance(20);
                    return true;
                }

                Clock.Advance(timeoutMilliseconds);
                return false;
            }

            public bool LastLevel(int pin)
            {
                return (bool)_levels[pin];
            }

            public void Clear()
            {
                _trace.Clear();
            }

            public string Trace()
            {
                string text = string.Empty;
                for (int i = 0; i < _trace.Count; i++)
                {
                    text = i == 0 ? (string)_trace[i] : text + " " + (string)_trace[i];
                }

                return text;
            }
        }
    }
}

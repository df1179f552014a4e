
namespace OmaDm.Notification.Firmware.Boards
{
    /// <summary>
    /// The board's power sequences as levels, pulses and waits, from its <see cref="BoardProfile"/>: pins at rest,
    /// power-on (key pulse, then <c>AT</c> polled until the modem answers or the board's deadline passes) and the
    /// watchdog's restart (reset pulse, supply cycle or power-key off/on, as the wiring allows). Pure: pins, sleeps and
    /// the probe are injected, so the tests check every level and wait.
    /// </summary>
    public sealed class BoardSequencer
    {
        /// <summary>How long one <c>AT</c> probe waits for <c>OK</c>.</summary>
        public const int ProbeTimeoutMilliseconds = 1000;

        /// <summary>Pause between two unanswered probes.</summary>
        public const int ProbeIntervalMilliseconds = 500;

        /// <summary>The key (or supply) is held at rest this long before a pulse, so the pulse is a clean edge.</summary>
        public const int SettleMilliseconds = 100;

        private readonly BoardProfile _board;
        private readonly IBoardPins _pins;
        private readonly IClock _clock;

        /// <summary>Creates the sequencer.</summary>
        /// <param name="board">The board.</param>
        /// <param name="pins">Pins and sleeps.</param>
        /// <param name="clock">Monotonic time for the ready deadline.</param>
        public BoardSequencer(BoardProfile board, IBoardPins pins, IClock clock)
        {
            _board = board;
            _pins = pins;
            _clock = clock;
        }

        /// <summary>
        /// Puts every output at rest: reset released first, then supplies on, flight mode off (line high), power key at
        /// its rest level, DTR low (modem awake), status LED on. The reset line comes first because a reset transistor's
        /// GPIO may be an ESP32 strapping pin pulled up through reset (GPIO 5 on the T-A7670), which would hold RESET
        /// active as the supply arrives; A7670 HD 3.2.1 forbids RESET and PWRKEY in quick succession at power-on.
        /// </summary>
        public void InitializePins()
        {
            if (_board.ResetPin != BoardProfile.NoPin)
            {
                DriveReset(false);
            }

            foreach (int pin in _board.PowerEnablePins)
            {
                _pins.Write(pin, true);
            }

            if (_board.FlightModePin != BoardProfile.NoPin)
            {
                _pins.Write(_board.FlightModePin, true);
            }

            if (_board.PowerKeyPin != BoardProfile.NoPin)
            {
                _pins.Write(_board.PowerKeyPin, _board.PowerKeyRestHigh);
            }

            if (_board.DtrPin != BoardProfile.NoPin)
            {
                _pins.Write(_board.DtrPin, false);
            }

            SetStatusLed(true);
        }

        /// <summary>Pulses the power key with the board's timing, then polls <c>AT</c> until the modem answers.</summary>
        /// <param name="probe">The probe, or null to wait the whole deadline (no UART yet).</param>
        /// <returns>True when the modem answered before the deadline.</returns>
        public bool PowerOn(ModemProbe probe)
        {
            PulseKey(_board.PowerKeyPulseMilliseconds);
            return WaitUntilAnswering(probe);
        }

        /// <summary>
        /// Restarts a stuck modem the way <see cref="BoardProfile.Restart"/> says, then polls <c>AT</c>. When a reset
        /// pulse leaves <c>AT</c> silent the module may have switched itself off, which a reset does not undo: the power
        /// key's on pulse follows (after <see cref="BoardProfile.PowerOffWaitMilliseconds"/>), then, where the board
        /// switches the supply, a supply cycle.
        /// </summary>
        /// <param name="probe">The probe, or null (then no fallback: silence cannot be told from a slow boot).</param>
        /// <returns>True when the modem answered before the deadline.</returns>
        public bool Restart(ModemProbe probe)
        {
            switch (_board.Restart)
            {
                case ModemRestart.ResetPulse:
                    DriveReset(true);
                    _pins.Sleep(_board.ResetPulseMilliseconds);
                    DriveReset(false);
                    if (WaitUntilAnswering(probe))
                    {
                        return true;
                    }

                    return probe != null && Revive(probe);
                case ModemRestart.SupplyCycle:
                    return CycleSupply(probe);
                default:
                    PulseKey(_board.PowerOffPulseMilliseconds);
                    WaitUntilStatusLow();
                    _pins.Sleep(_board.PowerOffWaitMilliseconds);
                    return PowerOn(probe);
            }
        }

        // A7670 HD 3.2.3: RESET switches the module on only at first power-up; once its PMU has switched it off
        // (A7670) or it powered itself down on under-voltage (SIM800L HD 3.2.2), PWRKEY is the way on. The on pulse is
        // shorter than every board's off threshold, so it leaves a module that is on but hung as it was.
        private bool Revive(ModemProbe probe)
        {
            if (_board.PowerKeyPin != BoardProfile.NoPin)
            {
                _pins.Sleep(_board.PowerOffWaitMilliseconds);
                if (PowerOn(probe))
                {
                    return true;
                }
            }

            return _board.PowerEnablePins.Length > 0 && CycleSupply(probe);
        }

        private bool CycleSupply(ModemProbe probe)
        {
            foreach (int pin in _board.PowerEnablePins)
            {
                _pins.Write(pin, false);
            }

            _pins.Sleep(_board.PowerOffWaitMilliseconds);
            foreach (int pin in _board.PowerEnablePins)
            {
                _pins.Write(pin, true);
            }

            return PowerOn(probe);
        }

        /// <summary>Switches the status LED.</summary>
        /// <param name="on">On or off.</param>
        public void SetStatusLed(bool on)
        {
            if (_board.StatusLedPin != BoardProfile.NoPin)
            {
                _pins.Write(_board.StatusLedPin, on == _board.StatusLedActiveHigh);
            }
        }

        private void PulseKey(int milliseconds)
        {
            int key = _board.PowerKeyPin;
            if (key == BoardProfile.NoPin)
            {
                return;
            }

            _pins.Write(key, _board.PowerKeyRestHigh);
            _pins.Sleep(SettleMilliseconds);
            _pins.Write(key, _board.PowerKeyPulseHigh);
            _pins.Sleep(milliseconds);
            _pins.Write(key, _board.PowerKeyRestHigh);
        }

        private void DriveReset(bool active)
        {
            if (_board.ResetOpenDrain)
            {
                _pins.WriteOpenDrain(_board.ResetPin, !active); // active low: pulled down, else released
            }
            else
            {
                _pins.Write(_board.ResetPin, active == _board.ResetActiveHigh);
            }
        }

        // A module still in its power-down procedure may ignore the on pulse and then switch off after answering AT
        // (SIMCom LTE HDs give a power-off status time of 25-26 s): wait for STATUS to fall first. A STATUS that never
        // falls (an off pulse the module ignored) ends the wait at the board's limit; the on pulse and the probe follow.
        private void WaitUntilStatusLow()
        {
            int status = _board.StatusPin;
            if (status == BoardProfile.NoPin)
            {
                return;
            }

            long deadline = _clock.MonotonicMilliseconds + _board.PowerOffStatusMilliseconds;
            while (_pins.Read(status) && _clock.MonotonicMilliseconds < deadline)
            {
                _pins.Sleep(ProbeIntervalMilliseconds);
            }
        }

        private bool WaitUntilAnswering(ModemProbe probe)
        {
            if (probe == null)
            {
                _pins.Sleep(_board.ModemReadyMilliseconds);
                return false;
            }

            long deadline = _clock.MonotonicMilliseconds + _board.ModemReadyMilliseconds;
            if (_board.ModemBootMilliseconds > 0)
            {
                _pins.Sleep(_board.ModemBootMilliseconds);
            }

            while (true)
            {
                if (probe(ProbeTimeoutMilliseconds))
                {
                    return true;
                }

                if (_clock.MonotonicMilliseconds >= deadline)
                {
                    return false;
                }

                _pins.Sleep(ProbeIntervalMilliseconds);
            }
        }
    }
}

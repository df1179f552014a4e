using System;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Firmware.Boards
{
    /// <summary>
    /// A board's wiring as data: modem UART pins and speed, the power-key pulse, reset, supply-enable and flight-mode
    /// pins, how the modem is restarted, and the status LED. Each board folder under <c>boards/</c> holds one subclass in
    /// <c>Board.cs</c>; <see cref="BoardSequencer"/> turns it into pin levels, pulses and waits, and the device-only
    /// <c>Device/BoardBringUp.cs</c> drives them with <c>GpioController</c>. A pin number of -1 means "not connected".
    /// All pins are ESP32 GPIO numbers.
    /// </summary>
    public abstract class BoardProfile
    {
        /// <summary>Pin value meaning "not connected".</summary>
        public const int NoPin = -1;

        /// <summary>Board name for logs.</summary>
        public abstract string Name { get; }

        /// <summary>The modem on the board: its name in <see cref="ModemCatalog"/> (for example <see cref="ModemCatalog.A7670"/>), or null for none.</summary>
        public abstract string Modem { get; }

        /// <summary>Serial port for the modem: "COM2" or "COM3" (COM1 is the debug console).</summary>
        public virtual string ModemPort => "COM2";

        /// <summary>ESP32 GPIO that transmits to the modem's RXD.</summary>
        public abstract int ModemTxPin { get; }

        /// <summary>ESP32 GPIO that receives from the modem's TXD.</summary>
        public abstract int ModemRxPin { get; }

        /// <summary>UART speed.</summary>
        public virtual int ModemBaud => 115200;

        /// <summary>GPIO driving the modem's PWRKEY (directly or through a transistor), or <see cref="NoPin"/>.</summary>
        public abstract int PowerKeyPin { get; }

        /// <summary>Level the ESP32 drives during the power-key pulse (true = high).</summary>
        public abstract bool PowerKeyPulseHigh { get; }

        /// <summary>Length of the power-key pulse in milliseconds.</summary>
        public abstract int PowerKeyPulseMilliseconds { get; }

        /// <summary>Level the power-key pin is left at after the pulse (true = high).</summary>
        public abstract bool PowerKeyRestHigh { get; }

        /// <summary>GPIO driving the modem reset, or <see cref="NoPin"/>.</summary>
        public virtual int ResetPin => NoPin;

        /// <summary>Level that holds the modem in reset (true = high).</summary>
        public virtual bool ResetActiveHigh => false;

        /// <summary>Length of a reset pulse in milliseconds.</summary>
        public virtual int ResetPulseMilliseconds => 300;

        /// <summary>
        /// True when the reset line is wired straight to the modem's own pulled-up input (its high level is below the
        /// ESP32's 3.3 V, SIM800L RESET 1.8 V typical): the pin is then open-drain, pulled low for the pulse and released
        /// otherwise, never driven high. Only for an active-low reset.
        /// </summary>
        public virtual bool ResetOpenDrain => false;

        /// <summary>GPIOs that switch the modem's supply (regulator enables): high = on; dropped for a supply restart.</summary>
        public virtual int[] PowerEnablePins => new int[0];

        /// <summary>GPIO of the modem's FLIGHTMODE input, held high (normal operation) and never toggled, or <see cref="NoPin"/>.</summary>
        public virtual int FlightModePin => NoPin;

        /// <summary>How the watchdog restarts a stuck modem; the default follows the wiring (reset line, else supply, else key).</summary>
        public virtual ModemRestart Restart
        {
            get
            {
                if (ResetPin != NoPin)
                {
                    return ModemRestart.ResetPulse;
                }

                return PowerEnablePins.Length > 0 ? ModemRestart.SupplyCycle : ModemRestart.PowerKeyCycle;
            }
        }

        /// <summary>Length of the power-key pulse that switches a running modem off (<see cref="ModemRestart.PowerKeyCycle"/>); 0 when unused.</summary>
        public virtual int PowerOffPulseMilliseconds => 0;

        /// <summary>GPIO reading the modem's STATUS output (high while the module is on), or <see cref="NoPin"/>.</summary>
        public virtual int StatusPin => NoPin;

        /// <summary>
        /// Longest wait, after the power key's off pulse, for STATUS to fall (the module's power-down procedure); it is
        /// polled and the on pulse comes only after it fell. 0 when the board has no STATUS input.
        /// </summary>
        public virtual int PowerOffStatusMilliseconds => 0;

        /// <summary>Wait after the modem was switched off (key pulse or supply dropped) before it is switched on again.</summary>
        public virtual int PowerOffWaitMilliseconds => 2000;

        /// <summary>Wait after the power-key pulse or reset before the first <c>AT</c> probe (a modem that must not be probed early).</summary>
        public virtual int ModemBootMilliseconds => 0;

        /// <summary>Deadline, from the end of the power-key pulse or reset, for the modem to answer <c>AT</c>; it is polled until then.</summary>
        public abstract int ModemReadyMilliseconds { get; }

        /// <summary>GPIO of the modem's DTR line, or <see cref="NoPin"/> (driven low to keep the modem awake).</summary>
        public virtual int DtrPin => NoPin;

        /// <summary>GPIO of the modem's RI (ring indicator) line, or <see cref="NoPin"/>.</summary>
        public virtual int RingPin => NoPin;

        /// <summary>Status LED GPIO, or <see cref="NoPin"/>.</summary>
        public virtual int StatusLedPin => NoPin;

        /// <summary>Whether the LED lights when the pin is high.</summary>
        public virtual bool StatusLedActiveHigh => true;

        /// <summary>
        /// True when the ESP32 module has PSRAM on GPIO 16/17 (ESP32-WROVER, -WROVER-B, -WROVER-E; the LilyGO boards):
        /// <see cref="Validate"/> then refuses those pins. False for WROOM modules, where 16/17 are free.
        /// </summary>
        public virtual bool HasPsram => false;

        /// <summary>
        /// Names every ESP32 strapping pin the board uses (GPIO 0, 2, 5, 12, 15: ESP32 datasheet, "Strapping Pins") with the
        /// level the chip samples at reset: the circuit on that pin must not force the other level while the ESP32 resets,
        /// and an output driven there is only driven after boot (the pin floats to its internal pull until then).
        /// </summary>
        /// <returns>Null when none is used, else one line per pin.</returns>
        public string StrappingWarnings()
        {
            string text = null;
            text = WarnIfUsed(text, 0, "must be high at reset (low = download mode)");
            text = WarnIfUsed(text, 2, "must be low or floating at reset for download mode");
            text = WarnIfUsed(text, 5, "pulled up through reset: a transistor on it conducts until the firmware drives it");
            text = WarnIfUsed(text, 12, "MTDI, must be low at reset on a 3.3 V-flash module (high selects 1.8 V flash)");
            text = WarnIfUsed(text, 15, "MTDO, pulled up at reset (low silences the boot log)");
            return text;
        }

        /// <summary>Returns every output pin the bring-up drives (power key, reset, enables, DTR, LED), without "not connected".</summary>
        /// <returns>The pins.</returns>
        public int[] OutputPins()
        {
            int[] enables = PowerEnablePins;
            int[] all = new int[5 + enables.Length];
            int n = 0;
            n = AddPin(all, n, PowerKeyPin);
            n = AddPin(all, n, ResetPin);
            n = AddPin(all, n, DtrPin);
            n = AddPin(all, n, StatusLedPin);
            n = AddPin(all, n, FlightModePin);
            foreach (int pin in enables)
            {
                n = AddPin(all, n, pin);
            }

            int[] result = new int[n];
            Array.Copy(all, result, n);
            return result;
        }

        /// <summary>
        /// Checks the wiring against the ESP32: no pin used twice, no output on the input-only GPIOs 34..39, nothing on
        /// the SPI-flash GPIOs 6..11 nor, with <see cref="HasPsram"/>, on the PSRAM GPIOs 16/17, pins within 0..39, a
        /// COM2/COM3 port. Strapping pins are allowed (LilyGO's own boards use GPIO 5 and 12) and named by
        /// <see cref="StrappingWarnings"/>.
        /// </summary>
        /// <returns>Null when the profile is consistent, else what is wrong.</returns>
        public string Validate()
        {
            if (ModemPort != "COM2" && ModemPort != "COM3")
            {
                return "modem port must be COM2 or COM3";
            }

            int[] outputs = OutputPins();
            int[] used = new int[outputs.Length + 4];
            Array.Copy(outputs, used, outputs.Length);
            used[outputs.Length] = ModemTxPin;
            used[outputs.Length + 1] = ModemRxPin;
            used[outputs.Length + 2] = RingPin;
            used[outputs.Length + 3] = StatusPin;
            for (int i = 0; i < used.Length; i++)
            {
                int pin = used[i];
                if (pin == NoPin)
                {
                    continue;
                }

                if (pin < 0 || pin > 39)
                {
                    return "GPIO " + pin.ToString() + " does not exist";
                }

                if (pin >= 6 && pin <= 11)
                {
                    return "GPIO " + pin.ToString() + " belongs to the SPI flash";
                }

                if (HasPsram && (pin == 16 || pin == 17))
                {
                    return "GPIO " + pin.ToString() + " belongs to the PSRAM of a WROVER module";
                }

                for (int j = i + 1; j < used.Length; j++)
                {
                    if (used[j] == pin)
                    {
                        return "GPIO " + pin.ToString() + " used twice";
                    }
                }
            }

            foreach (int pin in outputs)
            {
                if (pin >= 34)
                {
                    return "GPIO " + pin.ToString() + " is input-only";
                }
            }

            if (ModemTxPin >= 34)
            {
                return "modem TX on input-only GPIO";
            }

            if (Modem != null && ModemCatalog.Find(Modem) == null)
            {
                return "modem '" + Modem + "' is not in ModemCatalog";
            }

            if (Modem != null && (ModemTxPin == NoPin || ModemRxPin == NoPin))
            {
                return "modem UART pins missing";
            }

            return ValidateRestart();
        }

        private string ValidateRestart()
        {
            if (ResetOpenDrain && (ResetPin == NoPin || ResetActiveHigh))
            {
                return "an open-drain reset must be an active-low reset pin";
            }

            if ((PowerOffStatusMilliseconds > 0) != (StatusPin != NoPin))
            {
                return "a STATUS pin and its power-off wait go together";
            }

            switch (Restart)
            {
                case ModemRestart.ResetPulse:
                    return ResetPin == NoPin || ResetPulseMilliseconds <= 0 ? "reset restart without a reset pin and pulse" : null;
                case ModemRestart.SupplyCycle:
                    return PowerEnablePins.Length == 0 ? "supply restart without a supply-enable pin" : null;
                default:
                    return PowerKeyPin == NoPin || PowerOffPulseMilliseconds <= PowerKeyPulseMilliseconds
                        ? "power-key restart needs a power key and an off pulse longer than the on pulse"
                        : null;
            }
        }

        private string WarnIfUsed(string text, int pin, string rule)
        {
            if (!Uses(pin))
            {
                return text;
            }

            string line = "GPIO " + pin.ToString() + " is a strapping pin: " + rule;
            return text == null ? line : text + "\n" + line;
        }

        private bool Uses(int pin)
        {
            if (ModemTxPin == pin || ModemRxPin == pin || RingPin == pin || StatusPin == pin)
            {
                return true;
            }

            foreach (int output in OutputPins())
            {
                if (output == pin)
                {
                    return true;
                }
            }

            return false;
        }

        private static int AddPin(int[] pins, int n, int pin)
        {
            if (pin != NoPin)
            {
                pins[n++] = pin;
            }

            return n;
        }
    }
}

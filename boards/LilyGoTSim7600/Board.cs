using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Firmware.Boards
{
    /// <summary>
    /// LilyGO T-SIM7600X (ESP32-WROVER-B + SIMCom SIM7600E/G/SA). Pin map from LilyGO's T-SIM7600X
    /// examples/PowefOffModem/utilities.h (MODEM_TX 27, MODEM_RX 26, MODEM_PWRKEY 4, MODEM_DTR 32, MODEM_RI 33,
    /// MODEM_FLIGHT 25, MODEM_STATUS 34, LED_PIN 12). No reset line and no supply switch: a stuck modem is restarted with
    /// the power key's off pulse and a new on pulse; GPIO 25 is the FLIGHTMODE input, held high. See
    /// boards/LilyGoTSim7600/README.md.
    /// </summary>
    public sealed class LilyGoTSim7600 : BoardProfile
    {
        /// <inheritdoc />
        public override string Name => "LilyGO T-SIM7600";

        /// <inheritdoc />
        public override string Modem => ModemCatalog.Sim7600;

        /// <summary>ESP32-WROVER: GPIO 16/17 are its PSRAM.</summary>
        public override bool HasPsram => true;

        /// <inheritdoc />
        public override int ModemTxPin => 27;

        /// <inheritdoc />
        public override int ModemRxPin => 26;

        /// <inheritdoc />
        public override int PowerKeyPin => 4;

        /// <summary>Transistor Q13 inverts GPIO 4: high pulls the SIM7600's PWRKEY low.</summary>
        public override bool PowerKeyPulseHigh => true;

        /// <summary>LilyGO's MODEM_POWERON_PULSE_WIDTH_MS for the SIM7600 (its T-SIM7600X examples use 300 ms).</summary>
        public override int PowerKeyPulseMilliseconds => 500;

        /// <inheritdoc />
        public override bool PowerKeyRestHigh => false;

        /// <summary>GPIO 25 drives FLIGHTMODE: high = normal operation. It is not a supply and is never toggled.</summary>
        public override int FlightModePin => 25;

        /// <summary>No reset line, no supply switch: off pulse, wait, on pulse.</summary>
        public override ModemRestart Restart => ModemRestart.PowerKeyCycle;

        /// <summary>LilyGO's MODEM_POWEROFF_PULSE_WIDTH_MS for the SIM7600 (its PowefOffModem example holds 2,600 ms).</summary>
        public override int PowerOffPulseMilliseconds => 3000;

        /// <summary>GPIO 34 reads the SIM7600's STATUS (MODEM_STATUS 34 in LilyGO's utilities.h); input-only, high while on.</summary>
        public override int StatusPin => 34;

        /// <summary>
        /// STATUS polled up to 26 s after the off pulse: SIMCom's LTE hardware designs give a power-off status time of
        /// 25-26 s (SIM7912 HD V1.02 table 11, as a reviewer read it); no SIM7600 HD is in the maker's repository.
        /// </summary>
        public override int PowerOffStatusMilliseconds => 26000;

        /// <summary>Wait after STATUS fell (or its limit passed) before the on pulse (5 s is ours, unverified).</summary>
        public override int PowerOffWaitMilliseconds => 5000;

        /// <summary>LilyGO's MODEM_START_WAIT_MS for the T-SIM7600: 15 s; AT is polled until then.</summary>
        public override int ModemReadyMilliseconds => 15000;

        /// <inheritdoc />
        public override int DtrPin => 32;

        /// <inheritdoc />
        public override int RingPin => 33;

        /// <inheritdoc />
        public override int StatusLedPin => 12;
    }
}

using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Firmware.Boards
{
    /// <summary>
    /// LilyGO T-A7670 (ESP32-WROVER-E + SIMCom A7670E/G/SA). Pin map from LilyGO's LilyGO-T-A76XX examples/ATdebug/utilities.h,
    /// block LILYGO_T_A7670 (MODEM_TX_PIN 26, MODEM_RX_PIN 27, BOARD_PWRKEY_PIN 4, BOARD_POWERON_PIN 12, MODEM_RESET_PIN 5
    /// with MODEM_RESET_LEVEL HIGH, MODEM_DTR_PIN 25, MODEM_RING_PIN 33); timing from the A7670 hardware design V1.06,
    /// 3.2. The A7670E-LNXY-UBL variant has no SMS (LilyGO's docs). See boards/LilyGoTA7670/README.md.
    /// </summary>
    public sealed class LilyGoTA7670 : BoardProfile
    {
        /// <inheritdoc />
        public override string Name => "LilyGO T-A7670";

        /// <inheritdoc />
        public override string Modem => ModemCatalog.A7670;

        /// <summary>ESP32-WROVER: GPIO 16/17 are its PSRAM.</summary>
        public override bool HasPsram => true;

        /// <inheritdoc />
        public override int ModemTxPin => 26;

        /// <inheritdoc />
        public override int ModemRxPin => 27;

        /// <inheritdoc />
        public override int PowerKeyPin => 4;

        /// <summary>Transistor Q2 inverts GPIO 4: high pulls the A7670's PWRKEY low.</summary>
        public override bool PowerKeyPulseHigh => true;

        /// <summary>A7670 HD table 11: on after PWRKEY low for 50 ms typical; table 12: off after 2.5 s. 1 s is between.</summary>
        public override int PowerKeyPulseMilliseconds => 1000;

        /// <inheritdoc />
        public override bool PowerKeyRestHigh => false;

        /// <inheritdoc />
        public override int ResetPin => 5;

        /// <summary>Transistor Q1 inverts GPIO 5: high pulls the A7670's RESET low (MODEM_RESET_LEVEL HIGH).</summary>
        public override bool ResetActiveHigh => true;

        /// <summary>A7670 HD table 13: RESET low at least 2 s, 2.5 s recommended; LilyGO holds it 2,600 ms.</summary>
        public override int ResetPulseMilliseconds => 2600;

        /// <summary>GPIO 12 switches the modem supply (BOARD_POWERON_PIN).</summary>
        public override int[] PowerEnablePins => new int[] { 12 };

        /// <summary>
        /// A7670 HD 3.2.3: RESET is the remedy when the module no longer answers; it switches the module on only at first
        /// power-up, so when AT stays silent the sequencer follows with the power key, then the supply (GPIO 12).
        /// </summary>
        public override ModemRestart Restart => ModemRestart.ResetPulse;

        /// <summary>A7670: at least 2 s off before the power key switches it on again (A7670 HD 3.2 as a reviewer read it; not re-read here, see the README).</summary>
        public override int PowerOffWaitMilliseconds => 2000;

        /// <summary>A7670 HD table 11: the UART is ready 11.1 s (typical) after power-on; AT is polled up to 20 s.</summary>
        public override int ModemReadyMilliseconds => 20000;

        /// <inheritdoc />
        public override int DtrPin => 25;

        /// <inheritdoc />
        public override int RingPin => 33;
    }
}

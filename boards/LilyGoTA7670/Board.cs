namespace OmaDm.Notification.Firmware.Boards
{
    /// <summary>
    /// LilyGO T-A7670 (ESP32-WROVER-E + SIMCom A7670E/G/SA). Pin map from LilyGO's LilyGO-T-A76XX utilities.h
    /// (LILYGO_T_A7670: MODEM_TX_PIN 26, MODEM_RX_PIN 27, BOARD_PWRKEY_PIN 4, BOARD_POWERON_PIN 12, MODEM_RESET_PIN 5 with
    /// MODEM_RESET_LEVEL HIGH, MODEM_DTR_PIN 25, MODEM_RING_PIN 33); see boards/LilyGoTA7670/README.md.
    /// </summary>
    public sealed class LilyGoTA7670 : BoardProfile
    {
        /// <inheritdoc />
        public override string Name => "LilyGO T-A7670";

        /// <inheritdoc />
        public override ModemModel Modem => ModemModel.A7670;

        /// <inheritdoc />
        public override int ModemTxPin => 26;

        /// <inheritdoc />
        public override int ModemRxPin => 27;

        /// <inheritdoc />
        public override int PowerKeyPin => 4;

        /// <summary>A transistor inverts GPIO 4: high pulls the A7670's PWRKEY low.</summary>
        public override bool PowerKeyPulseHigh => true;

        /// <summary>A7670 powers on after PWRKEY low for at least 50 ms and powers off after 2.5 s; 1 s is between.</summary>
        public override int PowerKeyPulseMilliseconds => 1000;

        /// <inheritdoc />
        public override bool PowerKeyRestHigh => false;

        /// <inheritdoc />
        public override int ResetPin => 5;

        /// <inheritdoc />
        public override bool ResetActiveHigh => true;

        /// <summary>GPIO 12 switches the modem supply (BOARD_POWERON_PIN).</summary>
        public override int[] PowerEnablePins => new int[] { 12 };

        /// <summary>The A7670 reports ready on the UART several seconds after power-on.</summary>
        public override int ModemReadyMilliseconds => 8000;

        /// <inheritdoc />
        public override int DtrPin => 25;

        /// <inheritdoc />
        public override int RingPin => 33;
    }
}

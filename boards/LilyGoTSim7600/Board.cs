namespace OmaDm.Notification.Firmware.Boards
{
    /// <summary>
    /// LilyGO T-SIM7600X (ESP32-WROVER-B + SIMCom SIM7600E/G/SA). Pin map from LilyGO's T-SIM7600X examples
    /// (MODEM_TX 27, MODEM_RX 26, MODEM_PWRKEY 4, MODEM_DTR 32, MODEM_RI 33, MODEM_FLIGHT 25, MODEM_STATUS 34, LED 12);
    /// see boards/LilyGoTSim7600/README.md.
    /// </summary>
    public sealed class LilyGoTSim7600 : BoardProfile
    {
        /// <inheritdoc />
        public override string Name => "LilyGO T-SIM7600";

        /// <inheritdoc />
        public override ModemModel Modem => ModemModel.Sim7600;

        /// <inheritdoc />
        public override int ModemTxPin => 27;

        /// <inheritdoc />
        public override int ModemRxPin => 26;

        /// <inheritdoc />
        public override int PowerKeyPin => 4;

        /// <summary>A transistor inverts GPIO 4: high pulls the SIM7600's PWRKEY low.</summary>
        public override bool PowerKeyPulseHigh => true;

        /// <summary>SIM7600 powers on after PWRKEY low for at least 100 ms (LilyGO's examples use 300 ms; 500 ms keeps margin).</summary>
        public override int PowerKeyPulseMilliseconds => 500;

        /// <inheritdoc />
        public override bool PowerKeyRestHigh => false;

        /// <summary>GPIO 25 is the flight-mode line: high = normal operation.</summary>
        public override int[] PowerEnablePins => new int[] { 25 };

        /// <summary>The SIM7600 answers AT about 12 s after power-on.</summary>
        public override int ModemReadyMilliseconds => 12000;

        /// <inheritdoc />
        public override int DtrPin => 32;

        /// <inheritdoc />
        public override int RingPin => 33;

        /// <inheritdoc />
        public override int StatusLedPin => 12;
    }
}

namespace OmaDm.Notification.Firmware.Boards
{
    /// <summary>
    /// LilyGO TTGO T-Call SIM800L (ESP32-WROVER-B + SIM800L + IP5306 battery manager). Pin map from LilyGO's
    /// TTGO-T-Call examples (utilities: MODEM_PWKEY 4, MODEM_RST 5, MODEM_POWER_ON 23, MODEM_TX 27, MODEM_RX 26,
    /// I2C_SDA 21, I2C_SCL 22, LED_GPIO 13); see boards/LilyGoTCallSim800l/README.md.
    /// </summary>
    public sealed class LilyGoTCallSim800l : BoardProfile
    {
        /// <inheritdoc />
        public override string Name => "LilyGO T-Call SIM800L";

        /// <inheritdoc />
        public override ModemModel Modem => ModemModel.Sim800;

        /// <inheritdoc />
        public override int ModemTxPin => 27;

        /// <inheritdoc />
        public override int ModemRxPin => 26;

        /// <inheritdoc />
        public override int PowerKeyPin => 4;

        /// <summary>PWRKEY is wired straight to the SIM800L: driven low to switch it on.</summary>
        public override bool PowerKeyPulseHigh => false;

        /// <summary>SIM800 needs PWRKEY low for at least 1 s.</summary>
        public override int PowerKeyPulseMilliseconds => 1100;

        /// <summary>LilyGO's examples leave PWRKEY low.</summary>
        public override bool PowerKeyRestHigh => false;

        /// <inheritdoc />
        public override int ResetPin => 5;

        /// <inheritdoc />
        public override bool ResetActiveHigh => false;

        /// <summary>GPIO 23 switches the SIM800L supply (MODEM_POWER_ON).</summary>
        public override int[] PowerEnablePins => new int[] { 23 };

        /// <summary>SIM800 answers AT about 3 s after power-on.</summary>
        public override int ModemReadyMilliseconds => 3000;

        /// <inheritdoc />
        public override int StatusLedPin => 13;
    }
}

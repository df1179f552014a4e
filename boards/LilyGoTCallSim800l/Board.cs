using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Firmware.Boards
{
    /// <summary>
    /// LilyGO TTGO T-Call SIM800L (ESP32-WROVER-B + SIM800L + IP5306 battery manager). Pin map from LilyGO's
    /// LilyGo-T-Call-SIM800 examples/Arduino_SMS/utilities.h (MODEM_RST 5, MODEM_PWRKEY 4, MODEM_POWER_ON 23, MODEM_TX 27,
    /// MODEM_RX 26, LED_GPIO 13; the 2020-08-11 block adds MODEM_DTR 32, MODEM_RI 33). Two revisions: on v1.4
    /// (schematic 2020-08-11, the default) the link from GPIO 5 to the SIM800L's RESET (R114) is not fitted, so a stuck
    /// modem is restarted through its regulator enable (GPIO 23); on v1.3 (2019-06-10) R114 is fitted and GPIO 5 resets it,
    /// open-drain because RESET's high level is 1.8 V. See boards/LilyGoTCallSim800l/README.md.
    /// </summary>
    public sealed class LilyGoTCallSim800l : BoardProfile
    {
        private readonly bool _resetFitted;

        /// <summary>Creates the profile of the current board, v1.4 (schematic 2020-08-11, GPIO 5 not connected to RESET).</summary>
        public LilyGoTCallSim800l()
            : this(false)
        {
        }

        /// <summary>Creates the profile of one revision.</summary>
        /// <param name="resetFitted">True for v1.3 (schematic 2019-06-10), whose R114 links GPIO 5 to the SIM800L's RESET.</param>
        public LilyGoTCallSim800l(bool resetFitted)
        {
            _resetFitted = resetFitted;
        }

        /// <inheritdoc />
        public override string Name => _resetFitted ? "LilyGO T-Call SIM800L v1.3" : "LilyGO T-Call SIM800L v1.4";

        /// <inheritdoc />
        public override string Modem => ModemCatalog.Sim800;

        /// <summary>ESP32-WROVER: GPIO 16/17 are its PSRAM.</summary>
        public override bool HasPsram => true;

        /// <inheritdoc />
        public override int ModemTxPin => 27;

        /// <inheritdoc />
        public override int ModemRxPin => 26;

        /// <inheritdoc />
        public override int PowerKeyPin => 4;

        /// <summary>PWRKEY is wired straight to the SIM800L (R115 0 Ω): driven low to switch it on.</summary>
        public override bool PowerKeyPulseHigh => false;

        /// <summary>SIM800L HD 3.2.1: low for more than 1 s, then released; 1.5 s to 33 s would switch a running module off.</summary>
        public override int PowerKeyPulseMilliseconds => 1100;

        /// <summary>Released high after the pulse, as every LilyGO example does: held low it would be a power-off request.</summary>
        public override bool PowerKeyRestHigh => true;

        /// <summary>GPIO 5 on v1.3 only; on v1.4 R114 is not fitted and GPIO 5 reaches nothing.</summary>
        public override int ResetPin => _resetFitted ? 5 : NoPin;

        /// <inheritdoc />
        public override bool ResetActiveHigh => false;

        /// <summary>SIM800L HD 3.2.3: RESET low for more than 105 ms.</summary>
        public override int ResetPulseMilliseconds => 300;

        /// <summary>RESET's high level is 1.8 V typical, 2.0 V max (SIM800L HD table 7): released, never driven to 3.3 V.</summary>
        public override bool ResetOpenDrain => _resetFitted;

        /// <summary>GPIO 23 enables the regulator that feeds the SIM800L (MODEM_POWER_ON).</summary>
        public override int[] PowerEnablePins => new int[] { 23 };

        /// <summary>Supply off this long before it is switched on again (our choice: lets the rail discharge).</summary>
        public override int PowerOffWaitMilliseconds => 2000;

        /// <summary>SIM800L HD 3.5.1: with auto-bauding, send the first AT 2 to 3 s after power-on.</summary>
        public override int ModemBootMilliseconds => 3000;

        /// <summary>Deadline for the first OK (our margin over the HD's 3 s to STATUS high).</summary>
        public override int ModemReadyMilliseconds => 10000;

        /// <summary>GPIO 32 on v1.4 (MODEM_DTR in the 2020-08-11 block).</summary>
        public override int DtrPin => _resetFitted ? NoPin : 32;

        /// <summary>GPIO 33 on v1.4 (MODEM_RI in the 2020-08-11 block).</summary>
        public override int RingPin => _resetFitted ? NoPin : 33;

        /// <inheritdoc />
        public override int StatusLedPin => 13;
    }
}

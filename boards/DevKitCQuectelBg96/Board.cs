using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Firmware.Boards
{
    /// <summary>
    /// ESP32-DevKitC wired by hand to a Quectel BG96 or BG95 module: UART on GPIO 17/16, PWRKEY and RESET_N through
    /// NPN transistors on GPIO 18/19 (each base with a series resistor and a 47 kOhm pull-down, as Quectel's reference
    /// circuit), level shifting to the module's 1.8 V UART. The wiring is ours; the timing is from Quectel's hardware
    /// designs. The BG95 differs in its reset: RESET_N low 2-3.8 s (BG77 HD 3.7, the same MDM9205 platform) instead of
    /// the BG96's 150-460 ms, so it has its own profile, <c>new DevKitCQuectelBg96(true)</c>.
    /// See boards/DevKitCQuectelBg96/README.md.
    /// </summary>
    public sealed class DevKitCQuectelBg96 : BoardProfile
    {
        private readonly bool _bg95;

        /// <summary>Creates the profile with a BG96.</summary>
        public DevKitCQuectelBg96()
            : this(false)
        {
        }

        /// <summary>Creates the profile for the fitted module.</summary>
        /// <param name="bg95">True for a BG95 (its own reset timing), false for a BG96.</param>
        public DevKitCQuectelBg96(bool bg95)
        {
            _bg95 = bg95;
        }

        /// <inheritdoc />
        public override string Name => _bg95 ? "ESP32-DevKitC + Quectel BG95" : "ESP32-DevKitC + Quectel BG96";

        /// <inheritdoc />
        public override string Modem => _bg95 ? ModemCatalog.Bg95 : ModemCatalog.Bg96;

        /// <inheritdoc />
        public override int ModemTxPin => 17;

        /// <inheritdoc />
        public override int ModemRxPin => 16;

        /// <inheritdoc />
        public override int PowerKeyPin => 18;

        /// <summary>The NPN transistor inverts: GPIO high pulls PWRKEY low.</summary>
        public override bool PowerKeyPulseHigh => true;

        /// <summary>
        /// PWRKEY low 550 ms: on after at least 500 ms; a running module switches off at 650 ms (BG96, and BG95 650-1500 ms,
        /// Quectel BG95&amp;BG96 Compatible Design 4.3.2). A sleep only ever runs long, so the margin is kept on the off side:
        /// 100 ms below 650 ms.
        /// </summary>
        public override int PowerKeyPulseMilliseconds => 550;

        /// <inheritdoc />
        public override bool PowerKeyRestHigh => false;

        /// <inheritdoc />
        public override int ResetPin => 19;

        /// <summary>The NPN transistor inverts: GPIO high pulls RESET_N low.</summary>
        public override bool ResetActiveHigh => true;

        /// <summary>
        /// BG96 HD: RESET_N low 150-460 ms resets it (300 ms). BG95: 2-3.8 s (BG77 HD 3.7 figure 9, the same MDM9205
        /// platform; the BG95 HD itself not re-read here): 2,900 ms, the middle.
        /// </summary>
        public override int ResetPulseMilliseconds => _bg95 ? 2900 : 300;

        /// <summary>BG96 prints RDY about 4.9 s after PWRKEY; AT is polled up to 10 s (our margin).</summary>
        public override int ModemReadyMilliseconds => 10000;

        /// <inheritdoc />
        public override int DtrPin => 21;

        /// <inheritdoc />
        public override int RingPin => 22;

        /// <summary>GPIO 2 (an LED with a resistor to ground; DevKitC has none of its own).</summary>
        public override int StatusLedPin => 2;
    }
}

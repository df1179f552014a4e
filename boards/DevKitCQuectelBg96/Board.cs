using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Firmware.Boards
{
    /// <summary>
    /// ESP32-DevKitC wired by hand to a Quectel BG96 (or BG95) module: UART on GPIO 17/16, PWRKEY and RESET_N through
    /// NPN transistors on GPIO 18/19, level shifting to the module's 1.8 V UART. The wiring is ours; the timing is from
    /// Quectel's BG96 hardware design guide. See boards/DevKitCQuectelBg96/README.md.
    /// </summary>
    public sealed class DevKitCQuectelBg96 : BoardProfile
    {
        /// <inheritdoc />
        public override string Name => "ESP32-DevKitC + Quectel BG96";

        /// <inheritdoc />
        public override string Modem => ModemCatalog.Bg96;

        /// <inheritdoc />
        public override int ModemTxPin => 17;

        /// <inheritdoc />
        public override int ModemRxPin => 16;

        /// <inheritdoc />
        public override int PowerKeyPin => 18;

        /// <summary>The NPN transistor inverts: GPIO high pulls PWRKEY low.</summary>
        public override bool PowerKeyPulseHigh => true;

        /// <summary>BG96 powers on after PWRKEY low for at least 500 ms (power-off needs 650 ms more once on; 600 ms stays below).</summary>
        public override int PowerKeyPulseMilliseconds => 600;

        /// <inheritdoc />
        public override bool PowerKeyRestHigh => false;

        /// <inheritdoc />
        public override int ResetPin => 19;

        /// <summary>The NPN transistor inverts: GPIO high pulls RESET_N low.</summary>
        public override bool ResetActiveHigh => true;

        /// <summary>BG96 RESET_N low for 150..460 ms resets it.</summary>
        public override int ResetPulseMilliseconds => 300;

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

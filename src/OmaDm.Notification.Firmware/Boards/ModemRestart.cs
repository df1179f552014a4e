namespace OmaDm.Notification.Firmware.Boards
{
    /// <summary>How a stuck modem is restarted: the board's wiring decides which lines can do it.</summary>
    public enum ModemRestart
    {
        /// <summary>
        /// Pulse the modem's reset line, then poll <c>AT</c>; if it stays silent (a module that switched itself off
        /// ignores RESET), the power key's on pulse, then a supply cycle where the board has one.
        /// </summary>
        ResetPulse = 0,

        /// <summary>Drop the supply enables, wait, raise them and run the power-on sequence.</summary>
        SupplyCycle = 1,

        /// <summary>The power-key off pulse, wait, then the power-on sequence (no reset line, no supply switch).</summary>
        PowerKeyCycle = 2,
    }
}

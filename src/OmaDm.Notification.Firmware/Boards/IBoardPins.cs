namespace OmaDm.Notification.Firmware.Boards
{
    /// <summary>
    /// Asks the modem whether it answers: sends <c>AT</c> and waits for <c>OK</c>.
    /// </summary>
    /// <param name="timeoutMilliseconds">Longest wait for the answer.</param>
    /// <returns>True when the modem answered OK.</returns>
    public delegate bool ModemProbe(int timeoutMilliseconds);

    /// <summary>
    /// The pins and the passing of time as <see cref="BoardSequencer"/> sees them: GPIO on the device
    /// (<c>Device/BoardBringUp.cs</c>), a recording fake in the tests.
    /// </summary>
    public interface IBoardPins
    {
        /// <summary>Drives a push-pull output.</summary>
        /// <param name="pin">ESP32 GPIO.</param>
        /// <param name="high">Level.</param>
        void Write(int pin, bool high);

        /// <summary>Drives an open-drain output: low pulls the line down, high releases it to the far side's pull-up.</summary>
        /// <param name="pin">ESP32 GPIO.</param>
        /// <param name="high">False pulls low; true releases.</param>
        void WriteOpenDrain(int pin, bool high);

        /// <summary>Reads an input (the modem's STATUS).</summary>
        /// <param name="pin">ESP32 GPIO.</param>
        /// <returns>True when the line is high.</returns>
        bool Read(int pin);

        /// <summary>Waits.</summary>
        /// <param name="milliseconds">How long.</param>
        void Sleep(int milliseconds);
    }
}

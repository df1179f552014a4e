namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// Opens the byte link to the modem again after it ended: a TCP connection to a network serial server, a USB serial
    /// device that came back, a UART re-opened. Given to <see cref="AtChannel.Connector"/>, it lets the channel replace
    /// a closed or silent link; the workers decide when (with back-off, on their injected clock).
    /// </summary>
    public interface IModemConnector
    {
        /// <summary>Opens a fresh link. Must not block longer than a few seconds.</summary>
        /// <returns>The link, or null when it cannot be opened now (the caller retries later).</returns>
        IModemLink Open();

        /// <summary>Closes a link (the first one the channel was created with, or one from <see cref="Open"/>) so a
        /// reader blocked on it returns. Must not throw.</summary>
        /// <param name="link">The link being abandoned.</param>
        void Release(IModemLink link);
    }
}

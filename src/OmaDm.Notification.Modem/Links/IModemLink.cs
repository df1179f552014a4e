namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// The byte pipe to the modem: a UART on the device, any stream on the host, a scripted modem in tests. The AT channel
    /// owns the only reader; writes come from the one command in flight.
    /// </summary>
    public interface IModemLink
    {
        /// <summary>Reads what has arrived, waiting at most the given time for the first byte.</summary>
        /// <param name="buffer">Destination.</param>
        /// <param name="offset">First byte to fill.</param>
        /// <param name="count">Maximum bytes to read.</param>
        /// <param name="timeoutMilliseconds">Longest wait for data.</param>
        /// <returns>Bytes read; 0 on timeout; -1 when the link is closed for good.</returns>
        int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds);

        /// <summary>Writes bytes to the modem.</summary>
        /// <param name="buffer">Source.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Bytes to write.</param>
        void Write(byte[] buffer, int offset, int count);
    }
}

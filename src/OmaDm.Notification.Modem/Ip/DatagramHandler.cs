namespace OmaDm.Notification.Modem.Ip
{
    /// <summary>
    /// Receives one UDP datagram from the modem's IP stack; the app wires it to
    /// <c>NotificationAgent.ProcessPush(buffer, offset, count, Bearer.Udp, source)</c>.
    /// </summary>
    /// <param name="buffer">Buffer holding the datagram.</param>
    /// <param name="offset">First byte.</param>
    /// <param name="count">Length.</param>
    /// <param name="source">The sender as "IP:port" (or "unknown" when the modem does not report it).</param>
    public delegate void DatagramHandler(byte[] buffer, int offset, int count, string source);
}

namespace OmaDm.Notification.Modem
{
    /// <summary>The command set of a modem's own IP stack for a UDP listening socket: which <c>Ip/</c> service runs on it.</summary>
    public enum UdpDialect
    {
        /// <summary>No UDP listening service over the modem (SMS only).</summary>
        None = 0,

        /// <summary>Quectel <c>AT+QIOPEN ... "UDP SERVICE"</c>, <c>AT+QIRD</c>: one datagram per read (<see cref="Ip.QuectelUdpService"/>).</summary>
        Quectel = 1,

        /// <summary>SIMCom <c>AT+NETOPEN</c>, <c>AT+CIPOPEN</c>, <c>AT+CIPRXGET</c>; sender by <c>AT+CIPSRIP=1</c> (<see cref="Ip.SimcomUdpService"/>).</summary>
        Simcom = 2,

        /// <summary>
        /// SIMCom as <see cref="Simcom"/>, the sender asked for with <c>AT+CIPRXGET=5</c> first (<c>+CIPRXGETIP:</c>, A76XX AT
        /// Manual V1.09 15.2.5), <c>AT+CIPSRIP=1</c> when that is refused.
        /// </summary>
        SimcomCipRxGet5 = 3,
    }
}

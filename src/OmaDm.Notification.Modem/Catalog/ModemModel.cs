using OmaDm.Notification.Modem.Ip;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// One entry of the <see cref="ModemCatalog"/>: a modem model's name, its profile (AT dialect), its UDP dialect, and
    /// what follows from them: the AT channel's line bound and the configured IP-stack UDP service.
    /// </summary>
    public sealed class ModemModel
    {
        /// <summary>Largest datagram the modem's UDP service reads (bytes).</summary>
        public const int MaxDatagram = 1500;

        // The longest line each user of the channel keeps as text, in characters: a PDU-mode SMS line is the SMSC address
        // (at most 12 octets) and an SMS-DELIVER (at most 164 octets, TS 23.040 9.2.2.1) in hex. UDP needs no longer line:
        // Quectel's AT+QIRD data line (the datagram in hex, up to 3,000 characters) is decoded by the framer into the
        // service's datagram buffer as it arrives (AtCommand.HexPayload), and SIMCom pushes raw bytes framed by length.
        private const int SmsPduLineLength = 2 * (12 + 164);
        private const int LineMargin = 64;

        private readonly ModemProfileFactory _createProfile;

        /// <summary>Creates an entry (the catalog's constructor; see <see cref="ModemCatalog.All"/>).</summary>
        /// <param name="name">The name boards and <c>dmnotify --modem-profile</c> select it by (lower case).</param>
        /// <param name="description">The modules it covers, for help texts.</param>
        /// <param name="udp">The IP-stack UDP dialect.</param>
        /// <param name="createProfile">Makes a fresh profile (each user may adjust its own).</param>
        public ModemModel(string name, string description, UdpDialect udp, ModemProfileFactory createProfile)
        {
            Name = name;
            Description = description;
            Udp = udp;
            _createProfile = createProfile;
        }

        /// <summary>The name boards and <c>dmnotify --modem-profile</c> select it by.</summary>
        public string Name { get; }

        /// <summary>The modules it covers.</summary>
        public string Description { get; }

        /// <summary>The IP-stack UDP dialect (<see cref="UdpDialect.None"/>: SMS only).</summary>
        public UdpDialect Udp { get; }

        /// <summary>A fresh profile for this model.</summary>
        /// <returns>The profile.</returns>
        public ModemProfile CreateProfile()
        {
            return _createProfile();
        }

        /// <summary>
        /// The AT channel's line bound for what will run on it: the SMS driver's PDU lines (a line longer than the bound
        /// is discarded, so a bound below this loses messages on the board). The modem's UDP service needs no longer
        /// line: a Quectel hex data line (<see cref="MaxDatagram"/> bytes, two characters each) is decoded into the
        /// service's datagram buffer as it arrives, not kept as a line, and SIMCom pushes raw bytes framed by length. The
        /// channel keeps the bound as a byte buffer for its life: 416 bytes, where holding a whole hex datagram took 3,064.
        /// </summary>
        /// <param name="udp">Whether the modem's UDP service will run (cellular mode); the bound is the same either way.</param>
        /// <returns>Characters per line.</returns>
        public int LineLength(bool udp)
        {
            return SmsPduLineLength + LineMargin;
        }

        /// <summary>Creates the AT channel with the line bound this model's services need (<see cref="LineLength"/>).</summary>
        /// <param name="link">The byte link to the modem.</param>
        /// <param name="udp">Whether the modem's UDP service will run.</param>
        /// <returns>The channel.</returns>
        public AtChannel CreateChannel(IModemLink link, bool udp)
        {
            return new AtChannel(link, LineLength(udp));
        }

        /// <summary>Creates the IP-stack UDP service of this model's dialect, configured for it; not started.</summary>
        /// <param name="channel">The AT channel.</param>
        /// <param name="profile">The profile.</param>
        /// <param name="clock">Time.</param>
        /// <param name="apn">The APN.</param>
        /// <returns>The service, or null when the model has none.</returns>
        public ModemUdpService CreateUdpService(AtChannel channel, ModemProfile profile, IClock clock, string apn)
        {
            switch (Udp)
            {
                case UdpDialect.Quectel:
                    var quectel = new QuectelUdpService(channel, profile, clock, apn);
                    quectel.MaxDatagram = MaxDatagram;
                    return quectel;
                case UdpDialect.Simcom:
                case UdpDialect.SimcomCipRxGet5:
                    var simcom = new SimcomUdpService(channel, profile, clock, apn);
                    simcom.MaxDatagram = MaxDatagram;
                    simcom.SenderByCipRxGet5 = Udp == UdpDialect.SimcomCipRxGet5;
                    return simcom;
                default:
                    return null;
            }
        }
    }
}

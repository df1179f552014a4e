using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Modem.Ip
{
    /// <summary>
    /// UDP 2948 in the SIMCom SIM7600 / A76xx TCP/IP stack (SIMCom "TCPIP Application Note"):
    /// <c>AT+CGDCONT=1,"IP","apn"</c>, <c>AT+CIPRXGET=1</c> (manual receive: data waits in the modem until read),
    /// <c>AT+CIPSRIP=1</c> (report the sender), <c>AT+NETOPEN</c> answered by <c>+NETOPEN: 0</c> unless
    /// <c>AT+NETOPEN?</c> already says 1, <c>AT+CIPOPEN=link,"UDP",,,2948</c> answered by <c>+CIPOPEN: link,0</c>;
    /// <c>+CIPRXGET: 1,link</c> → <c>AT+CIPRXGET=3,link,n</c> (hex) → <c>+CIPRXGET: 3,link,read,rest[,ip:port]</c> and
    /// the hex data, repeated while <c>rest</c> is not 0 (a datagram longer than one read is joined);
    /// <c>+CIPEVENT: NETWORK CLOSED UNEXPECTEDLY</c> or <c>+IPCLOSE: link,reason</c> → everything re-opened.
    /// </summary>
    public sealed class SimcomUdpService : ModemUdpService
    {
        /// <summary>Creates the service.</summary>
        /// <param name="channel">The AT channel.</param>
        /// <param name="profile">A SIM7600/A76xx profile.</param>
        /// <param name="clock">Injected time.</param>
        /// <param name="apn">The APN.</param>
        public SimcomUdpService(AtChannel channel, ModemProfile profile, IClock clock, string apn)
            : base(channel, profile, clock, apn)
        {
            ReadChunk = 700;
        }

        /// <summary>Bytes asked for per <c>AT+CIPRXGET=3</c> (hex doubles them on the line; default 700).</summary>
        public int ReadChunk { get; set; }

        /// <inheritdoc />
        protected override void RegisterUrcs()
        {
            Channel.RegisterUrc("+CIPRXGET:", false);
            Channel.RegisterUrc("+CIPEVENT:", false);
            Channel.RegisterUrc("+IPCLOSE:", false);
            Channel.RegisterUrc("+NETOPEN:", false);
            Channel.RegisterUrc("+CIPOPEN:", false);
        }

        /// <inheritdoc />
        protected override bool Wants(string line)
        {
            return line.StartsWith("+CIPRXGET: 1,") || line.StartsWith("+CIPEVENT:") || line.StartsWith("+IPCLOSE:");
        }

        /// <inheritdoc />
        protected override bool RunSetup()
        {
            int timeout = Profile.CommandTimeoutMilliseconds;
            if (!Execute("AT+CGDCONT=1,\"IP\"," + Quote(Apn), timeout).IsOk)
            {
                return false;
            }

            // Both fail harmlessly while the network is already open (the settings survive).
            Execute("AT+CIPRXGET=1", timeout);
            Execute("AT+CIPSRIP=1", timeout);
            var query = new AtCommand("AT+NETOPEN?", timeout);
            query.ResponsePrefix = "+NETOPEN:";
            AtResponse state = Execute(query);
            if (!state.IsOk)
            {
                return false;
            }

            string line = state.FindLine("+NETOPEN:");
            if (line == null || AtText.IntField(AtText.Fields(line), 0) != 1)
            {
                ExpectUrc("+NETOPEN:");
                if (!Execute("AT+NETOPEN", timeout).IsOk || !EndsWithCode(WaitForExpectedUrc(ActivationTimeoutMilliseconds), 0, 0))
                {
                    Raise(ModemEventKind.UdpServiceFailed, "NETOPEN");
                    return false;
                }
            }

            Execute("AT+CIPCLOSE=" + ConnectionId, timeout); // a socket left from before
            ExpectUrc("+CIPOPEN:");
            if (!Execute("AT+CIPOPEN=" + ConnectionId + ",\"UDP\",,," + Port, timeout).IsOk
                || !EndsWithCode(WaitForExpectedUrc(ActivationTimeoutMilliseconds), 1, ConnectionId))
            {
                Raise(ModemEventKind.UdpServiceFailed, "CIPOPEN");
                return false;
            }

            return true;
        }

        /// <inheritdoc />
        protected override void OnReady()
        {
            Raise(ModemEventKind.UdpServiceOpened, Profile.Name + " UDP " + Port);
            ReadAll();
        }

        /// <inheritdoc />
        protected override void HandleUrc(string line, string payload)
        {
            if (line.StartsWith("+CIPRXGET:"))
            {
                ReadAll();
            }
            else
            {
                ScheduleReopen(line);
            }
        }

        // True when the URC's last field is 0 (success) and, when codeField is 1, its first field is the link.
        private static bool EndsWithCode(string urc, int codeField, int link)
        {
            if (urc == null)
            {
                return false;
            }

            string[] fields = AtText.Fields(urc);
            return AtText.IntField(fields, codeField) == 0 && (codeField == 0 || AtText.IntField(fields, 0) == link);
        }

        private void ReadAll()
        {
            byte[] datagram = new byte[MaxDatagram];
            int filled = 0;
            string source = "unknown";
            for (int i = 0; i < 64; i++)
            {
                var command = new AtCommand("AT+CIPRXGET=3," + ConnectionId + "," + ReadChunk, Profile.CommandTimeoutMilliseconds);
                command.ResponsePrefix = "+CIPRXGET: 3,";
                command.PayloadLineAfterHeader = true;
                AtResponse response = Execute(command);
                if (!response.IsOk)
                {
                    return;
                }

                string header = response.FindLine("+CIPRXGET: 3,");
                string[] fields = header == null ? new string[0] : AtText.Fields(header);
                int read = AtText.IntField(fields, 2);
                int rest = AtText.IntField(fields, 3);
                if (read <= 0)
                {
                    return;
                }

                if (fields.Length >= 5 && fields[4].Length > 0)
                {
                    source = fields[4];
                }

                byte[] data = null;
                for (int l = 0; l + 1 < response.Lines.Length; l++)
                {
                    if (response.Lines[l] == header)
                    {
                        data = AtText.FromHex(response.Lines[l + 1]);
                    }
                }

                if (data == null || data.Length != read || filled + read > datagram.Length)
                {
                    Raise(ModemEventKind.DatagramDropped, header);
                    filled = -1; // drain the rest, then drop it
                }
                else if (filled >= 0)
                {
                    System.Array.Copy(data, 0, datagram, filled, read);
                    filled += read;
                }

                if (rest <= 0)
                {
                    if (filled > 0)
                    {
                        Deliver(datagram, filled, source);
                    }

                    filled = 0;
                    source = "unknown";
                }
            }
        }
    }
}

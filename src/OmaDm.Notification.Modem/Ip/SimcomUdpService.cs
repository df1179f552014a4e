
namespace OmaDm.Notification.Modem.Ip
{
    /// <summary>
    /// UDP 2948 in the SIMCom SIM7600 / A76xx TCP/IP stack (SIM7500/SIM7600 AT Manual V3.00 chapter 11, A76XX AT Manual
    /// V1.09 chapter 15, A76XX TCPIP Application Note V1.02 3.3.2):
    /// <list type="bullet">
    /// <item><c>AT+CGDCONT=1,"IP","apn"</c>; <c>AT+NETOPEN</c> (OK, then <c>+NETOPEN: 0</c>, up to 120 s) unless
    /// <c>AT+NETOPEN?</c> says 1: "you must execute AT+NETOPEN before any other TCP/UDP related operations" (11.2.1);</item>
    /// <item>then <c>AT+CIPRXGET=1</c> (buffer access: data waits in the modem), which must answer OK, and the sender
    /// report: <c>AT+CIPSRIP=1</c> (<c>RECV FROM:&lt;ip&gt;:&lt;port&gt;</c>, 11.2.9) or, on the A76xx,
    /// <c>AT+CIPRXGET=5</c> (<c>+CIPRXGETIP:&lt;ip&gt;:&lt;port&gt;</c>, 15.2.5);</item>
    /// <item><c>AT+CIPOPEN=link,"UDP",,,2948</c> answered by <c>+CIPOPEN: link,0</c> and OK (up to 120 s, 11.2.3);</item>
    /// <item><c>+CIPRXGET: 1,link</c> (sent only when the buffer was empty) → <c>AT+CIPRXGET=3,link,750</c> →
    /// [sender line] <c>+CIPRXGET: 3,link,read_len,rest_len</c>, the hex data, OK; <c>rest_len</c> counts everything
    /// unread in the socket's buffer, so reads go on until it is 0, and a datagram ends at a short read, at a new sender
    /// line or when the buffer is empty (an empty buffer answers <c>+IP ERROR: No data</c>, ERROR);</item>
    /// <item><c>+CIPEVENT: NETWORK CLOSED UNEXPECTEDLY</c> → the socket closed, <c>AT+NETCLOSE</c> if
    /// <c>AT+NETOPEN?</c> still says 1 (11.4), then everything re-opened; <c>+IPCLOSE: link,reason</c> → re-opened;</item>
    /// <item><c>+IPD</c> (data pushed as text: buffer access not in effect) → reported and set up again.</item>
    /// </list>
    /// Where the sender line sits in a manual-mode read is not written in the manuals: it is read from the read's
    /// response, before or after the <c>+CIPRXGET: 3</c> header (unverified on hardware).
    /// </summary>
    public sealed class SimcomUdpService : ModemUdpService
    {
        /// <summary>Largest <c>AT+CIPRXGET=3</c> read (11.2.6 / 15.2.5: "the max read length is 750").</summary>
        public const int MaxHexRead = 750;

        private const string SenderLinePrefix = "RECV FROM:";
        private const string SenderIpPrefix = "+CIPRXGETIP:";
        private const string NoData = "+IP ERROR: No data";
        private const string Unknown = "unknown";

        private byte[] _datagram;
        private int _filled;
        private bool _dropping;
        private string _source = Unknown;

        /// <summary>Creates the service.</summary>
        /// <param name="channel">The AT channel.</param>
        /// <param name="profile">A SIM7600/A76xx profile.</param>
        /// <param name="clock">Injected time.</param>
        /// <param name="apn">The APN.</param>
        public SimcomUdpService(AtChannel channel, ModemProfile profile, IClock clock, string apn)
            : base(channel, profile, clock, apn)
        {
            ReadChunk = MaxHexRead;
        }

        /// <summary>Bytes asked for per <c>AT+CIPRXGET=3</c> (at most 750; default 750).</summary>
        public int ReadChunk { get; set; }

        /// <summary>
        /// Ask for the sender with <c>AT+CIPRXGET=5</c> (A76xx) before <c>AT+CIPSRIP=1</c> (SIM7600, and the A76xx when
        /// =5 is refused). Set for the A7670.
        /// </summary>
        public bool SenderByCipRxGet5 { get; set; }

        /// <summary>True after a set-up in which the modem accepted a sender report; otherwise sources are "unknown".</summary>
        public bool ReportsSender { get; private set; }

        /// <inheritdoc />
        protected override void RegisterUrcs()
        {
            Channel.RegisterUrc("+CIPRXGET:", false);
            Channel.RegisterUrc("+CIPEVENT:", false);
            Channel.RegisterUrc("+IPCLOSE:", false);
            Channel.RegisterUrc("+NETOPEN:", false);
            Channel.RegisterUrc("+NETCLOSE:", false);
            Channel.RegisterUrc("+CIPOPEN:", false);
            Channel.RegisterUrc("+CIPCLOSE:", false);
            Channel.RegisterUrc("+IPD", false);
        }

        /// <inheritdoc />
        protected override bool Wants(string line)
        {
            return line.StartsWith("+CIPRXGET: 1,") || line.StartsWith("+CIPEVENT:") || line.StartsWith("+IPCLOSE:")
                || line.StartsWith("+IPD");
        }

        /// <inheritdoc />
        protected override bool RunSetup()
        {
            int timeout = Profile.CommandTimeoutMilliseconds;
            ResetDatagram();
            if (!Execute("AT+CGDCONT=1,\"IP\"," + Quote(Apn), timeout).IsOk || !OpenNetwork())
            {
                return false;
            }

            // Only after NETOPEN: before it, the TCP/UDP commands are refused and data would arrive as text.
            if (!Execute("AT+CIPRXGET=1", timeout).IsOk)
            {
                Raise(ModemEventKind.UdpServiceFailed, "AT+CIPRXGET=1 refused: buffer access mode not in effect");
                return false;
            }

            ReportsSender = (SenderByCipRxGet5 && Execute("AT+CIPRXGET=5", timeout).IsOk) || Execute("AT+CIPSRIP=1", timeout).IsOk;
            if (IsSuspect)
            {
                return false;
            }

            CloseSocket(); // a socket left from before a restart of the app
            ExpectUrc("+CIPOPEN:");
            AtResponse open = Execute("AT+CIPOPEN=" + ConnectionId + ",\"UDP\",,," + Port, ActivationTimeoutMilliseconds);
            string result = WaitForExpectedUrc(open.IsOk ? ActivationTimeoutMilliseconds : 0);
            if (!open.IsOk || !IsSuccess(result, 1, ConnectionId))
            {
                Raise(ModemEventKind.UdpServiceFailed, "CIPOPEN " + (result ?? open.FinalLine));
                return false;
            }

            return true;
        }

        /// <inheritdoc />
        protected override void OnReady()
        {
            Raise(ModemEventKind.UdpServiceOpened, Profile.Name + " UDP " + Port + (ReportsSender ? string.Empty : " (sender not reported)"));
            if (HasWaitingData())
            {
                Drain(); // data that arrived between the open and the first URC
            }
        }

        /// <inheritdoc />
        protected override void HandleUrc(string line, string payload)
        {
            if (line.StartsWith("+CIPRXGET:"))
            {
                if (AtText.IntField(AtText.Fields(line), 1) == ConnectionId)
                {
                    Drain();
                }
            }
            else if (line.StartsWith("+IPD"))
            {
                Raise(ModemEventKind.DatagramDropped, "data pushed as " + line + ": buffer access mode not in effect");
                RequestSetup();
            }
            else if (line.StartsWith("+IPCLOSE:"))
            {
                if (AtText.IntField(AtText.Fields(line), 0) == ConnectionId)
                {
                    ScheduleReopen(line);
                }
            }
            else
            {
                // +CIPEVENT: NETWORK CLOSED UNEXPECTEDLY (11.4): close the sockets, release the network library if
                // AT+NETOPEN? still says it is open, then open everything again.
                CloseSocket();
                if (NetworkOpen() == 1)
                {
                    ExpectUrc("+NETCLOSE:");
                    if (Execute("AT+NETCLOSE", ActivationTimeoutMilliseconds).IsOk)
                    {
                        WaitForExpectedUrc(ActivationTimeoutMilliseconds);
                    }
                }

                ResetDatagram();
                ScheduleReopen(line);
            }
        }

        /// <inheritdoc />
        protected override bool HasWaitingData()
        {
            // AT+CIPRXGET=4,link → +CIPRXGET: 4,link,rest_len: unread bytes, without the "No data" error of a read.
            var query = new AtCommand("AT+CIPRXGET=4," + ConnectionId, Profile.CommandTimeoutMilliseconds);
            query.ResponsePrefix = "+CIPRXGET: 4,";
            AtResponse response = Execute(query);
            string line = response.IsOk ? response.FindLine("+CIPRXGET: 4,") : null;
            return line != null && AtText.IntField(AtText.Fields(line), 2) > 0;
        }

        /// <inheritdoc />
        protected override bool ReadPass()
        {
            for (int i = 0; i < MaxReadsPerPass; i++)
            {
                int rest = ReadOnce();
                if (rest <= 0)
                {
                    FinishDatagram();
                    return true;
                }
            }

            return false;
        }

        // True when the URC's field codeField is 0 (success) and, when codeField is 1, its first field is the link.
        private static bool IsSuccess(string urc, int codeField, int link)
        {
            if (urc == null)
            {
                return false;
            }

            string[] fields = AtText.Fields(urc);
            return AtText.IntField(fields, codeField) == 0 && (codeField == 0 || AtText.IntField(fields, 0) == link);
        }

        private bool OpenNetwork()
        {
            int state = NetworkOpen();
            if (state == 1)
            {
                return true;
            }

            if (state < 0)
            {
                return false;
            }

            // OK first, then +NETOPEN: <err> (11.2.1, maximum response time 120 s).
            ExpectUrc("+NETOPEN:");
            AtResponse response = Execute("AT+NETOPEN", ActivationTimeoutMilliseconds);
            if (!response.IsOk)
            {
                WaitForExpectedUrc(0);
                return response.FindLine("+IP ERROR: Network is already opened") != null;
            }

            if (!IsSuccess(WaitForExpectedUrc(ActivationTimeoutMilliseconds), 0, 0))
            {
                Raise(ModemEventKind.UdpServiceFailed, "NETOPEN");
                return false;
            }

            return true;
        }

        // AT+NETOPEN? → +NETOPEN: <net_state>; -1 when the query fails.
        private int NetworkOpen()
        {
            var query = new AtCommand("AT+NETOPEN?", Profile.CommandTimeoutMilliseconds);
            query.ResponsePrefix = "+NETOPEN:";
            AtResponse state = Execute(query);
            if (!state.IsOk)
            {
                return -1;
            }

            string line = state.FindLine("+NETOPEN:");
            return line == null ? 0 : AtText.IntField(AtText.Fields(line), 0);
        }

        private void CloseSocket()
        {
            // UDP: +CIPCLOSE: <link>,0 then OK; a socket that is not open: +CIPCLOSE: <link>,<err> then ERROR.
            var close = new AtCommand("AT+CIPCLOSE=" + ConnectionId, CloseTimeoutMilliseconds);
            close.ResponsePrefix = "+CIPCLOSE:";
            Execute(close);
        }

        // One AT+CIPRXGET=3 read. Returns rest_len (bytes still unread), 0 when the buffer is empty, -1 on failure.
        private int ReadOnce()
        {
            int asked = ReadChunk > 0 && ReadChunk <= MaxHexRead ? ReadChunk : MaxHexRead;
            var command = new AtCommand("AT+CIPRXGET=3," + ConnectionId + "," + asked, Profile.CommandTimeoutMilliseconds);
            command.ResponsePrefix = "+CIPRXGET: 3,";
            command.PayloadLineAfterHeader = true;
            AtResponse response = Execute(command);
            string[] lines = response.Lines;
            if (!response.IsOk)
            {
                return response.FindLine(NoData) != null ? 0 : -1;
            }

            int headerAt = -1;
            string sender = null;
            for (int i = 0; i < lines.Length; i++)
            {
                if (headerAt < 0 && lines[i].StartsWith("+CIPRXGET: 3,"))
                {
                    headerAt = i;
                }
                else if (sender == null && (lines[i].StartsWith(SenderLinePrefix) || lines[i].StartsWith(SenderIpPrefix)))
                {
                    sender = lines[i].Substring(lines[i].IndexOf(':') + 1).Trim();
                }
            }

            string[] fields = headerAt < 0 ? new string[0] : AtText.Fields(lines[headerAt]);
            int read = AtText.IntField(fields, 2);
            int rest = AtText.IntField(fields, 3);
            if (headerAt < 0 || AtText.IntField(fields, 1) != ConnectionId || read < 0 || read > asked || rest < 0)
            {
                Raise(ModemEventKind.DatagramDropped, headerAt < 0 ? "read without +CIPRXGET: 3 header" : lines[headerAt]);
                FinishDatagram();
                return -1;
            }

            if (read == 0)
            {
                FinishDatagram();
                return rest == 0 ? 0 : -1; // nothing read although data is said to wait: leave it to the poll
            }

            if (sender != null)
            {
                FinishDatagram(); // a sender line starts the next datagram
                _source = sender;
            }

            byte[] data = AtText.FromHex(Join(lines, headerAt + 1));
            Append(data, read, lines[headerAt]);
            if (read < asked || rest == 0)
            {
                FinishDatagram(); // a short read ends the datagram: a read never spans two (unverified on hardware)
            }

            return rest;
        }

        // The hex data may arrive on one line or wrapped over several before OK.
        private static string Join(string[] lines, int from)
        {
            string text = string.Empty;
            for (int i = from; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith(SenderLinePrefix) && !lines[i].StartsWith(SenderIpPrefix))
                {
                    text += lines[i];
                }
            }

            return text;
        }

        private void Append(byte[] data, int read, string header)
        {
            if (_dropping)
            {
                return;
            }

            if (_datagram == null || _datagram.Length != MaxDatagram)
            {
                _datagram = new byte[MaxDatagram];
            }

            if (data == null || data.Length != read || _filled + read > _datagram.Length)
            {
                Raise(ModemEventKind.DatagramDropped, data == null || data.Length != read ? "bad hex after " + header : "datagram longer than " + MaxDatagram);
                _dropping = true; // the rest of this datagram is read and discarded
                return;
            }

            System.Array.Copy(data, 0, _datagram, _filled, read);
            _filled += read;
        }

        private void FinishDatagram()
        {
            if (!_dropping && _filled > 0)
            {
                Deliver(_datagram, _filled, _source);
            }

            ResetDatagram();
        }

        private void ResetDatagram()
        {
            _filled = 0;
            _dropping = false;
            _source = Unknown;
        }
    }
}

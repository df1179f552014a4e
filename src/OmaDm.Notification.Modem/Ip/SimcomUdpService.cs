
namespace OmaDm.Notification.Modem.Ip
{
    /// <summary>
    /// UDP 2948 in the SIMCom SIM7600 / A76xx TCP/IP stack (SIM7500/SIM7600 AT Manual V3.00 chapter 11, A76XX AT Manual
    /// V1.09 chapter 15, A76XX TCPIP Application Note V1.02 3.3.2), in <b>push mode</b>:
    /// <list type="bullet">
    /// <item><c>AT+CGDCONT=1,"IP","apn"</c>; <c>AT+NETOPEN</c> (OK, then <c>+NETOPEN: 0</c>, up to 120 s) unless
    /// <c>AT+NETOPEN?</c> says 1: "you must execute AT+NETOPEN before any other TCP/UDP related operations" (11.2.1);</item>
    /// <item>then <c>AT+CIPRXGET=0</c> (push mode, the default, set in case a former run left buffer mode) and the sender
    /// report <c>AT+CIPSRIP=1</c> (11.2.9), each of which must answer OK;</item>
    /// <item><c>AT+CIPOPEN=link,"UDP",,,2948</c> answered by <c>+CIPOPEN: link,0</c> and OK (up to 120 s, 11.2.3);</item>
    /// <item>each datagram is pushed as <c>RECV FROM:&lt;ip&gt;:&lt;port&gt;</c>, <c>+IPD&lt;len&gt;</c> and
    /// <c>len</c> raw bytes (11.2.6 defines <c>RECV FROM</c> for this mode only): the channel frames the bytes by length
    /// (<see cref="AtChannel.RegisterDataUrc"/>), so the sender and the datagram boundary come with every datagram.
    /// Buffer mode (<c>AT+CIPRXGET=1</c>) is not used: its reads carry no sender in the manuals, and its
    /// <c>rest_len</c> counts every buffered byte, so two queued datagrams could be read as one;</item>
    /// <item><c>+CIPEVENT: NETWORK CLOSED UNEXPECTEDLY</c> → the socket closed, <c>AT+NETCLOSE</c> if
    /// <c>AT+NETOPEN?</c> still says 1 (11.4), then everything re-opened; <c>+IPCLOSE: link,reason</c> → re-opened;</item>
    /// <item><c>+CIPRXGET: 1,link</c> (buffer mode in effect after all) → reported and set up again.</item>
    /// </list>
    /// A76xx: the manual also offers a <c>"UDP SERVER"</c> socket type for listening; whether a plain <c>"UDP"</c> socket
    /// receives from peers it never sent to is not documented for either family (unverified on hardware).
    /// </summary>
    public sealed class SimcomUdpService : ModemUdpService
    {
        private const string SenderLinePrefix = "RECV FROM:";
        private const string DataPrefix = "+IPD";
        private const string Unknown = "unknown";

        private string _sender;

        /// <summary>Creates the service.</summary>
        /// <param name="channel">The AT channel.</param>
        /// <param name="profile">A SIM7600/A76xx profile.</param>
        /// <param name="clock">Injected time.</param>
        /// <param name="apn">The APN.</param>
        public SimcomUdpService(AtChannel channel, ModemProfile profile, IClock clock, string apn)
            : base(channel, profile, clock, apn)
        {
        }

        /// <summary>
        /// Marks an A76xx (set by the catalog for the A7670). In push mode both families take the same dialogue
        /// (<c>AT+CIPSRIP=1</c>, <c>RECV FROM</c>), so it changes nothing today; the buffer-mode <c>AT+CIPRXGET=5</c> it
        /// once selected is no longer sent.
        /// </summary>
        public bool SenderByCipRxGet5 { get; set; }

        /// <summary>True after a set-up in which the modem accepted the sender report; otherwise sources are "unknown".</summary>
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
            Channel.RegisterUrc(SenderLinePrefix, false);
            Channel.RegisterDataUrc(DataPrefix, MaxDatagram);
        }

        /// <inheritdoc />
        protected override bool Wants(string line)
        {
            return line.StartsWith(DataPrefix) || line.StartsWith(SenderLinePrefix) || line.StartsWith("+CIPRXGET: 1,")
                || line.StartsWith("+CIPEVENT:") || line.StartsWith("+IPCLOSE:");
        }

        /// <inheritdoc />
        protected override bool RunSetup()
        {
            int timeout = Profile.CommandTimeoutMilliseconds;
            _sender = null;
            if (!Execute("AT+CGDCONT=1,\"IP\"," + Quote(Apn), timeout).IsOk || !OpenNetwork())
            {
                return false;
            }

            // Only after NETOPEN: before it, the TCP/UDP commands are refused.
            if (!Execute("AT+CIPRXGET=0", timeout).IsOk)
            {
                Raise(ModemEventKind.UdpServiceFailed, "AT+CIPRXGET=0 refused: push mode not in effect");
                return false;
            }

            ReportsSender = Execute("AT+CIPSRIP=1", timeout).IsOk;
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
        }

        /// <inheritdoc />
        protected override void HandleUrc(string line, string payload)
        {
            if (line.StartsWith(SenderLinePrefix))
            {
                _sender = line.Substring(SenderLinePrefix.Length).Trim();
            }
            else if (line.StartsWith(DataPrefix))
            {
                string source = _sender ?? Unknown;
                _sender = null; // one sender line per datagram
                if (!TryDecodeHex(payload, out byte[] data, out int count))
                {
                    Raise(ModemEventKind.DatagramDropped, line + ": not framed (a count above " + MaxDatagram + ", its bytes discarded, or not a number)");
                    return;
                }

                Deliver(data, count, source);
            }
            else if (line.StartsWith("+CIPRXGET:"))
            {
                Raise(ModemEventKind.DatagramDropped, line + ": buffer mode in effect, data waits unread");
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

                _sender = null;
                ScheduleReopen(line);
            }
        }

        /// <inheritdoc />
        protected override bool HasWaitingData()
        {
            return false; // push mode: nothing waits in the modem to be read
        }

        /// <inheritdoc />
        protected override bool ReadPass()
        {
            return true; // push mode: every datagram arrives as +IPD
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
    }
}

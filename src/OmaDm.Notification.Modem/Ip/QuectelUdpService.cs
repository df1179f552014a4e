
namespace OmaDm.Notification.Modem.Ip
{
    /// <summary>
    /// UDP 2948 in the Quectel TCP/IP stack (BG95, BG96, EG91; Quectel "TCP/IP Application Note"):
    /// <c>AT+QICSGP=1,1,"apn","","",1</c>, <c>AT+QIACT=1</c> unless <c>AT+QIACT?</c> lists context 1,
    /// <c>AT+QICFG="dataformat",0,1</c> (received data in hex, so binary never meets the line parser),
    /// <c>AT+QIOPEN=1,id,"UDP SERVICE","127.0.0.1",0,2948,0</c> (buffer access mode) answered by <c>+QIOPEN: id,0</c>;
    /// <c>+QIURC: "recv",id</c> → <c>AT+QIRD=id</c> → <c>+QIRD: len,"ip",port</c> and the data, one datagram per read,
    /// until <c>+QIRD: 0</c>: the module sends no new <c>"recv"</c> URC until its buffer has been read empty, so every
    /// pass reads on to <c>+QIRD: 0</c> (or continues on the next idle step) and a periodic read catches a lost URC;
    /// <c>AT+QICLOSE</c> is given its 10 s default <c>&lt;timeout&gt;</c>;
    /// <c>+QIURC: "closed"</c> → everything re-opened; <c>+QIURC: "pdpdeact",1</c> → <c>AT+QIDEACT=1</c> first (the
    /// manual: the host must deactivate the context the network dropped before it can be activated again; up to 40 s),
    /// then everything re-opened.
    /// </summary>
    public sealed class QuectelUdpService : ModemUdpService
    {
        private bool _hex;
        private bool _deactivate;

        /// <summary>Creates the service.</summary>
        /// <param name="channel">The AT channel.</param>
        /// <param name="profile">A Quectel profile.</param>
        /// <param name="clock">Injected time.</param>
        /// <param name="apn">The APN.</param>
        public QuectelUdpService(AtChannel channel, ModemProfile profile, IClock clock, string apn)
            : base(channel, profile, clock, apn)
        {
            HexReceive = true;
            DeactivationTimeoutMilliseconds = 40000;
        }

        /// <summary>Longest wait for <c>AT+QIDEACT</c> (BG96 TCP/IP AT manual: 40 s, determined by the network).</summary>
        public int DeactivationTimeoutMilliseconds { get; set; }

        /// <summary>Ask for hex receive mode (falls back to length-framed binary when the firmware refuses).</summary>
        public bool HexReceive { get; set; }

        /// <inheritdoc />
        protected override void RegisterUrcs()
        {
            Channel.RegisterUrc("+QIURC:", false);
            Channel.RegisterUrc("+QIOPEN:", false);
        }

        /// <inheritdoc />
        protected override bool Wants(string line)
        {
            return line.StartsWith("+QIURC:");
        }

        /// <inheritdoc />
        protected override bool RunSetup()
        {
            int timeout = Profile.CommandTimeoutMilliseconds;
            if (_deactivate)
            {
                // An ERROR means there is nothing left to deactivate; only a modem that does not answer stops the set-up.
                AtResult result = Execute("AT+QIDEACT=1", DeactivationTimeoutMilliseconds).Result;
                if (result == AtResult.Timeout || result == AtResult.LinkFailure)
                {
                    return false;
                }

                _deactivate = false;
            }

            if (!Execute("AT+QICSGP=1,1," + Quote(Apn) + ",\"\",\"\",1", timeout).IsOk)
            {
                return false;
            }

            var query = new AtCommand("AT+QIACT?", timeout);
            query.ResponsePrefix = "+QIACT:";
            AtResponse active = Execute(query);
            if (!active.IsOk)
            {
                return false;
            }

            string context = active.FindLine("+QIACT: 1,");
            if ((context == null || AtText.IntField(AtText.Fields(context), 1) != 1)
                && !Execute("AT+QIACT=1", ActivationTimeoutMilliseconds).IsOk)
            {
                return false;
            }

            _hex = HexReceive && Execute("AT+QICFG=\"dataformat\",0,1", timeout).IsOk;
            if (IsSuspect)
            {
                return false;
            }

            Execute("AT+QICLOSE=" + ConnectionId, CloseTimeoutMilliseconds); // a socket left from before; up to 10 s
            ExpectUrc("+QIOPEN:");
            if (!Execute("AT+QIOPEN=1," + ConnectionId + ",\"UDP SERVICE\",\"127.0.0.1\",0," + Port + ",0", timeout).IsOk)
            {
                return false;
            }

            string opened = WaitForExpectedUrc(ActivationTimeoutMilliseconds);
            string[] fields = opened == null ? new string[0] : AtText.Fields(opened);
            if (AtText.IntField(fields, 0) != ConnectionId || AtText.IntField(fields, 1) != 0)
            {
                Raise(ModemEventKind.UdpServiceFailed, opened);
                return false;
            }

            return true;
        }

        /// <inheritdoc />
        protected override void OnReady()
        {
            Raise(ModemEventKind.UdpServiceOpened, Profile.Name + " UDP " + Port);
            Drain(); // data that arrived between the open and the first URC
        }

        /// <inheritdoc />
        protected override void HandleUrc(string line, string payload)
        {
            string[] fields = AtText.Fields(line);
            string kind = fields.Length > 0 ? fields[0] : string.Empty;
            if (kind == "recv")
            {
                Drain();
            }
            else if (kind == "pdpdeact")
            {
                _deactivate = true;
                ScheduleReopen(line);
            }
            else if (kind == "closed")
            {
                ScheduleReopen(line);
            }
        }

        /// <inheritdoc />
        protected override bool ReadPass()
        {
            // Each AT+QIRD returns one datagram in UDP SERVICE mode; the per-pass bound keeps a flood from starving SMS.
            for (int i = 0; i < MaxReadsPerPass; i++)
            {
                var command = new AtCommand("AT+QIRD=" + ConnectionId, Profile.CommandTimeoutMilliseconds);
                command.ResponsePrefix = "+QIRD:";
                AtHexPayload payload = null;
                if (_hex)
                {
                    // The data line is decoded into the reused buffer as it arrives: no line string of twice its size.
                    payload = Payload;
                    payload.Clear();
                    command.PayloadLineAfterHeader = true;
                    command.HexPayload = payload;
                }
                else
                {
                    command.BinaryLengthField = 0;
                }

                AtResponse response = Execute(command);
                if (!response.IsOk)
                {
                    return true;
                }

                string header = response.FindLine("+QIRD:");
                string[] fields = header == null ? new string[0] : AtText.Fields(header);
                int length = AtText.IntField(fields, 0);
                if (length <= 0)
                {
                    return true;
                }

                byte[] data = response.Data;
                int count = payload != null ? payload.Count : data == null ? 0 : data.Length;
                if (data == null || count != length)
                {
                    Raise(ModemEventKind.DatagramDropped, header);
                    continue;
                }

                string source = fields.Length >= 3 ? fields[1] + ":" + fields[2] : "unknown";
                Deliver(data, length, source);
            }

            return false;
        }
    }
}

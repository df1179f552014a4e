using System.Collections;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Simulation;

namespace OmaDm.Notification.Tests.Modem
{
    /// <summary>A datagram waiting in a scripted modem's IP stack.</summary>
    public sealed class ScriptedDatagram
    {
        /// <summary>Creates it.</summary>
        /// <param name="data">Payload.</param>
        /// <param name="source">"ip:port".</param>
        public ScriptedDatagram(byte[] data, string source)
        {
            Data = data;
            Source = source;
        }

        /// <summary>Payload not yet read.</summary>
        public byte[] Data { get; set; }

        /// <summary>Sender.</summary>
        public string Source { get; }

        /// <summary>True once a read has reported this datagram's sender.</summary>
        public bool SenderReported { get; set; }
    }

    /// <summary>
    /// A Quectel BG95/BG96/EG91 with its TCP/IP stack as the BG96 TCP/IP AT Manual V1.0 describes it: QICSGP, QIACT,
    /// QICFG dataformat, QIOPEN "UDP SERVICE" with the +QIOPEN URC, +QIURC "recv"/"pdpdeact" (QIACT refused until
    /// QIDEACT, our reading of the manual's "must"), QIRD in hex, one datagram
    /// per read and <c>+QIRD: 0</c> when empty. Buffer access URC rule: <c>+QIURC: "recv",0</c> only when the host has
    /// read the buffer empty since the last one. <c>AT+QICLOSE</c> can be made slow (it may take its 10 s timeout).
    /// </summary>
    public sealed class ScriptedQuectelModem : ScriptedModem
    {
        private readonly Queue _datagrams = new Queue();
        private bool _active;
        private bool _open;
        private bool _hex;
        private bool _notified;
        private bool _dropped;

        /// <summary>Creates the modem.</summary>
        public ScriptedQuectelModem()
            : base(5)
        {
        }

        /// <summary>Times the service was opened.</summary>
        public int Opens { get; private set; }

        /// <summary>Delay of the OK to <c>AT+QICLOSE</c> (0: at once).</summary>
        public int CloseDelayMilliseconds { get; set; }

        /// <summary>A datagram arrives on the open service.</summary>
        /// <param name="data">Payload.</param>
        /// <param name="source">Sender "ip:port".</param>
        public void Arrive(byte[] data, string source)
        {
            lock (Sync)
            {
                if (!_open)
                {
                    return; // no socket: the datagram is lost
                }

                _datagrams.Enqueue(new ScriptedDatagram(data, source));
                if (!_notified)
                {
                    _notified = true;
                    Emit("+QIURC: \"recv\",0");
                }
            }
        }

        /// <summary>Several datagrams reach the buffer before the host can read any of them.</summary>
        /// <param name="data">Payloads.</param>
        /// <param name="source">Sender of all.</param>
        public void ArriveTogether(byte[][] data, string source)
        {
            lock (Sync)
            {
                for (int i = 0; i < data.Length; i++)
                {
                    Arrive(data[i], source);
                }
            }
        }

        /// <summary>
        /// The network deactivates the context: <c>+QIURC: "pdpdeact",1</c>; until the host runs <c>AT+QIDEACT=1</c>
        /// (which the manual says it must) <c>AT+QIACT=1</c> is refused.
        /// </summary>
        public void DropNetwork()
        {
            lock (Sync)
            {
                _active = false;
                _open = false;
                _dropped = true;
                Emit("+QIURC: \"pdpdeact\",1");
            }
        }

        /// <inheritdoc />
        protected override string AnswerExtra(string command, ArrayList info)
        {
            if (command.StartsWith("AT+QICSGP=1,1,"))
            {
                return "OK";
            }

            switch (command)
            {
                case "AT+QIACT?":
                    if (_active)
                    {
                        info.Add("+QIACT: 1,1,1,\"10.20.30.40\"");
                    }

                    return "OK";
                case "AT+QIACT=1":
                    if (_dropped)
                    {
                        return "ERROR";
                    }

                    _active = true;
                    return "OK";
                case "AT+QIDEACT=1":
                    _active = false;
                    _open = false;
                    _dropped = false;
                    _datagrams.Clear();
                    _notified = false;
                    return "OK";
                case "AT+QICFG=\"dataformat\",0,1":
                    _hex = true;
                    return "OK";
                case "AT+QICLOSE=0":
                    _open = false;
                    _datagrams.Clear();
                    _notified = false;
                    if (CloseDelayMilliseconds > 0)
                    {
                        EmitLater(CloseDelayMilliseconds, new string[] { "OK" });
                        return AnswerLater;
                    }

                    return "OK";
                case "AT+QIOPEN=1,0,\"UDP SERVICE\",\"127.0.0.1\",0,2948,0":
                    if (!_active)
                    {
                        EmitAfterFinal("+QIOPEN: 0,561");
                        return "OK";
                    }

                    _open = true;
                    Opens++;
                    EmitAfterFinal("+QIOPEN: 0,0");
                    return "OK";
                case "AT+QIRD=0":
                    if (!_open)
                    {
                        return "ERROR";
                    }

                    if (_datagrams.Count == 0)
                    {
                        _notified = false; // read empty: the next datagram is announced again
                        info.Add("+QIRD: 0");
                        return "OK";
                    }

                    var datagram = (ScriptedDatagram)_datagrams.Dequeue();
                    int colon = datagram.Source.IndexOf(':');
                    info.Add("+QIRD: " + datagram.Data.Length + ",\"" + datagram.Source.Substring(0, colon) + "\"," + datagram.Source.Substring(colon + 1));
                    if (_hex)
                    {
                        info.Add(Hex.ToHex(datagram.Data, 0, datagram.Data.Length));
                    }
                    else
                    {
                        info.Add(datagram.Data);
                    }

                    return "OK";
            }

            return null;
        }

        /// <inheritdoc />
        protected override void OnReboot()
        {
            _active = false;
            _open = false;
            _dropped = false;
            _hex = false;
            _notified = false;
            _datagrams.Clear();
        }
    }

    /// <summary>
    /// A SIMCom SIM7600 (SIM7500/SIM7600 AT Manual V3.00 chapter 11) or A76xx (A76XX AT Manual V1.09 chapter 15) TCP/IP
    /// stack, in the manuals' formats:
    /// <list type="bullet">
    /// <item>TCP/UDP commands before <c>AT+NETOPEN</c> are refused (<c>+IP ERROR: Network not opened</c>, ERROR: "you
    /// must execute AT+NETOPEN before any other TCP/UDP related operations", 11.2.1); a second NETOPEN answers
    /// <c>+IP ERROR: Network is already opened</c>, ERROR;</item>
    /// <item>receive mode 0 (the default) pushes <c>RECV FROM:ip:port</c>, <c>+IPD&lt;len&gt;</c> and the raw bytes;
    /// mode 1 buffers and sends <c>+CIPRXGET: 1,0</c> only when the buffer was empty (11.2.6 note 1);</item>
    /// <item><c>AT+CIPRXGET=3,0,len</c> (len at most 750) reads within one datagram: [sender line]
    /// <c>+CIPRXGET: 3,0,read_len,rest_len</c> where rest_len is every unread byte of the buffer, the hex, OK; an empty
    /// buffer answers <c>+IP ERROR: No data</c>, ERROR; <c>AT+CIPRXGET=4,0</c> gives <c>+CIPRXGET: 4,0,rest_len</c>;</item>
    /// <item>the sender line, once per datagram before its first read's header: <c>RECV FROM:ip:port</c> with
    /// <c>AT+CIPSRIP=1</c> (the default, 11.2.9), <c>+CIPRXGETIP:ip:port</c> after <c>AT+CIPRXGET=5</c> (A76xx only). The
    /// manuals do not place it in a manual-mode read; this placement is our reading, unverified on hardware;</item>
    /// <item><c>AT+CIPOPEN=0,"UDP",,,2948</c>: <c>+CIPOPEN: 0,0</c> then OK, optionally slow (up to 120 s); refused with
    /// <c>+CIPOPEN: 0,&lt;err&gt;</c>, ERROR; <c>AT+CIPCLOSE=0</c>: <c>+CIPCLOSE: 0,0</c> then OK, or
    /// <c>+CIPCLOSE: 0,&lt;err&gt;</c>, ERROR;</item>
    /// <item>a network loss sends <c>+CIPEVENT: NETWORK CLOSED UNEXPECTEDLY</c> and leaves the network library open
    /// (<c>AT+NETOPEN?</c> says 1) but unusable until <c>AT+NETCLOSE</c> (OK, <c>+NETCLOSE: 0</c>) and a new NETOPEN (11.4).</item>
    /// </list>
    /// </summary>
    public sealed class ScriptedSimcomModem : ScriptedModem
    {
        private const int MaxHexRead = 750;
        private readonly Queue _datagrams = new Queue();
        private readonly bool _a76xx;
        private bool _network;
        private bool _broken;
        private bool _open;
        private bool _manual;
        private bool _ipHeader;
        private bool _showSender = true;
        private bool _notified;

        /// <summary>Creates a SIM7600.</summary>
        public ScriptedSimcomModem()
            : this(false)
        {
        }

        /// <summary>Creates a SIM7600 or an A76xx.</summary>
        /// <param name="a76xx">True for an A76xx (accepts <c>AT+CIPRXGET=5</c>).</param>
        public ScriptedSimcomModem(bool a76xx)
            : base(5)
        {
            _a76xx = a76xx;
        }

        /// <summary>Times the socket was opened.</summary>
        public int Opens { get; private set; }

        /// <summary>Delay of the whole answer to <c>AT+CIPOPEN</c> (0: at once).</summary>
        public int OpenDelayMilliseconds { get; set; }

        /// <summary>Datagrams still in the modem's buffer.</summary>
        public int Waiting
        {
            get
            {
                lock (Sync)
                {
                    return _datagrams.Count;
                }
            }
        }

        /// <summary>A datagram arrives on the open socket.</summary>
        /// <param name="data">Payload.</param>
        /// <param name="source">Sender "ip:port".</param>
        public void Arrive(byte[] data, string source)
        {
            lock (Sync)
            {
                if (!_open || _broken)
                {
                    return; // no socket: the datagram is lost
                }

                if (!_manual)
                {
                    if (_showSender)
                    {
                        Emit("RECV FROM:" + source);
                    }

                    Emit("+IPD" + data.Length);
                    Append(data, 0, data.Length);
                    EmitText("\r\n");
                    return;
                }

                _datagrams.Enqueue(new ScriptedDatagram(data, source));
                if (!_notified)
                {
                    _notified = true;
                    Emit("+CIPRXGET: 1,0");
                }
            }
        }

        /// <summary>Several datagrams reach the buffer before the host can read any of them.</summary>
        /// <param name="data">Payloads.</param>
        /// <param name="sources">Senders.</param>
        public void ArriveTogether(byte[][] data, string[] sources)
        {
            lock (Sync)
            {
                for (int i = 0; i < data.Length; i++)
                {
                    Arrive(data[i], sources[i]);
                }
            }
        }

        /// <summary>A datagram is buffered but its URC is lost on the line.</summary>
        /// <param name="data">Payload.</param>
        /// <param name="source">Sender.</param>
        public void ArriveUnannounced(byte[] data, string source)
        {
            lock (Sync)
            {
                _datagrams.Enqueue(new ScriptedDatagram(data, source));
                _notified = true;
            }
        }

        /// <summary>The firmware switches to buffer mode (<c>AT+CIPRXGET=1</c>) without telling.</summary>
        public void EnterBufferMode()
        {
            lock (Sync)
            {
                _manual = true;
            }
        }

        /// <summary>The firmware falls back to receive mode 0 (pushes data as text) without telling.</summary>
        public void ForgetBufferMode()
        {
            lock (Sync)
            {
                _manual = false;
            }
        }

        /// <summary>The network closes under the modem: the library stays open but unusable until NETCLOSE.</summary>
        public void DropNetwork()
        {
            lock (Sync)
            {
                _broken = true;
                _datagrams.Clear();
                _notified = false;
                Emit("+CIPEVENT: NETWORK CLOSED UNEXPECTEDLY");
            }
        }

        /// <inheritdoc />
        protected override string AnswerExtra(string command, ArrayList info)
        {
            if (command.StartsWith("AT+CGDCONT=1,\"IP\","))
            {
                return "OK";
            }

            if (command.StartsWith("AT+CIPRXGET=3,0"))
            {
                return Read(command, info);
            }

            switch (command)
            {
                case "AT+CIPRXGET=0":
                case "AT+CIPRXGET=1":
                    if (!_network)
                    {
                        info.Add("+IP ERROR: Network not opened");
                        return "ERROR";
                    }

                    _manual = command == "AT+CIPRXGET=1";
                    return "OK";
                case "AT+CIPRXGET=5":
                    if (!_a76xx)
                    {
                        return "ERROR"; // SIM7600: <mode> is 0-4
                    }

                    if (!_network)
                    {
                        info.Add("+IP ERROR: Network not opened");
                        return "ERROR";
                    }

                    _manual = true;
                    _ipHeader = true;
                    return "OK";
                case "AT+CIPRXGET=4,0":
                    info.Add("+CIPRXGET: 4,0," + Unread());
                    return "OK";
                case "AT+CIPSRIP=0":
                case "AT+CIPSRIP=1":
                    _showSender = command == "AT+CIPSRIP=1";
                    return "OK";
                case "AT+NETOPEN?":
                    info.Add("+NETOPEN: " + (_network ? 1 : 0));
                    return "OK";
                case "AT+NETOPEN":
                    if (_network)
                    {
                        info.Add("+IP ERROR: Network is already opened");
                        return "ERROR";
                    }

                    _network = true;
                    _broken = false;
                    EmitAfterFinal("+NETOPEN: 0");
                    return "OK";
                case "AT+NETCLOSE":
                    if (!_network)
                    {
                        info.Add("+NETCLOSE: 2");
                        return "ERROR";
                    }

                    _network = false;
                    _broken = false;
                    _open = false;
                    _manual = false;
                    _ipHeader = false;
                    _datagrams.Clear();
                    _notified = false;
                    EmitAfterFinal("+NETCLOSE: 0");
                    return "OK";
                case "AT+CIPCLOSE=0":
                    if (!_open)
                    {
                        info.Add("+CIPCLOSE: 0,4");
                        return "ERROR";
                    }

                    _open = false;
                    _datagrams.Clear();
                    _notified = false;
                    info.Add("+CIPCLOSE: 0,0");
                    return "OK";
                case "AT+CIPOPEN=0,\"UDP\",,,2948":
                    if (!_network || _broken || _open)
                    {
                        info.Add("+CIPOPEN: 0," + (!_network ? 2 : _broken ? 1 : 4));
                        return "ERROR";
                    }

                    _open = true;
                    Opens++;
                    if (OpenDelayMilliseconds > 0)
                    {
                        EmitLater(OpenDelayMilliseconds, new string[] { "+CIPOPEN: 0,0", "OK" });
                        return AnswerLater;
                    }

                    info.Add("+CIPOPEN: 0,0");
                    return "OK";
            }

            return null;
        }

        /// <inheritdoc />
        protected override void OnReboot()
        {
            _network = false;
            _broken = false;
            _open = false;
            _manual = false;
            _ipHeader = false;
            _showSender = true;
            _notified = false;
            _datagrams.Clear();
        }

        private string Read(string command, ArrayList info)
        {
            int asked = command.Length > 16 ? AtText.ParseDecimal(command.Substring(16)) : MaxHexRead;
            if (asked < 1 || asked > MaxHexRead)
            {
                info.Add("+IP ERROR: Invalid parameter");
                return "ERROR";
            }

            if (!_open || !_manual || _datagrams.Count == 0)
            {
                info.Add("+IP ERROR: No data");
                return "ERROR";
            }

            var datagram = (ScriptedDatagram)_datagrams.Peek();
            if (!datagram.SenderReported && (_ipHeader || _showSender))
            {
                info.Add((_ipHeader ? "+CIPRXGETIP:" : "RECV FROM:") + datagram.Source);
            }

            datagram.SenderReported = true;
            int read = datagram.Data.Length < asked ? datagram.Data.Length : asked;
            var remaining = new byte[datagram.Data.Length - read];
            System.Array.Copy(datagram.Data, read, remaining, 0, remaining.Length);
            string hex = Hex.ToHex(datagram.Data, 0, read);
            datagram.Data = remaining;
            if (remaining.Length == 0)
            {
                _datagrams.Dequeue();
            }

            int rest = Unread();
            if (rest == 0)
            {
                _notified = false; // drained: the next datagram is announced again
            }

            info.Add("+CIPRXGET: 3,0," + read + "," + rest);
            info.Add(hex);
            return "OK";
        }

        // <rest_len>: every byte of the buffer not yet read, over all queued datagrams.
        private int Unread()
        {
            int total = 0;
            foreach (ScriptedDatagram datagram in _datagrams)
            {
                total += datagram.Data.Length;
            }

            return total;
        }
    }
}

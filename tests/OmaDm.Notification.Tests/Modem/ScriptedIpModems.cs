using System.Collections;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Modem;

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
    }

    /// <summary>
    /// A Quectel BG95/BG96/EG91 with its TCP/IP stack as the "TCP/IP Application Note" describes it: QICSGP, QIACT,
    /// QICFG dataformat, QIOPEN "UDP SERVICE" with the +QIOPEN URC, +QIURC "recv"/"pdpdeact", QIRD in hex.
    /// </summary>
    public sealed class ScriptedQuectelModem : ScriptedModem
    {
        private readonly Queue _datagrams = new Queue();
        private bool _active;
        private bool _open;
        private bool _hex;

        /// <summary>Creates the modem.</summary>
        public ScriptedQuectelModem()
            : base(5)
        {
        }

        /// <summary>Times the service was opened.</summary>
        public int Opens { get; private set; }

        /// <summary>A datagram arrives on the open service.</summary>
        /// <param name="data">Payload.</param>
        /// <param name="source">Sender "ip:port".</param>
        public void Arrive(byte[] data, string source)
        {
            lock (Sync)
            {
                _datagrams.Enqueue(new ScriptedDatagram(data, source));
                if (_open)
                {
                    Emit("+QIURC: \"recv\",0");
                }
            }
        }

        /// <summary>The network deactivates the context.</summary>
        public void DropNetwork()
        {
            lock (Sync)
            {
                _active = false;
                _open = false;
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
                    _active = true;
                    return "OK";
                case "AT+QICFG=\"dataformat\",0,1":
                    _hex = true;
                    return "OK";
                case "AT+QICLOSE=0":
                    _open = false;
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
            _hex = false;
        }
    }

    /// <summary>
    /// A SIMCom SIM7600/A76xx with its TCP/IP stack: CGDCONT, CIPRXGET=1 manual receive, CIPSRIP, NETOPEN with its URC,
    /// CIPOPEN UDP with its URC, +CIPRXGET: 1 indications and CIPRXGET=3 hex reads limited to the asked length, and
    /// +CIPEVENT when the network goes.
    /// </summary>
    public sealed class ScriptedSimcomModem : ScriptedModem
    {
        private readonly Queue _datagrams = new Queue();
        private bool _network;
        private bool _open;
        private bool _manual;

        /// <summary>Creates the modem.</summary>
        public ScriptedSimcomModem()
            : base(5)
        {
        }

        /// <summary>Times the socket was opened.</summary>
        public int Opens { get; private set; }

        /// <summary>A datagram arrives on the open socket.</summary>
        /// <param name="data">Payload.</param>
        /// <param name="source">Sender "ip:port".</param>
        public void Arrive(byte[] data, string source)
        {
            lock (Sync)
            {
                _datagrams.Enqueue(new ScriptedDatagram(data, source));
                if (_open && _manual)
                {
                    Emit("+CIPRXGET: 1,0");
                }
            }
        }

        /// <summary>The network closes under the modem.</summary>
        public void DropNetwork()
        {
            lock (Sync)
            {
                _network = false;
                _open = false;
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

            if (command.StartsWith("AT+CIPRXGET=3,0,"))
            {
                int asked = AtText.ParseDecimal(command.Substring(16));
                if (!_open || _datagrams.Count == 0)
                {
                    info.Add("+CIPRXGET: 3,0,0,0");
                    return "OK";
                }

                var datagram = (ScriptedDatagram)_datagrams.Peek();
                int read = datagram.Data.Length < asked ? datagram.Data.Length : asked;
                int rest = datagram.Data.Length - read;
                info.Add("+CIPRXGET: 3,0," + read + "," + rest + "," + datagram.Source);
                info.Add(Hex.ToHex(datagram.Data, 0, read));
                var remaining = new byte[rest];
                System.Array.Copy(datagram.Data, read, remaining, 0, rest);
                datagram.Data = remaining;
                if (rest == 0)
                {
                    _datagrams.Dequeue();
                }

                return "OK";
            }

            switch (command)
            {
                case "AT+CIPRXGET=1":
                    _manual = true;
                    return "OK";
                case "AT+CIPSRIP=1":
                    return "OK";
                case "AT+NETOPEN?":
                    info.Add("+NETOPEN: " + (_network ? 1 : 0));
                    return "OK";
                case "AT+NETOPEN":
                    _network = true;
                    EmitAfterFinal("+NETOPEN: 0");
                    return "OK";
                case "AT+CIPCLOSE=0":
                    if (!_open)
                    {
                        return "ERROR";
                    }

                    _open = false;
                    EmitAfterFinal("+CIPCLOSE: 0,0");
                    return "OK";
                case "AT+CIPOPEN=0,\"UDP\",,,2948":
                    if (!_network)
                    {
                        EmitAfterFinal("+CIPOPEN: 0,2");
                        return "OK";
                    }

                    _open = true;
                    Opens++;
                    EmitAfterFinal("+CIPOPEN: 0,0");
                    return "OK";
            }

            return null;
        }

        /// <inheritdoc />
        protected override void OnReboot()
        {
            _network = false;
            _open = false;
            _manual = false;
        }
    }
}

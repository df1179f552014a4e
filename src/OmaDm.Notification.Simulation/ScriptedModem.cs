using System.Collections;
using System.Threading;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Simulation
{
    /// <summary>
    /// The one simulated modem (the device tests' peer, and <c>dmnotify demo</c>'s modem, which the host tool exports on
    /// a loopback TCP port as ser2net would): a 27.005/27.007 modem behind an <see cref="IModemLink"/>: SMS storage
    /// (index -> PDU hex + status), the AT dialogue with echo, CMEE, CMGF, CPMS, CNMI, CMGR, CMGL, CMGD, CSMS and CNMA,
    /// URCs injected at any time (also inside a response, between a header and its PDU), one-shot errors, a damaged PDU
    /// line, a silent period, a reboot (with or without boot URCs), raw garbage, and a link that closes and is re-opened.
    /// Every command line received is recorded in order. Reads return at most <see cref="MaxChunk"/> bytes so the
    /// channel always sees responses split across reads. Device-subset code: it runs in the emulator too.
    /// </summary>
    public class ScriptedModem : IModemLink
    {
        private readonly object _sync = new object();
        private readonly AutoResetEvent _outputReady = new AutoResetEvent(false);
        private readonly ArrayList _dialogue = new ArrayList();
        private readonly Hashtable _storage = new Hashtable(); // int index -> string[] { pduHex, status }
        private readonly Hashtable _oneShotFinals = new Hashtable(); // command prefix -> final line
        private readonly ArrayList _insideResponse = new ArrayList(); // string[] { command prefix, urc line }
        private readonly ArrayList _afterFinal = new ArrayList();
        private readonly ArrayList _damagePdu = new ArrayList(); // command prefixes
        private readonly ArrayList _timers = new ArrayList(); // keeps pending EmitLater timers alive
        private readonly ArrayList _scheduled = new ArrayList(); // with a Clock: object[] { long due, string[] lines or null (ack timeout) }
        private byte[] _output = new byte[1024];
        private int _outputStart;
        private int _outputEnd;
        private char[] _input = new char[4096];
        private int _inputLength;
        private bool _closed;
        private bool _numericErrors;
        private int _unacknowledged;

        /// <summary>Creates a modem that has just powered up: echo on, nothing configured.</summary>
        /// <param name="capacity">Storage slots (indexes 1..capacity).</param>
        public ScriptedModem(int capacity)
        {
            Capacity = capacity;
            Echo = true;
            MaxChunk = 13;
            BootLines = new string[] { "RDY", "+CPIN: READY", "SMS Ready" };
        }

        /// <summary>Storage slots.</summary>
        public int Capacity { get; }

        /// <summary>Echo state (ATE).</summary>
        public bool Echo { get; set; }

        /// <summary>Last AT+CNMI parameters, null after power-up.</summary>
        public string IndicationSetting { get; private set; }

        /// <summary>Phase 2+ service selected (AT+CSMS=1).</summary>
        public bool PhaseTwoPlus { get; private set; }

        /// <summary>When true the modem swallows commands and sends nothing.</summary>
        public bool Silent { get; set; }

        /// <summary>
        /// Simulated time for a test that steps the channel on its own thread: when set, a <see cref="Read"/> that finds
        /// nothing to send moves this clock on by its timeout instead of waiting, and delayed lines (<see cref="EmitLater"/>,
        /// the <c>+CMT</c> acknowledgement timeout) are due by this clock instead of a timer. Null: real time.
        /// </summary>
        public ManualClock Clock { get; set; }

        /// <summary>Largest chunk one Read returns.</summary>
        public int MaxChunk { get; set; }

        /// <summary>Lines sent after <see cref="Reboot"/> (none for an auto-bauding SIM800, SIM800L HD 3.5.1).</summary>
        public string[] BootLines { get; set; }

        /// <summary>
        /// When above 0: a <c>+CMT</c> not acknowledged with <c>AT+CNMA</c> within this time is answered to the network
        /// with RP-ERROR and <c>&lt;mt&gt;</c>/<c>&lt;ds&gt;</c> of <c>AT+CNMI</c> are set to 0 (TS 27.005 3.4.4).
        /// </summary>
        public int AckTimeoutMilliseconds { get; set; }

        /// <summary>False for a module without SMS (A7670E-LNXY-UBL): <c>AT+CPMS=</c> and <c>AT+CNMI=</c> are refused.</summary>
        public bool SmsSupported { get; set; } = true;

        /// <summary>What <c>AT+CIMI</c> answers (27.007 7.4); null answers <c>+CME ERROR: 10</c> (SIM not inserted).</summary>
        public string Imsi { get; set; }

        /// <summary>Unacknowledged +CMT deliveries.</summary>
        public int Unacknowledged
        {
            get
            {
                lock (_sync)
                {
                    return _unacknowledged;
                }
            }
        }

        /// <summary>Bytes sent by the modem and not read yet.</summary>
        public int PendingOutput
        {
            get
            {
                lock (_sync)
                {
                    return _outputEnd - _outputStart;
                }
            }
        }

        /// <summary>Number of messages in storage.</summary>
        public int StoredCount
        {
            get
            {
                lock (_sync)
                {
                    return _storage.Count;
                }
            }
        }

        /// <summary>Commands received so far, in order.</summary>
        /// <returns>A copy.</returns>
        public string[] Dialogue()
        {
            lock (_sync)
            {
                var copy = new string[_dialogue.Count];
                _dialogue.CopyTo(copy, 0);
                return copy;
            }
        }

        /// <summary>
        /// Forgets the commands recorded so far, so a long run (the heap benchmark's burst) does not grow the test
        /// harness with its own transcript.
        /// </summary>
        public void ForgetDialogue()
        {
            lock (_sync)
            {
                _dialogue.Clear();
            }
        }

        /// <summary>The dialogue joined by '|' for compact assertions.</summary>
        /// <returns>The text.</returns>
        public string DialogueText()
        {
            string[] lines = Dialogue();
            string text = string.Empty;
            for (int i = 0; i < lines.Length; i++)
            {
                text = i == 0 ? lines[i] : text + "|" + lines[i];
            }

            return text;
        }

        /// <summary>How often a command line was received exactly.</summary>
        /// <param name="command">The command.</param>
        /// <returns>The count.</returns>
        public int CountCommand(string command)
        {
            string[] lines = Dialogue();
            int count = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i] == command)
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>True when storage holds this PDU.</summary>
        /// <param name="pduHex">The PDU.</param>
        /// <returns>Whether it is stored.</returns>
        public bool Holds(string pduHex)
        {
            lock (_sync)
            {
                foreach (DictionaryEntry entry in _storage)
                {
                    if (((string[])entry.Value)[0] == pduHex)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>Puts a received message in storage without telling anyone (arrived while the device was off).</summary>
        /// <param name="pduHex">The PDU with SMSC address.</param>
        /// <returns>Its index.</returns>
        public int Store(string pduHex)
        {
            lock (_sync)
            {
                for (int i = 1; i <= Capacity; i++)
                {
                    if (_storage[i] == null)
                    {
                        _storage[i] = new string[] { pduHex, "0" };
                        return i;
                    }
                }

                return -1;
            }
        }

        /// <summary>A message arrives from the network and is handled as AT+CNMI says (+CMTI, +CMT, or silently stored).</summary>
        /// <param name="pduHex">The PDU with SMSC address.</param>
        public void Receive(string pduHex)
        {
            lock (_sync)
            {
                string cnmi = IndicationSetting;
                if (cnmi != null && cnmi.StartsWith("2,2"))
                {
                    if (PhaseTwoPlus)
                    {
                        _unacknowledged++;
                    }

                    Emit("+CMT: ," + TpduLength(pduHex));
                    Emit(pduHex);
                    if (PhaseTwoPlus && AckTimeoutMilliseconds > 0)
                    {
                        if (Clock != null)
                        {
                            _scheduled.Add(new object[] { Clock.MonotonicMilliseconds + AckTimeoutMilliseconds, null });
                        }
                        else
                        {
                            _timers.Add(new Timer(AckTimedOut, null, AckTimeoutMilliseconds, Timeout.Infinite));
                        }
                    }

                    return;
                }

                int index = Store(pduHex);
                if (cnmi != null && cnmi.StartsWith("2,1") && !Silent)
                {
                    Emit("+CMTI: \"SM\"," + index);
                }
            }
        }

        /// <summary>Sends an unsolicited line now.</summary>
        /// <param name="line">The line (CRLF added around it).</param>
        public void EmitUrc(string line)
        {
            lock (_sync)
            {
                Emit(line);
            }
        }

        /// <summary>The lock subclasses take around their state.</summary>
        protected object Sync => _sync;

        /// <summary>Sends raw bytes now.</summary>
        /// <param name="bytes">The bytes.</param>
        public void EmitRaw(byte[] bytes)
        {
            lock (_sync)
            {
                Append(bytes, 0, bytes.Length);
            }
        }

        /// <summary>The next command starting with the prefix gets this final line instead of its normal answer.</summary>
        /// <param name="commandPrefix">Command prefix.</param>
        /// <param name="finalLine">For example "+CMS ERROR: 500".</param>
        public void FailNext(string commandPrefix, string finalLine)
        {
            lock (_sync)
            {
                _oneShotFinals[commandPrefix] = finalLine;
            }
        }

        /// <summary>The next response to a command with this prefix carries the URC in its middle.</summary>
        /// <param name="commandPrefix">Command prefix.</param>
        /// <param name="urc">URC line.</param>
        public void InjectInsideNextResponse(string commandPrefix, string urc)
        {
            lock (_sync)
            {
                _insideResponse.Add(new string[] { commandPrefix, urc });
            }
        }

        /// <summary>The next response to a command with this prefix has its first PDU line cut short by one octet (a UART
        /// overrun): the length its header announces no longer matches.</summary>
        /// <param name="commandPrefix">Command prefix.</param>
        public void DamageNextPdu(string commandPrefix)
        {
            lock (_sync)
            {
                _damagePdu.Add(commandPrefix);
            }
        }

        /// <summary>Re-opens a closed link, as a new TCP connection to a network serial server: what was in flight is lost;
        /// the modem itself (settings, storage) is unchanged.</summary>
        public void Reopen()
        {
            lock (_sync)
            {
                _closed = false;
                _outputStart = 0;
                _outputEnd = 0;
                _inputLength = 0;
            }
        }

        /// <summary>Power-cycles the modem: echo back on, CNMI and CSMS forgotten, storage kept, boot URCs sent.</summary>
        public void Reboot()
        {
            lock (_sync)
            {
                Echo = true;
                IndicationSetting = null;
                PhaseTwoPlus = false;
                _numericErrors = false;
                _inputLength = 0;
                OnReboot();
                for (int i = 0; i < BootLines.Length; i++)
                {
                    Emit(BootLines[i]);
                }
            }
        }

        /// <summary>Closes the link: Read returns -1.</summary>
        public void Close()
        {
            lock (_sync)
            {
                _closed = true;
            }

            _outputReady.Set();
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            for (int attempt = 0; attempt < 2; attempt++)
            {
                lock (_sync)
                {
                    RunDue();
                    if (_closed)
                    {
                        return -1;
                    }

                    int available = _outputEnd - _outputStart;
                    if (available > 0)
                    {
                        int n = available < count ? available : count;
                        n = n < MaxChunk ? n : MaxChunk;
                        System.Array.Copy(_output, _outputStart, buffer, offset, n);
                        _outputStart += n;
                        return n;
                    }
                }

                if (attempt == 0)
                {
                    ManualClock clock = Clock;
                    if (clock != null)
                    {
                        clock.Advance(timeoutMilliseconds > 0 ? timeoutMilliseconds : 1); // the read's wait, simulated
                    }
                    else
                    {
                        _outputReady.WaitOne(timeoutMilliseconds, false);
                    }
                }
            }

            return 0;
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            lock (_sync)
            {
                RunDue();
                for (int i = 0; i < count; i++)
                {
                    char c = (char)buffer[offset + i];
                    if (c == '\r')
                    {
                        string line = new string(_input, 0, _inputLength);
                        _inputLength = 0;
                        _dialogue.Add(line);
                        if (!Silent)
                        {
                            Answer(line);
                        }
                    }
                    else if (c != '\n' && _inputLength < _input.Length)
                    {
                        _input[_inputLength++] = c;
                    }
                }
            }
        }

        /// <summary>Answers a command beyond the SMS set (called under the lock). Subclasses add IP stacks.</summary>
        /// <param name="command">The command line.</param>
        /// <param name="info">Information lines to send before the final result.</param>
        /// <returns>The final result line, or null when the command is unknown (ERROR).</returns>
        protected virtual string AnswerExtra(string command, ArrayList info)
        {
            return null;
        }

        /// <summary>Resets subclass state on <see cref="Reboot"/> (called under the lock).</summary>
        protected virtual void OnReboot()
        {
        }

        /// <summary>Returned by <see cref="AnswerExtra"/> for a slow command: nothing is sent now (see <see cref="EmitLater"/>).</summary>
        protected const string AnswerLater = "\u0001later";

        /// <summary>Sends lines after a delay, as a modem does that takes its time (a slow final result, a late URC).</summary>
        /// <param name="delayMilliseconds">Delay.</param>
        /// <param name="lines">Lines, each framed by CRLF.</param>
        protected void EmitLater(int delayMilliseconds, string[] lines)
        {
            if (Clock != null)
            {
                _scheduled.Add(new object[] { Clock.MonotonicMilliseconds + delayMilliseconds, lines });
                return;
            }

            TimerCallback send = state =>
            {
                lock (_sync)
                {
                    for (int i = 0; i < lines.Length; i++)
                    {
                        Emit(lines[i]);
                    }
                }
            };
            _timers.Add(new Timer(send, null, delayMilliseconds, Timeout.Infinite));
        }

        /// <summary>Queues a URC sent right after the current command's final result (asynchronous completions).</summary>
        /// <param name="line">The URC.</param>
        protected void EmitAfterFinal(string line)
        {
            _afterFinal.Add(line);
        }

        /// <summary>Sends a line framed by CRLF (call under the lock).</summary>
        /// <param name="line">The line.</param>
        protected void Emit(string line)
        {
            EmitText("\r\n" + line + "\r\n");
        }

        /// <summary>Sends text as is (call under the lock).</summary>
        /// <param name="text">The text.</param>
        protected void EmitText(string text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            Append(bytes, 0, bytes.Length);
        }

        /// <summary>Sends bytes (call under the lock).</summary>
        /// <param name="bytes">Source.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Count.</param>
        protected void Append(byte[] bytes, int offset, int count)
        {
            if (_outputEnd + count > _output.Length)
            {
                int live = _outputEnd - _outputStart;
                byte[] grown = new byte[(live + count) * 2];
                System.Array.Copy(_output, _outputStart, grown, 0, live);
                _output = grown;
                _outputStart = 0;
                _outputEnd = live;
            }

            System.Array.Copy(bytes, offset, _output, _outputEnd, count);
            _outputEnd += count;
            _outputReady.Set();
        }

        private void Answer(string command)
        {
            if (Echo)
            {
                EmitText(command + "\r");
            }

            var info = new ArrayList();
            string final = null;
            foreach (DictionaryEntry entry in _oneShotFinals)
            {
                if (command.StartsWith((string)entry.Key))
                {
                    final = (string)entry.Value;
                    _oneShotFinals.Remove(entry.Key);
                    break;
                }
            }

            if (final == null)
            {
                final = AnswerSms(command, info) ?? AnswerExtra(command, info) ?? "ERROR";
            }

            if (final == AnswerLater)
            {
                _afterFinal.Clear(); // a slow command: the subclass sends its whole answer with EmitLater
                return;
            }

            for (int i = 0; i < _damagePdu.Count; i++)
            {
                if (command.StartsWith((string)_damagePdu[i]) && info.Count >= 2 && info[1] is string pdu)
                {
                    info[1] = pdu.Substring(0, pdu.Length - 2);
                    _damagePdu.RemoveAt(i);
                    break;
                }
            }

            string inside = null;
            for (int i = 0; i < _insideResponse.Count; i++)
            {
                var pair = (string[])_insideResponse[i];
                if (command.StartsWith(pair[0]))
                {
                    inside = pair[1];
                    _insideResponse.RemoveAt(i);
                    break;
                }
            }

            for (int i = 0; i < info.Count; i++)
            {
                EmitLineOrBytes(info[i]);
                if (inside != null && i == 0)
                {
                    Emit(inside);
                    inside = null;
                }
            }

            if (inside != null)
            {
                Emit(inside);
            }

            Emit(final);
            for (int i = 0; i < _afterFinal.Count; i++)
            {
                Emit((string)_afterFinal[i]);
            }

            _afterFinal.Clear();
        }

        // Sends what has come due by Clock (call under the lock).
        private void RunDue()
        {
            ManualClock clock = Clock;
            for (int i = 0; clock != null && i < _scheduled.Count; i++)
            {
                var item = (object[])_scheduled[i];
                if ((long)item[0] > clock.MonotonicMilliseconds)
                {
                    continue;
                }

                _scheduled.RemoveAt(i--);
                var lines = (string[])item[1];
                if (lines == null)
                {
                    AckTimedOut(null);
                    continue;
                }

                for (int l = 0; l < lines.Length; l++)
                {
                    Emit(lines[l]);
                }
            }
        }

        private void AckTimedOut(object state)
        {
            lock (_sync)
            {
                if (_unacknowledged == 0)
                {
                    return;
                }

                _unacknowledged--;
                string[] cnmi = IndicationSetting.Split(',');
                cnmi[1] = "0"; // <mt>
                cnmi[3] = "0"; // <ds>
                IndicationSetting = cnmi[0] + "," + cnmi[1] + "," + cnmi[2] + "," + cnmi[3] + "," + cnmi[4];
            }
        }

        private void EmitLineOrBytes(object item)
        {
            if (item is byte[] raw)
            {
                Append(raw, 0, raw.Length);
            }
            else
            {
                Emit((string)item);
            }
        }

        private string AnswerSms(string command, ArrayList info)
        {
            switch (command)
            {
                case "AT":
                case "AT+CMGF=0":
                    return "OK";
                case "AT+CMEE=1":
                    _numericErrors = true;
                    return "OK";
                case "AT+CMEE?":
                    info.Add("+CMEE: " + (_numericErrors ? 1 : 0));
                    return "OK";
                case "AT+CNMI?":
                    info.Add("+CNMI: " + (IndicationSetting ?? "0,0,0,0,0"));
                    return "OK";
                case "ATE0":
                    Echo = false;
                    return "OK";
                case "ATE1":
                    Echo = true;
                    return "OK";
                case "AT+CSMS=1":
                    PhaseTwoPlus = true;
                    info.Add("+CSMS: 1,1,1");
                    return "OK";
                case "AT+CPMS?":
                    info.Add("+CPMS: \"SM\"," + _storage.Count + "," + Capacity + ",\"SM\"," + _storage.Count + "," + Capacity + ",\"SM\"," + _storage.Count + "," + Capacity);
                    return "OK";
                case "AT+CMGL=4":
                    for (int i = 1; i <= Capacity; i++)
                    {
                        var entry = (string[])_storage[i];
                        if (entry != null)
                        {
                            info.Add("+CMGL: " + i + "," + entry[1] + ",," + TpduLength(entry[0]));
                            info.Add(entry[0]);
                            entry[1] = "1";
                        }
                    }

                    return "OK";
                case "AT+CIMI":
                    if (Imsi == null)
                    {
                        return "+CME ERROR: 10"; // SIM not inserted (27.007 9.2.1)
                    }

                    info.Add(Imsi);
                    return "OK";
                case "AT+CNMA":
                    if (_unacknowledged == 0)
                    {
                        return "+CMS ERROR: 340";
                    }

                    _unacknowledged--;
                    return "OK";
            }

            if (!SmsSupported && (command.StartsWith("AT+CPMS=") || command.StartsWith("AT+CNMI=")))
            {
                return "+CMS ERROR: 302"; // operation not allowed; what such a module really answers is not documented
            }

            if (command.StartsWith("AT+CPMS="))
            {
                info.Add("+CPMS: " + _storage.Count + "," + Capacity + "," + _storage.Count + "," + Capacity + "," + _storage.Count + "," + Capacity);
                return "OK";
            }

            if (command.StartsWith("AT+CNMI="))
            {
                IndicationSetting = command.Substring(8);
                return "OK";
            }

            if (command.StartsWith("AT+CMGR="))
            {
                var entry = (string[])_storage[AtText.ParseDecimal(command.Substring(8))];
                if (entry == null)
                {
                    return "+CMS ERROR: 321";
                }

                info.Add("+CMGR: " + entry[1] + ",," + TpduLength(entry[0]));
                info.Add(entry[0]);
                entry[1] = "1";
                return "OK";
            }

            if (command.StartsWith("AT+CMGD="))
            {
                int index = AtText.ParseDecimal(command.Substring(8));
                if (index < 1 || index > Capacity)
                {
                    return "+CMS ERROR: 321";
                }

                _storage.Remove(index);
                return "OK";
            }

            if (command.StartsWith("AT+QURCCFG="))
            {
                return "OK";
            }

            return null;
        }

        // TS 27.005 3.1 <length>: the TPDU length in octets, without the SMSC address.
        private static int TpduLength(string pduHex)
        {
            int smscLength = System.Convert.ToInt32(pduHex.Substring(0, 2), 16);
            return (pduHex.Length / 2) - 1 - smscLength;
        }
    }
}

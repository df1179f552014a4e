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
    /// This class is the link and the AT answerer that composes the parts, each with one job and all used under its
    /// lock: the link's bytes (<see cref="SimulatedLinkBytes"/>), the record of commands (<see cref="ModemDialogue"/>),
    /// the scripted faults (<see cref="ModemFaultScript"/>), delayed lines (<see cref="ModemSchedule"/>), message
    /// storage with its 27.005 commands (<see cref="SimulatedSmsStorage"/>) and how an arriving message is delivered
    /// (<see cref="SimulatedSmsDelivery"/>).
    /// </summary>
    public class ScriptedModem : IModemLink
    {
        private readonly object _sync = new object();
        private readonly SimulatedLinkBytes _link = new SimulatedLinkBytes();
        private readonly ModemDialogue _dialogue = new ModemDialogue();
        private readonly ModemFaultScript _faults = new ModemFaultScript();
        private readonly ModemSchedule _schedule = new ModemSchedule();
        private readonly SimulatedSmsStorage _storage;
        private readonly SimulatedSmsDelivery _delivery = new SimulatedSmsDelivery();
        private readonly ArrayList _afterFinal = new ArrayList();
        private bool _numericErrors;

        /// <summary>Creates a modem that has just powered up: echo on, nothing configured.</summary>
        /// <param name="capacity">Storage slots (indexes 1..capacity).</param>
        public ScriptedModem(int capacity)
        {
            _storage = new SimulatedSmsStorage(capacity);
            Echo = true;
            MaxChunk = 13;
            BootLines = new string[] { "RDY", "+CPIN: READY", "SMS Ready" };
        }

        /// <summary>Storage slots.</summary>
        public int Capacity => _storage.Capacity;

        /// <summary>Echo state (ATE).</summary>
        public bool Echo { get; set; }

        /// <summary>Last AT+CNMI parameters, null after power-up.</summary>
        public string IndicationSetting
        {
            get
            {
                lock (_sync)
                {
                    return _delivery.IndicationSetting;
                }
            }
        }

        /// <summary>Phase 2+ service selected (AT+CSMS=1).</summary>
        public bool PhaseTwoPlus
        {
            get
            {
                lock (_sync)
                {
                    return _delivery.PhaseTwoPlus;
                }
            }
        }

        /// <summary>When true the modem swallows commands and sends nothing.</summary>
        public bool Silent
        {
            get => _faults.Silent;
            set => _faults.Silent = value;
        }

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
                    return _delivery.Unacknowledged;
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
                    return _link.Pending;
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
                return _dialogue.Lines();
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
            return ModemDialogue.Join(Dialogue());
        }

        /// <summary>How often a command line was received exactly.</summary>
        /// <param name="command">The command.</param>
        /// <returns>The count.</returns>
        public int CountCommand(string command)
        {
            return ModemDialogue.Count(Dialogue(), command);
        }

        /// <summary>True when storage holds this PDU.</summary>
        /// <param name="pduHex">The PDU.</param>
        /// <returns>Whether it is stored.</returns>
        public bool Holds(string pduHex)
        {
            lock (_sync)
            {
                return _storage.Holds(pduHex);
            }
        }

        /// <summary>Puts a received message in storage without telling anyone (arrived while the device was off).</summary>
        /// <param name="pduHex">The PDU with SMSC address.</param>
        /// <returns>Its index.</returns>
        public int Store(string pduHex)
        {
            lock (_sync)
            {
                return _storage.Store(pduHex);
            }
        }

        /// <summary>A message arrives from the network and is handled as AT+CNMI says (+CMTI, +CMT, or silently stored).</summary>
        /// <param name="pduHex">The PDU with SMSC address.</param>
        public void Receive(string pduHex)
        {
            lock (_sync)
            {
                if (_delivery.RoutesToTerminal)
                {
                    bool awaitsAcknowledgement = _delivery.Routed();
                    Emit("+CMT: ," + SimulatedSmsStorage.TpduLength(pduHex));
                    Emit(pduHex);
                    if (awaitsAcknowledgement && AckTimeoutMilliseconds > 0)
                    {
                        if (Clock != null)
                        {
                            _schedule.At(Clock.MonotonicMilliseconds + AckTimeoutMilliseconds, null);
                        }
                        else
                        {
                            _schedule.Keep(new Timer(AckTimedOut, null, AckTimeoutMilliseconds, Timeout.Infinite));
                        }
                    }

                    return;
                }

                int index = _storage.Store(pduHex);
                if (_delivery.IndicatesStored && !Silent)
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
                _faults.FailNext(commandPrefix, finalLine);
            }
        }

        /// <summary>The next response to a command with this prefix carries the URC in its middle.</summary>
        /// <param name="commandPrefix">Command prefix.</param>
        /// <param name="urc">URC line.</param>
        public void InjectInsideNextResponse(string commandPrefix, string urc)
        {
            lock (_sync)
            {
                _faults.InjectInsideNextResponse(commandPrefix, urc);
            }
        }

        /// <summary>The next response to a command with this prefix has its first PDU line cut short by one octet (a UART
        /// overrun): the length its header announces no longer matches.</summary>
        /// <param name="commandPrefix">Command prefix.</param>
        public void DamageNextPdu(string commandPrefix)
        {
            lock (_sync)
            {
                _faults.DamageNextPdu(commandPrefix);
            }
        }

        /// <summary>Re-opens a closed link, as a new TCP connection to a network serial server: what was in flight is lost;
        /// the modem itself (settings, storage) is unchanged.</summary>
        public void Reopen()
        {
            lock (_sync)
            {
                _link.Reopen();
            }
        }

        /// <summary>Power-cycles the modem: echo back on, CNMI and CSMS forgotten, storage kept, boot URCs sent.</summary>
        public void Reboot()
        {
            lock (_sync)
            {
                Echo = true;
                _delivery.Reset();
                _numericErrors = false;
                _link.ForgetInput();
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
                _link.Close();
            }
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            for (int attempt = 0; attempt < 2; attempt++)
            {
                lock (_sync)
                {
                    RunDue();
                    if (_link.Closed)
                    {
                        return -1;
                    }

                    if (_link.Pending > 0)
                    {
                        return _link.Take(buffer, offset, count, MaxChunk);
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
                        _link.WaitForOutput(timeoutMilliseconds);
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
                    string line = _link.Accept((char)buffer[offset + i]);
                    if (line != null)
                    {
                        _dialogue.Add(line);
                        if (!Silent)
                        {
                            Answer(line);
                        }
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
                _schedule.At(Clock.MonotonicMilliseconds + delayMilliseconds, lines);
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
            _schedule.Keep(new Timer(send, null, delayMilliseconds, Timeout.Infinite));
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
            _link.Append(bytes, offset, count);
        }

        private void Answer(string command)
        {
            if (Echo)
            {
                EmitText(command + "\r");
            }

            var info = new ArrayList();
            string final = _faults.TakeFinal(command);
            if (final == null)
            {
                final = AnswerStandard(command, info) ?? AnswerExtra(command, info) ?? "ERROR";
            }

            if (final == AnswerLater)
            {
                _afterFinal.Clear(); // a slow command: the subclass sends its whole answer with EmitLater
                return;
            }

            _faults.Damage(command, info);
            string inside = _faults.TakeInside(command);
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
            string[] lines;
            while (clock != null && _schedule.TakeDue(clock.MonotonicMilliseconds, out lines))
            {
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
                _delivery.AcknowledgementTimedOut();
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

        // The 27.007 basics this modem shares with every module (echo, error format, PDU mode, IMSI), then the 27.005
        // message service and storage; null when the command is none of them.
        private string AnswerStandard(string command, ArrayList info)
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
                case "ATE0":
                    Echo = false;
                    return "OK";
                case "ATE1":
                    Echo = true;
                    return "OK";
                case "AT+CIMI":
                    if (Imsi == null)
                    {
                        return "+CME ERROR: 10"; // SIM not inserted (27.007 9.2.1)
                    }

                    info.Add(Imsi);
                    return "OK";
            }

            if (!SmsSupported && (command.StartsWith("AT+CPMS=") || command.StartsWith("AT+CNMI=")))
            {
                return "+CMS ERROR: 302"; // operation not allowed; what such a module really answers is not documented
            }

            if (command.StartsWith("AT+QURCCFG="))
            {
                return "OK";
            }

            return _delivery.Answer(command, info) ?? _storage.Answer(command, info);
        }
    }
}

using System;
using System.Collections;
using System.Threading;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// The AT command channel (3GPP TS 27.007 clause 5, TS 27.005 clause 3): one reader thread turns the modem's bytes
    /// into lines; one command at a time is written and its information lines and final result collected; every line
    /// that starts with a registered URC prefix, wherever it falls (even inside a response), goes to
    /// <see cref="UrcReceived"/>.
    /// </summary>
    /// <remarks>
    /// Line framing: lines end at CR or LF; blank lines are skipped. Bytes that are not printable ASCII are dropped and
    /// counted (a modem powering up or a baud-rate glitch sends them); a line longer than
    /// <see cref="MaxLineLength"/> is discarded up to its end and counted. An echoed command line is ignored, so echo
    /// may be on or off. A response line announcing raw bytes (<see cref="AtCommand.BinaryLengthField"/>) switches the
    /// reader to counting exactly that many bytes. A data line announced by a header (the PDU after <c>+CMGL:</c>,
    /// <c>+CMGR:</c>, <c>+CMT:</c>) is the first line that passes the command's or URC's <see cref="PayloadLineTest"/>;
    /// a URC or stray line in between is handled as itself, never taken as the data. <see cref="UrcReceived"/> runs on
    /// the reader thread: a handler must not send a command from there (it would wait for the thread that is running
    /// it); it queues work instead.
    /// <para>Link loss: when the link ends (end of stream, a read or write that throws) the channel is closed and every
    /// command fails with <see cref="AtResult.LinkFailure"/>. With a <see cref="Connector"/>, <see cref="Reconnect"/>
    /// replaces the link (the workers call it with back-off) and <see cref="Generation"/> moves on, which tells every
    /// worker on the channel to set the modem up again.</para>
    /// </remarks>
    public sealed class AtChannel : IDisposable
    {
        /// <summary>Default bound of one line (a 1460-byte datagram in hex plus its header fits).</summary>
        public const int DefaultMaxLineLength = 3200;

        private const int ReadChunk = 256;

        // A URC header awaiting its data line gives up after this many other lines (the data is then reported missing).
        private const int UrcPayloadPatience = 4;

        private readonly AutoResetEvent _linkChanged = new AutoResetEvent(false);
        private IModemLink _link;
        private int _generation;
        private bool _resetFraming;
        private readonly object _commandLock = new object();
        private readonly object _stateLock = new object();
        private readonly AutoResetEvent _completed = new AutoResetEvent(false);
        private readonly ArrayList _urcPrefixes = new ArrayList();
        private readonly char[] _line;

        private Thread _reader;
        private bool _stopping;
        private bool _closed;
        private PendingCommand _pending;

        private int _lineLength;
        private bool _discardingLine;
        private bool _garbageInLine;
        private string _urcAwaitingPayload;
        private PayloadLineTest _urcAwaitingTest;
        private int _urcPatienceLeft;
        private byte[] _binary;
        private int _binaryFilled;
        private bool _skipLineFeed;

        private int _overlongLines;
        private int _garbageBytes;
        private int _unexpectedLines;

        /// <summary>Creates a channel over a link; call <see cref="Start"/> to begin reading.</summary>
        /// <param name="link">The byte link to the modem.</param>
        /// <param name="maxLineLength">Bound of one line in characters (longer lines are discarded).</param>
        public AtChannel(IModemLink link, int maxLineLength)
        {
            if (link == null)
            {
                throw new ArgumentNullException(nameof(link));
            }

            if (maxLineLength < 16)
            {
                throw new ArgumentOutOfRangeException(nameof(maxLineLength));
            }

            _link = link;
            _line = new char[maxLineLength];
            ReadPollMilliseconds = 50;
        }

        /// <summary>Raised on the reader thread for every URC. Must not send commands (queue the work).</summary>
        public event UrcHandler UrcReceived;

        /// <summary>Raised for discarded lines and garbage, link failures and command failures.</summary>
        public event ModemEventHandler EventRaised;

        /// <summary>Bound of one line.</summary>
        public int MaxLineLength => _line.Length;

        /// <summary>How long the reader waits for bytes per read (the latency of <see cref="Dispose"/>).</summary>
        public int ReadPollMilliseconds { get; set; }

        /// <summary>Lines discarded for exceeding <see cref="MaxLineLength"/>.</summary>
        public int OverlongLines => _overlongLines;

        /// <summary>Non-text bytes dropped.</summary>
        public int GarbageBytes => _garbageBytes;

        /// <summary>Lines that were neither a response nor a registered URC.</summary>
        public int UnexpectedLines => _unexpectedLines;

        /// <summary>False once the link reported its end, until <see cref="Reconnect"/> opened a new one.</summary>
        public bool IsOpen => !_closed;

        /// <summary>The current link (null between a lost link and a successful <see cref="Reconnect"/>).</summary>
        public IModemLink Link => _link;

        /// <summary>Opens a new link after the current one ended; null (the default): the channel cannot reconnect.</summary>
        public IModemConnector Connector { get; set; }

        /// <summary>
        /// Counts the times the modem's state may have been lost: a new link (<see cref="Reconnect"/>) or a reset a
        /// worker noticed (<see cref="NotifyModemReset"/>). A worker that sees it change sets the modem up again.
        /// </summary>
        public int Generation => _generation;

        /// <summary>Why <see cref="Generation"/> last moved: <c>link-closed</c> (a new link) or <c>reset</c>.</summary>
        public string GenerationReason { get; private set; }

        /// <summary>Links opened by <see cref="Reconnect"/>.</summary>
        public int Reconnects { get; private set; }

        /// <summary>Data lines announced by a header that were never seen (a URC or damaged line stood in their place).</summary>
        public int MissingPayloads { get; private set; }

        /// <summary>
        /// Registers a URC prefix. Matching is by <c>StartsWith</c>, so give the colon where the URC has one
        /// (<c>+CMTI:</c>) and the whole text where it has none (<c>RING</c>, <c>SMS Ready</c>).
        /// </summary>
        /// <param name="prefix">The prefix.</param>
        /// <param name="payloadLine">True when one data line follows the URC (<c>+CMT:</c> then the PDU).</param>
        public void RegisterUrc(string prefix, bool payloadLine)
        {
            Register(prefix, payloadLine, null);
        }

        /// <summary>Registers a URC followed by a data line that <paramref name="payloadTest"/> recognises.</summary>
        /// <param name="prefix">The prefix.</param>
        /// <param name="payloadTest">Recognises the data line (<see cref="AtText.IsSmsPduLine"/> for <c>+CMT:</c>).</param>
        public void RegisterUrc(string prefix, PayloadLineTest payloadTest)
        {
            Register(prefix, true, payloadTest);
        }

        /// <summary>
        /// Replaces a link that ended, or one that stays silent, with <see cref="Connector"/>'s next link. Several workers
        /// may ask at once: only the first whose <paramref name="seenGeneration"/> is current replaces the link.
        /// </summary>
        /// <param name="seenGeneration">The <see cref="Generation"/> the caller found failing.</param>
        /// <returns>True when the channel has a link of a newer generation (opened now or by another worker).</returns>
        public bool Reconnect(int seenGeneration)
        {
            IModemConnector connector = Connector;
            if (connector == null)
            {
                return false;
            }

            lock (_commandLock)
            {
                IModemLink old;
                lock (_stateLock)
                {
                    if (_generation != seenGeneration)
                    {
                        return !_closed;
                    }

                    old = _link;
                    _link = null;
                    _closed = true; // bytes the reader still gets from the old link are dropped
                }

                if (old != null)
                {
                    connector.Release(old);
                }

                IModemLink fresh;
                try
                {
                    fresh = connector.Open();
                }
                catch (Exception ex)
                {
                    Raise(ModemEventKind.LinkFailed, "reconnect: " + ex.Message);
                    fresh = null;
                }

                if (fresh == null)
                {
                    return false;
                }

                lock (_stateLock)
                {
                    _link = fresh;
                    _generation++;
                    GenerationReason = "link-closed";
                    _resetFraming = true;
                    _closed = false;
                    Reconnects++;
                }

                _linkChanged.Set();
                Raise(ModemEventKind.LinkReopened, null);
                return true;
            }
        }

        /// <summary>A worker found the modem's settings lost without a boot URC: every worker sets it up again.</summary>
        public void NotifyModemReset()
        {
            lock (_stateLock)
            {
                _generation++;
                GenerationReason = "reset";
            }
        }

        /// <summary>Starts the reader thread.</summary>
        public void Start()
        {
            if (_reader != null)
            {
                throw new InvalidOperationException("Already started.");
            }

            _reader = new Thread(ReadLoop);
            _reader.Start();
        }

        /// <summary>Sends a command and waits for its final result.</summary>
        /// <param name="text">The command text without CR.</param>
        /// <param name="timeoutMilliseconds">Longest wait.</param>
        /// <returns>The response; never null.</returns>
        public AtResponse Execute(string text, int timeoutMilliseconds)
        {
            return Execute(new AtCommand(text, timeoutMilliseconds));
        }

        /// <summary>Sends a command and waits for its final result; commands from several threads are serialized.</summary>
        /// <param name="command">The command.</param>
        /// <returns>The response; never null.</returns>
        public AtResponse Execute(AtCommand command)
        {
            if (command == null)
            {
                throw new ArgumentNullException(nameof(command));
            }

            lock (_commandLock)
            {
                if (_closed)
                {
                    return new AtResponse(AtResult.LinkFailure, -1, null, new string[0], null);
                }

                var pending = new PendingCommand(command);
                lock (_stateLock)
                {
                    _pending = pending;
                }

                _completed.Reset();
                byte[] bytes = new byte[command.Text.Length + 1];
                for (int i = 0; i < command.Text.Length; i++)
                {
                    bytes[i] = (byte)command.Text[i];
                }

                bytes[bytes.Length - 1] = (byte)'\r';
                IModemLink link;
                int generation;
                lock (_stateLock)
                {
                    link = _link;
                    generation = _generation;
                }

                try
                {
                    link.Write(bytes, 0, bytes.Length);
                }
                catch (Exception ex)
                {
                    lock (_stateLock)
                    {
                        _pending = null;
                        if (Connector != null && generation == _generation)
                        {
                            _closed = true; // a link that cannot be written is gone; Reconnect replaces it
                        }
                    }

                    Raise(ModemEventKind.LinkFailed, command.Text + ": " + ex.Message);
                    return new AtResponse(AtResult.LinkFailure, -1, null, new string[0], null);
                }

                _completed.WaitOne(command.TimeoutMilliseconds, false);
                lock (_stateLock)
                {
                    if (_pending == pending)
                    {
                        _pending = null;
                    }

                    if (!pending.Done)
                    {
                        // A late final result for this command will arrive with no command pending and be ignored.
                        pending.Finish(_closed ? AtResult.LinkFailure : AtResult.Timeout, -1, null);
                    }
                }

                if (pending.Result == AtResult.Timeout)
                {
                    Raise(ModemEventKind.CommandTimedOut, command.Text);
                }

                return pending.ToResponse();
            }
        }

        /// <summary>Stops the reader thread (the link itself is the caller's to close).</summary>
        public void Dispose()
        {
            _stopping = true;
            if (_reader != null && _reader != Thread.CurrentThread)
            {
                _reader.Join(ReadPollMilliseconds * 4 + 1000);
            }
        }

        private void ReadLoop()
        {
            var buffer = new byte[ReadChunk];
            while (!_stopping)
            {
                IModemLink link;
                int generation;
                bool closed;
                lock (_stateLock)
                {
                    link = _link;
                    generation = _generation;
                    closed = _closed;
                    if (_resetFraming)
                    {
                        _resetFraming = false;
                        ResetFraming();
                    }
                }

                if (closed)
                {
                    if (Connector == null)
                    {
                        return;
                    }

                    _linkChanged.WaitOne(ReadPollMilliseconds, false);
                    continue;
                }

                int read;
                try
                {
                    read = link.Read(buffer, 0, buffer.Length, ReadPollMilliseconds);
                }
                catch (Exception ex)
                {
                    Raise(ModemEventKind.LinkFailed, ex.Message);
                    if (Connector == null)
                    {
                        Thread.Sleep(ReadPollMilliseconds);
                        continue;
                    }

                    read = -1; // with a connector a throwing link is replaced, not polled
                }

                if (read < 0)
                {
                    if (!CloseLink(generation))
                    {
                        continue; // the link had already been replaced
                    }

                    Raise(ModemEventKind.LinkClosed, null);
                    continue;
                }

                if (generation != _generation)
                {
                    continue; // late bytes of a replaced link
                }

                for (int i = 0; i < read; i++)
                {
                    Accept(buffer[i]);
                }
            }
        }

        // True when this call closed the link of that generation.
        private bool CloseLink(int generation)
        {
            lock (_stateLock)
            {
                if (generation != _generation || _closed)
                {
                    return false;
                }

                _closed = true;
                if (_pending != null)
                {
                    _pending.Finish(AtResult.LinkFailure, -1, null);
                    _completed.Set();
                }

                return true;
            }
        }

        // Called on the reader thread: a new link starts at a line boundary.
        private void ResetFraming()
        {
            _lineLength = 0;
            _discardingLine = false;
            _garbageInLine = false;
            _urcAwaitingPayload = null;
            _binary = null;
            _skipLineFeed = false;
        }

        private void Accept(byte value)
        {
            if (_binary != null)
            {
                AcceptBinary(value);
                return;
            }

            _skipLineFeed = false;
            if (value == '\r' || value == '\n')
            {
                EndLine();
                return;
            }

            if (value < 0x20 || value > 0x7E)
            {
                _garbageBytes++;
                _garbageInLine = true;
                return;
            }

            if (_discardingLine)
            {
                return;
            }

            if (_lineLength == _line.Length)
            {
                _discardingLine = true;
                _overlongLines++;
                return;
            }

            _line[_lineLength++] = (char)value;
        }

        private void AcceptBinary(byte value)
        {
            if (_skipLineFeed)
            {
                // The header line ended at CR; the LF of its CRLF is framing, not data.
                _skipLineFeed = false;
                if (value == '\n')
                {
                    return;
                }
            }

            _binary[_binaryFilled++] = value;
            if (_binaryFilled == _binary.Length)
            {
                lock (_stateLock)
                {
                    if (_pending != null)
                    {
                        _pending.Data = _binary;
                    }
                }

                _binary = null;
            }
        }

        private void EndLine()
        {
            if (_garbageInLine)
            {
                _garbageInLine = false;
                Raise(ModemEventKind.GarbageDiscarded, null);
            }

            if (_discardingLine)
            {
                _discardingLine = false;
                _lineLength = 0;
                Raise(ModemEventKind.OverlongLineDiscarded, null);
                return;
            }

            if (_lineLength == 0)
            {
                return;
            }

            string line = new string(_line, 0, _lineLength);
            _lineLength = 0;
            Dispatch(line);
        }

        private void Dispatch(string line)
        {
            if (_urcAwaitingPayload != null)
            {
                string header = _urcAwaitingPayload;
                if (_urcAwaitingTest == null || _urcAwaitingTest(header, line))
                {
                    _urcAwaitingPayload = null;
                    RaiseUrc(header, line);
                    return;
                }

                // Not its data line (a URC between header and data): handle the line on its own, keep waiting a little.
                if (--_urcPatienceLeft <= 0)
                {
                    _urcAwaitingPayload = null;
                    MissingPayloads++;
                    RaiseUrc(header, null);
                }
            }

            UrcRegistration urc;
            lock (_stateLock)
            {
                PendingCommand pending = _pending;
                if (pending != null && !pending.Done && DispatchToCommand(pending, line))
                {
                    return;
                }

                urc = MatchUrc(line);
                if (urc == null)
                {
                    if (pending != null && !pending.Done && !pending.AwaitingPayloadLine)
                    {
                        pending.Lines.Add(line);
                        return;
                    }

                    _unexpectedLines++;
                }
            }

            if (urc == null)
            {
                Raise(ModemEventKind.UnexpectedLine, line);
            }
            else if (urc.PayloadLine)
            {
                if (_urcAwaitingPayload != null)
                {
                    MissingPayloads++;
                    RaiseUrc(_urcAwaitingPayload, null); // a second header: the first one's data never came
                }

                _urcAwaitingPayload = line;
                _urcAwaitingTest = urc.PayloadTest;
                _urcPatienceLeft = UrcPayloadPatience;
            }
            else
            {
                RaiseUrc(line, null);
            }
        }

        // Called under _stateLock. True when the line belonged to the command.
        private bool DispatchToCommand(PendingCommand pending, string line)
        {
            if (line == pending.Command.Text)
            {
                return true; // echo
            }

            // A final result also ends a header whose data line never came (+QIRD: 0 has none).
            if (TryFinal(pending, line))
            {
                _completed.Set();
                return true;
            }

            if (pending.AwaitingPayloadLine)
            {
                PayloadLineTest test = pending.Command.PayloadTest;
                if (test != null ? test(pending.Header, line) : MatchUrc(line) == null)
                {
                    pending.AwaitingPayloadLine = false;
                    pending.Lines.Add(line);
                    return true;
                }
            }

            string prefix = pending.Command.ResponsePrefix;
            if (prefix == null || !line.StartsWith(prefix))
            {
                return false;
            }

            if (pending.AwaitingPayloadLine)
            {
                MissingPayloads++; // a header follows a header: the first one's data line never came
            }

            pending.Lines.Add(line);
            pending.Header = line;
            pending.AwaitingPayloadLine = pending.Command.PayloadLineAfterHeader;
            if (pending.Command.BinaryLengthField >= 0)
            {
                int length = AtText.IntField(AtText.Fields(line), pending.Command.BinaryLengthField);
                if (length > 0 && length <= 65535)
                {
                    _binary = new byte[length];
                    _binaryFilled = 0;
                    _skipLineFeed = true;
                }
            }

            return true;
        }

        private static bool TryFinal(PendingCommand pending, string line)
        {
            if (line == "OK")
            {
                pending.Finish(AtResult.Ok, -1, line);
            }
            else if (line == "ERROR")
            {
                pending.Finish(AtResult.Error, -1, line);
            }
            else if (line.StartsWith("+CMS ERROR:"))
            {
                pending.Finish(AtResult.CmsError, AtText.ParseDecimal(line.Substring(11).Trim()), line);
            }
            else if (line.StartsWith("+CME ERROR:"))
            {
                pending.Finish(AtResult.CmeError, AtText.ParseDecimal(line.Substring(11).Trim()), line);
            }
            else if (line == "NO CARRIER" || line == "BUSY" || line == "NO ANSWER" || line == "NO DIALTONE")
            {
                pending.Finish(AtResult.NoCarrier, -1, line);
            }
            else
            {
                return false;
            }

            return true;
        }

        private UrcRegistration MatchUrc(string line)
        {
            for (int i = 0; i < _urcPrefixes.Count; i++)
            {
                var registration = (UrcRegistration)_urcPrefixes[i];
                if (line.StartsWith(registration.Prefix))
                {
                    return registration;
                }
            }

            return null;
        }

        private void RaiseUrc(string line, string payload)
        {
            UrcHandler handler = UrcReceived;
            if (handler == null)
            {
                return;
            }

            try
            {
                handler(this, line, payload);
            }
            catch (Exception ex)
            {
                Raise(ModemEventKind.HandlerFailed, line + ": " + ex.Message);
            }
        }

        private void Raise(ModemEventKind kind, string detail)
        {
            ModemEvents.Raise(EventRaised, this, kind, detail);
        }

        private void Register(string prefix, bool payloadLine, PayloadLineTest payloadTest)
        {
            lock (_stateLock)
            {
                for (int i = 0; i < _urcPrefixes.Count; i++)
                {
                    var existing = (UrcRegistration)_urcPrefixes[i];
                    if (existing.Prefix == prefix)
                    {
                        existing.PayloadLine = payloadLine;
                        existing.PayloadTest = payloadTest;
                        return;
                    }
                }

                var registration = new UrcRegistration(prefix, payloadLine);
                registration.PayloadTest = payloadTest;
                _urcPrefixes.Add(registration);
            }
        }

        private sealed class UrcRegistration
        {
            public UrcRegistration(string prefix, bool payloadLine)
            {
                Prefix = prefix;
                PayloadLine = payloadLine;
            }

            public string Prefix { get; }

            public bool PayloadLine { get; set; }

            public PayloadLineTest PayloadTest { get; set; }
        }

        private sealed class PendingCommand
        {
            public PendingCommand(AtCommand command)
            {
                Command = command;
                Lines = new ArrayList();
            }

            public AtCommand Command { get; }

            public ArrayList Lines { get; }

            public bool AwaitingPayloadLine { get; set; }

            public string Header { get; set; }

            public byte[] Data { get; set; }

            public bool Done { get; private set; }

            public AtResult Result { get; private set; }

            public int ErrorCode { get; private set; }

            public string FinalLine { get; private set; }

            public void Finish(AtResult result, int errorCode, string finalLine)
            {
                Done = true;
                Result = result;
                ErrorCode = errorCode;
                FinalLine = finalLine;
            }

            public AtResponse ToResponse()
            {
                var lines = new string[Lines.Count];
                for (int i = 0; i < lines.Length; i++)
                {
                    lines[i] = (string)Lines[i];
                }

                return new AtResponse(Result, ErrorCode, FinalLine, lines, Data);
            }
        }
    }
}

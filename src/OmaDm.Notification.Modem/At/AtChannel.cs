using System;
using System.Threading;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// The AT command channel (3GPP TS 27.007 clause 5, TS 27.005 clause 3): the reader (<see cref="Step"/>, run by a
    /// <see cref="ModemLoop"/> and by a command waiting for its result) turns the modem's bytes into lines with an
    /// <see cref="AtLineFramer"/>; one command at a time is written and its information lines and final result collected; every line
    /// that starts with a registered URC prefix, wherever it falls (even inside a response), goes to
    /// <see cref="UrcReceived"/>.
    /// </summary>
    /// <remarks>
    /// Line framing (<see cref="AtLineFramer"/>): lines end at CR or LF; blank lines are skipped. Bytes that are not
    /// printable ASCII are dropped and counted (a modem powering up or a baud-rate glitch sends them); a line longer
    /// than <see cref="MaxLineLength"/> is discarded up to its end and counted. An echoed command line is ignored, so echo
    /// may be on or off. A response line announcing raw bytes (<see cref="AtCommand.BinaryLengthField"/>) switches the
    /// reader to counting exactly that many bytes. A data line announced by a header (the PDU after <c>+CMGL:</c>,
    /// <c>+CMGR:</c>, <c>+CMT:</c>) is the first line that passes the command's or URC's <see cref="PayloadLineTest"/>;
    /// a URC or stray line in between is handled as itself, never taken as the data. <see cref="UrcReceived"/> runs on
    /// the thread that reads (the caller of <see cref="Step"/> or <see cref="Execute(AtCommand)"/>): a handler must not
    /// send a command from there (it would wait for the reading that is running it); it queues work instead.
    /// <para>Link loss: when the link ends (end of stream, a read or write that throws) the channel is closed and every
    /// command fails with <see cref="AtResult.LinkFailure"/>. With a <see cref="Connector"/>, <see cref="Reconnect"/>
    /// replaces the link (the workers call it with back-off) and <see cref="Generation"/> moves on, which tells every
    /// worker on the channel to set the modem up again. Which link is current is kept by a
    /// <see cref="ModemLinkKeeper"/>; a URC's data line or raw bytes are put together by an
    /// <see cref="AtUrcAssembler"/>.</para>
    /// </remarks>
    public sealed class AtChannel
    {
        /// <summary>Default bound of one line (a 1460-byte datagram in hex plus its header fits).</summary>
        public const int DefaultMaxLineLength = 3200;

        private const int ReadChunk = 256;

        private readonly object _commandLock = new object();
        private readonly object _stateLock = new object();
        private readonly object _readLock = new object();
        private readonly AtUrcRegistry _urcs = new AtUrcRegistry();
        private readonly AtLineFramer _framer;
        private readonly ModemLinkKeeper _links;
        private readonly AtUrcAssembler _assembler;
        private readonly byte[] _readBuffer = new byte[ReadChunk];

        private AtPendingCommand _pending;
        private long _sentAt = -1;
        private long _answeredMilliseconds;
        private int _unexpectedLines;
        private int _commandPayloadsMissed;

        /// <summary>Creates a channel over a link; a <see cref="ModemLoop"/> reads it (<see cref="Step"/>).</summary>
        /// <param name="link">The byte link to the modem.</param>
        /// <param name="maxLineLength">Bound of one line in characters (longer lines are discarded).</param>
        public AtChannel(IModemLink link, int maxLineLength)
        {
            if (link == null)
            {
                throw new ArgumentNullException(nameof(link));
            }

            _framer = new AtLineFramer(maxLineLength);
            _links = new ModemLinkKeeper(link, OnLinkEvent);
            _assembler = new AtUrcAssembler(_framer, DeliverUrc);
            ReadPollMilliseconds = 50;
        }

        /// <summary>Raised for every URC on the thread that reads (see <see cref="Step"/>). Must not send commands (queue the work).</summary>
        public event UrcHandler UrcReceived;

        /// <summary>Raised for discarded lines and garbage, link failures and command failures.</summary>
        public event ModemEventHandler EventRaised;

        /// <summary>Bound of one line.</summary>
        public int MaxLineLength => _framer.MaxLineLength;

        /// <summary>How long one <see cref="Step"/> waits for bytes (the latency of stopping a <see cref="ModemLoop"/>).</summary>
        public int ReadPollMilliseconds { get; set; }

        /// <summary>Lines discarded for exceeding <see cref="MaxLineLength"/>.</summary>
        public int OverlongLines => _framer.OverlongLines;

        /// <summary>Non-text bytes dropped.</summary>
        public int GarbageBytes => _framer.GarbageBytes;

        /// <summary>Bytes of data URC payloads over their bound, discarded unread.</summary>
        public int SkippedDataBytes => _framer.SkippedBytes;

        /// <summary>Lines that were neither a response nor a registered URC.</summary>
        public int UnexpectedLines => _unexpectedLines;

        /// <summary>False once the link reported its end, until <see cref="Reconnect"/> opened a new one.</summary>
        public bool IsOpen => _links.IsOpen;

        /// <summary>The current link (null between a lost link and a successful <see cref="Reconnect"/>).</summary>
        public IModemLink Link => _links.Link;

        /// <summary>
        /// Times a command's deadline (<see cref="Execute(AtCommand)"/> reads the link itself until the final result or the
        /// deadline); null: the system's tick count.
        /// </summary>
        public IClock Clock { get; set; }

        /// <summary>Opens a new link after the current one ended; null (the default): the channel cannot reconnect.</summary>
        public IModemConnector Connector
        {
            get => _links.Connector;
            set => _links.Connector = value;
        }

        /// <summary>
        /// Counts the times the modem's state may have been lost: a new link (<see cref="Reconnect"/>) or a reset a
        /// worker noticed (<see cref="NotifyModemReset"/>). A worker that sees it change sets the modem up again.
        /// </summary>
        public int Generation => _links.Generation;

        /// <summary>Why <see cref="Generation"/> last moved: <c>link-closed</c> (a new link) or <c>reset</c>.</summary>
        public string GenerationReason => _links.GenerationReason;

        /// <summary>Links opened by <see cref="Reconnect"/>.</summary>
        public int Reconnects => _links.Reconnects;

        /// <summary>Data lines announced by a header that were never seen (a URC or damaged line stood in their place).</summary>
        public int MissingPayloads => _commandPayloadsMissed + _assembler.MissingPayloads;

        /// <summary>
        /// Registers a URC prefix. Matching is by <c>StartsWith</c>, so give the colon where the URC has one
        /// (<c>+CMTI:</c>) and the whole text where it has none (<c>RING</c>, <c>SMS Ready</c>).
        /// </summary>
        /// <param name="prefix">The prefix.</param>
        /// <param name="payloadLine">True when one data line follows the URC (<c>+CMT:</c> then the PDU).</param>
        public void RegisterUrc(string prefix, bool payloadLine)
        {
            lock (_stateLock)
            {
                _urcs.Register(prefix, payloadLine, null);
            }
        }

        /// <summary>
        /// Registers a URC whose line ends in a byte count and is followed by that many raw bytes (SIMCom's push-mode
        /// <c>+IPD&lt;len&gt;</c>, SIM7500/SIM7600 AT Manual 11.2.6): the bytes are framed by length, whatever their
        /// values, and handed to <see cref="UrcReceived"/> as the payload in hex. A header whose count is not a number in
        /// 1..<paramref name="maxLength"/> is raised with a null payload and no bytes are collected (the count bounds the
        /// buffer the channel allocates); for a count above the bound (up to <see cref="AtLineFramer.MaxBinaryLength"/>)
        /// that many bytes are discarded unread (<see cref="SkippedDataBytes"/>), never parsed as lines.
        /// </summary>
        /// <param name="prefix">The prefix before the count (<c>+IPD</c>).</param>
        /// <param name="maxLength">Largest payload accepted, at most <see cref="AtLineFramer.MaxBinaryLength"/>.</param>
        public void RegisterDataUrc(string prefix, int maxLength)
        {
            lock (_stateLock)
            {
                AtUrcRegistration registration = _urcs.Register(prefix, false, null);
                registration.DataLength = true;
                registration.MaxDataLength = maxLength;
            }
        }

        /// <summary>Registers a URC followed by a data line that <paramref name="payloadTest"/> recognises.</summary>
        /// <param name="prefix">The prefix.</param>
        /// <param name="payloadTest">Recognises the data line (<see cref="AtText.IsSmsPduLine"/> for <c>+CMT:</c>).</param>
        public void RegisterUrc(string prefix, PayloadLineTest payloadTest)
        {
            lock (_stateLock)
            {
                _urcs.Register(prefix, true, payloadTest);
            }
        }

        /// <summary>
        /// Replaces a link that ended, or one that stays silent, with <see cref="Connector"/>'s next link. Several workers
        /// may ask at once: only the first whose <paramref name="seenGeneration"/> is current replaces the link.
        /// </summary>
        /// <param name="seenGeneration">The <see cref="Generation"/> the caller found failing.</param>
        /// <returns>True when the channel has a link of a newer generation (opened now or by another worker).</returns>
        public bool Reconnect(int seenGeneration)
        {
            if (_links.Connector == null)
            {
                return false;
            }

            lock (_commandLock)
            {
                return _links.Reconnect(seenGeneration); // no command writes to the link being replaced
            }
        }

        /// <summary>A worker found the modem's settings lost without a boot URC: every worker sets it up again.</summary>
        public void NotifyModemReset()
        {
            _links.NotifyReset();
        }

        /// <summary>
        /// Milliseconds the modem has spent on commands it answered (any final result, an error included), plus the
        /// wait so far of the command in flight. It grows while the modem works on a command within its timeout (an
        /// <c>AT+QIACT</c> may take 150 s) and takes back the wait of a command that timed out: the watchdog counts
        /// only time the modem was neither ready nor answering as stale.
        /// </summary>
        public long BusyMilliseconds
        {
            get
            {
                lock (_stateLock)
                {
                    return _answeredMilliseconds + (_sentAt >= 0 ? Now() - _sentAt : 0);
                }
            }
        }

        /// <summary>Sends a command and waits for its final result.</summary>
        /// <param name="text">The command text without CR.</param>
        /// <param name="timeoutMilliseconds">Longest wait.</param>
        /// <returns>The response; never null.</returns>
        public AtResponse Execute(string text, int timeoutMilliseconds)
        {
            return Execute(new AtCommand(text, timeoutMilliseconds));
        }

        /// <summary>
        /// Sends a command and waits for its final result; commands from several threads are serialized. The calling
        /// thread reads the link (<see cref="Step"/>) until the result or the command's timeout by <see cref="Clock"/>;
        /// URCs read meanwhile go to <see cref="UrcReceived"/> on this thread.
        /// </summary>
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
                if (!_links.IsOpen)
                {
                    return LinkFailure();
                }

                var pending = new AtPendingCommand(command);
                lock (_stateLock)
                {
                    _pending = pending;
                    _sentAt = Now();
                }

                if (!Send(command.Text))
                {
                    return LinkFailure();
                }

                AwaitResult(pending, command.TimeoutMilliseconds);
                Withdraw(pending);
                if (pending.Result == AtResult.Timeout)
                {
                    Raise(ModemEventKind.CommandTimedOut, command.Text);
                }

                return pending.ToResponse();
            }
        }

        private static AtResponse LinkFailure()
        {
            return new AtResponse(AtResult.LinkFailure, -1, null, new string[0], null);
        }

        // Writes the command line; false when the link cannot be written: the pending command is withdrawn, and with a
        // connector the link is closed (it is gone; Reconnect replaces it).
        private bool Send(string text)
        {
            byte[] bytes = new byte[text.Length + 1];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            bytes[bytes.Length - 1] = (byte)'\r';
            int generation;
            IModemLink link = _links.ForWriting(out generation);
            try
            {
                link.Write(bytes, 0, bytes.Length);
                return true;
            }
            catch (Exception ex)
            {
                lock (_stateLock)
                {
                    _pending = null;
                    _sentAt = -1;
                }

                if (_links.Connector != null)
                {
                    _links.Close(generation);
                }

                Raise(ModemEventKind.LinkFailed, text + ": " + ex.Message);
                return false;
            }
        }

        // Reads on this thread until the command's final result, the link's end or the deadline.
        private void AwaitResult(AtPendingCommand pending, int timeoutMilliseconds)
        {
            long deadline = Now() + timeoutMilliseconds;
            while (!pending.Done && Step() && !pending.Done && Now() < deadline)
            {
            }
        }

        // No longer pending: an unanswered command ends as a timeout (or a link failure once the link is closed), and an
        // answered one adds its round trip to BusyMilliseconds.
        private void Withdraw(AtPendingCommand pending)
        {
            lock (_stateLock)
            {
                if (_pending == pending)
                {
                    _pending = null;
                }

                if (!pending.Done)
                {
                    // A late final result for this command will arrive with no command pending and be ignored.
                    pending.Finish(!_links.IsOpen ? AtResult.LinkFailure : AtResult.Timeout, -1, null);
                }

                if (pending.Result != AtResult.Timeout && pending.Result != AtResult.LinkFailure)
                {
                    _answeredMilliseconds += Now() - _sentAt;
                }

                _sentAt = -1;
            }
        }

        /// <summary>
        /// One pass of the reader: waits at most <see cref="ReadPollMilliseconds"/> for the link's bytes, frames them and
        /// dispatches every complete line (to the pending command or as a URC, on the calling thread). A
        /// <see cref="ModemLoop"/>, a waiting <see cref="Execute(AtCommand)"/>, a test or the fuzz target calls it. Passes
        /// from several threads (a modem loop and a command sent from elsewhere) run one at a time.
        /// </summary>
        /// <returns>False once the link has ended and the channel cannot reconnect (nothing will ever be read again).</returns>
        public bool Step()
        {
            lock (_readLock)
            {
                return ReadOnce();
            }
        }

        private long Now()
        {
            IClock clock = Clock;
            return clock != null ? clock.MonotonicMilliseconds : DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;
        }

        private bool ReadOnce()
        {
            int generation;
            bool open;
            bool newLink;
            IModemLink link = _links.ForReading(out generation, out open, out newLink);
            if (newLink)
            {
                _framer.Reset(); // a new link starts at a line boundary
                _assembler.Reset();
            }

            if (!open)
            {
                if (_links.Connector == null)
                {
                    return false;
                }

                _links.WaitForLink(ReadPollMilliseconds);
                return true;
            }

            int read;
            try
            {
                read = link.Read(_readBuffer, 0, _readBuffer.Length, ReadPollMilliseconds);
            }
            catch (Exception ex)
            {
                Raise(ModemEventKind.LinkFailed, ex.Message);
                if (_links.Connector == null)
                {
                    Thread.Sleep(ReadPollMilliseconds);
                    return true;
                }

                read = -1; // with a connector a throwing link is replaced, not polled
            }

            if (read < 0)
            {
                if (CloseLink(generation))
                {
                    Raise(ModemEventKind.LinkClosed, null);
                }

                return true; // the next pass ends the reader or waits for a new link
            }

            if (generation == _links.Generation)
            {
                Consume(_readBuffer, read); // else: late bytes of a replaced link
            }

            return true;
        }

        // True when this call closed the link of that generation (the command in flight then fails).
        private bool CloseLink(int generation)
        {
            if (!_links.Close(generation))
            {
                return false;
            }

            lock (_stateLock)
            {
                if (_pending != null)
                {
                    _pending.Finish(AtResult.LinkFailure, -1, null);
                }
            }

            return true;
        }

        private void Consume(byte[] buffer, int count)
        {
            int offset = 0;
            while (offset < count)
            {
                offset += _framer.Feed(buffer, offset, count - offset);
                if (_framer.Garbled)
                {
                    Raise(ModemEventKind.GarbageDiscarded, null);
                }

                switch (_framer.Frame)
                {
                    case AtFrameKind.Line:
                        Dispatch(_framer.Line);
                        break;
                    case AtFrameKind.Binary:
                        if (_assembler.TakeData(_framer.Data))
                        {
                            break;
                        }

                        lock (_stateLock)
                        {
                            if (_pending != null)
                            {
                                _pending.Data = _framer.Data;
                            }
                        }

                        break;
                    case AtFrameKind.OverlongLine:
                        Raise(ModemEventKind.OverlongLineDiscarded, null);
                        break;
                }
            }
        }

        private void Dispatch(string line)
        {
            if (_assembler.TakePayloadLine(line))
            {
                return;
            }

            AtUrcRegistration urc;
            lock (_stateLock)
            {
                AtPendingCommand pending = _pending;
                bool payloadMissed;
                if (pending != null && !pending.Done && pending.Take(line, _urcs, _framer, out payloadMissed))
                {
                    if (payloadMissed)
                    {
                        _commandPayloadsMissed++;
                    }

                    return;
                }

                urc = _urcs.Match(line);
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
            else
            {
                _assembler.Start(urc, line);
            }
        }

        // The link keeper's events, raised as the channel's.
        private void OnLinkEvent(object sender, ModemEventKind kind, string detail)
        {
            Raise(kind, detail);
        }

        // Raises a complete URC (the assembler delivers them here) on the reading thread.
        private void DeliverUrc(object sender, string line, string payload)
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
    }
}

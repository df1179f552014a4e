using System;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// The AT command channel (3GPP TS 27.007 clause 5, TS 27.005 clause 3): runs one command at a time (writes its line,
    /// waits for its final result, withdraws it) over a link whose bytes an <see cref="AtLineRouter"/> reads and routes:
    /// lines to the command in flight, lines with a registered URC prefix (even inside a response) to
    /// <see cref="UrcReceived"/>. A <see cref="ModemLoop"/> and a command waiting for its result read (<see cref="Step"/>).
    /// </summary>
    /// <remarks>
    /// Framing and routing (echo, raw bytes after a length field, a header's data line, URCs between) are described on
    /// <see cref="AtLineRouter"/>. <see cref="UrcReceived"/> runs on the thread that reads (the caller of
    /// <see cref="Step"/> or <see cref="Execute(AtCommand)"/>): a handler must not send a command from there (it would wait
    /// for the reading that is running it); it queues work instead.
    /// <para>Link loss: when the link ends (end of stream, a read or write that throws) the channel is closed and every
    /// command fails with <see cref="AtResult.LinkFailure"/>. With a <see cref="Connector"/>, <see cref="Reconnect"/>
    /// replaces the link (the workers call it with back-off) and <see cref="Generation"/> moves on, which tells every
    /// worker on the channel to set the modem up again. Which link is current is kept by a
    /// <see cref="ModemLinkKeeper"/>; a URC's data line or raw bytes are put together by an
    /// <see cref="AtUrcAssembler"/>.</para>
    /// </remarks>
    public sealed class AtChannel
    {
        /// <summary>
        /// A generous line bound for tests and host tools (no line the drivers keep as text comes near it). On the board
        /// use <see cref="ModemModel.LineLength"/> (416 characters: an SMS PDU line): a Quectel hex datagram is not kept
        /// as a line but decoded by the framer into a reused buffer (<see cref="AtCommand.HexPayload"/>), and the bound
        /// is a byte buffer kept for the channel's life.
        /// </summary>
        public const int DefaultMaxLineLength = 3200;

        private readonly object _commandLock = new object();
        private readonly object _busyLock = new object();
        private readonly ModemLinkKeeper _links;
        private readonly AtLineRouter _router;

        private long _sentAt = -1;
        private long _answeredMilliseconds;

        /// <summary>Creates a channel over a link; a <see cref="ModemLoop"/> reads it (<see cref="Step"/>).</summary>
        /// <param name="link">The byte link to the modem.</param>
        /// <param name="maxLineLength">Bound of one line in characters (longer lines are discarded).</param>
        public AtChannel(IModemLink link, int maxLineLength)
        {
            if (link == null)
            {
                throw new ArgumentNullException(nameof(link));
            }

            ModemEventHandler report = OnPartEvent; // one delegate for both parts
            _links = new ModemLinkKeeper(link, report);
            _router = new AtLineRouter(_links, maxLineLength, DeliverUrc, report);
        }

        /// <summary>Raised for every URC on the thread that reads (see <see cref="Step"/>). Must not send commands (queue the work).</summary>
        public event UrcHandler UrcReceived;

        /// <summary>Raised for discarded lines and garbage, link failures and command failures.</summary>
        public event ModemEventHandler EventRaised;

        /// <summary>Bound of one line.</summary>
        public int MaxLineLength => _router.MaxLineLength;

        /// <summary>How long one <see cref="Step"/> waits for bytes (the latency of stopping a <see cref="ModemLoop"/>).</summary>
        public int ReadPollMilliseconds
        {
            get => _router.ReadPollMilliseconds;
            set => _router.ReadPollMilliseconds = value;
        }

        /// <summary>Lines discarded for exceeding <see cref="MaxLineLength"/>.</summary>
        public int OverlongLines => _router.OverlongLines;

        /// <summary>Non-text bytes dropped.</summary>
        public int GarbageBytes => _router.GarbageBytes;

        /// <summary>Bytes of data URC payloads over their bound, discarded unread.</summary>
        public int SkippedDataBytes => _router.SkippedDataBytes;

        /// <summary>Lines that were neither a response nor a registered URC.</summary>
        public int UnexpectedLines => _router.UnexpectedLines;

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
        public int MissingPayloads => _router.MissingPayloads;

        /// <summary>
        /// Registers a URC prefix. Matching is by <c>StartsWith</c>, so give the colon where the URC has one
        /// (<c>+CMTI:</c>) and the whole text where it has none (<c>RING</c>, <c>SMS Ready</c>).
        /// </summary>
        /// <param name="prefix">The prefix.</param>
        /// <param name="payloadLine">True when one data line follows the URC (<c>+CMT:</c> then the PDU).</param>
        public void RegisterUrc(string prefix, bool payloadLine)
        {
            _router.RegisterUrc(prefix, payloadLine, null);
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
            _router.RegisterDataUrc(prefix, maxLength);
        }

        /// <summary>Registers a URC followed by a data line that <paramref name="payloadTest"/> recognises.</summary>
        /// <param name="prefix">The prefix.</param>
        /// <param name="payloadTest">Recognises the data line (<see cref="AtText.IsSmsPduLine"/> for <c>+CMT:</c>).</param>
        public void RegisterUrc(string prefix, PayloadLineTest payloadTest)
        {
            _router.RegisterUrc(prefix, true, payloadTest);
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
                lock (_busyLock)
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
                _router.Await(pending);
                lock (_busyLock)
                {
                    _sentAt = Now();
                }

                if (!Send(pending))
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
        private bool Send(AtPendingCommand pending)
        {
            string text = pending.Command.Text;
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
                _router.Withdraw(pending);
                lock (_busyLock)
                {
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
            while (!pending.Done && _router.Step() && !pending.Done && Now() < deadline)
            {
            }
        }

        // No longer pending: an unanswered command ends as a timeout (or a link failure once the link is closed), and an
        // answered one adds its round trip to BusyMilliseconds.
        private void Withdraw(AtPendingCommand pending)
        {
            _router.Withdraw(pending);
            lock (_busyLock)
            {
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
            return _router.Step();
        }

        private long Now()
        {
            IClock clock = Clock;
            return clock != null ? clock.MonotonicMilliseconds : DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;
        }

        // The link keeper's and the router's events, raised as the channel's.
        private void OnPartEvent(object sender, ModemEventKind kind, string detail)
        {
            ModemEvents.Raise(EventRaised, this, kind, detail);
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

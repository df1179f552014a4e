using System;
using System.Collections;
using OmaDm.Notification.Sms;
using OmaDm.Notification.Wdp;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// WDP over SMS: decodes an SMS-DELIVER, checks the user data header's destination port (2948), reassembles
    /// concatenated messages, and hands the WSP PDU to the <see cref="NotificationAgent"/>. Keeps, per pending message,
    /// the storage tokens of its parts so the modem driver deletes a stored SMS only once its whole message is done.
    /// </summary>
    /// <remarks>
    /// Dispositions: a WAP push to port 2948 (accepted or rejected by the agent), or a truncated or malformed PDU whose
    /// header already claims port 2948, is <see cref="SmsDisposition.Processed"/>; anything else (no port element, another
    /// port, a 7-bit or UCS2 coding, another message type) is <see cref="SmsDisposition.Foreign"/> and stays in storage.
    /// A part that names another port is foreign at once, concatenated or not: it never joins a held message, so a
    /// forged copy naming another port under a push message's sender and reference cannot make that message foreign.
    /// A concatenated message is WAP push when some part carries port 2948 (the others may carry none); a given-up
    /// message (evicted, timed out) releases its tokens and is reported only when it was WAP push, so parts of ordinary
    /// long texts are never deleted. Every final outcome other than an accepted push is reported through
    /// <see cref="NotificationAgent.ReportRejection"/> (the agent reports its own rejections). Thread-safe; the agent is
    /// called outside the receiver's lock.
    /// <para>Forgeries cannot starve reassembly (see <see cref="ConcatenationReassembler"/>): conflicting parts under one
    /// sender + reference are kept as candidates (the first copy and the newest) and their combinations tried through
    /// the agent, at most <see cref="SmsReceiverOptions.MaxCombinationsPerArrival"/> per added candidate, newest first;
    /// a complete message none of whose
    /// combinations was accepted stays held and stored (disposition Pending, reason of the last try) until another
    /// candidate completes it, the timeout or eviction; a combination that authenticated but was refused (replayed,
    /// duplicate, rate-limited) is spent too, its candidates kept (a newer trigger's genuine part may be byte-identical
    /// to one of them). A sender whose trigger was accepted is protected from displacement by other senders; a refusal
    /// confers nothing.</para>
    /// <para>Modem storage cannot be pinned: a stored copy whose bytes are held in memory, or not needed, is released
    /// at once (duplicates, replaced candidates), and the stored copies of the held candidates (the first and the newest
    /// copy of each part) of the pending WAP push messages are kept stored only up to
    /// <see cref="SmsReceiverOptions.MaxStoredParts"/>, the sender with the most losing one first. Trade-off: a part released before its message completes lives only in RAM, and a restart in
    /// that time loses it (the server's retry sends it again); within the bound, the usual case of one message at a
    /// time keeps every part stored.</para>
    /// <para>Out of memory: an allocation that fails while a message is decided, reassembled or tried is reported as
    /// <see cref="ReasonCode.OutOfMemory"/> (the agent reports its own) and the message gets
    /// <see cref="SmsDisposition.Retry"/>: its token is not released, a concatenation whose combinations were spent is
    /// let go (its stored parts are delivered again and make them anew), and the next delivery is judged as if the
    /// failure had not happened.</para>
    /// </remarks>
    public sealed class SmsNotificationReceiver
    {
        private const int CdmaPortPrefixLength = 4;
        private const int WapPushPortHigh = UserDataHeader.WapPushPort >> 8;
        private const int WapPushPortLow = UserDataHeader.WapPushPort & 0xFF;

        // Results without tokens remembered for reuse (they are immutable): a stream of parts, duplicates or foreign
        // messages then returns the same few objects instead of a new one per call.
        private const int ResultCacheSize = 4;

        private static readonly object[] NoTokens = new object[0];

        private readonly PushHandler _push;
        private readonly RejectionReporter _reject;
        private readonly SmsReceiverOptions _options;
        private readonly ConcatenationReassembler _reassembler;
        private readonly SmsDeliver _deliver = new SmsDeliver();
        private readonly UserDataHeader _header = new UserDataHeader();
        private readonly object _sync = new object();

        // Scratch owned by the receiver so that a part allocates nothing beyond its message: the messages given up by
        // one Add, and one spare Outcome (taken under the lock; a nested call from a callback makes its own).
        private readonly ArrayList _givenUp = new ArrayList();
        private readonly ArrayList _releasable = new ArrayList();
        private readonly SmsReceiveResult[] _results = new SmsReceiveResult[ResultCacheSize];
        private int _nextResult;
        private Outcome _spareOutcome;

        /// <summary>Creates a receiver that feeds a notification agent.</summary>
        /// <param name="agent">The agent that processes reassembled WSP PDUs and reports rejections.</param>
        /// <param name="clock">Injected time for reassembly timeouts.</param>
        /// <param name="options">Bounds and tolerances; null for defaults.</param>
        /// <exception cref="ArgumentNullException"><paramref name="agent"/> or <paramref name="clock"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A bound in <paramref name="options"/> is below 1.</exception>
        public SmsNotificationReceiver(NotificationAgent agent, IClock clock, SmsReceiverOptions options)
            : this(agent == null ? null : new PushHandler(agent.ProcessPush), agent == null ? null : new RejectionReporter(agent.ReportRejection), clock, options)
        {
        }

        /// <summary>Creates a receiver that feeds any push handler (the agent, or a tool that also shows the layers).</summary>
        /// <param name="push">Takes each complete WSP PDU; returns the verdict.</param>
        /// <param name="reject">Takes every final outcome below the push handler (foreign, evicted, incomplete).</param>
        /// <param name="clock">Injected time for reassembly timeouts.</param>
        /// <param name="options">Bounds and tolerances; null for defaults.</param>
        /// <exception cref="ArgumentNullException">A handler or the clock is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A bound in <paramref name="options"/> is below 1.</exception>
        public SmsNotificationReceiver(PushHandler push, RejectionReporter reject, IClock clock, SmsReceiverOptions options)
        {
            if (push == null || reject == null)
            {
                throw new ArgumentNullException(push == null ? nameof(push) : nameof(reject));
            }

            _push = push;
            _reject = reject;
            _options = options ?? new SmsReceiverOptions();
            if (_options.MaxMessageBytes < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "MaxMessageBytes must be at least 1.");
            }

            _reassembler = new ConcatenationReassembler(
                clock,
                _options.MaxPendingMessages,
                _options.MaxPendingBytes,
                _options.ReassemblyTimeoutMilliseconds,
                _options.MaxMessagesPerSender,
                _options.MaxCandidatesPerPart,
                _options.MaxStoredParts,
                _options.MaxPartsPerMessage);
        }

        /// <summary>Concatenated messages currently held.</summary>
        public int PendingMessages
        {
            get
            {
                lock (_sync)
                {
                    return _reassembler.PendingMessages;
                }
            }
        }

        /// <summary>Receives one TPDU as a modem gives it in PDU mode (SMSC address first).</summary>
        /// <param name="pdu">Buffer holding the PDU bytes (already converted from hex).</param>
        /// <param name="offset">First byte (the SMSC address length).</param>
        /// <param name="count">Length.</param>
        /// <param name="storageToken">Opaque token for the stored copy (the modem index), or null when not stored (+CMT).</param>
        /// <returns>
        /// The disposition, reason and released tokens. The released tokens also hold those of messages given up during
        /// this call (timed out, or evicted to make room), which are safe to delete as well.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="pdu"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="pdu"/>.</exception>
        public SmsReceiveResult Receive(byte[] pdu, int offset, int count, object storageToken)
        {
            Buffers.ByteReader.CheckRange(pdu, offset, count);
            Outcome outcome;
            lock (_sync)
            {
                outcome = TakeOutcome();
                try
                {
                    GiveUp(_reassembler.ExpireStale(), ReasonCode.Incomplete, outcome);
                    Classify(pdu, offset, count, storageToken, outcome);
                }
                catch (OutOfMemoryException)
                {
                    outcome.OutOfMemory(storageToken, _deliver.OriginatingAddress);
                }
            }

            return outcome.Finish(this);
        }

        /// <summary>Gives up on concatenated messages older than the timeout (each reported as Incomplete).</summary>
        /// <returns>Storage tokens of the given-up parts, now safe to delete; empty, never null.</returns>
        public object[] ExpireStale()
        {
            Outcome outcome;
            lock (_sync)
            {
                outcome = TakeOutcome();
                GiveUp(_reassembler.ExpireStale(), ReasonCode.Incomplete, outcome);
            }

            return outcome.Finish(this).ReleasedTokens;
        }

        // Decides under the lock; the agent is called afterwards by Outcome.Finish.
        private void Classify(byte[] pdu, int offset, int count, object token, Outcome outcome)
        {
            if (!DecodeHeader(pdu, offset, count, token, outcome))
            {
                return;
            }

            string source = _deliver.OriginatingAddress;
            if (_header.DestinationPort >= 0 && _header.DestinationPort != UserDataHeader.WapPushPort)
            {
                // Another port is not WAP push, concatenated or not: left alone, it never joins a message held for port
                // 2948, so a forged copy under a push message's sender and reference cannot turn that message foreign.
                outcome.Final(SmsDisposition.Foreign, ReasonCode.WrongPort, source);
                return;
            }

            if (!_header.IsConcatenated || _header.TotalParts == 1)
            {
                ClassifySingle(pdu, source, token, outcome);
                return;
            }

            if (_header.TotalParts > _options.MaxPartsPerMessage)
            {
                // Refused before anything is allocated for it: a message's tables are sized by its declared total.
                bool claimed = _header.DestinationPort == UserDataHeader.WapPushPort;
                outcome.Final(claimed ? SmsDisposition.Processed : SmsDisposition.Foreign, ReasonCode.Oversized, source);
                if (claimed)
                {
                    outcome.Release(token);
                }

                return;
            }

            ReassemblyStatus status = Reassemble(pdu, source, token, outcome, out PendingMessage message);
            ClassifyConcatenated(status, message, source, outcome);
        }

        // Decodes the SMS-DELIVER into _deliver and its user data header into _header. False when the PDU is decided
        // here: undecodable, without a header, or with a broken one (ours to consume only when it named port 2948).
        private bool DecodeHeader(byte[] pdu, int offset, int count, object token, Outcome outcome)
        {
            ReasonCode reason = SmsDeliverDecoder.Decode(pdu, offset, count, _deliver);
            string source = _deliver.OriginatingAddress;
            bool truncatedUserData = reason == ReasonCode.Truncated && _deliver.UserDataOffset >= 0;
            if (reason != ReasonCode.None && !truncatedUserData)
            {
                outcome.Final(SmsDisposition.Foreign, reason, source);
                return false;
            }

            if (!_deliver.HasUserDataHeader)
            {
                outcome.Final(SmsDisposition.Foreign, truncatedUserData ? reason : ReasonCode.NotWdp, source);
                return false;
            }

            ReasonCode header = _header.Decode(pdu, _deliver.UserDataOffset, _deliver.UserDataCount);
            if (truncatedUserData || header != ReasonCode.None)
            {
                // A broken PDU is ours to consume only when its header already named port 2948.
                bool claimed = _header.DestinationPort == UserDataHeader.WapPushPort;
                outcome.Final(claimed ? SmsDisposition.Processed : SmsDisposition.Foreign, truncatedUserData ? reason : header, source);
                if (claimed)
                {
                    outcome.Release(token);
                }

                return false;
            }

            return true;
        }

        // A message in one part: delivered when it is addressed to port 2948, foreign without a port element.
        private void ClassifySingle(byte[] pdu, string source, object token, Outcome outcome)
        {
            if (_header.DestinationPort != UserDataHeader.WapPushPort)
            {
                outcome.Final(SmsDisposition.Foreign, ReasonCode.NotWdp, source);
                return;
            }

            outcome.Deliver(pdu, _header.PayloadOffset, _header.PayloadCount, source, token);
        }

        // Adds the part to its message; reports and releases the messages given up to make room, and releases every
        // stored copy that no longer needs its slot.
        private ReassemblyStatus Reassemble(byte[] pdu, string source, object token, Outcome outcome, out PendingMessage message)
        {
            ArrayList givenUp = _givenUp;
            ReassemblyStatus status = _reassembler.Add(source, _header, pdu, token, givenUp, out message);
            for (int i = 0; i < givenUp.Count; i++)
            {
                GiveUp((PendingMessage)givenUp[i], ReasonCode.Evicted, outcome);
            }

            givenUp.Clear();

            // What is held in memory needs no storage slot beyond the bounded backing: delete the rest now, so forged or
            // conflicting copies cannot fill the modem's storage while a message waits for its parts.
            ArrayList releasable = _releasable;
            _reassembler.TakeReleasable(releasable, message);
            for (int i = 0; i < releasable.Count; i++)
            {
                outcome.Release(releasable[i]);
            }

            releasable.Clear();
            return status;
        }

        // What the part's message needs next: to wait for parts, to be given up, to be left alone (not WAP push), or
        // its new combinations tried.
        private void ClassifyConcatenated(ReassemblyStatus status, PendingMessage message, string source, Outcome outcome)
        {
            if (status == ReassemblyStatus.Pending)
            {
                outcome.Disposition = SmsDisposition.Pending;
                return;
            }

            if (status == ReassemblyStatus.Evicted)
            {
                outcome.Disposition = message.IsWapPush ? SmsDisposition.Processed : SmsDisposition.Foreign;
                outcome.Reason = ReasonCode.Evicted;
                GiveUp(message, ReasonCode.Evicted, outcome);
                return;
            }

            if (!message.IsWapPush)
            {
                _reassembler.Finish(message);
                outcome.Final(SmsDisposition.Foreign, ReasonCode.NotWdp, source);
                return;
            }

            // Every part number has a candidate and this part made new combinations: each is tried once, through the
            // agent, until one authenticates. Until then every candidate stays held (and stored, within the bound), so a
            // forged part that came first cannot make the genuine parts be deleted.
            outcome.Disposition = SmsDisposition.Pending;
            outcome.Reason = message.LastTrialReason;
            byte[][][] trials = message.TakeTrials(_options.MaxCombinationsPerArrival);
            if (trials.Length > 0)
            {
                outcome.Try(message, trials, source);
            }
        }

        // Under the lock.
        private Outcome TakeOutcome()
        {
            Outcome outcome = _spareOutcome;
            _spareOutcome = null;
            return outcome ?? new Outcome();
        }

        // A result for this call: a remembered one when no tokens are released, as most calls release none.
        private SmsReceiveResult Result(SmsDisposition disposition, ReasonCode reason, ArrayList released)
        {
            if (released.Count > 0)
            {
                return new SmsReceiveResult(disposition, reason, released.ToArray());
            }

            SmsReceiveResult[] results = _results;
            for (int i = 0; i < results.Length; i++)
            {
                SmsReceiveResult known = results[i];
                if (known != null && known.Disposition == disposition && known.Reason == reason)
                {
                    return known;
                }
            }

            // Results are immutable, so a race here only costs an allocation; the index stays in range.
            var result = new SmsReceiveResult(disposition, reason, NoTokens);
            int next = _nextResult;
            results[next] = result;
            _nextResult = (next + 1) % results.Length;
            return result;
        }

        private static void GiveUp(PendingMessage[] messages, ReasonCode reason, Outcome outcome)
        {
            for (int i = 0; i < messages.Length; i++)
            {
                GiveUp(messages[i], reason, outcome);
            }
        }

        private static void GiveUp(PendingMessage message, ReasonCode reason, Outcome outcome)
        {
            // Parts of a message that never claimed port 2948 may be an ordinary long text: leave them stored, unreported.
            if (message.IsWapPush)
            {
                outcome.ReleaseAll(message.Tokens);

                // A message whose combinations were all refused was reported by the agent already, per combination.
                if (reason != ReasonCode.Incomplete || message.TriedCombinations == 0)
                {
                    outcome.Report(reason, message.Sender);
                }
            }
        }

        // Runs outside the lock: tries each combination through the agent until one authenticates.
        private ReasonCode TryCombinations(PendingMessage message, byte[][][] trials, string source, Outcome outcome)
        {
            ReasonCode reason = ReasonCode.None;
            for (int i = 0; i < trials.Length; i++)
            {
                byte[] payload = null;
                if (PendingMessage.AssembledLength(trials[i]) > _options.MaxMessageBytes)
                {
                    // Never assembled: a payload larger than any message the device takes would be an allocation above
                    // the receive path's bound, made before anything is authenticated. Only this combination is spent.
                    _reject(ReasonCode.Oversized, Bearer.Sms, source);
                    reason = ReasonCode.Oversized;
                }
                else
                {
                    try
                    {
                        payload = PendingMessage.Assemble(trials[i]);
                    }
                    catch (OutOfMemoryException)
                    {
                        _reject(ReasonCode.OutOfMemory, Bearer.Sms, source);
                        reason = ReasonCode.OutOfMemory;
                    }
                }

                if (payload != null)
                {
                    reason = ProcessPush(payload, 0, payload.Length, source);
                }

                if (reason == ReasonCode.OutOfMemory)
                {
                    // The combinations handed out are spent: let the message go without releasing its tokens, so the
                    // driver's next sweep delivers its stored parts again and they make the combinations anew.
                    lock (_sync)
                    {
                        _reassembler.Finish(message);
                    }

                    outcome.Disposition = SmsDisposition.Retry;
                    return reason;
                }

                if (reason == ReasonCode.None)
                {
                    lock (_sync)
                    {
                        // Given up meanwhile by another call: that call released the tokens.
                        if (_reassembler.Finish(message))
                        {
                            outcome.ReleaseAll(message.Tokens);
                        }

                        _reassembler.Trust(source);
                    }

                    outcome.Disposition = SmsDisposition.Processed;
                    return reason;
                }

                // A combination that authenticated but was refused (replayed, duplicate, rate-limited...) keeps its
                // candidates: a genuine part of a newer trigger can be byte-identical to one of them (same length, same
                // vendor bytes), so none may go before the message completes, times out or is evicted. Only the
                // combination is spent: TakeTrials never hands it out again.
            }

            lock (_sync)
            {
                message.LastTrialReason = reason;
            }

            return reason;
        }

        private ReasonCode ProcessPush(byte[] buffer, int offset, int count, string source)
        {
            if (_options.TolerateCdmaDuplicatePorts && count >= CdmaPortPrefixLength
                && buffer[offset] == WapPushPortHigh && buffer[offset + 1] == WapPushPortLow)
            {
                offset += CdmaPortPrefixLength;
                count -= CdmaPortPrefixLength;
            }

            return _push(buffer, offset, count, Bearer.Sms, source);
        }

        // What one call decided, carried out of the lock: the agent runs user callbacks and must not run under it. Reused
        // by the receiver call after call (Finish clears it), so its lists keep their capacity.
        private sealed class Outcome
        {
            private const int InitialReports = 4;

            private readonly ArrayList _released = new ArrayList();

            // Reports as parallel arrays, not an ArrayList: a boxed reason would be a heap block per report on nanoCLR.
            private ReasonCode[] _reportReasons = new ReasonCode[InitialReports];
            private string[] _reportSources = new string[InitialReports];
            private int _reportCount;
            private byte[] _push;
            private object _pushToken;
            private bool _outOfMemory;
            private int _pushOffset;
            private int _pushCount;
            private string _pushSource;
            private PendingMessage _trialMessage;
            private byte[][][] _trials;

            public SmsDisposition Disposition = SmsDisposition.Foreign;
            public ReasonCode Reason = ReasonCode.None;

            public void Final(SmsDisposition disposition, ReasonCode reason, string source)
            {
                Disposition = disposition;
                Reason = reason;
                Report(reason, source);
            }

            public void Deliver(byte[] buffer, int offset, int count, string source, object token)
            {
                Disposition = SmsDisposition.Processed;
                _pushToken = token;
                _push = buffer;
                _pushOffset = offset;
                _pushCount = count;
                _pushSource = source;
            }

            public void Try(PendingMessage message, byte[][][] trials, string source)
            {
                _trialMessage = message;
                _trials = trials;
                _pushSource = source;
            }

            // An allocation failed while deciding: nothing is delivered or tried, this message's token stays held (tokens
            // of messages given up before the failure are still released), and the driver reads the message again.
            public void OutOfMemory(object token, string source)
            {
                _outOfMemory = true;
                _released.Remove(token);
                _push = null;
                _pushToken = null;
                _trialMessage = null;
                _trials = null;
                _pushSource = source;
                Disposition = SmsDisposition.Retry;
                Reason = ReasonCode.OutOfMemory;
            }

            public void Release(object token)
            {
                if (token != null && !_released.Contains(token))
                {
                    _released.Add(token);
                }
            }

            public void ReleaseAll(object[] tokens)
            {
                for (int i = 0; i < tokens.Length; i++)
                {
                    Release(tokens[i]);
                }
            }

            public void Report(ReasonCode reason, string source)
            {
                if (_reportCount == _reportReasons.Length)
                {
                    var reasons = new ReasonCode[_reportCount * 2];
                    var sources = new string[_reportCount * 2];
                    System.Array.Copy(_reportReasons, reasons, _reportCount);
                    System.Array.Copy(_reportSources, sources, _reportCount);
                    _reportReasons = reasons;
                    _reportSources = sources;
                }

                _reportReasons[_reportCount] = reason;
                _reportSources[_reportCount] = source;
                _reportCount++;
            }

            public SmsReceiveResult Finish(SmsNotificationReceiver receiver)
            {
                for (int i = 0; i < _reportCount; i++)
                {
                    receiver._reject(_reportReasons[i], Bearer.Sms, _reportSources[i]);
                }

                if (_outOfMemory)
                {
                    // Reported without allocating: the agent's rejection is a shared instance.
                    receiver._reject(ReasonCode.OutOfMemory, Bearer.Sms, _pushSource);
                }

                if (_push != null)
                {
                    Reason = receiver.ProcessPush(_push, _pushOffset, _pushCount, _pushSource);
                    if (Reason == ReasonCode.OutOfMemory)
                    {
                        Disposition = SmsDisposition.Retry; // the agent reported it and changed nothing
                    }
                    else
                    {
                        Release(_pushToken);
                    }

                    // Only an accepted trigger earns trust: a refusal after authentication (a replay, a duplicate) is
                    // anyone's to send from any address, and would let a forger trust addresses of its choosing.
                    if (Reason == ReasonCode.None)
                    {
                        lock (receiver._sync)
                        {
                            receiver._reassembler.Trust(_pushSource);
                        }
                    }
                }

                if (_trials != null)
                {
                    Reason = receiver.TryCombinations(_trialMessage, _trials, _pushSource, this);
                }

                SmsReceiveResult result = receiver.Result(Disposition, Reason, _released);
                Clear();
                lock (receiver._sync)
                {
                    receiver._spareOutcome = this;
                }

                return result;
            }

            // Forgets this call, references included, so nothing it held stays reachable through the spare.
            private void Clear()
            {
                _released.Clear();
                for (int i = 0; i < _reportCount; i++)
                {
                    _reportSources[i] = null;
                }

                _reportCount = 0;
                _push = null;
                _pushToken = null;
                _outOfMemory = false;
                _pushSource = null;
                _trialMessage = null;
                _trials = null;
                Disposition = SmsDisposition.Foreign;
                Reason = ReasonCode.None;
            }
        }
    }
}

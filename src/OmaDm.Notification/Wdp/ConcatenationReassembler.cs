using System;
using System.Collections;

namespace OmaDm.Notification.Wdp
{
    /// <summary>
    /// Reassembles concatenated short messages (3GPP TS 23.040 9.2.3.24.1 and .8) keyed by sender, reference number
    /// (8- or 16-bit, kept apart) and declared total, before anything can be authenticated, so it is built to be starved
    /// by nobody. Not thread-safe: the caller serializes.
    /// </summary>
    /// <remarks>
    /// <para>Parts may arrive in any order and more than once. A copy identical to a held part only adds its storage
    /// token, and makes that candidate the part's newest when it was not (a candidate's place follows its latest
    /// arrival). A part with different bytes under the same key (a forgery, or the genuine part after a forgery) is kept
    /// beside the first as another candidate, up to <c>maxCandidatesPerPart</c> per part number; beyond that it replaces
    /// the oldest candidate other than the first (the first copy and the newest ones are kept, so forged copies ahead of
    /// the genuine part cannot lock it out), and the replaced copy's token is released. Once every part number has a
    /// candidate, the combinations that use each new candidate are handed out once (<see cref="PendingMessage.TakeTrials"/>,
    /// newest first, a bounded number per added candidate) for the caller to authenticate; the message stays held until
    /// the caller calls <see cref="Finish"/> (a combination was accepted, or the message is not WAP push) or it is given
    /// up. A combination that authenticated but was refused (a replay) is only spent, never handed out again: its candidates
    /// stay, as a genuine part of a newer trigger may be byte-identical to one of them, so a message whose every combination
    /// was refused is held until the timeout or eviction like any other.</para>
    /// <para>Memory: at most <c>maxPendingMessages</c> messages and <c>maxPendingBytes</c> payload octets (every
    /// candidate counted; at the byte bound every surplus candidate, a part's older one, goes before any message, and the
    /// older copies of the part being added before the message itself, so eviction weighs one copy per part); a message's tables (a reference per candidate slot and per backing token, a count per part)
    /// are sized by its declared total, at most <c>maxPartsPerMessage</c>, a bigger declared total being the caller's to
    /// refuse. Fair eviction: a sender holds at most <c>maxMessagesPerSender</c> messages (a trusted sender
    /// <see cref="TrustedQuotaFactor"/> times that) and a sender over it gives up its own oldest; when a bound is reached, the sender holding the most messages (for the message bound)
    /// or the most octets (for the byte bound) gives up its oldest message, so a flood from one sender, or from a few,
    /// displaces only itself. Senders marked <see cref="Trust"/> (a trigger of theirs was accepted) are never displaced
    /// by other senders, only by their own quota and the timeout. A message older than the timeout is given up by
    /// <see cref="ExpireStale"/>.</para>
    /// <para>Modem storage: a stored part's slot is held only while it backs a held candidate (with two candidates per
    /// part: the first and the newest copy of each part number), so that a restart re-reads it. Every other copy of a
    /// WAP push message (an identical duplicate, a replaced candidate) is handed back by <see cref="TakeReleasable"/> at
    /// once, its bytes being held here or not needed. The backing copies of all WAP push messages together are bounded
    /// by <c>maxStoredParts</c>; beyond it the sender holding the most backed copies (untrusted senders first, the
    /// message just added last, ties to the oldest) loses the backing of one copy (its lowest part, the older candidate before
    /// the newer), which stays held in memory only; trusted senders lose it last. So
    /// forgers can hold at most <c>maxStoredParts</c> slots, whatever they send. Messages that never claimed port 2948
    /// keep every slot: they may be ordinary long texts.</para>
    /// </remarks>
    public sealed class ConcatenationReassembler
    {
        /// <summary>Senders remembered by <see cref="Trust"/>.</summary>
        public const int TrustedSenderCapacity = 4;

        /// <summary>How many times <c>maxMessagesPerSender</c> a sender marked by <see cref="Trust"/> may hold.</summary>
        public const int TrustedQuotaFactor = 2;

        private const int ByMessages = 0;
        private const int ByBytes = 1;

        private readonly IClock _clock;
        private readonly int _maxPendingMessages;
        private readonly int _maxPendingBytes;
        private readonly int _timeoutMilliseconds;
        private readonly int _maxMessagesPerSender;
        private readonly int _maxCandidatesPerPart;
        private readonly int _maxStoredParts;
        private readonly int _maxPartsPerMessage;
        private static readonly PendingMessage[] NoMessages = new PendingMessage[0];

        private readonly string[] _trusted = new string[TrustedSenderCapacity];
        private int _nextTrusted;

        // Pending messages in order of their first part: index 0 is the oldest.
        private readonly ArrayList _byAge = new ArrayList();

        /// <summary>Creates a reassembler with no per-sender quota and one candidate per part (the first copy wins).</summary>
        /// <param name="clock">Injected time for the timeout.</param>
        /// <param name="maxPendingMessages">Messages held at once (at least 1).</param>
        /// <param name="maxPendingBytes">Payload octets held at once (at least 1).</param>
        /// <param name="timeoutMilliseconds">Age after which an incomplete message is given up (at least 1).</param>
        /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A bound is below 1.</exception>
        public ConcatenationReassembler(IClock clock, int maxPendingMessages, int maxPendingBytes, int timeoutMilliseconds)
            : this(clock, maxPendingMessages, maxPendingBytes, timeoutMilliseconds, maxPendingMessages, 1, int.MaxValue)
        {
        }

        /// <summary>Creates a reassembler with no bound on backed stored parts.</summary>
        /// <param name="clock">Injected time for the timeout.</param>
        /// <param name="maxPendingMessages">Messages held at once (at least 1).</param>
        /// <param name="maxPendingBytes">Payload octets held at once, every candidate counted (at least 1).</param>
        /// <param name="timeoutMilliseconds">Age after which an incomplete message is given up (at least 1).</param>
        /// <param name="maxMessagesPerSender">Messages one sender may hold at once (at least 1).</param>
        /// <param name="maxCandidatesPerPart">Distinct payloads kept per part number (at least 1).</param>
        /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A bound is below 1.</exception>
        public ConcatenationReassembler(
            IClock clock, int maxPendingMessages, int maxPendingBytes, int timeoutMilliseconds, int maxMessagesPerSender, int maxCandidatesPerPart)
            : this(clock, maxPendingMessages, maxPendingBytes, timeoutMilliseconds, maxMessagesPerSender, maxCandidatesPerPart, int.MaxValue)
        {
        }

        /// <summary>Creates a reassembler with no bound on declared parts below the header's 255.</summary>
        /// <param name="clock">Injected time for the timeout.</param>
        /// <param name="maxPendingMessages">Messages held at once (at least 1).</param>
        /// <param name="maxPendingBytes">Payload octets held at once, every candidate counted (at least 1).</param>
        /// <param name="timeoutMilliseconds">Age after which an incomplete message is given up (at least 1).</param>
        /// <param name="maxMessagesPerSender">Messages one sender may hold at once (at least 1).</param>
        /// <param name="maxCandidatesPerPart">Distinct payloads kept per part number (at least 1).</param>
        /// <param name="maxStoredParts">Backed stored parts of WAP push messages kept in modem storage at once (at least 1).</param>
        /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A bound is below 1.</exception>
        public ConcatenationReassembler(
            IClock clock, int maxPendingMessages, int maxPendingBytes, int timeoutMilliseconds, int maxMessagesPerSender, int maxCandidatesPerPart,
            int maxStoredParts)
            : this(clock, maxPendingMessages, maxPendingBytes, timeoutMilliseconds, maxMessagesPerSender, maxCandidatesPerPart, maxStoredParts, 255)
        {
        }

        /// <summary>Creates a reassembler.</summary>
        /// <param name="clock">Injected time for the timeout.</param>
        /// <param name="maxPendingMessages">Messages held at once (at least 1).</param>
        /// <param name="maxPendingBytes">Payload octets held at once, every candidate counted (at least 1).</param>
        /// <param name="timeoutMilliseconds">Age after which an incomplete message is given up (at least 1).</param>
        /// <param name="maxMessagesPerSender">Messages one sender may hold at once (at least 1).</param>
        /// <param name="maxCandidatesPerPart">Distinct payloads kept per part number (at least 1).</param>
        /// <param name="maxStoredParts">Backed stored parts of WAP push messages kept in modem storage at once (at least 1).</param>
        /// <param name="maxPartsPerMessage">Declared parts a message may have (at least 2): a message's tables are sized
        /// by its declared total at its first part, so this bounds them whatever a forger declares.</param>
        /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A bound is below 1 (the parts bound below 2).</exception>
        public ConcatenationReassembler(
            IClock clock, int maxPendingMessages, int maxPendingBytes, int timeoutMilliseconds, int maxMessagesPerSender, int maxCandidatesPerPart,
            int maxStoredParts, int maxPartsPerMessage)
        {
            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            if (maxPendingMessages < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxPendingMessages));
            }

            if (maxPendingBytes < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxPendingBytes));
            }

            if (timeoutMilliseconds < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(timeoutMilliseconds));
            }

            if (maxMessagesPerSender < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxMessagesPerSender));
            }

            if (maxCandidatesPerPart < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxCandidatesPerPart));
            }

            if (maxStoredParts < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxStoredParts));
            }

            if (maxPartsPerMessage < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(maxPartsPerMessage));
            }

            _clock = clock;
            _maxPartsPerMessage = maxPartsPerMessage;
            _maxStoredParts = maxStoredParts;
            _maxPendingMessages = maxPendingMessages;
            _maxPendingBytes = maxPendingBytes;
            _timeoutMilliseconds = timeoutMilliseconds;
            _maxMessagesPerSender = maxMessagesPerSender;
            _maxCandidatesPerPart = maxCandidatesPerPart;
        }

        /// <summary>Messages currently held.</summary>
        public int PendingMessages => _byAge.Count;

        /// <summary>Payload octets currently held.</summary>
        public int PendingBytes { get; private set; }

        /// <summary>
        /// Adds one part. <paramref name="header"/> must be a well-formed, concatenated header whose payload lies in
        /// <paramref name="buffer"/>.
        /// </summary>
        /// <param name="sender">The originating address (part of the key).</param>
        /// <param name="header">The part's decoded user data header.</param>
        /// <param name="buffer">The buffer the header's payload offsets refer to (copied, not kept).</param>
        /// <param name="token">The part's storage token, or null when it is not stored.</param>
        /// <param name="givenUp">Receives every other <see cref="PendingMessage"/> evicted to make room.</param>
        /// <param name="message">The message this part belongs to (complete, pending or evicted).</param>
        /// <returns>
        /// <see cref="ReassemblyStatus.Complete"/> when every part number has a candidate and this part added a
        /// candidate, or made a held one the newest (its combinations are handed out again) (the message stays held until <see cref="Finish"/>); Pending or Evicted otherwise.
        /// </returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="header"/> is not a valid concatenated header, or names a
        /// destination port other than 2948 (not WAP push: the caller leaves such a part alone, so it can never affect a
        /// message held for port 2948), or declares more parts than <c>maxPartsPerMessage</c> (the caller refuses it by
        /// name).</exception>
        public ReassemblyStatus Add(string sender, UserDataHeader header, byte[] buffer, object token, ArrayList givenUp, out PendingMessage message)
        {
            if (sender == null || header == null || buffer == null || givenUp == null)
            {
                throw new ArgumentNullException(sender == null ? nameof(sender) : header == null ? nameof(header) : buffer == null ? nameof(buffer) : nameof(givenUp));
            }

            if (header.Reason != ReasonCode.None || !header.IsConcatenated)
            {
                throw new ArgumentException("not a concatenated header", "header");
            }

            if (header.DestinationPort >= 0 && header.DestinationPort != UserDataHeader.WapPushPort)
            {
                throw new ArgumentException("names a port other than 2948", "header");
            }

            if (header.TotalParts > _maxPartsPerMessage)
            {
                throw new ArgumentException("declares more parts than the bound", "header");
            }

            message = Find(sender, header);
            bool admitted = true;
            if (message == null)
            {
                admitted = MakeRoomForMessage(sender, givenUp);
                message = new PendingMessage(
                    sender, header.ReferenceBits, header.Reference, header.TotalParts, _maxCandidatesPerPart, _clock.MonotonicMilliseconds);
                if (admitted)
                {
                    _byAge.Add(message);
                }
            }

            message.NotePort(header.DestinationPort);
            int count = header.PayloadCount;
            if (!admitted || message.IsKnownOrUnkept(header.Sequence, buffer, header.PayloadOffset, count))
            {
                // The copy adds no candidate and needs no slot; an identical older candidate becomes the newest, so its
                // combinations with the others' current candidates are tried as for a new arrival (within the budget).
                message.AddSpare(token);
                if (!admitted)
                {
                    return ReassemblyStatus.Evicted;
                }

                return message.Promote(header.Sequence, buffer, header.PayloadOffset, count) && message.IsComplete
                    ? ReassemblyStatus.Complete : ReassemblyStatus.Pending;
            }

            int growth;
            while (PendingBytes + (growth = count - message.ReplacedLength(header.Sequence)) > _maxPendingBytes)
            {
                // Surplus candidates go before any message: planted copies must not make a sender the heaviest.
                int surplus = DropSurplus(message, header.Sequence - 1);
                if (surplus > 0)
                {
                    PendingBytes -= surplus;
                    continue;
                }

                PendingMessage victim = Victim(ByBytes, sender, message);
                if (victim == null)
                {
                    // Only this message is left to give up: its part's older copy goes first (the new one is the newest),
                    // so one forged copy of a part cannot cost a message near the bound.
                    int older = message.DropOlder(header.Sequence);
                    if (older > 0)
                    {
                        PendingBytes -= older;
                        continue;
                    }

                    message.AddSpare(token);
                    Remove(message);
                    return ReassemblyStatus.Evicted;
                }

                givenUp.Add(victim);
                Remove(victim);
            }

            message.AddCandidate(header.Sequence, buffer, header.PayloadOffset, count, token);
            PendingBytes += growth;
            return message.IsComplete ? ReassemblyStatus.Complete : ReassemblyStatus.Pending;
        }

        /// <summary>Stops holding a message (it authenticated, or is not WAP push). Its tokens are the caller's to release.</summary>
        /// <param name="message">The message.</param>
        /// <returns><c>true</c> when it was still held (not given up meanwhile).</returns>
        public bool Finish(PendingMessage message)
        {
            if (message == null || _byAge.IndexOf(message) < 0)
            {
                return false;
            }

            Remove(message);
            return true;
        }

        /// <summary>
        /// Marks a sender whose trigger was accepted (never one merely authenticated and refused, such as a replay, which
        /// anyone may send from any address): its pending messages are no longer displaced by other senders
        /// (only by its own quota and the timeout). The last <see cref="TrustedSenderCapacity"/> senders are kept.
        /// </summary>
        /// <param name="sender">The originating address.</param>
        public void Trust(string sender)
        {
            if (sender == null || IsTrusted(sender))
            {
                return;
            }

            _trusted[_nextTrusted] = sender;
            _nextTrusted = (_nextTrusted + 1) % _trusted.Length;
        }

        /// <summary>
        /// Hands back the storage tokens of held WAP push messages that no longer need their stored copy: every spare
        /// copy, and backing parts beyond <c>maxStoredParts</c> (see the remarks). Allocates nothing when none.
        /// </summary>
        /// <param name="released">Receives the tokens, now safe to delete.</param>
        /// <param name="keep">The message a part was just added to: loses backing only when no other message has any.</param>
        public void TakeReleasable(ArrayList released, PendingMessage keep)
        {
            if (released == null)
            {
                throw new ArgumentNullException(nameof(released));
            }

            int stored = 0;
            for (int i = 0; i < _byAge.Count; i++)
            {
                var message = (PendingMessage)_byAge[i];
                if (message.IsWapPush)
                {
                    message.TakeSpare(released);
                    stored += message.BackedCopies;
                }
            }

            for (; stored > _maxStoredParts; stored--)
            {
                // Other untrusted senders first, then the message just added (when untrusted), then trusted senders.
                PendingMessage victim = StorageVictim(keep, false);
                if (victim == null && keep != null && keep.BackedCopies > 0 && !IsTrusted(keep.Sender))
                {
                    victim = keep;
                }

                victim = victim ?? StorageVictim(keep, true) ?? keep;

                // The list's room first: a token taken and then lost to a failed allocation would keep its slot for good.
                int slot = released.Add(null);
                released[slot] = victim.TakeBacking();
            }
        }

        /// <summary>Gives up every message whose first part is at least the timeout old.</summary>
        /// <returns>The given-up messages, oldest first; empty, never null.</returns>
        public PendingMessage[] ExpireStale()
        {
            long now = _clock.MonotonicMilliseconds;
            if (_byAge.Count == 0 || now - ((PendingMessage)_byAge[0]).StartedMilliseconds < _timeoutMilliseconds)
            {
                return NoMessages; // the common case, checked on every part: nothing to allocate
            }

            var expired = new ArrayList();
            while (_byAge.Count > 0 && now - ((PendingMessage)_byAge[0]).StartedMilliseconds >= _timeoutMilliseconds)
            {
                expired.Add(_byAge[0]);
                Remove((PendingMessage)_byAge[0]);
            }

            var result = new PendingMessage[expired.Count];
            expired.CopyTo(result, 0);
            return result;
        }

        // Gives up one surplus candidate (a part's older one), oldest message first, never from the part being added to.
        private int DropSurplus(PendingMessage adding, int part)
        {
            for (int i = 0; i < _byAge.Count; i++)
            {
                var held = (PendingMessage)_byAge[i];
                int freed = held.DropSurplus(held == adding ? part : -1);
                if (freed > 0)
                {
                    return freed;
                }
            }

            return 0;
        }

        // The held message of this sender, reference and total, or null. A scan of at most maxPendingMessages: on nanoCLR
        // building a key string per part (number texts and concatenation) costs more than the comparisons, and is garbage.
        private PendingMessage Find(string sender, UserDataHeader header)
        {
            for (int i = 0; i < _byAge.Count; i++)
            {
                var message = (PendingMessage)_byAge[i];
                if (message.Matches(sender, header))
                {
                    return message;
                }
            }

            return null;
        }

        // False when every held message belongs to trusted senders other than this one: the new message is not admitted.
        private bool MakeRoomForMessage(string sender, ArrayList givenUp)
        {
            // A trusted sender (its trigger authenticated) may hold twice the quota: a server sending a few multi-part
            // triggers at once, interleaved part by part, would otherwise make them evict each other.
            int quota = IsTrusted(sender) ? TrustedQuotaFactor * _maxMessagesPerSender : _maxMessagesPerSender;
            if (Count(sender, ByMessages) >= quota)
            {
                PendingMessage own = OldestOf(sender);
                givenUp.Add(own);
                Remove(own);
            }

            while (_byAge.Count >= _maxPendingMessages)
            {
                PendingMessage victim = Victim(ByMessages, sender, null);
                if (victim == null)
                {
                    return false;
                }

                givenUp.Add(victim);
                Remove(victim);
            }

            return true;
        }

        // The oldest message (other than keep) of the sender holding the most messages or octets, among the senders
        // that may be displaced by a part from `sender`: itself, and every sender that is not trusted. Null when only
        // `keep` is left to give up.
        private PendingMessage Victim(int measure, string sender, PendingMessage keep)
        {
            PendingMessage victim = null;
            int most = -1;
            for (int i = 0; i < _byAge.Count; i++)
            {
                var candidate = (PendingMessage)_byAge[i];
                string owner = candidate.Sender;
                if (candidate == keep || (owner != sender && IsTrusted(owner)) || FirstIndexOf(owner, keep) != i)
                {
                    continue; // each sender is weighed once, at its oldest message
                }

                int held = Count(owner, measure);
                if (held > most)
                {
                    most = held;
                    victim = candidate;
                }
            }

            return victim;
        }

        // The oldest backed WAP push message (other than keep) of the sender with the most backed copies in such messages,
        // ties to the oldest, so under a flood no slot stays held for long; trusted senders only when withTrusted. Null
        // when there is none.
        private PendingMessage StorageVictim(PendingMessage keep, bool withTrusted)
        {
            PendingMessage victim = null;
            int most = 0;
            for (int i = 0; i < _byAge.Count; i++)
            {
                var candidate = (PendingMessage)_byAge[i];
                if (candidate == keep || candidate.BackedCopies == 0 || !candidate.IsWapPush || IsTrusted(candidate.Sender) != withTrusted)
                {
                    continue;
                }

                int held = 0;
                for (int j = 0; j < _byAge.Count; j++)
                {
                    var other = (PendingMessage)_byAge[j];
                    if (other != keep && other.IsWapPush && other.Sender == candidate.Sender)
                    {
                        held += other.BackedCopies;
                    }
                }

                if (held > most)
                {
                    most = held;
                    victim = candidate;
                }
            }

            return victim;
        }

        private int Count(string sender, int measure)
        {
            int total = 0;
            for (int i = 0; i < _byAge.Count; i++)
            {
                var message = (PendingMessage)_byAge[i];
                if (message.Sender == sender)
                {
                    total += measure == ByMessages ? 1 : message.ReceivedBytes;
                }
            }

            return total;
        }

        private int FirstIndexOf(string sender, PendingMessage skip)
        {
            for (int i = 0; i < _byAge.Count; i++)
            {
                var message = (PendingMessage)_byAge[i];
                if (message != skip && message.Sender == sender)
                {
                    return i;
                }
            }

            return -1;
        }

        private PendingMessage OldestOf(string sender)
        {
            int index = FirstIndexOf(sender, null);
            return index < 0 ? null : (PendingMessage)_byAge[index];
        }

        private bool IsTrusted(string sender)
        {
            for (int i = 0; i < _trusted.Length; i++)
            {
                // Null first: on nanoCLR an empty element of a string[] compared with == to a string crashes the
                // runtime (the element is a string with no text, and the comparison runs strcmp on it).
                string trusted = _trusted[i];
                if (trusted != null && trusted == sender)
                {
                    return true;
                }
            }

            return false;
        }

        private void Remove(PendingMessage message)
        {
            _byAge.Remove(message);
            PendingBytes -= message.ReceivedBytes;
        }
    }
}

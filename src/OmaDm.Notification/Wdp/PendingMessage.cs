using System.Collections;

namespace OmaDm.Notification.Wdp
{
    /// <summary>
    /// One concatenated message under reassembly (3GPP TS 23.040 9.2.3.24.1): for each part number, the distinct
    /// payloads received so far (candidates: a forged part with the same sender and reference as a valid message is kept
    /// beside the valid one, not instead of it), the storage tokens of every stored copy, and what the parts' port
    /// elements claimed.
    /// </summary>
    /// <remarks>
    /// Nothing here decides which candidate is genuine: only authentication can. Retention is "the first copy and the
    /// newest ones": when a part's candidates are full, a new conflicting copy replaces the oldest candidate other than
    /// the first, so forged copies sent ahead of the genuine part cannot lock it out (it is the newest when it arrives),
    /// and copies sent after it must also beat the kept first copy. <see cref="TakeTrials"/> hands out the combinations
    /// that use the candidate just added (all of them when the message first completes), newest candidates first, up to
    /// a bound per call, for the receiver to try through the agent: a combination is handed out once while its candidates
    /// are held, and a replaced candidate's untried combinations go with it. A copy byte-identical to a held candidate
    /// that is not the newest makes it the newest (<see cref="Promote"/>): its place follows its latest arrival, and
    /// its combinations are handed out as for a new candidate (one tried before may be tried again, within the same
    /// per-arrival bound), so a genuine part whose bytes were planted ahead of forged copies is not left behind them.
    /// </remarks>
    public sealed class PendingMessage
    {
        private readonly int _maxCandidates;

        // Candidate k of part p (0-based) is _candidates[p * _maxCandidates + k]; _counts[p] of them are filled. Slot 0
        // is the part's first copy (unless a copy identical to another candidate came since: Promote); slots 1.. run from
        // the oldest to the newest of the later ones. The last filled slot is always the latest arrival.
        private readonly byte[][] _candidates;
        private readonly int[] _counts;
        // Storage tokens, created with the first stored part (parts received directly, +CMT, have none). The stored copy
        // of each held candidate backs it (_backing[p * _maxCandidates + k]): it stays stored, so a restart re-reads it,
        // unless the reassembler's storage budget takes it. Every other copy (identical duplicates, replaced candidates)
        // is spare: its bytes are held here or not needed, so it is released as soon as the message claims port 2948.
        private object[] _backing;
        private ArrayList _spare;

        // A part that gained a candidate or had one promoted (always its newest slot) since the last TakeTrials, or -1; -2
        // when more than one did.
        private int _changedPart = -1;

        private static readonly object[] NoTokens = new object[0];
        private static readonly byte[][][] NoTrials = new byte[0][][];

        internal PendingMessage(string sender, int referenceBits, int reference, int totalParts, int maxCandidates, long startedMilliseconds)
        {
            Sender = sender;
            ReferenceBits = referenceBits;
            Reference = reference;
            TotalParts = totalParts;
            _maxCandidates = maxCandidates;
            _candidates = new byte[totalParts * maxCandidates][];
            _counts = new int[totalParts];
            StartedMilliseconds = startedMilliseconds;
        }

        /// <summary>The originating address of the parts.</summary>
        public string Sender { get; }

        /// <summary>The concatenation reference number.</summary>
        public int Reference { get; }

        /// <summary>8 or 16: the reference's number space (9.2.3.24.1 and .8 are kept apart).</summary>
        public int ReferenceBits { get; }

        /// <summary>The declared number of parts.</summary>
        public int TotalParts { get; }

        /// <summary>Distinct part numbers received so far.</summary>
        public int ReceivedParts { get; private set; }

        /// <summary>Payload octets held for every candidate of every part.</summary>
        public int ReceivedBytes { get; private set; }

        /// <summary>When the first part arrived (monotonic milliseconds).</summary>
        public long StartedMilliseconds { get; }

        /// <summary>Some part carried destination port 2948.</summary>
        public bool HasWapPushPort { get; private set; }

        /// <summary>
        /// True when the message is WAP push to port 2948: some part said so (parts without a port element are allowed,
        /// as CDMA-style WDP puts the ports in the first segment only; a part naming another port never joins a message).
        /// </summary>
        public bool IsWapPush => HasWapPushPort;

        /// <summary>Every part number has at least one candidate.</summary>
        public bool IsComplete => ReceivedParts == TotalParts;

        /// <summary>Combinations of candidates already handed out by <see cref="TakeTrials"/>.</summary>
        public int TriedCombinations { get; private set; }

        /// <summary>The last reason a tried combination was refused with (None while none was tried).</summary>
        public ReasonCode LastTrialReason { get; internal set; }

        /// <summary>
        /// The storage tokens still held for this message: the backing copy of each part and the spare copies not taken
        /// yet (see <see cref="ConcatenationReassembler.TakeReleasable"/>); empty, never null.
        /// </summary>
        public object[] Tokens
        {
            get
            {
                int count = _spare == null ? 0 : _spare.Count;
                if (count + BackedCopies == 0)
                {
                    return NoTokens;
                }

                var tokens = new object[count + BackedCopies];
                int n = 0;
                for (int p = 0; _backing != null && p < _backing.Length; p++)
                {
                    if (_backing[p] != null)
                    {
                        tokens[n++] = _backing[p];
                    }
                }

                for (int i = 0; i < count; i++)
                {
                    tokens[n++] = _spare[i];
                }

                return tokens;
            }
        }

        /// <summary>Stored copies of held candidates still kept in storage for this message.</summary>
        public int BackedCopies { get; private set; }

        /// <summary>Stored copies held that add nothing to the message (duplicates, replaced candidates).</summary>
        public int SpareTokens => _spare == null ? 0 : _spare.Count;

        /// <summary>
        /// True when a part with this header belongs here: same sender, reference (in the same number space) and declared
        /// total, so a reused reference for a message of another length does not mix parts. Compared field by field: no
        /// key text is built per part.
        /// </summary>
        internal bool Matches(string sender, UserDataHeader header)
        {
            return Reference == header.Reference && TotalParts == header.TotalParts && ReferenceBits == header.ReferenceBits
                && Sender == sender;
        }

        internal void NotePort(int destinationPort)
        {
            if (destinationPort == UserDataHeader.WapPushPort)
            {
                HasWapPushPort = true;
            }
        }

        /// <summary>Keeps a stored copy that adds nothing held only here (a duplicate, a replaced candidate).</summary>
        internal void AddSpare(object token)
        {
            if (token == null || HoldsToken(token))
            {
                return;
            }

            EnsureSpareRoom();
            _spare.Add(token);
        }

        // Room for one more spare token, allocated before the state that needs it changes.
        private void EnsureSpareRoom()
        {
            if (_spare == null)
            {
                _spare = new ArrayList();
            }

            if (_spare.Count == _spare.Capacity)
            {
                _spare.Capacity = _spare.Count == 0 ? 4 : _spare.Count * 2;
            }
        }

        /// <summary>Moves every spare token into <paramref name="released"/>.</summary>
        internal void TakeSpare(ArrayList released)
        {
            if (_spare == null || _spare.Count == 0)
            {
                return;
            }

            // Room first, so a failed allocation cannot leave a token both handed out and still spare.
            if (released.Capacity < released.Count + _spare.Count)
            {
                released.Capacity = released.Count + _spare.Count;
            }

            for (int i = 0; i < _spare.Count; i++)
            {
                released.Add(_spare[i]);
            }

            _spare.Clear();
        }

        /// <summary>
        /// Takes one backing token, null when none: the lowest part number still backed, its older candidates (by latest
        /// arrival) before the newer ones (in the common case of one candidate per part, the message's lowest stored part).
        /// </summary>
        internal object TakeBacking()
        {
            for (int i = 0; _backing != null && i < _backing.Length; i++)
            {
                object token = _backing[i];
                if (token != null)
                {
                    _backing[i] = null;
                    BackedCopies--;
                    return token;
                }
            }

            return null;
        }

        private bool HoldsToken(object token)
        {
            if (_spare != null && _spare.Contains(token))
            {
                return true;
            }

            for (int p = 0; _backing != null && p < _backing.Length; p++)
            {
                if (_backing[p] != null && _backing[p].Equals(token))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when this payload adds no candidate: it is already one of the part's, or the part keeps only its first
        /// copy (one candidate per part) and has it.
        /// </summary>
        internal bool IsKnownOrUnkept(int sequence, byte[] buffer, int offset, int count)
        {
            int part = sequence - 1;
            int filled = _counts[part];
            for (int k = 0; k < filled; k++)
            {
                if (SameBytes(_candidates[part * _maxCandidates + k], buffer, offset, count))
                {
                    return true;
                }
            }

            return filled == 1 && _maxCandidates == 1;
        }

        /// <summary>
        /// Makes the part's held candidate byte-identical to this payload its newest, when it is not already: the order of
        /// a part's candidates follows the latest arrival, so a genuine part whose bytes were planted ahead of forged
        /// copies (two triggers of one length differ in part 1 only) is the newest again when it arrives, and its
        /// combinations with the other parts' current candidates are handed out as for a new candidate. Its stored copy
        /// keeps its slot; no allocation.
        /// </summary>
        /// <returns>True when a candidate moved.</returns>
        internal bool Promote(int sequence, byte[] buffer, int offset, int count)
        {
            int part = sequence - 1;
            int first = part * _maxCandidates;
            int last = first + _counts[part] - 1;
            for (int i = first; i < last; i++)
            {
                if (SameBytes(_candidates[i], buffer, offset, count))
                {
                    byte[] held = _candidates[i];
                    object backing = _backing == null ? null : _backing[i];
                    for (int j = i; j < last; j++)
                    {
                        _candidates[j] = _candidates[j + 1];
                        if (_backing != null)
                        {
                            _backing[j] = _backing[j + 1];
                        }
                    }

                    _candidates[last] = held;
                    if (_backing != null)
                    {
                        _backing[last] = backing;
                    }

                    _changedPart = _changedPart == -1 ? part : -2;
                    return true;
                }
            }

            return false;
        }

        /// <summary>Octets a new candidate of this part would replace: the oldest later copy's when the part is full, else 0.</summary>
        internal int ReplacedLength(int sequence)
        {
            int part = sequence - 1;
            return _counts[part] == _maxCandidates ? _candidates[part * _maxCandidates + 1].Length : 0;
        }

        /// <summary>
        /// Adds a candidate payload as the part's newest, with its stored copy (or null) as its backing. When the part is
        /// full, the oldest candidate other than the first goes (<see cref="ReplacedLength"/>): its stored copy becomes
        /// spare and the combinations that used it are no longer handed out.
        /// </summary>
        internal void AddCandidate(int sequence, byte[] buffer, int offset, int count, object token)
        {
            int part = sequence - 1;
            byte[] copy = new byte[count];
            System.Array.Copy(buffer, offset, copy, 0, count);
            if (token != null && _backing == null)
            {
                _backing = new object[_candidates.Length]; // allocated before anything changes, as the copy is
            }

            if (_counts[part] == _maxCandidates && _backing != null && _backing[part * _maxCandidates + 1] != null)
            {
                EnsureSpareRoom(); // the replaced copy's token goes there
            }

            int first = part * _maxCandidates;
            int k = _counts[part];
            if (k == _maxCandidates)
            {
                // Slot 1 is the oldest later copy: shift the newer ones down and take the last slot.
                k--;
                ReceivedBytes -= _candidates[first + 1].Length;
                object replaced = _backing == null ? null : _backing[first + 1];
                for (int i = first + 1; i < first + k; i++)
                {
                    _candidates[i] = _candidates[i + 1];
                    if (_backing != null)
                    {
                        _backing[i] = _backing[i + 1];
                    }
                }

                if (replaced != null)
                {
                    _backing[first + k] = null;
                    BackedCopies--;
                    AddSpare(replaced);
                }
            }
            else
            {
                _counts[part] = k + 1;
                if (k == 0)
                {
                    ReceivedParts++;
                }
            }

            _candidates[first + k] = copy;
            if (_backing != null)
            {
                _backing[first + k] = null;
            }

            ReceivedBytes += count;
            _changedPart = _changedPart == -1 ? part : -2;
            if (token != null && !HoldsToken(token))
            {
                _backing[first + k] = token;
                BackedCopies++;
            }
        }

        /// <summary>
        /// Gives up the older candidate of the lowest part (other than <paramref name="skipPart"/>) that holds more than
        /// one, keeping its newest: a genuine part sent after forged copies is the newest. Its stored copy becomes spare.
        /// </summary>
        /// <returns>The octets given up; 0 when no part holds a surplus candidate.</returns>
        internal int DropSurplus(int skipPart)
        {
            for (int p = 0; p < TotalParts; p++)
            {
                if (p != skipPart && _counts[p] >= 2)
                {
                    return DropOldest(p);
                }
            }

            return 0;
        }

        /// <summary>
        /// Gives up the oldest candidate of the part about to get a newer one, when the message would otherwise be given
        /// up for the byte bound: the newest is kept, as everywhere. Its stored copy becomes spare.
        /// </summary>
        /// <returns>The octets given up; 0 when the part holds no candidate.</returns>
        internal int DropOlder(int sequence)
        {
            return _counts[sequence - 1] == 0 ? 0 : DropOldest(sequence - 1);
        }

        private int DropOldest(int part)
        {
            EnsureSpareRoom(); // before anything changes
            int freed = _candidates[part * _maxCandidates].Length;
            object token = RemoveSlot(part, 0);
            if (token != null)
            {
                _spare.Add(token);
            }

            return freed;
        }

        // Removes candidate k of a part, shifting the newer ones down; returns its backing token (no longer counted).
        private object RemoveSlot(int part, int k)
        {
            int first = part * _maxCandidates;
            int filled = _counts[part];
            ReceivedBytes -= _candidates[first + k].Length;
            object token = _backing == null ? null : _backing[first + k];
            if (token != null)
            {
                BackedCopies--;
            }

            for (int i = first + k; i < first + filled - 1; i++)
            {
                _candidates[i] = _candidates[i + 1];
                if (_backing != null)
                {
                    _backing[i] = _backing[i + 1];
                }
            }

            _candidates[first + filled - 1] = null;
            if (_backing != null)
            {
                _backing[first + filled - 1] = null;
            }

            _counts[part] = filled - 1;
            if (filled == 1)
            {
                ReceivedParts--;
            }

            return token;
        }

        /// <summary>
        /// Returns the combinations of candidates not handed out before, each as the chosen payload of every part in
        /// order, at most <paramref name="budget"/>; empty while the message is incomplete. A new candidate of part p
        /// adds the combinations that use it with every candidate of the other parts; the first completion adds every
        /// combination. Newest candidates first: the first combination is the newest candidate of every part, so the
        /// genuine parts sent after any number of forged copies are always tried, whatever the budget.
        /// </summary>
        /// <param name="budget">Combinations handed out by this call (per added candidate), so forged copies arriving
        /// before the genuine parts cannot spend the genuine parts' tries.</param>
        /// <returns>The new combinations; empty, never null.</returns>
        public byte[][][] TakeTrials(int budget)
        {
            if (!IsComplete || _changedPart == -1)
            {
                return NoTrials;
            }

            // Nothing changes until every array of the result is allocated: an allocation that fails leaves the new
            // combinations to be handed out when the part is delivered again.
            int fixedPart = _changedPart;

            // Several parts changed while incomplete, or the first completion: every combination is new.
            if (fixedPart == -2 || TriedCombinations == 0)
            {
                fixedPart = -1;
            }

            // Counted first, so the result is made at its size (no growing list): the product of the candidate counts of
            // the parts not held still, within the budget left.
            int remaining = budget;
            int combinations = remaining > 0 ? 1 : 0;
            for (int p = 0; p < TotalParts && combinations < remaining; p++)
            {
                if (p != fixedPart)
                {
                    combinations *= _counts[p];
                }
            }

            if (combinations > remaining)
            {
                combinations = remaining;
            }

            if (combinations == 0)
            {
                _changedPart = -1;
                return NoTrials;
            }

            // choice[p] counts back from the part's newest candidate (0) to its first; the fixed part stays at its newest,
            // the candidate just added.
            var result = new byte[combinations][][];
            int[] choice = new int[TotalParts];
            for (int t = 0; t < combinations; t++)
            {
                result[t] = new byte[TotalParts][];
            }

            for (int t = 0; t < combinations; t++)
            {
                byte[][] chosen = result[t];
                for (int p = 0; p < TotalParts; p++)
                {
                    chosen[p] = _candidates[p * _maxCandidates + _counts[p] - 1 - choice[p]];
                }

                Next(choice, fixedPart);
            }

            _changedPart = -1;
            TriedCombinations += combinations;
            return result;
        }

        /// <summary>Concatenates the first candidate of every part in sequence order (the parts received so far).</summary>
        /// <returns>The payload.</returns>
        public byte[] Assemble()
        {
            var first = new byte[TotalParts][];
            for (int p = 0; p < TotalParts; p++)
            {
                first[p] = _candidates[p * _maxCandidates];
            }

            return Assemble(first);
        }

        /// <summary>The octets <see cref="Assemble(byte[][])"/> would make of the given part payloads; null parts count none.</summary>
        /// <param name="parts">One payload per part.</param>
        /// <returns>The sum of the parts' lengths.</returns>
        public static int AssembledLength(byte[][] parts)
        {
            int length = 0;
            for (int p = 0; p < parts.Length; p++)
            {
                length += parts[p] == null ? 0 : parts[p].Length;
            }

            return length;
        }

        /// <summary>Concatenates the given part payloads in order; null parts are skipped.</summary>
        /// <param name="parts">One payload per part.</param>
        /// <returns>The payload.</returns>
        public static byte[] Assemble(byte[][] parts)
        {
            byte[] payload = new byte[AssembledLength(parts)];
            int position = 0;
            for (int p = 0; p < parts.Length; p++)
            {
                if (parts[p] != null)
                {
                    System.Array.Copy(parts[p], 0, payload, position, parts[p].Length);
                    position += parts[p].Length;
                }
            }

            return payload;
        }

        // Mixed-radix increment over the candidate counts, the fixed part held still. False after the last combination.
        private bool Next(int[] choice, int fixedPart)
        {
            for (int p = TotalParts - 1; p >= 0; p--)
            {
                if (p == fixedPart)
                {
                    continue;
                }

                if (++choice[p] < _counts[p])
                {
                    return true;
                }

                choice[p] = 0;
            }

            return false;
        }

        private static bool SameBytes(byte[] candidate, byte[] buffer, int offset, int count)
        {
            if (candidate.Length != count)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (candidate[i] != buffer[offset + i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}

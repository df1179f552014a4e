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
    /// Nothing here decides which candidate is genuine: only authentication can. <see cref="TakeTrials"/> hands out each
    /// combination of candidates once, up to a bound, for the receiver to try through the agent.
    /// </remarks>
    public sealed class PendingMessage
    {
        private readonly int _maxCandidates;

        // Candidate k of part p (0-based) is _candidates[p * _maxCandidates + k]; _counts[p] of them are filled.
        private readonly byte[][] _candidates;
        private readonly int[] _counts;
        // Storage tokens, created with the first stored part (parts received directly, +CMT, have none). The first stored
        // copy of each part number backs the message (_backing[p]): it stays stored, so a restart re-reads it, unless the
        // reassembler's storage budget takes it. Every other copy (identical duplicates, later candidates, surplus) is
        // spare: its bytes are held here or not needed, so it is released as soon as the message claims port 2948.
        private object[] _backing;
        private ArrayList _spare;

        // A part that gained a candidate since the last TakeTrials, or -1; -2 when more than one did.
        private int _changedPart = -1;
        private int _changedCandidate;

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

        /// <summary>Some part carried a destination port other than 2948.</summary>
        public bool HasOtherPort { get; private set; }

        /// <summary>
        /// True when the message is WAP push to port 2948: some part said so and none contradicted it (parts without a
        /// port element are allowed, as CDMA-style WDP puts the ports in the first segment only).
        /// </summary>
        public bool IsWapPush => HasWapPushPort && !HasOtherPort;

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
                if (count + BackedParts == 0)
                {
                    return NoTokens;
                }

                var tokens = new object[count + BackedParts];
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

        /// <summary>Parts whose first stored copy is still held in storage for this message.</summary>
        public int BackedParts { get; private set; }

        /// <summary>Stored copies held that add nothing to the message (duplicates, later candidates, surplus).</summary>
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
            else if (destinationPort >= 0)
            {
                HasOtherPort = true;
            }
        }

        /// <summary>Keeps a stored copy that adds nothing held only here (a duplicate, a later candidate, surplus).</summary>
        internal void AddSpare(object token)
        {
            if (token == null || HoldsToken(token))
            {
                return;
            }

            if (_spare == null)
            {
                _spare = new ArrayList();
            }

            _spare.Add(token);
        }

        /// <summary>Keeps the stored copy of a part's first candidate as the part's backing.</summary>
        internal void AddBacking(int sequence, object token)
        {
            if (token == null || HoldsToken(token))
            {
                return;
            }

            if (_backing == null)
            {
                _backing = new object[TotalParts];
            }

            if (_backing[sequence - 1] != null)
            {
                AddSpare(token);
                return;
            }

            _backing[sequence - 1] = token;
            BackedParts++;
        }

        /// <summary>Moves every spare token into <paramref name="released"/>.</summary>
        internal void TakeSpare(ArrayList released)
        {
            if (_spare == null || _spare.Count == 0)
            {
                return;
            }

            for (int i = 0; i < _spare.Count; i++)
            {
                released.Add(_spare[i]);
            }

            _spare.Clear();
        }

        /// <summary>Takes the backing token of the lowest part number still backed; null when none.</summary>
        internal object TakeBacking()
        {
            for (int p = 0; _backing != null && p < _backing.Length; p++)
            {
                object token = _backing[p];
                if (token != null)
                {
                    _backing[p] = null;
                    BackedParts--;
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

        /// <summary>True when this payload is already a candidate of the part, or the part has no room for another.</summary>
        internal bool IsKnownOrFull(int sequence, byte[] buffer, int offset, int count)
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

            return filled == _maxCandidates;
        }

        /// <summary>Adds a candidate payload; true when it is the part's first.</summary>
        internal bool AddCandidate(int sequence, byte[] buffer, int offset, int count)
        {
            int part = sequence - 1;
            byte[] copy = new byte[count];
            System.Array.Copy(buffer, offset, copy, 0, count);
            int k = _counts[part];
            _candidates[part * _maxCandidates + k] = copy;
            _counts[part] = k + 1;
            if (k == 0)
            {
                ReceivedParts++;
            }

            ReceivedBytes += count;
            _changedCandidate = k;
            _changedPart = _changedPart == -1 ? part : -2;
            return k == 0;
        }

        /// <summary>
        /// Returns the combinations of candidates not handed out before, each as the chosen payload of every part in
        /// order, at most <paramref name="budget"/> minus those already taken; empty while the message is incomplete.
        /// A new candidate of part p adds the combinations that use it with every candidate of the other parts.
        /// </summary>
        /// <param name="budget">Combinations this message may be tried with over its life.</param>
        /// <returns>The new combinations; empty, never null.</returns>
        public byte[][][] TakeTrials(int budget)
        {
            if (!IsComplete || _changedPart == -1)
            {
                return NoTrials;
            }

            int fixedPart = _changedPart;
            int fixedCandidate = _changedCandidate;
            _changedPart = -1;

            // Several parts changed while incomplete, or the first completion: every combination is new.
            if (fixedPart == -2 || TriedCombinations == 0)
            {
                fixedPart = -1;
            }

            // Counted first, so the result is made at its size (no growing list): the product of the candidate counts of
            // the parts not held still, within the budget left.
            int remaining = budget - TriedCombinations;
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
                return NoTrials;
            }

            var result = new byte[combinations][][];
            int[] choice = new int[TotalParts];
            if (fixedPart >= 0)
            {
                choice[fixedPart] = fixedCandidate;
            }

            for (int t = 0; t < combinations; t++)
            {
                byte[][] chosen = new byte[TotalParts][];
                for (int p = 0; p < TotalParts; p++)
                {
                    chosen[p] = _candidates[p * _maxCandidates + choice[p]];
                }

                result[t] = chosen;
                TriedCombinations++;
                Next(choice, fixedPart);
            }

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

        /// <summary>Concatenates the given part payloads in order; null parts are skipped.</summary>
        /// <param name="parts">One payload per part.</param>
        /// <returns>The payload.</returns>
        public static byte[] Assemble(byte[][] parts)
        {
            int length = 0;
            for (int p = 0; p < parts.Length; p++)
            {
                length += parts[p] == null ? 0 : parts[p].Length;
            }

            byte[] payload = new byte[length];
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

using System;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Cryptography;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// Remembers the digests of accepted triggers per verification key, so a trigger accepted once is refused while the
    /// key it verified under can verify it again (OMA-TS-DM_Notification 6.2.2, 5.1). Used by
    /// <see cref="NotificationAgent"/> under its lock; not thread-safe on its own.
    /// </summary>
    /// <remarks>
    /// <para>Key: a digest is <c>H(B64(H(id:pw)) ":" nonce ":" B64(H(trigger)))</c>, so it verifies under exactly one
    /// (credential, nonce bytes) pair. The key is the first <see cref="ReplayHistoryEntry.KeyLength"/> octets of
    /// <c>H(B64(H(id:pw)) ":" nonce)</c>: not the account, so removing and re-adding an account, or a nonce or password
    /// going back to an old value, finds the old history; the four nonce readings (stored, stored text, zero bytes,
    /// ASCII zeros) are four keys.</para>
    /// <para>Bounded by design: <see cref="MaxKeys"/> keys of at most <c>capacity</c> digest prefixes each, and
    /// <see cref="MaxRetiredKeys"/> retired keys; the persisted form of the fullest state fits the sessions record. A
    /// full key is not wrapped: further triggers under it are refused (NonceExhausted). When a new key needs a slot and
    /// all are taken, the least recently used key is retired: its digests are dropped and its fingerprint kept, and a
    /// trigger under a retired key is refused (ReplayHistoryUnavailable) until its nonce is no longer current (a new
    /// server nonce; for a resynchronisation key, a new password). Keys whose history was lost (an unreadable record)
    /// are retired the same way. Only when more than <see cref="MaxRetiredKeys"/> keys have been retired since is the
    /// oldest fingerprint forgotten: that key, should it become current again, starts with an empty history (THREATS.md
    /// row 13 states this residual bound).</para>
    /// <para>Allocation: <see cref="Check"/> allocates nothing; key slots are made as keys need them
    /// (<see cref="InitialSlots"/>, doubled up to <see cref="MaxKeys"/>: a device with one or two accounts holds 4), and a
    /// slot's digest list is allocated the first time the slot is used, for <see cref="InitialDigests"/> prefixes, doubled
    /// when full up to <c>capacity</c>, and then reused (a key that sees a few triggers before its nonce changes, the usual
    /// case, holds 32 octets, not 8 x capacity). Eviction starts only when all
    /// <see cref="MaxKeys"/> slots are in use, as with slots made up front.</para>
    /// </remarks>
    internal sealed class ReplayGuard
    {
        /// <summary>Keys with a history held at once (two per account of a full store).</summary>
        public const int MaxKeys = 32;

        /// <summary>Fingerprints of retired keys held (the oldest is forgotten beyond).</summary>
        public const int MaxRetiredKeys = 64;

        /// <summary>Key slots first made, then doubled as keys need them, up to <see cref="MaxKeys"/>.</summary>
        public const int InitialSlots = 4;

        /// <summary>Digest prefixes a slot's list is first allocated for (then doubled as needed, up to the capacity).</summary>
        public const int InitialDigests = 4;

        private const int KeyLength = ReplayHistoryEntry.KeyLength;
        private const int Prefix = ReplayHistoryEntry.DigestPrefixLength;
        private const byte Separator = (byte)':';

        private readonly int _capacity;
        // Per-slot state for the slots made so far (_slots, up to MaxKeys): grown as keys come, so a device with one
        // account holds 4 slots, not 32 (the slot arrays of 32 were ~100 heap blocks before any trigger).
        private int _slots;
        private byte[] _keys = new byte[0];
        private int[] _counts = new int[0];
        private int[] _lastUsed = new int[0];
        private bool[] _inUse = new bool[0];
        private bool[] _resync = new bool[0];
        private byte[][] _digests = new byte[0][];
        private readonly byte[] _retired = new byte[MaxRetiredKeys * KeyLength];
        private int _retiredCount;
        private int _retiredNext;
        // Orders the keys by last use for eviction; one step per accepted trigger, reset at each restore (boot), so an int
        // (half the bytes of a long per slot on the heap): 2^31 accepted triggers in one run would take decades at one a
        // second, and a wrong order would only retire another key (refusals, fail closed), never forget a digest of a
        // current key.
        private int _sequence;

        private readonly Md5 _md5 = new Md5();
        private readonly byte[] _hash = new byte[Md5.HashLength];
        private readonly byte[] _key = new byte[KeyLength];
        private int _keySlot = -1;
        private bool _keyResync;

        // The last Add, so a commit that could not be persisted is taken back (Undo).
        private int _undoSlot = -1;
        private bool _undoWasInUse;
        private bool _undoResync;
        private readonly byte[] _undoKey = new byte[KeyLength];
        private int _undoCount;
        private int _undoLastUsed;
        private readonly byte[] _undoFirstDigest = new byte[Prefix];
        private bool _undoRetired;
        private readonly byte[] _undoRetiredOld = new byte[KeyLength];
        private int _undoRetiredCount;
        private int _undoRetiredNext;

        /// <summary>Creates a guard; capacity 0 turns it off.</summary>
        public ReplayGuard(int capacity)
        {
            _capacity = capacity;
        }

        /// <summary>Digests remembered per key.</summary>
        public int Capacity => _capacity;

        /// <summary>
        /// The verdict on a trigger whose digest matched under <paramref name="credential"/> and <paramref name="nonce"/>:
        /// None, Replayed (accepted before under this key), NonceExhausted (the key's list is full) or
        /// ReplayHistoryUnavailable (the key was retired or its history lost). Reads only; remembers the key for
        /// <see cref="Add"/>.
        /// </summary>
        public ReasonCode Check(byte[] credential, byte[] nonce, bool resync, byte[] buffer, int digestOffset)
        {
            _keySlot = -1;
            _keyResync = resync;
            if (_capacity == 0)
            {
                return ReasonCode.None;
            }

            Fingerprint(credential, nonce, _key, 0);
            if (IndexOfRetired(_key, 0) >= 0)
            {
                return ReasonCode.ReplayHistoryUnavailable;
            }

            int slot = IndexOfKey(_key, 0);
            _keySlot = slot;
            if (slot < 0)
            {
                return ReasonCode.None;
            }

            byte[] list = _digests[slot];
            int count = _counts[slot];
            for (int i = 0; i < count; i++)
            {
                if (Same(list, i * Prefix, buffer, digestOffset, Prefix))
                {
                    return ReasonCode.Replayed;
                }
            }

            return count == _capacity ? ReasonCode.NonceExhausted : ReasonCode.None;
        }

        /// <summary>Remembers the trigger <see cref="Check"/> just passed (under the key it computed). Undone by <see cref="Undo"/>.</summary>
        public void Add(byte[] buffer, int digestOffset)
        {
            _undoSlot = -1;
            if (_capacity == 0)
            {
                return;
            }

            int slot = _keySlot;
            _undoRetired = false;
            if (slot < 0)
            {
                slot = FreeOrLeastRecentSlot();
                _undoWasInUse = _inUse[slot];
                _undoResync = _resync[slot];
                if (_undoWasInUse)
                {
                    Array.Copy(_keys, slot * KeyLength, _undoKey, 0, KeyLength);
                    Array.Copy(_digests[slot], 0, _undoFirstDigest, 0, Prefix);
                    Retire(_keys, slot * KeyLength, true);
                }

                _undoCount = _counts[slot];
                _undoLastUsed = _lastUsed[slot];
                if (_digests[slot] == null)
                {
                    _digests[slot] = new byte[ListLength(1) * Prefix];
                }

                Array.Copy(_key, 0, _keys, slot * KeyLength, KeyLength);
                _counts[slot] = 0;
                _inUse[slot] = true;
                _resync[slot] = _keyResync;
            }
            else
            {
                _undoWasInUse = true;
                _undoResync = _resync[slot];
                Array.Copy(_keys, slot * KeyLength, _undoKey, 0, KeyLength);
                _undoCount = _counts[slot];
                _undoLastUsed = _lastUsed[slot];
            }

            _undoSlot = slot;
            if (_counts[slot] * Prefix == _digests[slot].Length)
            {
                // Full but below the capacity (Check said so): double it. An Undo keeps the larger list.
                byte[] larger = new byte[ListLength(_counts[slot] + 1) * Prefix];
                Array.Copy(_digests[slot], larger, _digests[slot].Length);
                _digests[slot] = larger;
            }

            Array.Copy(buffer, digestOffset, _digests[slot], _counts[slot] * Prefix, Prefix);
            _counts[slot]++;
            _lastUsed[slot] = ++_sequence;
        }

        /// <summary>Takes back the last <see cref="Add"/> (its commit could not be persisted): the state is as before it.</summary>
        public void Undo()
        {
            int slot = _undoSlot;
            if (slot < 0)
            {
                return;
            }

            _undoSlot = -1;
            _sequence--;
            _inUse[slot] = _undoWasInUse;
            _resync[slot] = _undoResync;
            _counts[slot] = _undoCount;
            _lastUsed[slot] = _undoLastUsed;
            Array.Copy(_undoKey, 0, _keys, slot * KeyLength, KeyLength);
            if (_undoRetired)
            {
                // The evicted key comes back with its first digest (the only one the new key overwrote).
                Array.Copy(_undoFirstDigest, 0, _digests[slot], 0, Prefix);
                _retiredNext = _undoRetiredNext;
                _retiredCount = _undoRetiredCount;
                Array.Copy(_undoRetiredOld, 0, _retired, _retiredNext * KeyLength, KeyLength);
            }
        }

        /// <summary>
        /// Retires every key <paramref name="account"/> verifies under now (its history is lost): triggers under them are
        /// refused until the nonce (for resynchronisation keys, the password) changes.
        /// </summary>
        public void RetireCurrentKeys(ServerAccount account)
        {
            if (_capacity == 0)
            {
                return;
            }

            byte[][] nonces = DigestVerifier.CurrentNonces(account);
            byte[] key = new byte[KeyLength];
            for (int i = 0; i < nonces.Length; i++)
            {
                Fingerprint(account.CredentialBase64, nonces[i], key, 0);
                int slot = IndexOfKey(key, 0);
                if (slot >= 0)
                {
                    _inUse[slot] = false;
                    _counts[slot] = 0;
                }

                if (IndexOfRetired(key, 0) < 0)
                {
                    Retire(key, 0, false);
                }
            }

            _undoSlot = -1;
        }

        /// <summary>The key histories for storage, least recently used first. A snapshot; allocates.</summary>
        public ReplayHistoryEntry[] GetHistory()
        {
            int used = 0;
            for (int i = 0; i < _slots; i++)
            {
                used += _inUse[i] ? 1 : 0;
            }

            var entries = new ReplayHistoryEntry[used];
            int previous = int.MinValue;
            for (int at = 0; at < used; at++)
            {
                // Ordered by last use (sequence numbers are distinct), so a restore keeps the eviction order.
                int best = -1;
                for (int i = 0; i < _slots; i++)
                {
                    if (_inUse[i] && _lastUsed[i] > previous && (best < 0 || _lastUsed[i] < _lastUsed[best]))
                    {
                        best = i;
                    }
                }

                previous = _lastUsed[best];
                byte[] key = new byte[KeyLength];
                Array.Copy(_keys, best * KeyLength, key, 0, KeyLength);
                byte[] digests = new byte[_counts[best] * Prefix];
                Array.Copy(_digests[best], 0, digests, 0, digests.Length);
                entries[at] = new ReplayHistoryEntry(key, _resync[best], digests);
            }

            return entries;
        }

        /// <summary>The retired key fingerprints for storage, oldest first, <see cref="ReplayHistoryEntry.KeyLength"/> octets each.</summary>
        public byte[] GetRetiredKeys()
        {
            byte[] keys = new byte[_retiredCount * KeyLength];
            int oldest = _retiredCount < MaxRetiredKeys ? 0 : _retiredNext;
            for (int i = 0; i < _retiredCount; i++)
            {
                Array.Copy(_retired, ((oldest + i) % MaxRetiredKeys) * KeyLength, keys, i * KeyLength, KeyLength);
            }

            return keys;
        }

        /// <summary>
        /// Replaces the state with a stored one (at boot). Entries beyond <see cref="MaxKeys"/>: the last (most recently
        /// used) are kept and the others retired; lists longer than the capacity keep their newest digests.
        /// </summary>
        public void Restore(ReplayHistoryEntry[] entries, byte[] retiredKeys)
        {
            for (int i = 0; i < _slots; i++)
            {
                _inUse[i] = false;
                _counts[i] = 0;
            }

            _retiredCount = 0;
            _retiredNext = 0;
            _sequence = 0;
            _undoSlot = -1;
            if (_capacity == 0)
            {
                return;
            }

            for (int i = 0; i + KeyLength <= retiredKeys.Length; i += KeyLength)
            {
                Retire(retiredKeys, i, false);
            }

            int skip = entries.Length > MaxKeys ? entries.Length - MaxKeys : 0;
            for (int i = 0; i < entries.Length; i++)
            {
                ReplayHistoryEntry entry = entries[i];
                if (entry == null)
                {
                    continue;
                }

                if (i < skip)
                {
                    Retire(entry.Key, 0, false);
                    continue;
                }

                int slot = FreeOrLeastRecentSlot();
                int count = entry.Digests.Length / Prefix;
                int drop = count > _capacity ? count - _capacity : 0;
                int length = ListLength(count - drop) * Prefix;
                if (_digests[slot] == null || _digests[slot].Length < length)
                {
                    _digests[slot] = new byte[length];
                }

                Array.Copy(entry.Key, 0, _keys, slot * KeyLength, KeyLength);
                Array.Copy(entry.Digests, drop * Prefix, _digests[slot], 0, (count - drop) * Prefix);
                _counts[slot] = count - drop;
                _inUse[slot] = true;
                _resync[slot] = entry.IsResync;
                _lastUsed[slot] = ++_sequence;
            }
        }

        // Prefixes a list made for `needed` holds: InitialDigests doubled until it is enough, at most the capacity.
        private int ListLength(int needed)
        {
            int length = InitialDigests;
            while (length < needed)
            {
                length *= 2;
            }

            return length < _capacity ? length : _capacity;
        }

        // Doubles the slots (a free one at index _slots afterwards). Allocates before any state changes, so an allocation
        // that fails leaves the guard as it was.
        private void Grow()
        {
            int slots = _slots == 0 ? InitialSlots : _slots * 2;
            if (slots > MaxKeys)
            {
                slots = MaxKeys;
            }

            var keys = new byte[slots * KeyLength];
            var counts = new int[slots];
            var lastUsed = new int[slots];
            var inUse = new bool[slots];
            var resync = new bool[slots];
            var digests = new byte[slots][];
            Array.Copy(_keys, keys, _keys.Length);
            Array.Copy(_counts, counts, _slots);
            Array.Copy(_lastUsed, lastUsed, _slots);
            Array.Copy(_inUse, inUse, _slots);
            Array.Copy(_resync, resync, _slots);
            Array.Copy(_digests, digests, _slots);
            _keys = keys;
            _counts = counts;
            _lastUsed = lastUsed;
            _inUse = inUse;
            _resync = resync;
            _digests = digests;
            _slots = slots;
        }

        /// <summary>Writes the key of (credential, nonce): the first octets of <c>H(credential ":" nonce)</c>.</summary>
        private void Fingerprint(byte[] credential, byte[] nonce, byte[] output, int offset)
        {
            _md5.Reset();
            _md5.Append(credential, 0, credential.Length);
            _md5.Append(Separator);
            _md5.Append(nonce, 0, nonce.Length);
            _md5.Finish(_hash, 0);
            Array.Copy(_hash, 0, output, offset, KeyLength);
        }

        private int IndexOfKey(byte[] key, int offset)
        {
            for (int i = 0; i < _slots; i++)
            {
                if (_inUse[i] && Same(_keys, i * KeyLength, key, offset, KeyLength))
                {
                    return i;
                }
            }

            return -1;
        }

        private int IndexOfRetired(byte[] key, int offset)
        {
            for (int i = 0; i < _retiredCount; i++)
            {
                if (Same(_retired, i * KeyLength, key, offset, KeyLength))
                {
                    return i;
                }
            }

            return -1;
        }

        // A free slot, else the least recently used stored-nonce key (a server sets a new nonce in every session, so the
        // oldest one is almost surely no longer current), else the least recently used key. Resynchronisation keys stay
        // current until the password changes, and are the server's way back: they go last.
        private int FreeOrLeastRecentSlot()
        {
            int oldest = -1;
            int oldestStored = -1;
            for (int i = 0; i < _slots; i++)
            {
                if (!_inUse[i])
                {
                    return i;
                }
            }

            if (_slots < MaxKeys)
            {
                int free = _slots;
                Grow();
                return free;
            }

            for (int i = 0; i < _slots; i++)
            {
                if (oldest < 0 || _lastUsed[i] < _lastUsed[oldest])
                {
                    oldest = i;
                }

                if (!_resync[i] && (oldestStored < 0 || _lastUsed[i] < _lastUsed[oldestStored]))
                {
                    oldestStored = i;
                }
            }

            return oldestStored >= 0 ? oldestStored : oldest;
        }

        // A ring: beyond MaxRetiredKeys the oldest fingerprint is overwritten (the residual bound).
        private void Retire(byte[] key, int offset, bool recordUndo)
        {
            if (recordUndo)
            {
                _undoRetired = true;
                _undoRetiredCount = _retiredCount;
                _undoRetiredNext = _retiredNext;
                Array.Copy(_retired, _retiredNext * KeyLength, _undoRetiredOld, 0, KeyLength);
            }

            Array.Copy(key, offset, _retired, _retiredNext * KeyLength, KeyLength);
            _retiredNext = (_retiredNext + 1) % MaxRetiredKeys;
            if (_retiredCount < MaxRetiredKeys)
            {
                _retiredCount++;
            }
        }

        private static bool Same(byte[] a, int aOffset, byte[] b, int bOffset, int length)
        {
            for (int i = 0; i < length; i++)
            {
                if (a[aOffset + i] != b[bOffset + i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}

using System;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// The duplicate window of <see cref="NotificationAgent"/>: a fixed set of slots remembering recently accepted server +
    /// session ids, so a trigger whose session is still open, or that came less than the window ago, is a duplicate.
    /// A slot may hold the request still waiting for the DM client (<see cref="PendingHandover"/>); such a slot is never
    /// reused for another session. Slots are named by index. Not thread-safe: the agent calls it under its lock.
    /// </summary>
    public sealed class DuplicateWindow
    {
        private readonly Slot[] _slots;
        private readonly int _windowMilliseconds;

        // The slot the last Remember filled and a copy of what it held, so a commit that was not persisted is taken back.
        private readonly Slot _undo = new Slot();
        private int _undoSlot = -1;

        /// <summary>Creates a window of <paramref name="capacity"/> slots, all free.</summary>
        /// <param name="capacity">Slots (at least 1).</param>
        /// <param name="windowMilliseconds">How long a closed session's id stays a duplicate.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1.</exception>
        public DuplicateWindow(int capacity, int windowMilliseconds)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            _windowMilliseconds = windowMilliseconds;
            _slots = new Slot[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _slots[i] = new Slot();
            }
        }

        /// <summary>The number of slots.</summary>
        public int Capacity => _slots.Length;

        /// <summary>The slot remembering this server + session id, or -1.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="sessionId">Session id value.</param>
        /// <returns>The slot index, or -1.</returns>
        public int Find(string serverId, int sessionId)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                Slot slot = _slots[i];
                if (slot.ServerId != null && slot.SessionId == sessionId && slot.ServerId == serverId)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when this server + session id is remembered and its session is open or was received less than the window before <paramref name="now"/>.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="sessionId">Session id value.</param>
        /// <param name="now">Monotonic milliseconds.</param>
        /// <returns>True for a duplicate.</returns>
        public bool IsDuplicate(string serverId, int sessionId, long now)
        {
            int i = Find(serverId, sessionId);
            return i >= 0 && (_slots[i].Open || now - _slots[i].ReceivedMilliseconds < _windowMilliseconds);
        }

        /// <summary>
        /// The slot a new acceptance of this server + session id would fill: the one remembering it, else a free one, else
        /// the oldest closed session, else the oldest open one; never one holding a request (-1 when every slot does), so
        /// memory stays at <see cref="Capacity"/> slots and no request waiting for the DM client is lost.
        /// </summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="sessionId">Session id value.</param>
        /// <returns>The slot index (which may hold a request when it remembers this very id), or -1.</returns>
        public int SlotFor(string serverId, int sessionId)
        {
            int i = Find(serverId, sessionId);
            return i >= 0 ? i : FreeOrOldest();
        }

        /// <summary>Remembers an accepted session, open, in <paramref name="slot"/> (from <see cref="SlotFor"/>); <see cref="Undo"/> takes it back.</summary>
        /// <param name="slot">Slot index.</param>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="sessionId">Session id value.</param>
        /// <param name="now">Monotonic milliseconds.</param>
        /// <param name="receivedUtc">Wall-clock time of receipt (stored, so a restore keeps the order of arrival).</param>
        public void Remember(int slot, string serverId, int sessionId, long now, DateTime receivedUtc)
        {
            _undoSlot = slot;
            Copy(_slots[slot], _undo);
            Fill(_slots[slot], serverId, sessionId, now, receivedUtc, true);
        }

        /// <summary>Puts back what the slot of the last <see cref="Remember"/> held before (including a held request).</summary>
        public void Undo()
        {
            if (_undoSlot >= 0)
            {
                Copy(_undo, _slots[_undoSlot]);
                _undoSlot = -1;
            }
        }

        /// <summary>Marks the session of this server + session id closed; its id stays a duplicate until the window passes.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="sessionId">Session id value.</param>
        public void Complete(string serverId, int sessionId)
        {
            int i = Find(serverId, sessionId);
            if (i >= 0)
            {
                _slots[i].Open = false;
            }
        }

        /// <summary>
        /// Remembers a stored session, closed, as received at <paramref name="receivedMilliseconds"/>. The same server +
        /// session remembered already keeps the newer time; with no free slot, an entry older than every remembered one
        /// displaces none of them; a slot holding a request is never overwritten.
        /// </summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="sessionId">Session id value.</param>
        /// <param name="receivedMilliseconds">Monotonic time the entry counts as received.</param>
        /// <param name="receivedUtc">Its stored wall-clock time.</param>
        /// <returns>The slot filled, or -1 when the entry was dropped.</returns>
        public int Restore(string serverId, int sessionId, long receivedMilliseconds, DateTime receivedUtc)
        {
            if (serverId == null)
            {
                return -1; // a slot without a server id is a free one
            }

            int i = Find(serverId, sessionId);
            if (i < 0)
            {
                i = FreeOrOldest();
                if (i >= 0 && _slots[i].InUse && _slots[i].ReceivedMilliseconds >= receivedMilliseconds)
                {
                    return -1; // even the oldest remembered one is not older than the entry: drop the entry instead
                }
            }
            else if (_slots[i].ReceivedMilliseconds >= receivedMilliseconds)
            {
                return -1;
            }

            if (i < 0 || _slots[i].Request != null)
            {
                return -1;
            }

            Fill(_slots[i], serverId, sessionId, receivedMilliseconds, receivedUtc, false);
            return i;
        }

        /// <summary>The request <paramref name="slot"/> holds for the DM client, or null.</summary>
        /// <param name="slot">Slot index.</param>
        /// <returns>The request, or null.</returns>
        public SessionRequest HeldRequest(int slot)
        {
            return _slots[slot].InUse ? _slots[slot].Request : null;
        }

        /// <summary>Makes <paramref name="slot"/> (in use) hold a request for the DM client, or, with null, release it.</summary>
        /// <param name="slot">Slot index.</param>
        /// <param name="request">The request, or null.</param>
        public void Hold(int slot, SessionRequest request)
        {
            _slots[slot].Request = request;
        }

        /// <summary>When <paramref name="slot"/> was received, in monotonic milliseconds.</summary>
        /// <param name="slot">Slot index.</param>
        /// <returns>Monotonic milliseconds.</returns>
        public long ReceivedMilliseconds(int slot)
        {
            return _slots[slot].ReceivedMilliseconds;
        }

        /// <summary>
        /// The remembered sessions for storage, in slot order. A slot holding a request received at or after
        /// <paramref name="detailedFrom"/> is stored with what to hand over; every other one as handed over. Allocates.
        /// </summary>
        /// <param name="detailedFrom">Monotonic time from which held requests are stored whole.</param>
        /// <returns>The entries.</returns>
        public SessionHistoryEntry[] ToEntries(long detailedFrom)
        {
            int used = 0;
            for (int i = 0; i < _slots.Length; i++)
            {
                used += _slots[i].InUse ? 1 : 0;
            }

            SessionHistoryEntry[] entries = new SessionHistoryEntry[used];
            int at = 0;
            for (int i = 0; i < _slots.Length; i++)
            {
                Slot slot = _slots[i];
                if (!slot.InUse)
                {
                    continue;
                }

                SessionRequest r = slot.Request;
                entries[at++] = r != null && slot.ReceivedMilliseconds >= detailedFrom
                    ? new SessionHistoryEntry(slot.ServerId, slot.SessionId, slot.ReceivedUtc, r.Bearer, r.Source ?? string.Empty, r.UiMode, r.Initiator, r.Version, r.Vendor, r.Nonce)
                    : new SessionHistoryEntry(slot.ServerId, slot.SessionId, slot.ReceivedUtc);
            }

            return entries;
        }

        private int FreeOrOldest()
        {
            int oldestClosed = -1;
            int oldest = -1;
            for (int i = 0; i < _slots.Length; i++)
            {
                Slot slot = _slots[i];
                if (!slot.InUse)
                {
                    return i;
                }

                if (slot.Request != null)
                {
                    continue;
                }

                if (oldest < 0 || slot.ReceivedMilliseconds < _slots[oldest].ReceivedMilliseconds)
                {
                    oldest = i;
                }

                if (!slot.Open && (oldestClosed < 0 || slot.ReceivedMilliseconds < _slots[oldestClosed].ReceivedMilliseconds))
                {
                    oldestClosed = i;
                }
            }

            return oldestClosed >= 0 ? oldestClosed : oldest;
        }

        private static void Fill(Slot slot, string serverId, int sessionId, long now, DateTime receivedUtc, bool open)
        {
            slot.ServerId = serverId;
            slot.SessionId = sessionId;
            slot.ReceivedMilliseconds = now;
            slot.ReceivedUtc = receivedUtc;
            slot.Open = open;
            slot.Request = null;
        }

        private static void Copy(Slot from, Slot to)
        {
            to.ServerId = from.ServerId;
            to.SessionId = from.SessionId;
            to.ReceivedMilliseconds = from.ReceivedMilliseconds;
            to.ReceivedUtc = from.ReceivedUtc;
            to.Open = from.Open;
            to.Request = from.Request;
        }

        /// <summary>One remembered server + session id; free while its server id is null (a heap block less per slot than a flag).</summary>
        private sealed class Slot
        {
            public string ServerId;
            public int SessionId;
            public long ReceivedMilliseconds;
            public DateTime ReceivedUtc;
            public bool Open;

            // Persisted but not yet acknowledged as handed to the DM client (PendingHandover), with what to hand over.
            public SessionRequest Request;

            public bool InUse => ServerId != null;
        }
    }
}

using OmaDm.Notification.Authentication;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// The requests of <see cref="NotificationAgent"/> that were persisted but not yet acknowledged as handed to the DM
    /// client: at most <see cref="MaxRequests"/> wait (a further one is refused rather than displacing one), an
    /// acknowledgement releases one, and after a restart the stored ones are handed over again. Each waits in the
    /// <see cref="DuplicateWindow"/> slot of its session, which pins it there. Not thread-safe: the agent calls it under
    /// its lock.
    /// </summary>
    public sealed class PendingHandover
    {
        /// <summary>Most requests waiting for the DM client; also the most stored with what to hand over.</summary>
        public const int MaxRequests = 4;

        private readonly DuplicateWindow _window;
        private readonly AccountTable _accounts;

        // The agent's scratch for the session id text (used under its lock only, as here).
        private readonly char[] _sessionIdDigits;

        /// <summary>Creates the handover over <paramref name="window"/>'s slots.</summary>
        /// <param name="window">The duplicate window whose slots hold the requests.</param>
        /// <param name="accounts">Accounts, to name a redelivered request's account and session id format.</param>
        /// <param name="sessionIdDigits">Scratch of <see cref="SessionIdText.MaxLength"/> characters, shared with the caller.</param>
        public PendingHandover(DuplicateWindow window, AccountTable accounts, char[] sessionIdDigits)
        {
            _window = window;
            _accounts = accounts;
            _sessionIdDigits = sessionIdDigits;
        }

        /// <summary>How many requests wait for the DM client.</summary>
        /// <returns>The count.</returns>
        public int Count()
        {
            int count = 0;
            for (int i = 0; i < _window.Capacity; i++)
            {
                count += _window.HeldRequest(i) != null ? 1 : 0;
            }

            return count;
        }

        /// <summary>
        /// True when a request can wait in <paramref name="slot"/> (from <see cref="DuplicateWindow.SlotFor"/>): there is
        /// one, it holds no request, and fewer than <see cref="MaxRequests"/> wait.
        /// </summary>
        /// <param name="slot">Slot index, or -1.</param>
        /// <returns>False when the trigger must be refused as a handover backlog.</returns>
        public bool HasRoom(int slot)
        {
            return slot >= 0 && _window.HeldRequest(slot) == null && Count() < MaxRequests;
        }

        /// <summary>Says the request of this server + session id reached the DM client: it no longer waits.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="sessionId">Session id value.</param>
        /// <returns>True when a waiting request was released.</returns>
        public bool Acknowledge(string serverId, int sessionId)
        {
            int slot = _window.Find(serverId, sessionId);
            if (slot < 0 || _window.HeldRequest(slot) == null)
            {
                return false;
            }

            _window.Hold(slot, null);
            return true;
        }

        /// <summary>The waiting requests, oldest first. Allocates the array.</summary>
        /// <returns>The requests.</returns>
        public SessionRequest[] GetRequests()
        {
            var requests = new SessionRequest[Count()];
            long previous = long.MinValue;
            for (int at = 0; at < requests.Length; at++)
            {
                // Selection by receive time; equal times are told apart by the requests already taken.
                int best = -1;
                for (int i = 0; i < _window.Capacity; i++)
                {
                    SessionRequest request = _window.HeldRequest(i);
                    long received = _window.ReceivedMilliseconds(i);
                    if (request != null && received >= previous && !Contains(requests, at, request)
                        && (best < 0 || received < _window.ReceivedMilliseconds(best)))
                    {
                        best = i;
                    }
                }

                requests[at] = _window.HeldRequest(best);
                previous = _window.ReceivedMilliseconds(best);
            }

            return requests;
        }

        /// <summary>
        /// The receive time from which waiting requests are stored with what to hand over: only the newest
        /// <see cref="MaxRequests"/> are (a bound on the record); older ones (possible after restoring a longer list) are
        /// stored as handed over. For <see cref="DuplicateWindow.ToEntries"/>.
        /// </summary>
        /// <returns>Monotonic milliseconds; <see cref="long.MinValue"/> when all are stored whole.</returns>
        public long StoredWholeFrom()
        {
            long from = long.MinValue;
            for (int pending = Count(); pending > MaxRequests; pending--)
            {
                long oldest = long.MaxValue;
                for (int i = 0; i < _window.Capacity; i++)
                {
                    long received = _window.ReceivedMilliseconds(i);
                    if (_window.HeldRequest(i) != null && received >= from && received < oldest)
                    {
                        oldest = received;
                    }
                }

                from = oldest + 1;
            }

            return from;
        }

        /// <summary>
        /// Makes <paramref name="slot"/> (just restored from <paramref name="entry"/>) hold the request to hand over again
        /// (<see cref="SessionRequest.IsRedelivery"/>). Allocates the request.
        /// </summary>
        /// <param name="slot">The slot <see cref="DuplicateWindow.Restore"/> filled.</param>
        /// <param name="entry">A stored entry with <see cref="SessionHistoryEntry.IsPending"/>.</param>
        /// <param name="receivedMilliseconds">The monotonic time the entry counts as received.</param>
        public void Redeliver(int slot, SessionHistoryEntry entry, long receivedMilliseconds)
        {
            ServerAccount account = _accounts.Find(entry.ServerId);
            SessionIdFormat format = account == null ? SessionIdFormat.Hexadecimal : account.SessionIdFormat;
            _window.Hold(slot, new SessionRequest
            {
                SessionId = SessionIdText.Format(entry.SessionId, format, _sessionIdDigits),
                SessionIdValue = entry.SessionId,
                ServerId = entry.ServerId,
                Account = account,
                UiMode = entry.UiMode,
                Initiator = entry.Initiator,
                Version = entry.Version,
                Vendor = entry.Vendor,
                Bearer = entry.Bearer,
                Source = entry.Source,
                Nonce = entry.Nonce,
                IsResync = DigestVerifier.IsResync(entry.Nonce),
                ReceivedUtc = entry.ReceivedUtc,
                ReceivedMonotonicMilliseconds = receivedMilliseconds,
                IsRedelivery = true,
            });
        }

        private static bool Contains(SessionRequest[] requests, int count, SessionRequest request)
        {
            for (int i = 0; i < count; i++)
            {
                if (requests[i] == request)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

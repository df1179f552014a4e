using System;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// One remembered session request (server id, session id, when received), as the agent hands it to persistent
    /// storage so duplicate suppression survives a reboot (<see cref="NotificationAgent.GetRecentSessions"/>).
    /// </summary>
    public sealed class SessionHistoryEntry
    {
        /// <summary>Creates an entry.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="sessionId">Session id value, 0..0xFFFF.</param>
        /// <param name="receivedUtc">When the trigger was received (wall clock).</param>
        /// <exception cref="ArgumentNullException"><paramref name="serverId"/> is null.</exception>
        public SessionHistoryEntry(string serverId, int sessionId, DateTime receivedUtc)
        {
            if (serverId == null)
            {
                throw new ArgumentNullException(nameof(serverId));
            }

            ServerId = serverId;
            SessionId = sessionId;
            ReceivedUtc = receivedUtc;
        }

        /// <summary>The server identifier.</summary>
        public string ServerId { get; }

        /// <summary>The session id value.</summary>
        public int SessionId { get; }

        /// <summary>When the trigger was received (wall clock; informative, the agent times windows with its monotonic clock).</summary>
        public DateTime ReceivedUtc { get; }
    }
}

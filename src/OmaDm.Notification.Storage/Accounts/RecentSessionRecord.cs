using System;

namespace OmaDm.Notification.Storage.Accounts
{
    /// <summary>
    /// A recently handled trigger (server id + session id + when it was received), persisted so that a reboot does not
    /// turn a duplicate trigger into a second session (OMA-TS-DM_Notification 6.2.10).
    /// </summary>
    public sealed class RecentSessionRecord
    {
        /// <summary>Creates a record.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="sessionId">Session id value, 0..0xFFFF.</param>
        /// <param name="receivedUtc">When the trigger was received (wall clock).</param>
        public RecentSessionRecord(string serverId, int sessionId, DateTime receivedUtc)
        {
            ServerId = serverId;
            SessionId = sessionId;
            ReceivedUtc = receivedUtc;
        }

        /// <summary>Server identifier.</summary>
        public string ServerId { get; }

        /// <summary>Session id value.</summary>
        public int SessionId { get; }

        /// <summary>When the trigger was received.</summary>
        public DateTime ReceivedUtc { get; }
    }
}

using System;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// One remembered session request (server id, session id, when received), as the agent hands it to persistent
    /// storage so duplicate suppression survives a reboot (<see cref="NotificationAgent.GetRecentSessions"/>). A request
    /// accepted and persisted but not yet acknowledged as handed to the DM client (<see cref="IsPending"/>) also carries
    /// what the client needs, so it is handed over after a restart.
    /// </summary>
    public sealed class SessionHistoryEntry
    {
        /// <summary>Creates an entry of a request already handed to the DM client.</summary>
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

        /// <summary>Creates an entry of a request not yet handed to the DM client.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="sessionId">Session id value, 0..0xFFFF.</param>
        /// <param name="receivedUtc">When the trigger was received (wall clock).</param>
        /// <param name="bearer">The bearer that carried it.</param>
        /// <param name="source">Where it came from.</param>
        /// <param name="uiMode">The trigger's UI mode.</param>
        /// <param name="initiator">The trigger's initiator.</param>
        /// <param name="version">The trigger's version.</param>
        /// <param name="vendor">The vendor-specific tail (empty when absent).</param>
        /// <param name="nonce">Which nonce reading matched.</param>
        /// <exception cref="ArgumentNullException"><paramref name="serverId"/>, <paramref name="source"/> or <paramref name="vendor"/> is null.</exception>
        public SessionHistoryEntry(
            string serverId,
            int sessionId,
            DateTime receivedUtc,
            Bearer bearer,
            string source,
            UiMode uiMode,
            Initiator initiator,
            int version,
            byte[] vendor,
            NonceKind nonce)
            : this(serverId, sessionId, receivedUtc)
        {
            if (source == null || vendor == null)
            {
                throw new ArgumentNullException(source == null ? nameof(source) : nameof(vendor));
            }

            IsPending = true;
            Bearer = bearer;
            Source = source;
            UiMode = uiMode;
            Initiator = initiator;
            Version = version;
            Vendor = vendor;
            Nonce = nonce;
        }

        /// <summary>The server identifier.</summary>
        public string ServerId { get; }

        /// <summary>The session id value.</summary>
        public int SessionId { get; }

        /// <summary>When the trigger was received (wall clock; informative, the agent times windows with its monotonic clock).</summary>
        public DateTime ReceivedUtc { get; }

        /// <summary>True when the request was persisted but not yet acknowledged as handed to the DM client.</summary>
        public bool IsPending { get; }

        /// <summary>The bearer (pending entries).</summary>
        public Bearer Bearer { get; }

        /// <summary>The source (pending entries; null otherwise).</summary>
        public string Source { get; }

        /// <summary>The UI mode (pending entries).</summary>
        public UiMode UiMode { get; }

        /// <summary>The initiator (pending entries).</summary>
        public Initiator Initiator { get; }

        /// <summary>The trigger version (pending entries).</summary>
        public int Version { get; }

        /// <summary>The vendor-specific tail (pending entries; null otherwise).</summary>
        public byte[] Vendor { get; }

        /// <summary>Which nonce reading matched (pending entries).</summary>
        public NonceKind Nonce { get; }
    }
}

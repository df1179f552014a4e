using System;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// Everything a DM client needs to open the session an authenticated package #0 asked for. Delivered once per
    /// server + session id by <see cref="NotificationAgent.SessionRequested"/>, and once more after a restart if it was
    /// persisted but not acknowledged (<see cref="IsRedelivery"/>).
    /// </summary>
    public sealed class SessionRequest
    {
        /// <summary>The SessionID text for the DM session: upper-case hex without leading zeros (or decimal if the account says so).</summary>
        public string SessionId { get; internal set; }

        /// <summary>The binary session id, 0..0xFFFF.</summary>
        public int SessionIdValue { get; internal set; }

        /// <summary>The server identifier.</summary>
        public string ServerId { get; internal set; }

        /// <summary>The account that authenticated the trigger.</summary>
        public ServerAccount Account { get; internal set; }

        /// <summary>The server's user-interaction recommendation.</summary>
        public UiMode UiMode { get; internal set; }

        /// <summary>Who initiated the management action.</summary>
        public Initiator Initiator { get; internal set; }

        /// <summary>The trigger's 10-bit version field.</summary>
        public int Version { get; internal set; }

        /// <summary>The vendor-specific tail (empty when absent).</summary>
        public byte[] Vendor { get; internal set; }

        /// <summary>The bearer that carried the trigger.</summary>
        public Bearer Bearer { get; internal set; }

        /// <summary>Where it came from: "IP:port" for UDP, the sender's number (or alphanumeric name) for SMS.</summary>
        public string Source { get; internal set; }

        /// <summary>Which nonce made the digest match.</summary>
        public NonceKind Nonce { get; internal set; }

        /// <summary>
        /// True when a resynchronisation nonce matched: the session layer must authenticate with the default nonce too
        /// (OMA-TS-DM_Notification 5.1 step 3).
        /// </summary>
        public bool IsResync { get; internal set; }

        /// <summary>When the trigger was received (wall clock; may be unset before SNTP).</summary>
        public DateTime ReceivedUtc { get; internal set; }

        /// <summary>When the trigger was received, in monotonic milliseconds of the agent's clock.</summary>
        public long ReceivedMonotonicMilliseconds { get; internal set; }

        /// <summary>
        /// True when this request was accepted and persisted before a restart but not acknowledged as handed over then
        /// (<see cref="NotificationAgent.GetPendingRequests"/>): it may already have reached the DM client once, which
        /// can tell by <see cref="ServerId"/> and <see cref="SessionId"/>.
        /// </summary>
        public bool IsRedelivery { get; internal set; }
    }
}

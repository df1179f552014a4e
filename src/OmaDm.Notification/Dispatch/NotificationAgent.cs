using System;
using OmaDm.Notification.Authentication;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// The pipeline from a WSP push PDU (or a bare package #0) to a session request: WSP routing, trigger decoding,
    /// digest authentication with nonce resynchronisation, duplicate suppression and rate limiting, then the callback.
    /// Parse, verify, then commit: a rejected message changes no state. Fails closed: only an authenticated trigger
    /// reaches <see cref="SessionRequested"/>. Owns no thread, clock or I/O; bearers call it, serialized by the caller
    /// or concurrently (it locks internally).
    /// </summary>
#pragma warning disable CS0067 // contract: the events are raised once the agent is implemented
    public sealed class NotificationAgent
    {
        /// <summary>Creates an agent.</summary>
        /// <param name="accounts">The trusted server accounts (shared, may change at run time).</param>
        /// <param name="clock">Injected time.</param>
        /// <param name="options">Policies; null for defaults.</param>
        public NotificationAgent(AccountTable accounts, IClock clock, AgentOptions options)
        {
            throw new NotImplementedException();
        }

        /// <summary>Raised once per authenticated, non-duplicate, non-rate-limited trigger.</summary>
        public event SessionRequestedHandler SessionRequested;

        /// <summary>Raised for every message that did not start a session, Duplicate included.</summary>
        public event NotificationRejectedHandler Rejected;

        /// <summary>The accounts the agent authenticates against.</summary>
        public AccountTable Accounts => throw new NotImplementedException();

        /// <summary>Processes a connectionless WSP push PDU (the UDP datagram, or the reassembled SMS user data after the UDH).</summary>
        /// <param name="buffer">Buffer holding the PDU.</param>
        /// <param name="offset">First byte (the TID).</param>
        /// <param name="count">PDU length.</param>
        /// <param name="bearer">The bearer that carried it.</param>
        /// <param name="source">"IP:port" or the sender's number.</param>
        /// <returns><see cref="ReasonCode.None"/> when a session request was raised, else the rejection reason.</returns>
        public ReasonCode ProcessPush(byte[] buffer, int offset, int count, Bearer bearer, string source)
        {
            throw new NotImplementedException();
        }

        /// <summary>Processes a bare package #0 (digest + trigger), for bearers without WSP (OBEX, tests, tools).</summary>
        /// <param name="buffer">Buffer holding the message.</param>
        /// <param name="offset">First digest byte.</param>
        /// <param name="count">Message length.</param>
        /// <param name="bearer">The bearer.</param>
        /// <param name="source">The source.</param>
        /// <returns><see cref="ReasonCode.None"/> when a session request was raised, else the rejection reason.</returns>
        public ReasonCode ProcessPackage0(byte[] buffer, int offset, int count, Bearer bearer, string source)
        {
            throw new NotImplementedException();
        }

        /// <summary>Reports a rejection that happened below the agent (SMS decoding, reassembly, an oversized datagram).</summary>
        /// <param name="reason">The reason.</param>
        /// <param name="bearer">The bearer.</param>
        /// <param name="source">The source, if known.</param>
        public void ReportRejection(ReasonCode reason, Bearer bearer, string source)
        {
            throw new NotImplementedException();
        }

        /// <summary>
        /// Tells the agent the DM session for this server and session id has ended, so a later trigger with the same id
        /// (after the duplicate window) starts a new one. While a session is open its id is always a duplicate.
        /// </summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="sessionId">Session id value.</param>
        public void CompleteSession(string serverId, int sessionId)
        {
            throw new NotImplementedException();
        }
    }
}

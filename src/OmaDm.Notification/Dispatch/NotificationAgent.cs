// The dispatch pipeline (OMA-TS-DM_Notification 5, 6.2, 7.1):
//
//   WSP push PDU ──WspPushDecoder──> body ──TriggerDecoder──> trigger ──AccountTable.Find──> account
//        ──DigestVerifier──> nonce kind ──DuplicateWindow──> ReplayGuard ──> TriggerRateLimiter ──> PendingHandover (room?)
//        ──commit──> Committer (persist) ──AgentEventFanOut──> SessionRequested
//
// This class is the orchestrator: it orders the checks, commits to each collaborator, takes a failed save back, and
// serializes access; each collaborator does one job and is created once, here.
// Parse, verify, then commit: every check before "commit" only reads state, so a rejected message (forged, duplicate,
// rate limited) changes nothing; a commit the Committer could not persist is taken back whole (NotPersisted); in
// particular a forged trigger can neither consume a server's rate limit nor occupy a duplicate slot. Fail closed: the
// only way to SessionRequested is through a matching digest.

using System;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Trigger;
using OmaDm.Notification.Wsp;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// The pipeline from a WSP push PDU (or a bare package #0) to a session request: WSP routing, trigger decoding,
    /// digest authentication with nonce resynchronisation, duplicate suppression and rate limiting, then the callback.
    /// Parse, verify, then commit: a rejected message changes no state. Fails closed: only an authenticated trigger
    /// reaches <see cref="SessionRequested"/>. Owns no thread, clock or I/O; bearers call it, serialized by the caller
    /// or concurrently (it locks internally).
    /// </summary>
    /// <remarks>
    /// <para>Threading: every public method takes one internal lock. <see cref="Rejected"/> is raised while the lock is
    /// held (its argument is one reused instance); <see cref="SessionRequested"/> and <see cref="RecentSessionsChanged"/>
    /// are raised after it is released. Handlers may call back into the agent from the same thread.</para>
    /// <para>Subscriber exceptions do not propagate: one faulty handler must not kill a bearer's receive thread or stop
    /// the other handlers. Each handler is called on its own; an exception is counted in
    /// <see cref="HandlerFaultCount"/> and reported through <see cref="HandlerFaulted"/>. A throwing handler never turns a
    /// rejection into an acceptance: the verdict is reached before any handler runs.</para>
    /// <para>Allocation: rejecting allocates nothing when <see cref="Rejected"/> has no subscribers.</para>
    /// </remarks>
    public sealed class NotificationAgent
    {
        /// <summary>Largest <see cref="AgentOptions.ReplayHistoryCapacity"/>.</summary>
        public const int MaxReplayHistoryCapacity = 64;

        /// <summary>
        /// Most pending (persisted, not yet acknowledged) requests: with this many waiting for the DM client, a further
        /// authentic trigger is refused as <see cref="ReasonCode.HandoverBacklog"/> rather than displacing one.
        /// </summary>
        public const int MaxPendingSessions = PendingHandover.MaxRequests;

        private const int UnknownSessionId = -1;

        private readonly object _lock = new object();
        private readonly AccountTable _accounts;
        private readonly IClock _clock;
        private readonly bool _acceptMissingApplicationId;
        private readonly TriggerDecoder _decoder;
        private readonly NotificationTrigger _trigger = new NotificationTrigger();
        private readonly WspPush _push = new WspPush();
        private readonly DigestVerifier _verifier = new DigestVerifier();

        // Scratch for the session id text (under the lock; shared with the handover's redelivery).
        private readonly char[] _sessionIdDigits = new char[SessionIdText.MaxLength];

        // The collaborators, one job each, created once here: the agent only orders their checks and commits.
        private readonly DuplicateWindow _window;
        private readonly PendingHandover _handover;
        private readonly TriggerRateLimiter _rateLimiter;
        private readonly AgentEventFanOut _events;

        // Accepted-trigger digests per verification key (fixed size, see ReplayGuard).
        private readonly ReplayGuard _guard;

        private BootstrapAgent _bootstrap;

        /// <summary>Creates an agent.</summary>
        /// <param name="accounts">The trusted server accounts (shared, may change at run time).</param>
        /// <param name="clock">Injected time.</param>
        /// <param name="options">Policies; null for defaults. Read once: later changes to the object have no effect.</param>
        /// <exception cref="ArgumentNullException"><paramref name="accounts"/> or <paramref name="clock"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A window is negative or the duplicate capacity is below 1.</exception>
        public NotificationAgent(AccountTable accounts, IClock clock, AgentOptions options)
        {
            if (accounts == null)
            {
                throw new ArgumentNullException(nameof(accounts));
            }

            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            if (options == null)
            {
                options = new AgentOptions();
            }

            if (options.DuplicateCapacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "DuplicateCapacity must be at least 1.");
            }

            if (options.DuplicateWindowMilliseconds < 0 || options.RateLimitWindowMilliseconds < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "Windows must not be negative.");
            }

            if (options.ReplayHistoryCapacity < 0 || options.ReplayHistoryCapacity > MaxReplayHistoryCapacity)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "ReplayHistoryCapacity must be 0..64.");
            }

            _accounts = accounts;
            _events = new AgentEventFanOut(this, _lock);
            _clock = clock;
            _rateLimiter = new TriggerRateLimiter(options.RateLimitCount, options.RateLimitWindowMilliseconds);
            _acceptMissingApplicationId = options.AcceptMissingApplicationId;
            _guard = new ReplayGuard(options.ReplayHistoryCapacity);
            _decoder = new TriggerDecoder(options.AcceptedVersions);
            _window = new DuplicateWindow(options.DuplicateCapacity, options.DuplicateWindowMilliseconds);
            _handover = new PendingHandover(_window, accounts, _sessionIdDigits);
        }

        /// <summary>Raised once per authenticated, non-duplicate, non-rate-limited trigger.</summary>
        public event SessionRequestedHandler SessionRequested
        {
            add { _events.SessionRequested += value; }
            remove { _events.SessionRequested -= value; }
        }

        /// <summary>
        /// Raised once per accepted bootstrap, after its account was committed (outside the lock, like
        /// <see cref="SessionRequested"/>).
        /// </summary>
        public event BootstrapAcceptedHandler BootstrapAccepted
        {
            add { _events.BootstrapAccepted += value; }
            remove { _events.BootstrapAccepted -= value; }
        }

        /// <summary>
        /// Where bootstrap pushes (Content-Type 0xB6 or 0xC2) go. Null (the default): every bootstrap is refused by name
        /// (bootstrap-unauthenticated, or bootstrap-sec-not-allowed when signed).
        /// </summary>
        public BootstrapAgent Bootstrap
        {
            get { lock (_lock) { return _bootstrap; } }
            set { lock (_lock) { _bootstrap = value; } }
        }

        /// <summary>Raised for every message that did not start a session, Duplicate included.</summary>
        public event NotificationRejectedHandler Rejected
        {
            add { _events.Rejected += value; }
            remove { _events.Rejected -= value; }
        }

        /// <summary>
        /// Raised after a session request was accepted and remembered (and, with a <see cref="Committer"/>, persisted), for
        /// observers of <see cref="GetRecentSessions"/> and <see cref="GetReplayHistory"/>.
        /// </summary>
        public event RecentSessionsChangedHandler RecentSessionsChanged
        {
            add { _events.RecentSessionsChanged += value; }
            remove { _events.RecentSessionsChanged -= value; }
        }

        /// <summary>Raised when a subscriber of any of the agent's events threw; the agent caught the exception.</summary>
        public event HandlerFaultedHandler HandlerFaulted
        {
            add { _events.HandlerFaulted += value; }
            remove { _events.HandlerFaulted -= value; }
        }

        /// <summary>
        /// Persists an accepted trigger before anyone hears of it: called under the agent's lock after the commit in
        /// memory and before <see cref="SessionRequested"/>, it saves <see cref="GetRecentSessions"/>,
        /// <see cref="GetReplayHistory"/> and <see cref="GetRetiredReplayKeys"/> (which then include the request, pending).
        /// When it returns false the commit is taken back whole and the trigger is refused as
        /// <see cref="ReasonCode.NotPersisted"/>, so memory matches what was saved and the server's retry is accepted once
        /// saving works again. Null (the default) persists nothing. An exception counts as false. Also called with a null
        /// request by <see cref="SaveHistory"/>.
        /// </summary>
        public SessionCommitter Committer { get; set; }

        /// <summary>The accounts the agent authenticates against.</summary>
        public AccountTable Accounts => _accounts;

        /// <summary>How many times a subscriber threw (the exceptions were caught and reported).</summary>
        public int HandlerFaultCount => _events.FaultCount;

        /// <summary>Processes a connectionless WSP push PDU (the UDP datagram, or the reassembled SMS user data after the UDH).</summary>
        /// <param name="buffer">Buffer holding the PDU.</param>
        /// <param name="offset">First byte (the TID).</param>
        /// <param name="count">PDU length.</param>
        /// <param name="bearer">The bearer that carried it.</param>
        /// <param name="source">"IP:port" or the sender's number.</param>
        /// <returns>
        /// <see cref="ReasonCode.None"/> when a session request was raised or a bootstrap accepted, else the rejection
        /// reason; <see cref="ReasonCode.OutOfMemory"/> (also reported as a rejection) when an allocation failed before the
        /// message was judged, which leaves the agent unchanged: give the same message again later.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public ReasonCode ProcessPush(byte[] buffer, int offset, int count, Bearer bearer, string source)
        {
            Buffers.ByteReader.CheckRange(buffer, offset, count);
            SessionRequest request;
            ReasonCode reason;
            BootstrapReport bootstrapped = null;
            bool bootstrap;
            lock (_lock)
            {
                reason = WspPushDecoder.Decode(buffer, offset, count, _push);
                if (reason != ReasonCode.None)
                {
                    return Reject(reason, bearer, source, null, UnknownSessionId);
                }

                // A bootstrap goes its own way (BootstrapAgent); package #0 continues below.
                bootstrap = _push.IsBootstrap;
                request = null;
                if (!bootstrap && !_push.HasApplicationId && !_acceptMissingApplicationId)
                {
                    // The spec routes on content type and application id; a push with only the right content type is
                    // accepted unless the options say otherwise.
                    return Reject(ReasonCode.WrongApplication, bearer, source, null, UnknownSessionId);
                }

                try
                {
                    reason = bootstrap
                        ? ProcessBootstrap(bearer, source, out bootstrapped)
                        : Evaluate(buffer, _push.BodyOffset, _push.BodyLength, bearer, source, out request);
                }
                catch (OutOfMemoryException)
                {
                    return Reject(ReasonCode.OutOfMemory, bearer, source, null, UnknownSessionId);
                }
            }

            if (bootstrap)
            {
                return DeliverBootstrap(reason, bootstrapped);
            }

            return Deliver(reason, request);
        }

        /// <summary>Processes a bare package #0 (digest + trigger), for bearers without WSP (OBEX, tests, tools).</summary>
        /// <param name="buffer">Buffer holding the message.</param>
        /// <param name="offset">First digest byte.</param>
        /// <param name="count">Message length.</param>
        /// <param name="bearer">The bearer.</param>
        /// <param name="source">The source.</param>
        /// <returns>
        /// <see cref="ReasonCode.None"/> when a session request was raised, else the rejection reason;
        /// <see cref="ReasonCode.OutOfMemory"/> (also reported as a rejection) when an allocation failed before the trigger
        /// was judged, which leaves the agent unchanged: give the same message again later.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public ReasonCode ProcessPackage0(byte[] buffer, int offset, int count, Bearer bearer, string source)
        {
            Buffers.ByteReader.CheckRange(buffer, offset, count);
            SessionRequest request;
            ReasonCode reason;
            lock (_lock)
            {
                try
                {
                    reason = Evaluate(buffer, offset, count, bearer, source, out request);
                }
                catch (OutOfMemoryException)
                {
                    return Reject(ReasonCode.OutOfMemory, bearer, source, null, UnknownSessionId);
                }
            }

            return Deliver(reason, request);
        }

        /// <summary>Reports a rejection that happened below the agent (SMS decoding, reassembly, an oversized datagram).</summary>
        /// <param name="reason">The reason.</param>
        /// <param name="bearer">The bearer.</param>
        /// <param name="source">The source, if known.</param>
        public void ReportRejection(ReasonCode reason, Bearer bearer, string source)
        {
            lock (_lock)
            {
                Reject(reason, bearer, source, null, UnknownSessionId);
            }
        }

        /// <summary>
        /// Tells the agent the DM session for this server and session id has ended, so a later trigger with the same id
        /// (after the duplicate window) starts a new one. While a session is open its id is always a duplicate.
        /// </summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="sessionId">Session id value.</param>
        public void CompleteSession(string serverId, int sessionId)
        {
            lock (_lock)
            {
                _window.Complete(serverId, sessionId);
            }
        }

        /// <summary>
        /// Returns the remembered session requests (server id, session id, when received) for persistent storage, so
        /// duplicate suppression survives a reboot. A snapshot; allocates.
        /// </summary>
        /// <returns>The entries, oldest slot first.</returns>
        public SessionHistoryEntry[] GetRecentSessions()
        {
            lock (_lock)
            {
                return _window.ToEntries(_handover.StoredWholeFrom());
            }
        }

        /// <summary>
        /// Restores remembered session requests after a reboot. The newest entry counts as received now, so it
        /// suppresses its server + session id for one full duplicate window: a reboot must not turn a duplicate into a
        /// second session (the monotonic clock restarted, and the wall clock may not be set yet, so the time of the reboot
        /// itself cannot be measured). Every other entry keeps its age relative to the newest (from the stored wall-clock
        /// times), so the duplicate window and eviction follow the order the triggers really arrived in, whatever the
        /// order of <paramref name="entries"/>. Restored sessions are not open. Beyond the capacity, the oldest entries
        /// are dropped; null entries are ignored.
        /// </summary>
        /// <param name="entries">Entries from <see cref="GetRecentSessions"/>.</param>
        /// <exception cref="ArgumentNullException"><paramref name="entries"/> is null.</exception>
        public void RestoreRecentSessions(SessionHistoryEntry[] entries)
        {
            if (entries == null)
            {
                throw new ArgumentNullException(nameof(entries));
            }

            long newest = long.MinValue;
            for (int i = 0; i < entries.Length; i++)
            {
                if (entries[i] != null && entries[i].ReceivedUtc.Ticks > newest)
                {
                    newest = entries[i].ReceivedUtc.Ticks;
                }
            }

            lock (_lock)
            {
                long now = _clock.MonotonicMilliseconds;
                for (int i = 0; i < entries.Length; i++)
                {
                    SessionHistoryEntry entry = entries[i];
                    if (entry != null)
                    {
                        long age = (newest - entry.ReceivedUtc.Ticks) / TimeSpan.TicksPerMillisecond;
                        int slot = _window.Restore(entry.ServerId, entry.SessionId, now - age, entry.ReceivedUtc);
                        if (slot >= 0 && entry.IsPending)
                        {
                            _handover.Redeliver(slot, entry, now - age);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// True when <paramref name="reason"/> can only be the verdict on a trigger whose digest matched: accepted, or
        /// refused after authentication (Duplicate, Replayed, NonceExhausted, RateLimited, ReplayHistoryUnavailable,
        /// NotPersisted, HandoverBacklog; for a bootstrap, whose MAC matched: BootstrapMalformed, BootstrapNoDmAccount,
        /// BootstrapAccountExists, BootstrapReplayed). A bearer that tries candidates stops at such a verdict.
        /// </summary>
        /// <param name="reason">A verdict of <see cref="ProcessPush"/> or <see cref="ProcessPackage0"/>.</param>
        /// <returns><c>true</c> for None and the refusals after authentication.</returns>
        public static bool IsAuthenticated(ReasonCode reason)
        {
            return reason == ReasonCode.None || reason == ReasonCode.Duplicate || reason == ReasonCode.Replayed
                || reason == ReasonCode.NonceExhausted || reason == ReasonCode.RateLimited
                || reason == ReasonCode.ReplayHistoryUnavailable || reason == ReasonCode.NotPersisted
                || reason == ReasonCode.BootstrapMalformed || reason == ReasonCode.BootstrapNoDmAccount
                || reason == ReasonCode.BootstrapAccountExists || reason == ReasonCode.BootstrapReplayed
                || reason == ReasonCode.HandoverBacklog;
        }

        /// <summary>
        /// Returns the accepted-trigger digests per verification key (see <see cref="ReplayHistoryEntry"/>), least
        /// recently used first, for persistent storage so a replay stays refused across a reboot. A snapshot; allocates.
        /// Persist it with <see cref="GetRetiredReplayKeys"/> and <see cref="GetRecentSessions"/> (the
        /// <see cref="Committer"/> does).
        /// </summary>
        /// <returns>The entries (at most <see cref="MaxReplayKeys"/>); empty when nothing was accepted or the history is off.</returns>
        public ReplayHistoryEntry[] GetReplayHistory()
        {
            lock (_lock)
            {
                return _guard.GetHistory();
            }
        }

        /// <summary>
        /// Returns the fingerprints of retired keys (history dropped to stay bounded, or lost), oldest first,
        /// <see cref="ReplayHistoryEntry.KeyLength"/> octets each (at most <see cref="MaxRetiredReplayKeys"/>): a trigger
        /// under one is refused as <see cref="ReasonCode.ReplayHistoryUnavailable"/>. A snapshot; allocates.
        /// </summary>
        /// <returns>The fingerprints, concatenated.</returns>
        public byte[] GetRetiredReplayKeys()
        {
            lock (_lock)
            {
                return _guard.GetRetiredKeys();
            }
        }

        /// <summary>Most keys with a history (<see cref="GetReplayHistory"/>).</summary>
        public const int MaxReplayKeys = ReplayGuard.MaxKeys;

        /// <summary>Most retired key fingerprints (<see cref="GetRetiredReplayKeys"/>); beyond, the oldest is forgotten.</summary>
        public const int MaxRetiredReplayKeys = ReplayGuard.MaxRetiredKeys;

        /// <summary>
        /// Replaces the accepted-trigger history with a stored one after a reboot (before any bearer starts). Entries
        /// beyond <see cref="MaxReplayKeys"/>: the last ones are kept and the others retired; lists longer than
        /// <see cref="AgentOptions.ReplayHistoryCapacity"/> keep their newest digests. Nothing happens when the history is off.
        /// </summary>
        /// <param name="entries">Entries from <see cref="GetReplayHistory"/>.</param>
        /// <param name="retiredKeys">Fingerprints from <see cref="GetRetiredReplayKeys"/>.</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public void RestoreReplayHistory(ReplayHistoryEntry[] entries, byte[] retiredKeys)
        {
            if (entries == null || retiredKeys == null)
            {
                throw new ArgumentNullException(entries == null ? nameof(entries) : nameof(retiredKeys));
            }

            lock (_lock)
            {
                _guard.Restore(entries, retiredKeys);
            }
        }

        /// <summary>
        /// Says the stored history could not be read (boot found the record unreadable): every key an account of the
        /// table verifies under now is retired, so its triggers are refused as
        /// <see cref="ReasonCode.ReplayHistoryUnavailable"/> until it is no longer current (a new server nonce; for a
        /// resynchronisation nonce, a new password). Fail closed: never an empty history that would accept replays.
        /// </summary>
        public void MarkReplayHistoryLost()
        {
            lock (_lock)
            {
                ServerAccount[] accounts = _accounts.ToArray();
                for (int i = 0; i < accounts.Length; i++)
                {
                    _guard.RetireCurrentKeys(accounts[i]);
                }
            }
        }

        /// <summary>
        /// Retires every key <paramref name="account"/> verifies under now, as <see cref="MarkReplayHistoryLost"/> does for
        /// the table: for an account set (added, re-provisioned, bootstrapped) after a history was lost, whose current keys
        /// may have accepted triggers whose record is gone. Refused as <see cref="ReasonCode.ReplayHistoryUnavailable"/>
        /// until the nonce (for resynchronisation keys, the password) changes. Persist with <see cref="SaveHistory"/>.
        /// </summary>
        /// <param name="account">The account (need not be in the table yet).</param>
        /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
        public void RetireCurrentKeys(ServerAccount account)
        {
            if (account == null)
            {
                throw new ArgumentNullException(nameof(account));
            }

            lock (_lock)
            {
                _guard.RetireCurrentKeys(account);
            }
        }

        /// <summary>
        /// Calls the <see cref="Committer"/> (with no request) under the agent's lock, so a save of the current state
        /// (after <see cref="AcknowledgeSession"/> or <see cref="MarkReplayHistoryLost"/>) cannot interleave with the
        /// save of an accepted trigger and overwrite it with an older snapshot.
        /// </summary>
        /// <returns>True when saved, or when there is no committer.</returns>
        public bool SaveHistory()
        {
            lock (_lock)
            {
                return Persist(null) == ReasonCode.None;
            }
        }

        /// <summary>
        /// Says the request of this server and session id has been handed to the DM client: it is no longer pending, so a
        /// restart does not hand it over again. Persist <see cref="GetRecentSessions"/> afterwards.
        /// </summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="sessionId">Session id value.</param>
        /// <returns>True when a pending request was acknowledged.</returns>
        public bool AcknowledgeSession(string serverId, int sessionId)
        {
            lock (_lock)
            {
                return _handover.Acknowledge(serverId, sessionId);
            }
        }

        /// <summary>
        /// The requests accepted and persisted but not acknowledged (<see cref="AcknowledgeSession"/>), oldest first:
        /// after a restart, those restored by <see cref="RestoreRecentSessions"/> (with
        /// <see cref="SessionRequest.IsRedelivery"/>), to be handed to the DM client once more.
        /// </summary>
        /// <returns>The requests; allocates the array.</returns>
        public SessionRequest[] GetPendingRequests()
        {
            lock (_lock)
            {
                return _handover.GetRequests();
            }
        }

        // Runs under the lock. A DM-profile bootstrap names application 7 and, like package #0, goes without it only by
        // option; a CP bootstrap may carry no application id at all (the content type decides).
        private ReasonCode ProcessBootstrap(Bearer bearer, string source, out BootstrapReport report)
        {
            report = null;
            bool clientProvisioning = _push.ContentTypeCode == WspPushDecoder.ContentTypeConnectivityWbxml;
            ReasonCode reason;
            if (!_push.HasApplicationId && !_acceptMissingApplicationId && !clientProvisioning)
            {
                reason = ReasonCode.WrongApplication;
            }
            else if (_bootstrap == null)
            {
                reason = BootstrapAgent.WithoutPolicy(_push);
            }
            else
            {
                reason = _bootstrap.Process(_push, bearer, source, out report);
            }

            return reason == ReasonCode.None ? reason : Reject(reason, bearer, source, null, UnknownSessionId);
        }

        // Runs outside the lock, like Deliver.
        private ReasonCode DeliverBootstrap(ReasonCode reason, BootstrapReport report)
        {
            if (report != null)
            {
                _events.RaiseBootstrapAccepted(report);
            }

            return reason;
        }

        // Runs under the lock. Decides; commits only when accepting.
        private ReasonCode Evaluate(byte[] buffer, int offset, int count, Bearer bearer, string source, out SessionRequest request)
        {
            request = null;
            NotificationTrigger trigger = _trigger;
            ReasonCode reason = _decoder.Decode(buffer, offset, count, trigger);
            if (reason != ReasonCode.None)
            {
                return Reject(reason, bearer, source, null, UnknownSessionId);
            }

            // Unknown server: rejected on the raw bytes, before any hashing.
            ServerAccount account = _accounts.Find(trigger.Buffer, trigger.ServerIdOffset, trigger.ServerIdLength);
            if (account == null)
            {
                return RejectUnknownServer(bearer, source, trigger.SessionId);
            }

            NonceKind nonce = _verifier.Verify(account, buffer, offset, count);
            if (nonce == NonceKind.None)
            {
                return Reject(ReasonCode.DigestMismatch, bearer, source, account.ServerId, trigger.SessionId);
            }

            long now = _clock.MonotonicMilliseconds;
            string serverId = account.ServerId;
            int sessionId = trigger.SessionId;
            if (_window.IsDuplicate(serverId, sessionId, now))
            {
                return Reject(ReasonCode.Duplicate, bearer, source, serverId, sessionId);
            }

            bool resync = DigestVerifier.IsResync(nonce);
            ReasonCode replayed = _guard.Check(_verifier.MatchedCredential, _verifier.MatchedNonce, resync, buffer, offset);
            if (replayed != ReasonCode.None)
            {
                return Reject(replayed, bearer, source, serverId, sessionId);
            }

            if (_rateLimiter.IsLimited(serverId, now))
            {
                return Reject(ReasonCode.RateLimited, bearer, source, serverId, sessionId);
            }

            // A pending request is never displaced (it would be lost: never handed over, its retry refused as replayed):
            // with MaxPendingSessions waiting, or no slot free of one, refuse by name and remember nothing.
            int slot = _window.SlotFor(serverId, sessionId);
            if (!_handover.HasRoom(slot))
            {
                return Reject(ReasonCode.HandoverBacklog, bearer, source, serverId, sessionId);
            }

            // Everything the commit needs is allocated first (the rate window, the session request; the guard allocates a
            // key's list before it changes anything): an allocation that fails (out of memory) then leaves no state
            // half-changed, so the same trigger is accepted when it comes again. An empty rate window refuses nothing.
            DateTime receivedUtc = _clock.UtcNow;
            _rateLimiter.Reserve(serverId);

            var accepted = new SessionRequest
            {
                SessionId = SessionIdText.Format(sessionId, account.SessionIdFormat, _sessionIdDigits),
                SessionIdValue = sessionId,
                ServerId = serverId,
                Account = account,
                UiMode = trigger.UiMode,
                Initiator = trigger.Initiator,
                Version = trigger.Version,
                Vendor = trigger.CopyVendor(),
                Bearer = bearer,
                Source = source,
                Nonce = nonce,
                IsResync = resync,
                ReceivedUtc = receivedUtc,
                ReceivedMonotonicMilliseconds = now,
            };

            // Commit: from here on the trigger is accepted, unless the Committer cannot persist it.
            _guard.Add(buffer, offset);
            _window.Remember(slot, serverId, sessionId, now, receivedUtc);
            _rateLimiter.Add(now);

            // Pending only when persisted: without a Committer nothing is handed over again, so nothing waits.
            if (Committer != null)
            {
                _window.Hold(slot, accepted);
            }

            ReasonCode persisted = Persist(accepted);
            if (persisted != ReasonCode.None)
            {
                UndoCommit();
                return Reject(persisted, bearer, source, serverId, sessionId);
            }

            request = accepted;
            return ReasonCode.None;
        }

        // Runs under the lock. A throwing committer is a failed save (and a handler fault); one that ran out of memory
        // is named so, as any allocation failure on the receive path.
        private ReasonCode Persist(SessionRequest request)
        {
            SessionCommitter committer = Committer;
            if (committer == null)
            {
                return ReasonCode.None;
            }

            try
            {
                return committer(this, request) ? ReasonCode.None : ReasonCode.NotPersisted;
            }
            catch (OutOfMemoryException)
            {
                return ReasonCode.OutOfMemory;
            }
            catch (Exception exception)
            {
                _events.ReportFault(exception);
                return ReasonCode.NotPersisted;
            }
        }

        private void UndoCommit()
        {
            _window.Undo();
            _guard.Undo();
            _rateLimiter.Undo();
        }

        // Runs outside the lock, so handlers that block or call back cannot stall other bearers.
        private ReasonCode Deliver(ReasonCode reason, SessionRequest request)
        {
            if (request != null)
            {
                _events.RaiseAccepted(request);
            }

            return reason;
        }

        // No account has this server id, so there is no string of it: the rejection decodes the trigger's bytes only
        // if a subscriber reads it (decoding allocates).
        private ReasonCode RejectUnknownServer(Bearer bearer, string source, int sessionId)
        {
            _events.RaiseRejected(ReasonCode.UnknownServer, bearer, source, null, sessionId, _trigger);
            return ReasonCode.UnknownServer;
        }

        // Runs under the lock. Changes no agent state, allocates nothing itself.
        private ReasonCode Reject(ReasonCode reason, Bearer bearer, string source, string serverId, int sessionId)
        {
            _events.RaiseRejected(reason, bearer, source, serverId, sessionId, null);
            return reason;
        }
    }
}

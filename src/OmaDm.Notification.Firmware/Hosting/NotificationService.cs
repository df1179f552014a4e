using System;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Net;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.FileSystem;
using OmaDm.Notification.Storage.Records;

namespace OmaDm.Notification.Firmware.Hosting
{
    /// <summary>
    /// The composition of the firmware without pins: store, provisioning, account table, notification agent, session
    /// starter, bearers and watchdog. <c>Program.Main</c> builds one over the flash drive and the real bearers; tests build
    /// one over a fault-injecting file system, a fake clock and loopback sockets.
    /// </summary>
    /// <remarks>
    /// Boot order: open the store (newest valid slots), apply <c>provision.txt</c> if present, load the accounts into
    /// the agent's table, restore the recent sessions and the accepted-trigger (replay) history, then start the bearers.
    /// Every accepted trigger is persisted (sessions and replay history in one record) before the session starter runs. Account changes from the DM session layer go through this class:
    /// persisted first, then applied to the live table, so the next trigger and every trigger after a reboot see the
    /// same value.
    /// </remarks>
    public sealed class NotificationService
    {
        private readonly IFlashFileSystem _files;
        private readonly IClock _clock;
        private readonly AccountStore _store;
        private readonly AccountTable _accounts;
        private readonly Supervisor _supervisor;
        private readonly AgentOptions _options;
        private NotificationAgent _agent;
        private ISessionStarter _starter;
        private bool _persistedForRequest;

        /// <summary>Creates the service; call <see cref="Boot"/> next.</summary>
        /// <param name="files">The flash drive.</param>
        /// <param name="clock">Time.</param>
        /// <param name="starter">Opens DM sessions; null for <see cref="DebugSessionStarter"/>.</param>
        /// <param name="options">Agent policies; null for defaults.</param>
        public NotificationService(IFlashFileSystem files, IClock clock, ISessionStarter starter, AgentOptions options)
        {
            _files = files ?? throw new ArgumentNullException("files");
            _clock = clock ?? throw new ArgumentNullException("clock");
            _starter = starter ?? new DebugSessionStarter();
            _options = options;
            _store = new AccountStore(files);
            _accounts = new AccountTable();
            _supervisor = new Supervisor(clock);
            Events = new EventLog(Write, clock);
        }

        /// <summary>Diagnostic log lines; may be null.</summary>
        public LogHandler Log { get; set; }

        /// <summary>The persistent store.</summary>
        public AccountStore Store => _store;

        /// <summary>The live account table the agent authenticates against.</summary>
        public AccountTable Accounts => _accounts;

        /// <summary>The agent (after <see cref="Boot"/>).</summary>
        public NotificationAgent Agent => _agent;

        /// <summary>Rate-limited, named log lines of the agent's rejections and faults (attached at boot) and of the modem (attach its channel and bearers).</summary>
        public EventLog Events { get; }

        /// <summary>The watchdog.</summary>
        public Supervisor Supervisor => _supervisor;

        /// <summary>What happened to the provisioning file at boot.</summary>
        public ProvisioningOutcome Provisioning { get; private set; }

        /// <summary>
        /// The bootstrap policy (allowed SEC methods, overwrite, the IMSI and the user PIN); set before <see cref="Boot"/>.
        /// Null (the default): bootstrap pushes are refused by name.
        /// </summary>
        public BootstrapPolicy BootstrapPolicy { get; set; }

        /// <summary>
        /// True after <see cref="Boot"/> when a bootstrap could be verified (an allowed method has its secret): a device
        /// with no account then still has a reason to listen.
        /// </summary>
        public bool CanBootstrap => _agent != null && _agent.Bootstrap != null && _agent.Bootstrap.CanVerify;

        /// <summary>The session starter; replace it to plug in a DM client.</summary>
        public ISessionStarter SessionStarter
        {
            get => _starter;
            set => _starter = value ?? new DebugSessionStarter();
        }

        /// <summary>Opens the store, applies provisioning, loads the accounts and creates the agent.</summary>
        /// <returns>The accounts record's load reason (None, or NotFound on first boot, or the named corruption).</returns>
        public StoreReason Boot()
        {
            StoreReason opened = _store.Open();
            Write("store: accounts " + ReasonName(opened) + ", sessions " + ReasonName(_store.SessionsLoadReason));
            Provisioning = Storage.Accounts.Provisioning.Apply(_files, Storage.Accounts.Provisioning.DefaultFileName, _store, out int line);
            if (Provisioning != ProvisioningOutcome.NoFile)
            {
                Write("provisioning: " + Storage.Accounts.Provisioning.OutcomeName(Provisioning) + (line > 0 ? " at line " + line.ToString() : string.Empty));
            }

            foreach (AccountRecord record in _store.GetAccounts())
            {
                LoadAccount(record);
            }

            _agent = new NotificationAgent(_accounts, _clock, _options);
            Events.Attach(_agent);
            if (BootstrapPolicy != null)
            {
                // Committed through the store like every account change: persisted first, then live.
                _agent.Bootstrap = new BootstrapAgent(BootstrapPolicy, new BootstrapAccountStore(_store, _accounts), _accounts);
                _agent.BootstrapAccepted += OnBootstrapAccepted;
                Write("bootstrap: " + (_agent.Bootstrap.CanVerify ? "a signed bootstrap can be verified" : "no allowed method has its secret; every bootstrap is refused"));
            }

            // Before any bearer starts: a trigger repeated across the reboot is still a duplicate, and a trigger accepted
            // under a nonce that is still current is still a replay.
            _agent.RestoreRecentSessions(_store.GetRecentSessions());
            _agent.RestoreReplayHistory(_store.GetReplayHistory());
            _agent.RecentSessionsChanged += OnRecentSessionsChanged;
            _agent.SessionRequested += OnSessionRequested;
            return opened;
        }

        // The server id only: the account's passwords and the PIN that verified it are never logged.
        private void OnBootstrapAccepted(object sender, BootstrapReport report)
        {
            Write("bootstrap: account " + report.ServerId + (report.Replaced ? " replaced" : " added") + " by a " + ProfileName(report.Profile) + " push");
            if (report.PasswordChanged)
            {
                ForgetReplayHistory(report.ServerId); // as for any password change: the old digests can never verify again
            }
        }

        private static string ProfileName(BootstrapProfile profile)
        {
            return profile == BootstrapProfile.ClientProvisioning ? "cp" : "dm";
        }

        /// <summary>Replaces an account's server nonce (the NextNonce of the server's &lt;Chal&gt;): persisted, then live.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="nonceBase64">The new nonce, base64.</param>
        /// <returns>None when committed; UnknownAccount, InvalidValue or IoError (nothing changed).</returns>
        public StoreReason UpdateServerNonce(string serverId, string nonceBase64)
        {
            // The store validates before it commits, with the core's rule, so a committed nonce is one the live
            // account accepts too.
            StoreReason reason = _store.UpdateNonce(serverId, nonceBase64);
            if (reason == StoreReason.None)
            {
                ServerAccount live = _accounts.Find(serverId);
                if (live == null || !live.TrySetNonce(nonceBase64))
                {
                    LoadAccount(_store.Find(serverId));
                }
            }

            return reason;
        }

        /// <summary>Adds or changes an account: persisted, then live.</summary>
        /// <param name="account">The account.</param>
        /// <returns>None when committed; InvalidValue or IoError (nothing changed).</returns>
        public StoreReason AddOrReplaceAccount(AccountRecord account)
        {
            AccountRecord previous = account == null ? null : _store.Find(account.ServerId);
            StoreReason reason = _store.AddOrReplace(account);
            if (reason == StoreReason.None)
            {
                LoadAccount(account);
                if (previous != null && previous.Password != account.Password)
                {
                    ForgetReplayHistory(account.ServerId); // the old digests can never verify again
                }
            }

            return reason;
        }

        /// <summary>Removes an account: persisted, then live.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <returns>None when committed; UnknownAccount or IoError (nothing changed).</returns>
        public StoreReason RemoveAccount(string serverId)
        {
            StoreReason reason = _store.Remove(serverId);
            if (reason == StoreReason.None)
            {
                _accounts.Remove(serverId);
                ForgetReplayHistory(serverId);
            }

            return reason;
        }

        /// <summary>
        /// Re-reads the store and makes the live table match it: accounts changed on flash by another writer (a tool
        /// sharing the store, a DM client in another process) take effect without a restart. Nothing changes when the
        /// accounts record cannot be read.
        /// </summary>
        /// <returns>The accounts record's load reason (None when the table now matches the store).</returns>
        public StoreReason ReloadAccounts()
        {
            RequireBooted();
            StoreReason opened = _store.Open();
            if (opened != StoreReason.None)
            {
                Write("store: accounts not reloaded: " + ReasonName(opened));
                return opened;
            }

            AccountRecord[] records = _store.GetAccounts();
            ServerAccount[] live = _accounts.ToArray();
            for (int i = 0; i < live.Length; i++)
            {
                bool kept = false;
                for (int j = 0; j < records.Length && !kept; j++)
                {
                    kept = records[j].ServerId == live[i].ServerId;
                }

                if (!kept)
                {
                    _accounts.Remove(live[i].ServerId);
                }
            }

            for (int i = 0; i < records.Length; i++)
            {
                _accounts.AddOrReplace(records[i].ToServerAccount());
            }

            return opened;
        }

        /// <summary>The result of the last write of the recent sessions (None when it was saved, or nothing was written yet).</summary>
        public StoreReason LastSessionsSave { get; private set; }

        /// <summary>Creates a UDP socket listener feeding the agent and puts it under the watchdog (not started).</summary>
        /// <param name="options">Listener settings.</param>
        /// <returns>The listener.</returns>
        public UdpNotificationListener AddUdpListener(UdpListenerOptions options)
        {
            RequireBooted();
            var listener = new UdpNotificationListener(_agent, options, _clock);
            listener.Log = Log;
            int stale = (options == null ? new UdpListenerOptions() : options).PollMilliseconds * 10;
            _supervisor.Watch("udp-socket", () => listener.LastHeartbeat, listener.Restart, stale);
            return listener;
        }

        private void OnSessionRequested(object sender, SessionRequest request)
        {
            // The agent has already remembered the request; persist before the starter runs so a reboot during the DM
            // session cannot turn a repeat of this trigger into a second session. The change event that follows is
            // then skipped (one flash write per trigger).
            PersistRecentSessions();
            _persistedForRequest = true;
            try
            {
                _starter.StartSession(request);
            }
            catch (Exception ex)
            {
                Write("session starter failed: " + ex.Message);
            }
        }

        private void OnRecentSessionsChanged(object sender)
        {
            if (_persistedForRequest)
            {
                _persistedForRequest = false;
                return;
            }

            PersistRecentSessions();
        }

        private void ForgetReplayHistory(string serverId)
        {
            if (_agent != null)
            {
                _agent.ForgetReplayHistory(serverId);
                PersistRecentSessions();
            }
        }

        private void PersistRecentSessions()
        {
            StoreReason saved = _store.SaveRecentSessions(_agent.GetRecentSessions(), _agent.GetReplayHistory());
            LastSessionsSave = saved;
            if (saved != StoreReason.None)
            {
                Write("store: recent sessions not saved: " + ReasonName(saved));
            }
        }

        // One account the store holds but this firmware refuses (a value an older firmware let through) is skipped and
        // named; the others start. The DM session layer can repair it with UpdateServerNonce or AddOrReplaceAccount.
        private void LoadAccount(AccountRecord record)
        {
            string problem = record.Problem();
            if (problem == null)
            {
                try
                {
                    _accounts.AddOrReplace(record.ToServerAccount());
                    return;
                }
                catch (ArgumentException ex)
                {
                    problem = ex.Message;
                }
            }

            Write("store: account '" + record.ServerId + "' skipped: " + problem);
        }

        private void RequireBooted()
        {
            if (_agent == null)
            {
                throw new InvalidOperationException("Boot first");
            }
        }

        private void Write(string message)
        {
            LogHandler log = Log;
            if (log != null)
            {
                log(message);
            }
        }

        private static string ReasonName(StoreReason reason)
        {
            return StoreReasonText.ToKebabCase(reason);
        }
    }
}

using System;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Modem;
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
    /// the agent's table, restore the recent sessions and the accepted-trigger (replay) history (an unreadable history
    /// fails closed: <see cref="NotificationAgent.MarkReplayHistoryLost"/>), hand over the sessions persisted but not
    /// acknowledged before the restart, then start the bearers. Every accepted trigger is persisted (sessions and replay
    /// history in one record) before anyone hears of it, as the agent's <see cref="NotificationAgent.Committer"/>; a
    /// failed save refuses the trigger (<see cref="ReasonCode.NotPersisted"/>) with memory as on flash. A session is
    /// acknowledged (no longer handed over after a restart) once the starter returned, or when the starter says so
    /// (<see cref="StarterAcknowledges"/>). Account changes from the DM session layer go through this class: persisted
    /// first, then applied to the live table, so the next trigger and every trigger after a reboot see the same value.
    /// The replay history is keyed by what a digest verifies under, not by account, so removing, re-adding or
    /// re-provisioning an account keeps it (one rule for provisioning and <see cref="AddOrReplaceAccount"/>).
    /// </remarks>
    public sealed class NotificationService
    {
        private readonly IFlashFileSystem _files;
        private readonly IClock _clock;
        private readonly AccountStore _store;
        private readonly AccountTable _accounts;
        private readonly Supervisor _supervisor;
        private readonly AgentOptions _options;

        // One job each, created once: account changes (store first, then live) and the way to the DM client.
        private readonly AccountAdministration _administration;
        private readonly SessionHandoff _handoff;
        private NotificationAgent _agent;

        /// <summary>Creates the service; call <see cref="Boot"/> next.</summary>
        /// <param name="files">The flash drive.</param>
        /// <param name="clock">Time.</param>
        /// <param name="starter">Opens DM sessions; null for <see cref="DebugSessionStarter"/>.</param>
        /// <param name="options">Agent policies; null for defaults.</param>
        public NotificationService(IFlashFileSystem files, IClock clock, ISessionStarter starter, AgentOptions options)
        {
            _files = files ?? throw new ArgumentNullException(nameof(files));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            _options = options;
            _store = new AccountStore(files);
            _accounts = new AccountTable();
            _administration = new AccountAdministration(_store, _accounts, Write);
            _handoff = new SessionHandoff(_store, starter, Write);
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

        /// <summary>
        /// True when the session starter acknowledges each request itself (<see cref="AcknowledgeSession"/>) once the DM
        /// client has it; false (default) when returning from <see cref="ISessionStarter.StartSession"/> is the
        /// acknowledgement. A request not acknowledged is handed over again after a restart.
        /// </summary>
        public bool StarterAcknowledges
        {
            get => _handoff.StarterAcknowledges;
            set => _handoff.StarterAcknowledges = value;
        }

        /// <summary>What happened to the provisioning file at boot.</summary>
        public ProvisioningOutcome Provisioning { get; private set; }

        /// <summary>
        /// The bootstrap policy (allowed SEC methods, overwrite, the IMSI and the user PIN); set before <see cref="Boot"/>.
        /// Settings provisioned into the store (<c>[bootstrap]</c> of <c>provision.txt</c>) take the place of its PIN,
        /// methods and overwrite policy (it keeps the IMSI), and stand alone when it is null. Null and nothing provisioned
        /// (the default): bootstrap pushes are refused by name.
        /// </summary>
        public BootstrapPolicy BootstrapPolicy { get; set; }

        /// <summary>
        /// Where an accepted bootstrap's account is committed; set before <see cref="Boot"/>. Null (the default): a
        /// <see cref="BootstrapAccountStore"/> over <see cref="Store"/> and <see cref="Accounts"/>. A host whose store is
        /// shared with other writers puts its lock and a reload of the store around that one.
        /// </summary>
        public IBootstrapStore BootstrapStore { get; set; }

        /// <summary>
        /// True after <see cref="Boot"/> when a bootstrap could be verified (an allowed method has its secret): a device
        /// with no account then still has a reason to listen.
        /// </summary>
        public bool CanBootstrap => _agent != null && _agent.Bootstrap != null && _agent.Bootstrap.CanVerify;

        /// <summary>The session starter; replace it to plug in a DM client.</summary>
        public ISessionStarter SessionStarter
        {
            get => _handoff.Starter;
            set => _handoff.Starter = value;
        }

        /// <summary>Opens the store, applies provisioning, loads the accounts and creates the agent.</summary>
        /// <returns>The accounts record's load reason (None, or NotFound on first boot, or the named corruption).</returns>
        public StoreReason Boot()
        {
            StoreReason opened = _store.Open();
            Write("store: accounts " + LoadText(opened) + ", sessions " + LoadText(_store.SessionsLoadReason));
            ReportEmptySlots(AccountStore.AccountsRecordName, _store.AccountsRecord);
            ReportEmptySlots(AccountStore.SessionsRecordName, _store.SessionsRecord);
            Provisioning = Storage.Accounts.Provisioning.Apply(_files, Storage.Accounts.Provisioning.DefaultFileName, _store, out int line, out ProvisioningError error);
            if (Provisioning != ProvisioningOutcome.NoFile)
            {
                Write("provisioning: " + Storage.Accounts.Provisioning.OutcomeName(Provisioning) + (line > 0 ? " at line " + line.ToString() : string.Empty)
                    + (error != ProvisioningError.None ? ": " + Storage.Accounts.Provisioning.ErrorName(error) : string.Empty));
            }

            foreach (AccountRecord record in _store.GetAccounts())
            {
                _administration.Load(record);
            }

            _agent = new NotificationAgent(_accounts, _clock, _options);
            _administration.Agent = _agent;
            Events.Attach(_agent);
            // The provisioned settings (this device's PIN, methods, overwrite) over the image's policy, which keeps its IMSI.
            BootstrapSettings stored = _store.BootstrapSettings;
            BootstrapPolicy policy = stored == null ? BootstrapPolicy : stored.ToPolicy(BootstrapPolicy);
            if (stored != null)
            {
                // Whether a PIN is set, never its value.
                Write("bootstrap: provisioned settings" + (stored.Pin != null ? ", PIN set" : ", no PIN"));
            }

            if (policy != null)
            {
                // Committed through the store like every account change: persisted first, then live.
                IBootstrapStore committer = BootstrapStore;
                if (committer == null)
                {
                    committer = new BootstrapAccountStore(_store, _accounts);
                }

                _agent.Bootstrap = new BootstrapAgent(policy, committer, _accounts);
                _agent.BootstrapAccepted += OnBootstrapAccepted;
                Write("bootstrap: " + (_agent.Bootstrap.CanVerify ? "a signed bootstrap can be verified" : "no allowed method has its secret; every bootstrap is refused"));
            }

            // Before any bearer starts: a trigger repeated across the reboot is still a duplicate, and a trigger accepted
            // under a nonce that is still current is still a replay.
            _agent.RestoreRecentSessions(_store.GetRecentSessions());
            _agent.RestoreReplayHistory(_store.GetReplayHistory(), _store.GetRetiredReplayKeys());
            _store.ReleaseLoadedRecords(); // the table and the agent hold them now; the store keeps no second copy
            _handoff.Attach(_agent);
            // After a loss (now or on an earlier boot, kept in the sessions record) accounts a provisioning file just set
            // are not trusted either: their keys may have accepted triggers whose record is gone.
            if (!_store.ReplayHistoryKnown || (_store.ReplayHistoryLost && Provisioning == ProvisioningOutcome.Applied))
            {
                // Fail closed: an empty history would accept every replay of a trigger under a current nonce.
                _agent.MarkReplayHistoryLost();
                Write("store: replay history unavailable (sessions " + ReasonName(_store.SessionsLoadReason)
                    + "): triggers under the current nonces are refused (replay-history-unavailable) until the server sets a new nonce");
                _agent.SaveHistory();
            }

            _handoff.DeliverPending();
            return opened;
        }

        /// <summary>
        /// Says the DM client has the request (when <see cref="StarterAcknowledges"/>): it is no longer handed over after
        /// a restart. Persisted; a failed save only means it may be handed over once more.
        /// </summary>
        /// <param name="request">The request the starter was given.</param>
        public void AcknowledgeSession(SessionRequest request)
        {
            RequireBooted();
            _handoff.Acknowledge(request);
        }

        // The server id only: the account's passwords and the PIN that verified it are never logged.
        private void OnBootstrapAccepted(object sender, BootstrapReport report)
        {
            // Nothing to forget when the password changed: the replay history is keyed by the credential, so the new
            // password's triggers start a history of their own and the old one's are kept should it come back.
            Write("bootstrap: account " + report.ServerId + (report.Replaced ? " replaced" : " added") + " by a " + ProfileName(report.Profile) + " push");
            _administration.RetireIfHistoryLost(_accounts.Find(report.ServerId));
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
            return _administration.UpdateServerNonce(serverId, nonceBase64);
        }

        /// <summary>Adds or changes an account: persisted, then live.</summary>
        /// <param name="account">The account.</param>
        /// <returns>None when committed; InvalidValue or IoError (nothing changed).</returns>
        public StoreReason AddOrReplaceAccount(AccountRecord account)
        {
            return _administration.AddOrReplace(account);
        }

        /// <summary>Removes an account: persisted, then live.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <returns>None when committed; UnknownAccount or IoError (nothing changed).</returns>
        public StoreReason RemoveAccount(string serverId)
        {
            return _administration.Remove(serverId);
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
            return _administration.Reload();
        }

        /// <summary>The result of the last write of the recent sessions (None when it was saved, or nothing was written yet).</summary>
        public StoreReason LastSessionsSave => _handoff.LastSessionsSave;

        /// <summary>Creates a UDP socket listener feeding the agent and puts it under the watchdog (not started).</summary>
        /// <param name="options">Listener settings.</param>
        /// <returns>The listener.</returns>
        public UdpNotificationListener AddUdpListener(UdpListenerOptions options)
        {
            RequireBooted();
            var listener = new UdpNotificationListener(_agent, options, _clock);
            Watch(listener, options);
            return listener;
        }

        private void Watch(UdpNotificationListener listener, UdpListenerOptions options)
        {
            listener.Log = Log;
            int stale = (options == null ? new UdpListenerOptions() : options).PollMilliseconds * 10;
            _supervisor.Watch("udp-socket", () => listener.LastHeartbeat, listener.Restart, stale);
        }

        /// <summary>
        /// Creates a UDP socket listener whose datagrams go to <paramref name="receive"/> (a queue in front of the agent,
        /// as on a PC under a flood) while its refusals below the agent (oversized) go to the agent's rejections, and puts
        /// it under the watchdog (not started).
        /// </summary>
        /// <param name="options">Listener settings.</param>
        /// <param name="receive">Receives each datagram; it must hand it on to <see cref="Agent"/>.</param>
        /// <returns>The listener.</returns>
        public UdpNotificationListener AddUdpListener(UdpListenerOptions options, PushHandler receive)
        {
            RequireBooted();
            var listener = new UdpNotificationListener(receive, _agent.ReportRejection, options, _clock);
            Watch(listener, options);
            return listener;
        }

        /// <summary>
        /// Creates the modem's bearers on one AT channel over <paramref name="link"/> (the 27.005 SMS driver and, with an
        /// APN, the modem's UDP service) feeding the agent, logs the channel's and the bearers' events in
        /// <see cref="Events"/>, and puts the modem under the watchdog with <see cref="ModemSettings.PowerCycle"/> as part
        /// of its remedy. Not started: a bring-up may probe <see cref="ModemBearers.Channel"/> first, then
        /// <see cref="ModemBearers.Start"/>.
        /// </summary>
        /// <param name="link">The open link to the modem.</param>
        /// <param name="connector">Re-opens the link after it ended; null to keep the one link.</param>
        /// <param name="settings">Model, SMS, UDP service and watchdog settings.</param>
        /// <returns>The bearers.</returns>
        public ModemBearers AddModem(IModemLink link, IModemConnector connector, ModemSettings settings)
        {
            RequireBooted();
            if (link == null || settings == null || settings.Model == null)
            {
                throw new ArgumentNullException(link == null ? nameof(link) : nameof(settings));
            }

            ModemModel model = settings.Model;
            AtChannel channel = model.CreateChannel(link, settings.UdpApn != null);
            channel.Connector = connector;
            channel.Clock = _clock;
            Events.Attach(channel);
            var modem = new ModemBearers(_agent, channel, model.CreateProfile(), model, settings.Sms, settings.SmsOptions, settings.UdpApn, settings.UdpPort, _clock);
            Events.Attach(modem);
            modem.Watch(_supervisor, settings.PowerCycle, settings.StaleAfterMilliseconds);
            return modem;
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

        // A 0-byte slot (a crash before the first byte of its first write) is read as never written: said, not hidden.
        private void ReportEmptySlots(string record, RecordStore slots)
        {
            if (slots.SlotAReason == StoreReason.EmptySlot)
            {
                Write("store: " + record + ".a is empty (empty-slot), read as never written");
            }

            if (slots.SlotBReason == StoreReason.EmptySlot)
            {
                Write("store: " + record + ".b is empty (empty-slot), read as never written");
            }
        }

        private static string ReasonName(StoreReason reason)
        {
            return StoreReasonText.ToKebabCase(reason);
        }

        // How a record loaded, for the boot line: "loaded", not the reason name "none" (which read as "no accounts").
        private static string LoadText(StoreReason reason)
        {
            return reason == StoreReason.None ? "loaded" : ReasonName(reason);
        }
    }
}

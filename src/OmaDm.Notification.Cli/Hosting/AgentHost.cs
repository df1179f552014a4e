using System;
using System.Threading;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Cli.Store;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Firmware;
using OmaDm.Notification.Firmware.Hosting;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.FileSystem;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Cli;

/// <summary>What <c>listen</c> (or the demo) starts the firmware's service with.</summary>
public sealed class HostSetup
{
    /// <summary>The state directory (the device's store on disk), or null to keep the store in memory.</summary>
    public StateDirectory State { get; init; }

    /// <summary>An accounts file to import (applied once per file content, like provision.txt), or null.</summary>
    public AccountsFile Accounts { get; init; }

    /// <summary>The bytes of a provision.txt to apply at boot, or null.</summary>
    public byte[] Provision { get; init; }

    /// <summary>Where <see cref="Provision"/> came from, for messages.</summary>
    public string ProvisionPath { get; init; }

    /// <summary>The agent's policies.</summary>
    public AgentOptions Options { get; init; } = new();

    /// <summary>The bootstrap policy (methods, overwrite, IMSI, PIN), or null to refuse every bootstrap.</summary>
    public BootstrapPolicy Bootstrap { get; init; }
}

/// <summary>
/// The firmware's <see cref="NotificationService"/> on a PC: the same store (in a state directory or in memory),
/// provisioning, account table and agent the board boots, with the tool as its session starter. A session is reported
/// after the service has persisted it, acknowledged only once its line has been written and flushed (so a session
/// killed in the output queue is reported again after a restart, marked as a redelivery), and completed at once (the
/// tool runs no DM client). A trigger that could not be persisted is an error event, not a session. With a state directory,
/// account changes another process commits (<c>dmnotify nonce</c>, <c>dmnotify account</c>) are picked up while running.
/// </summary>
public sealed class AgentHost : ISessionStarter, IDisposable
{
    private const int StorePollMilliseconds = 200;
    private readonly EventPrinter _events;
    private readonly StateDirectory _state;
    private readonly Timer _storeWatch;
    private readonly object _reloadGate = new();
    private string _stamp;

    private AgentHost(EventPrinter events, StateDirectory state, IFlashFileSystem files, AgentOptions options)
    {
        _events = events;
        _state = state;
        Clock = new SystemClock();
        Service = new NotificationService(files, Clock, this, options) { Log = Note, StarterAcknowledges = true };
        Service.Supervisor.Log = Note;

        // This tool formats the agent's rejections and the modem's up and down itself: the service's event log keeps
        // the rest (modem warnings and errors, subscriber faults), so nothing is printed twice.
        Service.Events.LogsModemInfo = false;
        if (state != null)
        {
            _storeWatch = new Timer(_ => ReloadIfChanged(), null, Timeout.Infinite, Timeout.Infinite);
        }
    }

    /// <summary>The firmware's service.</summary>
    public NotificationService Service { get; }

    /// <summary>The agent every bearer feeds.</summary>
    public NotificationAgent Agent => Service.Agent;

    /// <summary>The clock the agent runs on.</summary>
    public IClock Clock { get; }

    /// <summary>True when the IMSI came with the bootstrap policy (<c>--imsi</c>), so the modem need not read it.</summary>
    public bool ImsiGiven { get; private set; }

    /// <summary>Raised after a session line was queued (for the demo's narration).</summary>
    public event Action<SessionRequest> SessionReported;

    /// <summary>Raised after a rejection or duplicate was reported.</summary>
    public event Action<ReasonCode, string> RejectionReported;

    /// <summary>
    /// Boots the service over the setup's store: provision.txt and the accounts file are applied first (each once per
    /// content, as on the device), then the accounts load into the agent. Problems are usage errors that say what.
    /// </summary>
    public static AgentHost Start(HostSetup setup, EventPrinter events)
    {
        IFlashFileSystem files = setup.State != null ? setup.State.Files : new MemoryFileSystem();
        var host = new AgentHost(events, setup.State, files, setup.Options);
        host.Service.BootstrapPolicy = setup.Bootstrap;
        host.ImsiGiven = setup.Bootstrap?.Imsi != null;
        if (setup.State != null)
        {
            // Another process (dmnotify nonce, account) may have committed since this listener read the store.
            host.Service.BootstrapStore = new LockedBootstrapStore(
                setup.State,
                host._reloadGate,
                host.Service.ReloadAccounts,
                new BootstrapAccountStore(host.Service.Store, host.Service.Accounts),
                line => events.Note("store", line),
                () => host._stamp = setup.State.AccountsStamp());
        }

        using (setup.State?.LockStore())
        {
            if (setup.Provision != null)
            {
                if (setup.Provision.Length > Provisioning.MaxFileBytes)
                {
                    throw new UsageException($"--provision '{setup.ProvisionPath}': larger than {Provisioning.MaxFileBytes} bytes, the device's bound.");
                }

                if (Provisioning.Parse(setup.Provision, out int line, out ProvisioningError error) == null)
                {
                    throw new UsageException($"--provision '{setup.ProvisionPath}': not a valid provisioning file (line {line}: {Provisioning.ErrorName(error)}; format in the README).");
                }

                Write(files, Provisioning.DefaultFileName, setup.Provision, setup.State);
            }

            if (setup.Accounts != null)
            {
                Import(files, setup.Accounts, setup.State);
            }

            // Rejections are reported from the first trigger on; Boot hands over sessions left pending by a restart.
            host.Service.Boot();
        }

        if (host.Service.Provisioning == ProvisioningOutcome.StoreFailed)
        {
            throw new UsageException($"--provision '{setup.ProvisionPath}': the store could not be written.");
        }

        // An empty store is a device waiting for its bootstrap, when one can be verified.
        StoreReason loaded = host.Service.Store.AccountsLoadReason;
        if (host.Service.Accounts.Count == 0 && !host.Service.CanBootstrap && setup.State != null && loaded is not (StoreReason.None or StoreReason.NotFound))
        {
            throw new UsageException($"--state '{setup.State.Path}': the accounts record is unreadable in both slots ({StoreCommands.ReasonText(loaded)}), so no account could be loaded; restore it from a backup, or give --accounts FILE or --provision FILE to write a new one.{setup.State.PlantedLinks()}");
        }

        if (host.Service.Accounts.Count == 0 && !host.Service.CanBootstrap)
        {
            throw new UsageException(setup.State != null
                ? $"no accounts: the store in '{setup.State.Path}' holds none; give --accounts FILE or --provision FILE (or add one with dmnotify account add), or --bootstrap-pin PIN to wait for a signed bootstrap."
                : "no accounts: give --accounts FILE, --provision FILE or --state DIR with a store that holds accounts, or --bootstrap-pin PIN to wait for a signed bootstrap.");
        }

        host.Service.Events.DetachRejections(host.Agent);
        host.Agent.Rejected += host.OnRejected;
        host.Agent.BootstrapAccepted += (_, report) => events.Bootstrap(report);
        if (host._storeWatch != null)
        {
            host._stamp = setup.State.AccountsStamp();
            host._storeWatch.Change(StorePollMilliseconds, StorePollMilliseconds);
        }

        return host;
    }

    /// <summary>
    /// Runs the service's watchdog (<see cref="Supervisor.CheckOnce"/>) every <paramref name="intervalMilliseconds"/>
    /// until the returned handle is disposed: the bearers the service added are restarted when their heartbeat goes
    /// stale, as on the board. A timer rather than the supervisor's own thread, so stopping does not wait out an interval.
    /// </summary>
    public IDisposable StartWatchdog(int intervalMilliseconds)
    {
        var timer = new Timer(_ => Service.Supervisor.CheckOnce(), null, intervalMilliseconds, intervalMilliseconds);
        return new WatchdogHandle(timer);
    }

    /// <inheritdoc />
    public void StartSession(SessionRequest request)
    {
        // Called by the service after it persisted the request: report second, so a crash in between cannot turn a
        // repeat of this trigger into a second session; acknowledge third, once the line is out, so a crash before
        // that hands it over again after the restart instead of losing it.
        _events.Session(request, () => Service.AcknowledgeSession(request));
        SessionReported?.Invoke(request);
        Agent.CompleteSession(request.ServerId, request.SessionIdValue);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_storeWatch != null)
        {
            using var done = new ManualResetEvent(false);
            _storeWatch.Dispose(done);
            done.WaitOne(2000);
        }
    }

    // The service's lines "modem: warning unexpected-line: X" and "watchdog: ..." as notes of that kind; the rest as "service".
    private void Note(string line)
    {
        foreach (string kind in new[] { "modem", "watchdog" })
        {
            if (line.StartsWith(kind + ": ", StringComparison.Ordinal))
            {
                _events.Note(kind, line.Substring(kind.Length + 2));
                return;
            }
        }

        _events.Note("service", line);
    }

    private sealed class WatchdogHandle(Timer timer) : IDisposable
    {
        public void Dispose()
        {
            using var done = new ManualResetEvent(false);
            timer.Dispose(done);
            done.WaitOne(2000);
        }
    }

    private static void Import(IFlashFileSystem files, AccountsFile accounts, StateDirectory state)
    {
        var store = new AccountStore(files);
        StoreReason opened = store.Open();
        if (opened is not (StoreReason.None or StoreReason.NotFound))
        {
            throw new UsageException($"--state '{state?.Path}': the accounts record is unreadable in both slots ({StoreCommands.ReasonText(opened)}); nothing was imported.");
        }

        // The same file again leaves the store alone, so nonces learned since the import (dmnotify nonce) survive restarts.
        if (store.ProvisioningCrc == accounts.Crc)
        {
            return;
        }

        if (accounts.Accounts.Length > StoreCodec.MaxAccounts)
        {
            throw new UsageException($"--accounts: {accounts.Accounts.Length} accounts, but the device's store holds at most {StoreCodec.MaxAccounts}.");
        }

        StoreReason saved = store.ReplaceAll(accounts.Accounts, accounts.Crc);
        if (saved != StoreReason.None)
        {
            throw new UsageException($"--accounts: the accounts could not be stored ({StoreCommands.ReasonText(saved)}).");
        }
    }

    private static void Write(IFlashFileSystem files, string name, byte[] bytes, StateDirectory state)
    {
        try
        {
            files.WriteAllBytes(name, bytes, 0, bytes.Length);
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--state '{state?.Path}': cannot write {name}: {e.Message}");
        }
    }

    private void ReloadIfChanged()
    {
        lock (_reloadGate)
        {
            try
            {
                string stamp = _state.AccountsStamp();
                if (stamp == _stamp)
                {
                    return;
                }

                using (_state.LockStore())
                {
                    _stamp = _state.AccountsStamp();
                    StoreReason reason = Service.ReloadAccounts();
                    _events.Note("store", reason == StoreReason.None
                        ? $"accounts changed on disk: reloaded, {Service.Accounts.Count} account(s)"
                        : $"accounts changed on disk but could not be read ({StoreCommands.ReasonText(reason)}): kept the previous ones");
                }
            }
            catch (Exception e) when (e is UsageException or System.IO.IOException or UnauthorizedAccessException)
            {
                _events.Note("store", $"accounts not reloaded: {e.Message}");
            }
        }
    }

    private void OnRejected(object sender, NotificationRejection rejection)
    {
        if (rejection.Reason == ReasonCode.NotPersisted)
        {
            string id = SessionText(rejection);
            _events.Error(Names.Of(rejection.Reason), rejection.ServerId, id,
                $"session {id} from {rejection.ServerId} not reported: it could not be persisted ({StoreCommands.ReasonText(Service.LastSessionsSave)}); the server's retry is accepted once the store can be written");
            RejectionReported?.Invoke(rejection.Reason, id);
        }
        else if (NotificationAgent.IsAuthenticated(rejection.Reason) && rejection.Reason != ReasonCode.Duplicate)
        {
            // A bootstrap refused after its MAC matched has no session: no sessionId then.
            _events.Rejected(rejection.Bearer, rejection.Source, rejection.Reason, rejection.ServerId, rejection.SessionId < 0 ? null : SessionText(rejection));
            RejectionReported?.Invoke(rejection.Reason, rejection.Source);
        }
        else if (rejection.Reason == ReasonCode.Duplicate)
        {
            string sessionId = SessionText(rejection);
            _events.Duplicate(sessionId, rejection.ServerId ?? string.Empty);
            RejectionReported?.Invoke(rejection.Reason, sessionId);
        }
        else
        {
            _events.Rejected(rejection.Bearer, rejection.Source, rejection.Reason);
            RejectionReported?.Invoke(rejection.Reason, rejection.Source);
        }
    }

    private string SessionText(NotificationRejection rejection)
    {
        var account = rejection.ServerId != null ? Agent.Accounts.Find(rejection.ServerId) : null;
        return rejection.SessionId < 0
            ? string.Empty
            : SessionIdText.Format(rejection.SessionId, account?.SessionIdFormat ?? SessionIdFormat.Hexadecimal);
    }
}

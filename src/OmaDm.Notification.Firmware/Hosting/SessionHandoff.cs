using System;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.Records;

namespace OmaDm.Notification.Firmware.Hosting
{
    /// <summary>
    /// How <see cref="NotificationService"/> gets an accepted trigger to the DM client: persisted first (the agent's
    /// <see cref="NotificationAgent.Committer"/>), then handed to the <see cref="ISessionStarter"/>, then acknowledged
    /// (when the starter returned, or when it says so), and handed over again after a restart when it was not.
    /// </summary>
    internal sealed class SessionHandoff
    {
        private readonly AccountStore _store;
        private readonly LogHandler _write;
        private NotificationAgent _agent;
        private ISessionStarter _starter;

        internal SessionHandoff(AccountStore store, ISessionStarter starter, LogHandler write)
        {
            _store = store;
            _write = write;
            Starter = starter;
        }

        internal ISessionStarter Starter
        {
            get => _starter;
            set => _starter = value ?? new DebugSessionStarter();
        }

        internal bool StarterAcknowledges { get; set; }

        internal StoreReason LastSessionsSave { get; private set; }

        // At boot, after the agent's state was restored and before any bearer starts.
        internal void Attach(NotificationAgent agent)
        {
            _agent = agent;
            agent.Committer = Commit;
            agent.SessionRequested += OnSessionRequested;
        }

        internal void DeliverPending()
        {
            SessionRequest[] pending = _agent.GetPendingRequests();
            for (int i = 0; i < pending.Length; i++)
            {
                _write("store: session " + pending[i].SessionId + " from " + pending[i].ServerId + " persisted but not acknowledged before the restart: handed over again");
                Hand(pending[i]);
            }
        }

        internal void Acknowledge(SessionRequest request)
        {
            if (request != null && _agent.AcknowledgeSession(request.ServerId, request.SessionIdValue))
            {
                _agent.SaveHistory();
            }
        }

        // The agent's Committer: runs under its lock before anyone hears of the request (null: save the state as is).
        private bool Commit(NotificationAgent agent, SessionRequest request)
        {
            StoreReason saved = _store.SaveRecentSessions(agent.GetRecentSessions(), agent.GetReplayHistory(), agent.GetRetiredReplayKeys());
            LastSessionsSave = saved;
            if (saved != StoreReason.None)
            {
                _write(request == null
                    ? "store: recent sessions not saved: " + StoreReasonText.ToKebabCase(saved)
                    : "store: session " + request.SessionId + " from " + request.ServerId + " refused, not persisted: " + StoreReasonText.ToKebabCase(saved));
            }

            return saved == StoreReason.None;
        }

        private void OnSessionRequested(object sender, SessionRequest request)
        {
            Hand(request);
        }

        // Already persisted (pending): hand it over, then acknowledge unless the starter does.
        private void Hand(SessionRequest request)
        {
            try
            {
                _starter.StartSession(request);
            }
            catch (Exception ex)
            {
                _write("session starter failed: " + ex.Message);
                return; // stays pending: handed over again after a restart
            }

            if (!StarterAcknowledges)
            {
                Acknowledge(request);
            }
        }
    }
}

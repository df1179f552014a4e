using System;
using System.Threading;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// The events of <see cref="NotificationAgent"/> and their raising: each subscriber is called on its own, and one that
    /// throws is counted and reported through <see cref="HandlerFaulted"/> instead of reaching the bearer's thread or the
    /// other subscribers. The agent's events forward their subscriptions here; handlers receive the agent as sender.
    /// </summary>
    internal sealed class AgentEventFanOut
    {
        private readonly object _sender;

        // The agent's lock: the invocation-list caches below are read and written under it, also from the raises that run
        // outside the agent's lock.
        private readonly object _gate;
        private readonly NotificationRejection _rejection = new NotificationRejection();

        // The last invocation lists taken from each event: delegates are immutable, so a list stays valid until the
        // event's delegate changes, and an accept allocates only the request it hands out.
        private Delegate _requestedHandlersOf;
        private Delegate[] _requestedHandlers;
        private Delegate _changedHandlersOf;
        private Delegate[] _changedHandlers;
        private Delegate _rejectedHandlersOf;
        private Delegate[] _rejectedHandlers;
        private int _faultCount;

        internal AgentEventFanOut(object sender, object gate)
        {
            _sender = sender;
            _gate = gate;
        }

        internal event SessionRequestedHandler SessionRequested;

        internal event BootstrapAcceptedHandler BootstrapAccepted;

        internal event NotificationRejectedHandler Rejected;

        internal event RecentSessionsChangedHandler RecentSessionsChanged;

        internal event HandlerFaultedHandler HandlerFaulted;

        internal int FaultCount => _faultCount;

        // Outside the agent's lock: SessionRequested, then RecentSessionsChanged.
        internal void RaiseAccepted(SessionRequest request)
        {
            SessionRequestedHandler requested = SessionRequested;
            if (requested != null)
            {
                Delegate[] handlers = InvocationList(requested, ref _requestedHandlersOf, ref _requestedHandlers);
                for (int i = 0; i < handlers.Length; i++)
                {
                    try
                    {
                        ((SessionRequestedHandler)handlers[i])(_sender, request);
                    }
                    catch (Exception exception)
                    {
                        ReportFault(exception);
                    }
                }
            }

            RecentSessionsChangedHandler changed = RecentSessionsChanged;
            if (changed != null)
            {
                Delegate[] handlers = InvocationList(changed, ref _changedHandlersOf, ref _changedHandlers);
                for (int i = 0; i < handlers.Length; i++)
                {
                    try
                    {
                        ((RecentSessionsChangedHandler)handlers[i])(_sender);
                    }
                    catch (Exception exception)
                    {
                        ReportFault(exception);
                    }
                }
            }
        }

        // Outside the agent's lock.
        internal void RaiseBootstrapAccepted(BootstrapReport report)
        {
            BootstrapAcceptedHandler accepted = BootstrapAccepted;
            if (accepted == null)
            {
                return;
            }

            // Bootstraps are rare: the invocation list is taken per acceptance rather than cached.
            Delegate[] handlers = accepted.GetInvocationList();
            for (int i = 0; i < handlers.Length; i++)
            {
                try
                {
                    ((BootstrapAcceptedHandler)handlers[i])(_sender, report);
                }
                catch (Exception exception)
                {
                    ReportFault(exception);
                }
            }
        }

        // Under the agent's lock (the rejection instance is shared). Allocates nothing itself. With serverIdOf set, the
        // server id is the trigger's bytes (no account has it, so there is no string of it): the rejection decodes them
        // only if a subscriber reads it.
        internal void RaiseRejected(ReasonCode reason, Bearer bearer, string source, string serverId, int sessionId, NotificationTrigger serverIdOf)
        {
            NotificationRejectedHandler rejected = Rejected;
            if (rejected == null)
            {
                return;
            }

            Delegate[] handlers = InvocationList(rejected, ref _rejectedHandlersOf, ref _rejectedHandlers);
            for (int i = 0; i < handlers.Length; i++)
            {
                // Refilled for every handler: a handler may have modified the shared instance.
                _rejection.Reason = reason;
                _rejection.Bearer = bearer;
                _rejection.Source = source;
                _rejection.SessionId = sessionId;
                if (serverIdOf != null)
                {
                    _rejection.SetServerId(serverIdOf.Buffer, serverIdOf.ServerIdOffset, serverIdOf.ServerIdLength);
                }
                else
                {
                    _rejection.ServerId = serverId;
                }

                try
                {
                    ((NotificationRejectedHandler)handlers[i])(_sender, _rejection);
                }
                catch (Exception exception)
                {
                    ReportFault(exception);
                }
            }

            // Holds no reference to the caller's buffer or texts once the call is over.
            _rejection.ServerId = null;
            _rejection.Source = null;
        }

        internal void ReportFault(Exception exception)
        {
            Interlocked.Increment(ref _faultCount);
            HandlerFaultedHandler faulted = HandlerFaulted;
            if (faulted == null)
            {
                return;
            }

            try
            {
                faulted(_sender, exception);
            }
            catch (Exception)
            {
                // A fault handler that throws has nobody left to report to; counted above already.
            }
        }

        // GetInvocationList allocates an array per call; RaiseAccepted runs outside the agent's lock, so each cache (the
        // delegate and its list) is read and written under it.
        private Delegate[] InvocationList(Delegate handler, ref Delegate listOf, ref Delegate[] list)
        {
            lock (_gate)
            {
                if (handler != listOf)
                {
                    list = handler.GetInvocationList();
                    listOf = handler;
                }

                return list;
            }
        }
    }
}

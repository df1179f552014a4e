using System;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Cli;

/// <summary>
/// The device library's <see cref="NotificationAgent"/> on a PC: one agent for every bearer, its events turned into
/// the listener's output lines. The tool runs no DM client, so a reported session is completed at once; duplicates
/// within the agent's window are still suppressed.
/// </summary>
public sealed class AgentHost
{
    private readonly EventWriter _events;
    private readonly SessionState _state;

    /// <summary>Creates the agent for the accounts and hooks its events.</summary>
    public AgentHost(AccountsFile accounts, IClock clock, EventWriter events, SessionState state = null)
    {
        _events = events;
        _state = state;
        Clock = clock;
        Agent = new NotificationAgent(accounts.Accounts, clock, new AgentOptions { AcceptedVersions = accounts.AcceptVersions });
        Agent.SessionRequested += OnSession;
        Agent.Rejected += OnRejected;
        if (state != null)
        {
            Agent.RestoreRecentSessions(state.Loaded);
        }
    }

    /// <summary>The agent every bearer feeds.</summary>
    public NotificationAgent Agent { get; }

    /// <summary>The clock the agent runs on.</summary>
    public IClock Clock { get; }

    /// <summary>Raised after a session line was written (for the demo's narration).</summary>
    public event Action<SessionRequest> SessionReported;

    /// <summary>Raised after a rejection or duplicate line was written.</summary>
    public event Action<ReasonCode, string> RejectionReported;

    private void OnSession(object sender, SessionRequest request)
    {
        _events.Session(request);
        SessionReported?.Invoke(request);
        Agent.CompleteSession(request.ServerId, request.SessionIdValue);
        _state?.Save(Agent.GetRecentSessions());
    }

    private void OnRejected(object sender, NotificationRejection rejection)
    {
        if (rejection.Reason == ReasonCode.Duplicate)
        {
            var account = rejection.ServerId != null ? Agent.Accounts.Find(rejection.ServerId) : null;
            string sessionId = rejection.SessionId < 0
                ? string.Empty
                : SessionIdText.Format(rejection.SessionId, account?.SessionIdFormat ?? SessionIdFormat.Hexadecimal);
            _events.Duplicate(sessionId, rejection.ServerId ?? string.Empty);
            RejectionReported?.Invoke(rejection.Reason, sessionId);
        }
        else
        {
            _events.Rejected(rejection.Bearer, rejection.Source, rejection.Reason);
            RejectionReported?.Invoke(rejection.Reason, rejection.Source);
        }
    }
}

namespace OmaDm.Notification.Dispatch
{
    /// <summary>Receives an authenticated session request (non-generic, as nanoFramework requires).</summary>
    /// <param name="sender">The agent.</param>
    /// <param name="request">The request.</param>
    public delegate void SessionRequestedHandler(object sender, SessionRequest request);

    /// <summary>Receives a rejection, for logging and counting.</summary>
    /// <param name="sender">The agent or bearer that rejected the message.</param>
    /// <param name="rejection">
    /// The rejection. The instance may be reused for the next rejection: copy what must outlive the call.
    /// </param>
    public delegate void NotificationRejectedHandler(object sender, NotificationRejection rejection);

    /// <summary>Tells persistent storage that the agent's recent-session history changed (a session was accepted).</summary>
    /// <param name="sender">The agent; call <see cref="NotificationAgent.GetRecentSessions"/> for the entries.</param>
    public delegate void RecentSessionsChangedHandler(object sender);

    /// <summary>Reports an exception thrown by a subscriber of the agent's events; the agent caught it and carried on.</summary>
    /// <param name="sender">The agent.</param>
    /// <param name="exception">The exception the subscriber threw.</param>
    public delegate void HandlerFaultedHandler(object sender, System.Exception exception);
}

namespace OmaDm.Notification.Dispatch
{
    /// <summary>Receives an authenticated session request (non-generic, as nanoFramework requires).</summary>
    /// <param name="sender">The agent.</param>
    /// <param name="request">The request.</param>
    public delegate void SessionRequestedHandler(object sender, SessionRequest request);

    /// <summary>Receives an accepted bootstrap, after its account was committed (non-generic, as nanoFramework requires).</summary>
    /// <param name="sender">The agent.</param>
    /// <param name="report">The report; a new instance per acceptance.</param>
    public delegate void BootstrapAcceptedHandler(object sender, BootstrapReport report);

    /// <summary>Receives a rejection, for logging and counting.</summary>
    /// <param name="sender">The agent or bearer that rejected the message.</param>
    /// <param name="rejection">
    /// The rejection. The instance may be reused for the next rejection: copy what must outlive the call.
    /// </param>
    public delegate void NotificationRejectedHandler(object sender, NotificationRejection rejection);

    /// <summary>Tells persistent storage that the agent's recent-session history changed (a session was accepted).</summary>
    /// <param name="sender">The agent; call <see cref="NotificationAgent.GetRecentSessions"/> for the entries.</param>
    public delegate void RecentSessionsChangedHandler(object sender);

    /// <summary>
    /// Persists an accepted trigger before it is reported (non-generic, as nanoFramework requires); see
    /// <see cref="NotificationAgent.Committer"/>. Called under the agent's lock.
    /// </summary>
    /// <param name="agent">The agent; its Get* snapshots already include the request.</param>
    /// <param name="request">The accepted request; null when only the current state is to be saved (SaveHistory).</param>
    /// <returns>True when saved; false takes the acceptance back (NotPersisted).</returns>
    public delegate bool SessionCommitter(NotificationAgent agent, SessionRequest request);

    /// <summary>Reports an exception thrown by a subscriber of the agent's events; the agent caught it and carried on.</summary>
    /// <param name="sender">The agent.</param>
    /// <param name="exception">The exception the subscriber threw.</param>
    public delegate void HandlerFaultedHandler(object sender, System.Exception exception);

    /// <summary>
    /// Takes one received WSP push PDU (non-generic, as nanoFramework requires). <c>NotificationAgent.ProcessPush</c>
    /// has this shape.
    /// </summary>
    /// <param name="buffer">Buffer holding the PDU.</param>
    /// <param name="offset">First byte.</param>
    /// <param name="count">Length.</param>
    /// <param name="bearer">The bearer that carried it.</param>
    /// <param name="source">"IP:port" or the sender's number.</param>
    /// <returns>The agent's verdict.</returns>
    public delegate ReasonCode PushHandler(byte[] buffer, int offset, int count, Bearer bearer, string source);

    /// <summary>Reports a message rejected below the agent (by a bearer or the SMS receiver). <c>NotificationAgent.ReportRejection</c> has this shape.</summary>
    /// <param name="reason">The reason.</param>
    /// <param name="bearer">The bearer.</param>
    /// <param name="source">"IP:port" or the sender's number, if known.</param>
    public delegate void RejectionReporter(ReasonCode reason, Bearer bearer, string source);
}

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
}

namespace OmaDm.Notification.Trigger
{
    /// <summary>The server's user-interaction recommendation, 2 bits (OMA-TS-DM_Notification 6.2.7).</summary>
    public enum UiMode
    {
        /// <summary>"00": the server has no recommendation.</summary>
        NotSpecified = 0,

        /// <summary>"01": run the session in the background.</summary>
        Background = 1,

        /// <summary>"10": show an informative notification, then run the session.</summary>
        Informative = 2,

        /// <summary>"11": ask the user to accept the session first.</summary>
        UserInteraction = 3,
    }
}

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// The outcome of receiving one SMS-DELIVER: what <see cref="SmsNotificationReceiver.Receive"/> returns and what an SMS
    /// sink hands back to the modem's SMS driver (one type for both, so nothing is copied between them).
    /// </summary>
    public sealed class SmsReceiveResult
    {
        /// <summary>Creates an outcome.</summary>
        /// <param name="disposition">What to do with the stored message.</param>
        /// <param name="reason">None when a session was requested; otherwise why not.</param>
        /// <param name="releasedTokens">Storage tokens now safe to delete; null for none.</param>
        public SmsReceiveResult(SmsDisposition disposition, ReasonCode reason, object[] releasedTokens)
        {
            Disposition = disposition;
            Reason = reason;
            ReleasedTokens = releasedTokens ?? new object[0];
        }

        /// <summary>What to do with the stored message.</summary>
        public SmsDisposition Disposition { get; }

        /// <summary>
        /// None when a session was requested; otherwise why not. For Pending: None, or the reason the last combination
        /// tried was refused with (the message stays held for another candidate of its parts).
        /// </summary>
        public ReasonCode Reason { get; }

        /// <summary>
        /// Storage tokens that are now safe to delete: this message's own token when it was processed alone, or every
        /// part's token when a concatenated message completed. Empty, never null.
        /// </summary>
        public object[] ReleasedTokens { get; }
    }
}

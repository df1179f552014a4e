namespace OmaDm.Notification.Wdp
{
    /// <summary>The outcome of receiving one SMS-DELIVER.</summary>
    public sealed class SmsReceiveResult
    {
        /// <summary>What to do with the stored message.</summary>
        public SmsDisposition Disposition { get; internal set; }

        /// <summary>
        /// None when a session was requested; otherwise why not. For Pending: None, or the reason the last combination
        /// tried was refused with (the message stays held for another candidate of its parts).
        /// </summary>
        public ReasonCode Reason { get; internal set; }

        /// <summary>
        /// Storage tokens that are now safe to delete: this message's own token when it was processed alone, or every
        /// part's token when a concatenated message completed. Empty, never null.
        /// </summary>
        public object[] ReleasedTokens { get; internal set; }
    }
}

namespace OmaDm.Notification.Dispatch
{
    /// <summary>What the modem driver may do with a stored SMS after <see cref="SmsNotificationReceiver.Receive"/>.</summary>
    public enum SmsDisposition
    {
        /// <summary>A WAP push to port 2948 was fully processed (accepted or rejected): its stored parts may be deleted.</summary>
        Processed = 0,

        /// <summary>A part of a concatenated message is held; keep it stored until its token is released.</summary>
        Pending = 1,

        /// <summary>Not a notification (an ordinary text, another port, another coding): leave it in storage.</summary>
        Foreign = 2,

        /// <summary>
        /// Not processed now (out of memory): keep it stored and deliver it again later, with every other stored message,
        /// because the receiver may have let go of the parts it held of this message's concatenation.
        /// </summary>
        Retry = 3,
    }
}

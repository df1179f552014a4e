using OmaDm.Notification.Wdp;

namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>The sink's verdict on one SMS.</summary>
    public sealed class SmsSinkResult
    {
        /// <summary>Creates a result.</summary>
        /// <param name="disposition">What to do with this message's stored copy.</param>
        /// <param name="reason">Why, for logs.</param>
        /// <param name="releasedTokens">Tokens now safe to delete (may include this message's own); null means none.</param>
        public SmsSinkResult(SmsDisposition disposition, ReasonCode reason, object[] releasedTokens)
        {
            Disposition = disposition;
            Reason = reason;
            ReleasedTokens = releasedTokens ?? new object[0];
        }

        /// <summary>What to do with this message's stored copy.</summary>
        public SmsDisposition Disposition { get; }

        /// <summary>Why, for logs.</summary>
        public ReasonCode Reason { get; }

        /// <summary>Tokens now safe to delete; never null.</summary>
        public object[] ReleasedTokens { get; }
    }
}

namespace OmaDm.Notification
{
    /// <summary>Stable text names for <see cref="ReasonCode"/> members, as logged and printed by the host tool.</summary>
    public static class ReasonCodeText
    {
        /// <summary>Returns the kebab-case name of <paramref name="reason"/>, for example <c>digest-mismatch</c>.</summary>
        /// <param name="reason">The reason code.</param>
        /// <returns>The kebab-case name, or <c>unknown</c> for a value that is not a member.</returns>
        public static string ToKebabCase(ReasonCode reason)
        {
            switch (reason)
            {
                case ReasonCode.None: return "none";
                case ReasonCode.Truncated: return "truncated";
                case ReasonCode.NotPush: return "not-push";
                case ReasonCode.NotDmNotification: return "not-dm-notification";
                case ReasonCode.WrongApplication: return "wrong-application";
                case ReasonCode.WrongPort: return "wrong-port";
                case ReasonCode.UnsupportedCoding: return "unsupported-coding";
                case ReasonCode.Malformed: return "malformed";
                case ReasonCode.UnsupportedVersion: return "unsupported-version";
                case ReasonCode.UnknownServer: return "unknown-server";
                case ReasonCode.DigestMismatch: return "digest-mismatch";
                case ReasonCode.Duplicate: return "duplicate";
                case ReasonCode.RateLimited: return "rate-limited";
                case ReasonCode.Incomplete: return "incomplete";
                case ReasonCode.DmNotificationV13: return "dm13-notification";
                case ReasonCode.DsNotification: return "ds-notification";
                case ReasonCode.NotSmsDeliver: return "not-sms-deliver";
                case ReasonCode.Evicted: return "evicted";
                case ReasonCode.Oversized: return "oversized";
                case ReasonCode.NotWdp: return "not-wdp";
                case ReasonCode.ShortMessageType0: return "short-message-type-0";
                case ReasonCode.SimDataDownload: return "sim-data-download";
                case ReasonCode.Replayed: return "replayed";
                case ReasonCode.NonceExhausted: return "nonce-exhausted";
                case ReasonCode.ReplayHistoryUnavailable: return "replay-history-unavailable";
                case ReasonCode.NotPersisted: return "not-persisted";
                case ReasonCode.BootstrapMalformed: return "bootstrap-malformed";
                case ReasonCode.BootstrapNoDmAccount: return "bootstrap-no-dm-account";
                case ReasonCode.OutOfMemory: return "out-of-memory";
                case ReasonCode.BootstrapUnauthenticated: return "bootstrap-unauthenticated";
                case ReasonCode.BootstrapSecNotAllowed: return "bootstrap-sec-not-allowed";
                case ReasonCode.BootstrapSecUnsupported: return "bootstrap-sec-unsupported";
                case ReasonCode.BootstrapMacMismatch: return "bootstrap-mac-mismatch";
                case ReasonCode.BootstrapAccountExists: return "bootstrap-account-exists";
                case ReasonCode.BootstrapStoreFull: return "bootstrap-store-full";
                case ReasonCode.BootstrapReplayed: return "bootstrap-replayed";
                case ReasonCode.HandoverBacklog: return "handover-backlog";
                default: return "unknown";
            }
        }
    }
}

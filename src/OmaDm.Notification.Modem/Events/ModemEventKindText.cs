namespace OmaDm.Notification.Modem
{
    /// <summary>Stable text names for <see cref="ModemEventKind"/> members, as logged (nanoFramework prints enums as numbers).</summary>
    public static class ModemEventKindText
    {
        /// <summary>Returns the kebab-case name of <paramref name="kind"/>, for example <c>storage-nearly-full</c>.</summary>
        /// <param name="kind">The event kind.</param>
        /// <returns>The name, or <c>unknown</c> for a value that is not a member.</returns>
        public static string ToKebabCase(ModemEventKind kind)
        {
            switch (kind)
            {
                case ModemEventKind.SetupCompleted: return "setup-completed";
                case ModemEventKind.ModemRebooted: return "modem-rebooted";
                case ModemEventKind.ModemRecovered: return "modem-recovered";
                case ModemEventKind.MessageDeleted: return "message-deleted";
                case ModemEventKind.UdpServiceOpened: return "udp-service-opened";
                case ModemEventKind.DatagramReceived: return "datagram-received";
                case ModemEventKind.LinkReopened: return "link-reopened";
                case ModemEventKind.ModemUp: return "modem-up";
                case ModemEventKind.OverlongLineDiscarded: return "overlong-line-discarded";
                case ModemEventKind.GarbageDiscarded: return "garbage-discarded";
                case ModemEventKind.CommandTimedOut: return "command-timed-out";
                case ModemEventKind.CommandFailed: return "command-failed";
                case ModemEventKind.StorageNearlyFull: return "storage-nearly-full";
                case ModemEventKind.UnreadableMessage: return "unreadable-message";
                case ModemEventKind.DeleteFailed: return "delete-failed";
                case ModemEventKind.UnexpectedLine: return "unexpected-line";
                case ModemEventKind.NetworkDropped: return "network-dropped";
                case ModemEventKind.DatagramDropped: return "datagram-dropped";
                case ModemEventKind.SettingsLost: return "settings-lost";
                case ModemEventKind.ModemSilent: return "modem-silent";
                case ModemEventKind.SetupFailed: return "setup-failed";
                case ModemEventKind.LinkClosed: return "link-closed";
                case ModemEventKind.LinkFailed: return "link-failed";
                case ModemEventKind.HandlerFailed: return "handler-failed";
                case ModemEventKind.UdpServiceFailed: return "udp-service-failed";
                case ModemEventKind.ModemDown: return "modem-down";
                case ModemEventKind.SmsUnsupported: return "sms-unsupported";
                case ModemEventKind.OutOfMemory: return "out-of-memory";
                default: return "unknown";
            }
        }

        /// <summary>The severity the enum's numbering gives: below 100 info, 100 to 199 warning, 200 and above error.</summary>
        /// <param name="kind">The event kind.</param>
        /// <returns><c>info</c>, <c>warning</c> or <c>error</c>.</returns>
        public static string Severity(ModemEventKind kind)
        {
            int value = (int)kind;
            return value < 100 ? "info" : value < 200 ? "warning" : "error";
        }
    }
}

namespace OmaDm.Notification.Wdp
{
    /// <summary>Bounds and tolerances of <see cref="SmsNotificationReceiver"/>.</summary>
    public sealed class SmsReceiverOptions
    {
        /// <summary>Concatenated messages held at once; the oldest is evicted (reported) beyond this (default 8).</summary>
        public int MaxPendingMessages { get; set; } = 8;

        /// <summary>User-data bytes held for pending messages; the oldest is evicted beyond this (default 4096).</summary>
        public int MaxPendingBytes { get; set; } = 4096;

        /// <summary>A concatenated message not completed within this time is given up as Incomplete (default 10 minutes).</summary>
        public int ReassemblyTimeoutMilliseconds { get; set; } = 10 * 60 * 1000;

        /// <summary>Skip the four port bytes some CDMA carriers repeat before the WSP PDU (default off).</summary>
        public bool TolerateCdmaDuplicatePorts { get; set; }
    }
}

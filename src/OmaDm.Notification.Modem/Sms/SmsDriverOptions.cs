namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>Policies of <see cref="SmsModemDriver"/>.</summary>
    public sealed class SmsDriverOptions
    {
        /// <summary>Delete SMS that are not notifications (default off: they are left for the user).</summary>
        public bool DeleteForeignMessages { get; set; }

        /// <summary>Warn when storage use reaches this percentage (default 80).</summary>
        public int StorageWarningPercent { get; set; } = 80;

        /// <summary>How often stale concatenations are expired and failed deletes retried (default 30 s).</summary>
        public int MaintenanceIntervalMilliseconds { get; set; } = 30000;

        /// <summary>Probe the modem with <c>AT</c> after this much silence, to notice a reboot without URCs (default 60 s).</summary>
        public int IdleProbeIntervalMilliseconds { get; set; } = 60000;

        /// <summary>Delay between set-up attempts and probes of a silent modem (default 2 s).</summary>
        public int RetryDelayMilliseconds { get; set; } = 2000;

        /// <summary>How long the driver thread sleeps when idle (the latency of maintenance checks; default 200 ms).</summary>
        public int IdleWaitMilliseconds { get; set; } = 200;
    }
}

namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>Policies of <see cref="SmsModemDriver"/>.</summary>
    public sealed class SmsDriverOptions
    {
        /// <summary>Delete SMS that are not notifications (default off: they are left for the user).</summary>
        public bool DeleteForeignMessages { get; set; }

        /// <summary>
        /// Read the SIM's IMSI with <c>AT+CIMI</c> (3GPP TS 27.007 clause 7.4) after each set-up, for the bootstrap keys
        /// that use it (NETWPIN, USERNETWPIN); reported through <see cref="SmsModemDriver.ImsiRead"/>. A refusal (no SIM,
        /// SIM PIN pending) does not fail the set-up. Default false.
        /// </summary>
        public bool ReadImsi { get; set; }

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

        /// <summary>
        /// How often storage is swept again with <c>AT+CMGL</c> and the indication setting checked with <c>AT+CNMI?</c>
        /// (default 120 s): finds a message whose indication or read was lost, and a modem that restarted without a boot URC.
        /// </summary>
        public int SweepIntervalMilliseconds { get; set; } = 120000;

        /// <summary>Reads of one message whose PDU did not come (a URC or damaged line in its place) before it is left to
        /// the next periodic sweep (default 3).</summary>
        public int ReadAttempts { get; set; } = 3;

        /// <summary>Longest delay between attempts to re-open a lost link (default 60 s; the first attempt is at once,
        /// the delay doubles from <see cref="RetryDelayMilliseconds"/>).</summary>
        public int ReconnectMaxDelayMilliseconds { get; set; } = 60000;

        /// <summary>A modem silent this long has its link re-opened, when the channel has a connector (default 30 s).</summary>
        public int ReconnectAfterSilenceMilliseconds { get; set; } = 30000;
    }
}

namespace OmaDm.Notification.Dispatch
{
    /// <summary>Policies of the <see cref="NotificationAgent"/>. Defaults suit a battery-powered device.</summary>
    public sealed class AgentOptions
    {
        /// <summary>Accepted trigger version values (default 11 and 12).</summary>
        public int[] AcceptedVersions { get; set; } = new int[] { 11, 12 };

        /// <summary>A server + session id seen within this window gives no second callback (default 10 minutes).</summary>
        public int DuplicateWindowMilliseconds { get; set; } = 10 * 60 * 1000;

        /// <summary>
        /// Server + session pairs remembered for duplicate suppression (default 16; bounded memory, oldest closed session
        /// forgotten first, never one waiting for the DM client). A duplicate the ring forgot is still refused (Replayed) by
        /// the replay history (<see cref="ReplayHistoryCapacity"/>), so the ring only has to hold the sessions within the
        /// window and the pending ones (at most <see cref="NotificationAgent.MaxPendingSessions"/>).
        /// </summary>
        public int DuplicateCapacity { get; set; } = 16;

        /// <summary>Session requests allowed per server within <see cref="RateLimitWindowMilliseconds"/> (default 6; 0 or less disables the limit).</summary>
        public int RateLimitCount { get; set; } = 6;

        /// <summary>The rate-limit window (default 1 hour).</summary>
        public int RateLimitWindowMilliseconds { get; set; } = 60 * 60 * 1000;

        /// <summary>
        /// Accepted triggers remembered per verification key (server id, password and nonce reading; default 32, at most
        /// 64; 0 turns replay refusal off): a trigger accepted before stays refused (Replayed) while the key it verified
        /// under is current. When a stored nonce has authenticated this many triggers, it refuses more (NonceExhausted)
        /// until the server sets a new nonce; the resynchronisation nonce, until the password changes. Memory: 8 octets x
        /// this per key, at most <see cref="NotificationAgent.MaxReplayKeys"/> keys (allocated as keys are first used).
        /// </summary>
        public int ReplayHistoryCapacity { get; set; } = 32;

        /// <summary>Accept a push with the package #0 content type but no X-WAP-Application-ID (default true; the spec routes on both).</summary>
        public bool AcceptMissingApplicationId { get; set; } = true;
    }
}

using OmaDm.Notification.Bootstrap;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>An accepted bootstrap, reported after its account was committed. One new instance per acceptance.</summary>
    public sealed class BootstrapReport
    {
        /// <summary>The committed account's server id.</summary>
        public string ServerId { get; internal set; }

        /// <summary>Which document carried it.</summary>
        public BootstrapProfile Profile { get; internal set; }

        /// <summary>The SEC method the MAC verified under.</summary>
        public BootstrapSecurity Security { get; internal set; }

        /// <summary>True when an account with this server id existed and was replaced (overwrite policy on).</summary>
        public bool Replaced { get; internal set; }

        /// <summary>
        /// True when it replaced an account whose server password was different: that account's accepted-trigger
        /// digests can never verify again, so the host forgets them (as for any password change).
        /// </summary>
        public bool PasswordChanged { get; internal set; }

        /// <summary>The bearer that carried it.</summary>
        public Bearer Bearer { get; internal set; }

        /// <summary>"IP:port" or the sender's number.</summary>
        public string Source { get; internal set; }

        /// <summary>
        /// The decoded account (a copy: the agent reuses its own). Holds secrets: log the server id, never the
        /// passwords.
        /// </summary>
        public BootstrapAccount Account { get; internal set; }
    }
}

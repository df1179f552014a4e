namespace OmaDm.Notification.Bootstrap
{
    /// <summary>
    /// Which bootstrap pushes a device accepts, and the secrets it verifies them with. Read once by the
    /// bootstrap agent's constructor; later changes to the object have no effect.
    /// </summary>
    /// <remarks>
    /// Defaults: USERPIN and USERNETWPIN allowed, NETWPIN off (its key, the IMSI, is readable by anyone
    /// holding the SIM or hearing the network), an existing server id never overwritten.
    /// </remarks>
    public sealed class BootstrapPolicy
    {
        /// <summary>Accept SEC=NETWPIN (0x80). Default false.</summary>
        public bool AllowNetworkPin { get; set; }

        /// <summary>Accept SEC=USERPIN (0x81). Default true.</summary>
        public bool AllowUserPin { get; set; } = true;

        /// <summary>Accept SEC=USERNETWPIN (0x82). Default true.</summary>
        public bool AllowUserNetworkPin { get; set; } = true;

        /// <summary>
        /// Replace an account whose server id the device already holds. Default false: a bootstrap for a known server
        /// is refused as <see cref="ReasonCode.BootstrapAccountExists"/>.
        /// </summary>
        public bool AllowOverwrite { get; set; }

        /// <summary>The SIM's IMSI (digits only), the NETWPIN key material; null when unknown.</summary>
        public string Imsi { get; set; }

        /// <summary>The per-device user PIN, the USERPIN key material; null when none is provisioned. Never logged.</summary>
        public string UserPin { get; set; }

        /// <summary>True when the method is switched on by this policy (whether or not its secret is known).</summary>
        /// <param name="security">The SEC method.</param>
        /// <returns><c>true</c> for an allowed method; USERPINMAC and None are never allowed.</returns>
        public bool Allows(BootstrapSecurity security)
        {
            switch (security)
            {
                case BootstrapSecurity.NetworkPin: return AllowNetworkPin;
                case BootstrapSecurity.UserPin: return AllowUserPin;
                case BootstrapSecurity.UserNetworkPin: return AllowUserNetworkPin;
                default: return false;
            }
        }

        /// <summary>
        /// True when at least one allowed method has its secret: then a bootstrap can be verified, and a device with
        /// no account has a reason to boot and listen.
        /// </summary>
        public bool CanVerify
        {
            get
            {
                bool hasImsi = BootstrapKey.IsValidImsi(Imsi);
                bool hasPin = BootstrapKey.IsValidPin(UserPin);
                return (AllowNetworkPin && hasImsi) || (AllowUserPin && hasPin) || (AllowUserNetworkPin && hasImsi && hasPin);
            }
        }
    }
}

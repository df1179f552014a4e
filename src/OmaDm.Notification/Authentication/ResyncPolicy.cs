namespace OmaDm.Notification.Authentication
{
    /// <summary>
    /// Which default nonces an account accepts after the stored nonce fails (nonce resynchronisation,
    /// OMA-TS-DM_Notification 5.1). A resync-signed trigger can be replayed until the password changes, so this is a
    /// per-account policy.
    /// </summary>
    public enum ResyncPolicy
    {
        /// <summary>Only the stored nonce (and, if enabled on the account, its base64 text) is tried.</summary>
        Off = 0,

        /// <summary>Then the four zero bytes 00 00 00 00.</summary>
        ZeroBytes = 1,

        /// <summary>Then the four zero bytes, then the ten ASCII characters <c>0x00000000</c>.</summary>
        ZeroBytesThenAscii = 2,
    }
}

namespace OmaDm.Notification.Authentication
{
    /// <summary>Which nonce reading made the digest match (OMA-TS-DM_Notification 6.2.2, 5.1).</summary>
    public enum NonceKind
    {
        /// <summary>No nonce matched.</summary>
        None = 0,

        /// <summary>The stored server nonce, as bytes decoded from its provisioned base64.</summary>
        Stored = 1,

        /// <summary>The stored nonce's base64 text itself, undecoded (a fallback one major client uses).</summary>
        StoredText = 2,

        /// <summary>Resynchronisation nonce read as four zero bytes (Android/Motorola, Samsung).</summary>
        ZeroBytes = 3,

        /// <summary>Resynchronisation nonce read as the ASCII text <c>0x00000000</c> (libdmclient).</summary>
        AsciiZeros = 4,
    }
}

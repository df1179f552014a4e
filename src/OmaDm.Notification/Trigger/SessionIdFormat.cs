namespace OmaDm.Notification.Trigger
{
    /// <summary>How a session id is written into the DM session's SessionID element.</summary>
    public enum SessionIdFormat
    {
        /// <summary>Upper-case hexadecimal without leading zeros, "0" for 0 (OMA-TS-DM_Notification 6.2.10). The default.</summary>
        Hexadecimal = 0,

        /// <summary>Decimal without leading zeros, for servers known to expect it (interop option, not the spec).</summary>
        Decimal = 1,
    }
}

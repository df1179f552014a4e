namespace OmaDm.Notification.Wsp
{
    /// <summary>How a Wireless Session Protocol header value was encoded (WAP-230-WSP 8.4.2.1), as reported for diagnostics.</summary>
    public enum WspValueEncoding
    {
        /// <summary>The value was absent.</summary>
        None = 0,

        /// <summary>Short-integer: one octet with the high bit set, value in the low seven bits (for example <c>C4</c>).</summary>
        ShortInteger = 1,

        /// <summary>Long-integer: a short length 1..30, then that many big-endian octets (for example <c>01 07</c>).</summary>
        LongInteger = 2,

        /// <summary>Text-string: characters up to a zero octet, optionally after a 0x7F quote.</summary>
        Text = 3,
    }
}

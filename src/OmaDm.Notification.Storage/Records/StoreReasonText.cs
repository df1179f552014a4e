namespace OmaDm.Notification.Storage.Records
{
    /// <summary>Stable text names for <see cref="StoreReason"/> members, as logged (nanoFramework prints enums as numbers).</summary>
    public static class StoreReasonText
    {
        /// <summary>Returns the kebab-case name of <paramref name="reason"/>, for example <c>checksum-mismatch</c>.</summary>
        /// <param name="reason">The reason.</param>
        /// <returns>The name, or <c>unknown</c> for a value that is not a member.</returns>
        public static string ToKebabCase(StoreReason reason)
        {
            switch (reason)
            {
                case StoreReason.None: return "none";
                case StoreReason.NotFound: return "not-found";
                case StoreReason.Truncated: return "truncated";
                case StoreReason.BadMagic: return "bad-magic";
                case StoreReason.UnsupportedVersion: return "unsupported-version";
                case StoreReason.BadLength: return "bad-length";
                case StoreReason.ChecksumMismatch: return "checksum-mismatch";
                case StoreReason.BadPayload: return "bad-payload";
                case StoreReason.IoError: return "io-error";
                case StoreReason.InvalidValue: return "invalid-value";
                case StoreReason.UnknownAccount: return "unknown-account";
                case StoreReason.InvalidUtf8: return "invalid-utf8";
                case StoreReason.EmptySlot: return "empty-slot";
                default: return "unknown";
            }
        }
    }
}

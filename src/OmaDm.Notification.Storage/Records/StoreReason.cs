namespace OmaDm.Notification.Storage.Records
{
    /// <summary>Why a record slot or a store operation failed, by name (logged at boot for each slot).</summary>
    public enum StoreReason
    {
        /// <summary>No failure.</summary>
        None = 0,

        /// <summary>The slot file does not exist (first boot, or never written).</summary>
        NotFound = 1,

        /// <summary>The file is shorter than its header or than the payload length it announces (a torn write).</summary>
        Truncated = 2,

        /// <summary>The file does not start with the record magic: not a record file.</summary>
        BadMagic = 3,

        /// <summary>The record format version is newer than this firmware understands.</summary>
        UnsupportedVersion = 4,

        /// <summary>The announced payload length is above the store's bound, or the file is longer than announced.</summary>
        BadLength = 5,

        /// <summary>The CRC-32 does not match: a torn or corrupted write.</summary>
        ChecksumMismatch = 6,

        /// <summary>The checksum matched but the payload does not decode (wrong content or a newer payload format).</summary>
        BadPayload = 7,

        /// <summary>The file system reported an error.</summary>
        IoError = 8,

        /// <summary>The caller's value was refused (an empty or too long server id, a nonce that is not base64, a full table).</summary>
        InvalidValue = 9,

        /// <summary>No account has this server id.</summary>
        UnknownAccount = 10,

        /// <summary>The checksum matched but a stored string is not well-formed UTF-8 (it would load as other text than was written).</summary>
        InvalidUtf8 = 11,

        /// <summary>
        /// The slot file exists and holds 0 bytes: a crash before the first byte of its first write. The slot counts as
        /// never written (the record loads as <see cref="NotFound"/> when the other slot is missing or empty too).
        /// </summary>
        EmptySlot = 12,
    }
}

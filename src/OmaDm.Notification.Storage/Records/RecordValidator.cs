namespace OmaDm.Notification.Storage.Records
{
    /// <summary>Decides whether a record payload that passed its checksum can be decoded (non-generic, for nanoFramework).</summary>
    /// <param name="payload">The payload.</param>
    /// <returns><see cref="StoreReason.None"/> when usable, else why not (<see cref="StoreReason.BadPayload"/>, <see cref="StoreReason.InvalidUtf8"/>).</returns>
    public delegate StoreReason RecordValidator(byte[] payload);
}

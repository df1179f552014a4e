namespace OmaDm.Notification.Storage.Records
{
    /// <summary>Decides whether a record payload that passed its checksum can be decoded (non-generic, for nanoFramework).</summary>
    /// <param name="payload">The payload.</param>
    /// <returns><c>true</c> when usable.</returns>
    public delegate bool RecordValidator(byte[] payload);
}

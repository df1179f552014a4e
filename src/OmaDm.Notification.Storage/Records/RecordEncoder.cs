namespace OmaDm.Notification.Storage.Records
{
    /// <summary>
    /// Writes a record's payload into a writer (<see cref="RecordStore.Save(RecordEncoder)"/>). It is called more than once
    /// per save and must write the same bytes each time.
    /// </summary>
    /// <param name="writer">The writer.</param>
    public delegate void RecordEncoder(PayloadWriter writer);
}

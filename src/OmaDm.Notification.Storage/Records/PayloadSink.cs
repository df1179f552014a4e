namespace OmaDm.Notification.Storage.Records
{
    /// <summary>Receives the bytes a streaming <see cref="PayloadWriter"/> has filled its chunk with.</summary>
    /// <param name="buffer">The chunk.</param>
    /// <param name="offset">First byte.</param>
    /// <param name="count">Number of bytes.</param>
    public delegate void PayloadSink(byte[] buffer, int offset, int count);
}

namespace OmaDm.Notification
{
    /// <summary>Receives a line of diagnostic log text.</summary>
    /// <param name="message">The message.</param>
    public delegate void LogHandler(string message);
}

namespace OmaDm.Notification.Net
{
    /// <summary>Receives a line of diagnostic log text.</summary>
    /// <param name="message">The message.</param>
    public delegate void LogHandler(string message);

    /// <summary>Adjusts a new socket before it is bound (a host's own socket options); may throw, which is logged.</summary>
    /// <param name="socket">The socket.</param>
    public delegate void SocketSetupHandler(System.Net.Sockets.Socket socket);
}

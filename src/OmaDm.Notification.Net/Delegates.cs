namespace OmaDm.Notification.Net
{
    /// <summary>Adjusts a new socket before it is bound (a host's own socket options); may throw, which is logged.</summary>
    /// <param name="socket">The socket.</param>
    public delegate void SocketSetupHandler(System.Net.Sockets.Socket socket);
}

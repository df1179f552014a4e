using System;
using System.Net.Sockets;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Cli;

/// <summary>
/// A modem exported over TCP (ser2net, a modem emulator) as an <see cref="IModemLink"/>. Reads poll the socket, so a
/// quiet modem is a timeout (0) and never an exception, while a closed or reset connection is the link's end (-1)
/// at once: the AT channel then reconnects instead of polling a dead socket. TCP keep-alive finds a half-open peer.
/// </summary>
public sealed class SocketModemLink : IModemLink, IDisposable
{
    private readonly Socket _socket;

    /// <summary>Wraps a connected socket; the link owns it.</summary>
    public SocketModemLink(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        try
        {
            if (!_socket.Poll(Math.Max(0, timeoutMilliseconds) * 1000, SelectMode.SelectRead))
            {
                return 0;
            }

            int read = _socket.Receive(buffer, offset, count, SocketFlags.None);
            return read > 0 ? read : -1; // readable with nothing to read: the peer closed
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return -1;
        }
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count) => _socket.Send(buffer, offset, count, SocketFlags.None);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer.
        }

        _socket.Dispose();
    }
}

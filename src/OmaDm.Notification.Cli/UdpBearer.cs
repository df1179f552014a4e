using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Cli;

/// <summary>
/// WAP push over UDP on the host: a socket receive loop feeding <see cref="NotificationAgent.ProcessPush"/> with
/// <see cref="Bearer.Udp"/> and the sender's "ip:port". Oversized datagrams are reported, not truncated.
/// </summary>
public sealed class UdpBearer : IDisposable
{
    private const int MaxDatagram = 2048;
    private readonly Socket _socket;
    private readonly AgentHost _host;
    private readonly EventWriter _events;
    private readonly Thread _thread;
    private volatile bool _stopping;

    private UdpBearer(Socket socket, AgentHost host, EventWriter events)
    {
        _socket = socket;
        _host = host;
        _events = events;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = "udp-2948" };
    }

    /// <summary>The bound port (useful with port 0).</summary>
    public int Port { get; }

    /// <summary>Binds and starts receiving; a bind failure is a usage error.</summary>
    public static UdpBearer Start(AgentHost host, EventWriter events, IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(endpoint);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new UsageException($"--udp: cannot bind {endpoint}: {e.Message}");
        }

        var bearer = new UdpBearer(socket, host, events);
        bearer._thread.Start();
        return bearer;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping = true;
        _socket.Close();
        _thread.Join(TimeSpan.FromSeconds(2));
    }

    private void ReceiveLoop()
    {
        var buffer = new byte[MaxDatagram + 1];
        while (!_stopping)
        {
            EndPoint from = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, 0, buffer.Length, SocketFlags.None, ref from);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
            {
                _host.Agent.ReportRejection(ReasonCode.Oversized, Bearer.Udp, from.ToString());
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (!_stopping)
                {
                    _events.Note("error", $"UDP receive failed: {e.Message}");
                }

                return;
            }

            string source = from.ToString();
            if (length > MaxDatagram)
            {
                _host.Agent.ReportRejection(ReasonCode.Oversized, Bearer.Udp, source);
                continue;
            }

            try
            {
                _host.Agent.ProcessPush(buffer, 0, length, Bearer.Udp, source);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug below must not take the listener down with it: say so and keep receiving.
                _events.Note("error", $"processing a datagram from {source} failed: {e.GetType().Name}: {e.Message}");
            }
        }
    }
}

using System;
using System.Net;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Net;

namespace OmaDm.Notification.Cli;

/// <summary>
/// WAP push over UDP on the host: the device's own <see cref="UdpNotificationListener"/> (OmaDm.Notification.Net)
/// feeding <see cref="NotificationAgent.ProcessPush"/> with <see cref="Bearer.Udp"/> and the sender's "ip:port", so the
/// PC runs the same receive loop (buffer bound, oversized datagrams reported, re-bind on socket errors) as the device.
/// </summary>
public sealed class UdpBearer : IDisposable
{
    private const int BindTimeoutMilliseconds = 3000;
    private const int StopJoinMilliseconds = 2000;
    private readonly UdpNotificationListener _listener;

    private UdpBearer(UdpNotificationListener listener) => _listener = listener;

    /// <summary>The bound port (useful with port 0).</summary>
    public int Port => _listener.BoundPort;

    /// <summary>Binds and starts receiving; a bind that does not succeed in time is a usage error.</summary>
    public static UdpBearer Start(AgentHost host, EventWriter events, IPEndPoint endpoint)
    {
        var options = new UdpListenerOptions { Port = endpoint.Port, BindAddress = endpoint.Address, MaxDatagramBytes = 2048, PollMilliseconds = 200 };
        PushHandler push = (buffer, offset, count, bearer, source) =>
        {
            try
            {
                return host.Agent.ProcessPush(buffer, offset, count, bearer, source);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug below must not take the listener down with it: say so and keep receiving.
                events.Note("error", $"processing a datagram from {source} failed: {e.GetType().Name}: {e.Message}");
                return ReasonCode.Malformed;
            }
        };
        var listener = new UdpNotificationListener(push, host.Agent.ReportRejection, options, host.Clock)
        {
            Log = message => events.Note("udp listener", message),
        };
        listener.Start();
        if (!listener.WaitUntilBound(BindTimeoutMilliseconds))
        {
            listener.Stop(StopJoinMilliseconds);
            throw new UsageException($"--udp: cannot bind {endpoint} (in use, or not a local address).");
        }

        return new UdpBearer(listener);
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Stop(StopJoinMilliseconds);
}

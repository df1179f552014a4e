using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Net;

namespace OmaDm.Notification.Cli;

/// <summary>
/// WAP push over UDP on the host: the device's own <see cref="UdpNotificationListener"/> (OmaDm.Notification.Net), added
/// by the service (<see cref="Firmware.Hosting.NotificationService.AddUdpListener(UdpListenerOptions, PushHandler)"/>) and so
/// under its watchdog, with the sender's "ip:port": the PC runs the same receive loop (buffer bound, oversized datagrams
/// reported, re-bind on socket errors) as the device, feeding <see cref="NotificationAgent.ProcessPush"/> with
/// <see cref="Bearer.Udp"/>.
/// </summary>
/// <remarks>
/// Flood-proofing, which a PC can afford and the device cannot: a 4 MiB socket receive buffer (64 MiB where the
/// process may exceed the system cap), and a queue between
/// the receive loop and the agent. The loop only copies each datagram into the queue, so it drains the socket as
/// fast as a sender can fill it; one worker thread verifies them in arrival order. The queue is bounded
/// (<see cref="MaxQueuedBytes"/>); what does not fit is counted and reported, never held.
/// </remarks>
public sealed class UdpReceiver : IDisposable
{
    /// <summary>Most bytes (datagram bytes plus <see cref="PerDatagramOverhead"/> each) waiting for the agent.</summary>
    public const long MaxQueuedBytes = 64L * 1024 * 1024;

    /// <summary>Bookkeeping bytes counted per queued datagram.</summary>
    public const int PerDatagramOverhead = 96;

    private const int BindTimeoutMilliseconds = 3000;
    private const int StopJoinMilliseconds = 2000;

    // A PC can afford a deep queue: at 4 MiB a burst of tens of thousands of small forged datagrams waits in the kernel
    // instead of being dropped together with the valid trigger behind it (Linux caps it at net.core.rmem_max).
    private const int ReceiveBufferBytes = 4 * 1024 * 1024;
    private const int ForcedReceiveBufferBytes = 64 * 1024 * 1024;

    private readonly UdpNotificationListener _listener;
    private readonly ConcurrentQueue<Datagram> _queue = new();
    private readonly AutoResetEvent _queued = new(false);
    private readonly Thread _worker;
    private readonly AgentHost _host;
    private readonly EventPrinter _events;
    private long _queuedBytes;
    private long _dropped;
    private volatile bool _stopping;
    private volatile bool _workerWaiting;

    private UdpReceiver(AgentHost host, EventPrinter events, UdpListenerOptions options)
    {
        _host = host;
        _events = events;

        // The service's listener, under its watchdog, with the queue in front of the agent.
        _listener = host.Service.AddUdpListener(options, Enqueue);
        _listener.Log = message => events.Note("udp listener", message);
        _listener.SocketSetup = ForceLargeBuffer;
        _worker = new Thread(Work) { IsBackground = true, Name = "dmnotify-udp-agent" };
    }

    /// <summary>The bound port (useful with port 0).</summary>
    public int Port => _listener.BoundPort;

    /// <summary>Binds and starts receiving; a bind that does not succeed in time is a usage error.</summary>
    public static UdpReceiver Start(AgentHost host, EventPrinter events, IPEndPoint endpoint)
    {
        var options = new UdpListenerOptions
        {
            Port = endpoint.Port,
            BindAddress = endpoint.Address,
            MaxDatagramBytes = 2048,
            PollMilliseconds = 200,
            ReceiveBufferBytes = ReceiveBufferBytes,
        };
        var bearer = new UdpReceiver(host, events, options);
        bearer._worker.Start();
        bearer._listener.Start();
        if (!bearer._listener.WaitUntilBound(BindTimeoutMilliseconds))
        {
            bearer.Dispose();
            throw new UsageException($"--udp: cannot bind {endpoint} (in use, or not a local address).");
        }

        return bearer;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _listener.Stop(StopJoinMilliseconds);
        _stopping = true;
        _queued.Set();
        _worker.Join(StopJoinMilliseconds);
        ReportDropped();
    }

    // Linux caps SO_RCVBUF at net.core.rmem_max (often 208 KiB); a process with CAP_NET_ADMIN may go past it with
    // SO_RCVBUFFORCE. Each small datagram costs about 800 bytes of buffer, so 64 MiB holds some 80,000 of them: seconds
    // of a flood while this process waits for a CPU. Without the capability the call fails and the capped size stays.
    private static void ForceLargeBuffer(Socket socket)
    {
        const int SolSocket = 1;
        const int SoRcvBufForce = 33;
        if (OperatingSystem.IsLinux())
        {
            try
            {
                socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(ForcedReceiveBufferBytes));
            }
            catch (SocketException)
            {
            }
        }
    }

    private ReasonCode Enqueue(byte[] buffer, int offset, int count, Bearer bearer, string source)
    {
        // The listener reuses its buffer: copy. Refuse rather than grow past the bound.
        if (Interlocked.Add(ref _queuedBytes, count + PerDatagramOverhead) > MaxQueuedBytes)
        {
            Interlocked.Add(ref _queuedBytes, -(count + PerDatagramOverhead));
            if (Interlocked.Increment(ref _dropped) == 1)
            {
                _events.Note("udp listener", $"more than {MaxQueuedBytes / (1024 * 1024)} MiB of datagrams wait for the agent: dropping until it catches up");
            }

            return ReasonCode.None;
        }

        _queue.Enqueue(new Datagram(buffer.AsSpan(offset, count).ToArray(), source));

        // Wake the worker only when it sleeps: under a flood it is busy, and the receive loop makes no extra system call.
        if (_workerWaiting)
        {
            _queued.Set();
        }

        return ReasonCode.None;
    }

    private void Work()
    {
        while (!_stopping)
        {
            if (!_queue.TryDequeue(out var datagram))
            {
                ReportDropped();
                _workerWaiting = true;
                Thread.MemoryBarrier(); // publish the flag before looking at the queue (the producer checks in the other order)
                if (_queue.IsEmpty)
                {
                    _queued.WaitOne(200);
                }

                _workerWaiting = false;
                continue;
            }

            Interlocked.Add(ref _queuedBytes, -(datagram.Bytes.Length + PerDatagramOverhead));
            try
            {
                _host.Agent.ProcessPush(datagram.Bytes, 0, datagram.Bytes.Length, Bearer.Udp, datagram.Source);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug below must not take the bearer down with it: say so and keep going.
                _events.Note("error", $"processing a datagram from {datagram.Source} failed: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private void ReportDropped()
    {
        long dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0)
        {
            _events.Note("udp listener", $"{dropped} datagram(s) dropped while the agent's queue was full");
        }
    }

    private sealed record Datagram(byte[] Bytes, string Source);
}

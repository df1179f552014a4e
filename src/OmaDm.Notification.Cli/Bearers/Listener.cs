using System;
using System.Net;
using System.Threading;

namespace OmaDm.Notification.Cli;

/// <summary>Runs the bearers of <c>listen</c> until stopped: a UDP socket and/or the modem driver.</summary>
public static class Listener
{
    /// <summary>How often the service's watchdog checks the bearers' heartbeats.</summary>
    public const int WatchdogIntervalMilliseconds = 1000;

    /// <summary>Listens until <paramref name="stop"/> is cancelled; returns the exit code.</summary>
    public static int Run(AgentHost host, EventPrinter events, IPEndPoint udp, ModemEndpoint modem, string modemProfile, CancellationToken stop)
    {
        using var udpBearer = udp != null ? UdpReceiver.Start(host, events, udp) : null;
        using var modemBearer = modem != null ? ModemConnection.Start(host, events, modem, stop, modemProfile) : null;

        // Declared after the bearers, so it stops before they are disposed.
        using var watchdog = host.StartWatchdog(WatchdogIntervalMilliseconds);
        if (stop.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }

        events.Ready(udpBearer?.Port, modem?.Text);
        stop.WaitHandle.WaitOne();
        return ExitCodes.Ok;
    }
}

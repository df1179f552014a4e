using System;
using System.Threading;

namespace OmaDm.Notification.Cli;

/// <summary>The SMS bearer of <c>listen</c>: the Modem library's 27.005 driver over the modem stream.</summary>
public sealed class ModemBearer : IDisposable
{
    /// <summary>Opens the modem and runs the driver's set-up and start-up sweep.</summary>
    public static ModemBearer Start(AgentHost host, EventWriter events, ModemEndpoint endpoint, CancellationToken stop) =>
        throw new UsageException("--modem: the 27.005 modem driver is not available in this build yet.");

    /// <inheritdoc />
    public void Dispose()
    {
    }
}

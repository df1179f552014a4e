using System;
using System.Diagnostics;

namespace OmaDm.Notification.Cli;

/// <summary>The host's clock for the agent: monotonic from <see cref="Stopwatch"/>, wall time from the system.</summary>
public sealed class SystemClock : IClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <inheritdoc />
    public long MonotonicMilliseconds => _watch.ElapsedMilliseconds;

    /// <inheritdoc />
    public DateTime UtcNow => DateTime.UtcNow;
}

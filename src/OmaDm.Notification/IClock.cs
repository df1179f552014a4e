using System;

namespace OmaDm.Notification
{
    /// <summary>
    /// Time, injected. Protocol code never reads a clock of its own: the device passes one backed by
    /// <c>Environment.TickCount64</c> and <c>DateTime.UtcNow</c>, tests pass one they move by hand.
    /// </summary>
    public interface IClock
    {
        /// <summary>Monotonic milliseconds since an arbitrary start; used for every interval and timeout.</summary>
        long MonotonicMilliseconds { get; }

        /// <summary>Wall-clock time, for reporting only (it may be wrong until SNTP or the RTC has set it).</summary>
        DateTime UtcNow { get; }
    }
}

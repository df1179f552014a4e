using System;

namespace OmaDm.Notification.Firmware
{
    /// <summary>
    /// The device clock: monotonic time from <c>Environment.TickCount64</c> (nanoFramework.Runtime.Native; the same
    /// property exists on .NET, so this also runs on a host) and wall-clock time from <c>DateTime.UtcNow</c>, which is only
    /// right once SNTP or the RTC has set it.
    /// </summary>
    public sealed class SystemClock : IClock
    {
        /// <inheritdoc />
        public long MonotonicMilliseconds => Environment.TickCount64;

        /// <inheritdoc />
        public DateTime UtcNow => DateTime.UtcNow;
    }
}

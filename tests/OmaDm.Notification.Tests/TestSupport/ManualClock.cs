using System;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Tests.TestSupport
{
    /// <summary>A clock the test moves by hand (a test peer, not a stand-in for code under test).</summary>
    public sealed class ManualClock : IClock
    {
        /// <summary>Creates a clock at monotonic 0 and 2026-01-01 UTC.</summary>
        public ManualClock()
        {
            UtcNow = new DateTime(2026, 1, 1, 0, 0, 0);
        }

        /// <inheritdoc />
        public long MonotonicMilliseconds { get; set; }

        /// <inheritdoc />
        public DateTime UtcNow { get; set; }

        /// <summary>Moves both clocks forward.</summary>
        /// <param name="milliseconds">Milliseconds to advance.</param>
        public void Advance(long milliseconds)
        {
            MonotonicMilliseconds += milliseconds;
            UtcNow = UtcNow.AddTicks(milliseconds * TimeSpan.TicksPerMillisecond);
        }
    }
}

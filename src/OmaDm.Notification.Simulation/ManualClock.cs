using System;

namespace OmaDm.Notification.Simulation
{
    /// <summary>
    /// A clock moved by hand: simulated time for <see cref="ScriptedModem"/> and a test peer for <see cref="IClock"/>, not a
    /// stand-in for tested code.
    /// </summary>
    public sealed class ManualClock : IClock
    {
        /// <summary>Starts at monotonic 0 and 2024-01-01 00:00 UTC.</summary>
        public ManualClock()
            : this(0, new DateTime(2024, 1, 1, 0, 0, 0))
        {
        }

        /// <summary>Starts at the given times.</summary>
        /// <param name="monotonicMilliseconds">Initial monotonic time.</param>
        /// <param name="utcNow">Initial wall-clock time.</param>
        public ManualClock(long monotonicMilliseconds, DateTime utcNow)
        {
            MonotonicMilliseconds = monotonicMilliseconds;
            UtcNow = utcNow;
        }

        /// <inheritdoc />
        public long MonotonicMilliseconds { get; set; }

        /// <inheritdoc />
        public DateTime UtcNow { get; set; }

        /// <summary>Moves both clocks forward.</summary>
        /// <param name="milliseconds">How far.</param>
        public void Advance(long milliseconds)
        {
            MonotonicMilliseconds += milliseconds;
            UtcNow = UtcNow.AddTicks(milliseconds * TimeSpan.TicksPerMillisecond);
        }
    }
}

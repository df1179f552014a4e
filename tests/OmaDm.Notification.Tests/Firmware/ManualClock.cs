using System;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Tests.Firmware
{
    /// <summary>Test peer: a clock the test moves by hand.</summary>
    public sealed class ManualClock : IClock
    {
        /// <inheritdoc />
        public long MonotonicMilliseconds { get; set; } = 1000;

        /// <inheritdoc />
        public DateTime UtcNow { get; set; } = new DateTime(2024, 6, 1, 8, 0, 0);

        /// <summary>Moves both clocks forward.</summary>
        /// <param name="milliseconds">How far.</param>
        public void Advance(int milliseconds)
        {
            MonotonicMilliseconds += milliseconds;
            UtcNow = UtcNow.AddMilliseconds(milliseconds);
        }
    }
}

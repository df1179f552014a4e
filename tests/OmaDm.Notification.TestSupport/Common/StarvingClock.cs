using System;

namespace OmaDm.Notification.Tests.TestSupport
{
    /// <summary>
    /// An injected allocation failure: a clock over another whose <see cref="UtcNow"/> throws
    /// <see cref="OutOfMemoryException"/> the next <see cref="Failures"/> times it is read, then reads through. The
    /// notification agent reads the wall clock once per accepted trigger, where it builds the session request, so
    /// handing it this clock fails an acceptance exactly where a starved heap fails it, without starving the runtime the
    /// test runs in.
    /// </summary>
    public sealed class StarvingClock : IClock
    {
        private readonly IClock _inner;

        /// <summary>Wraps a clock.</summary>
        /// <param name="inner">The clock read through (the test's shared simulated time).</param>
        public StarvingClock(IClock inner)
        {
            _inner = inner;
        }

        /// <summary>Reads of <see cref="UtcNow"/> still to fail.</summary>
        public int Failures { get; set; }

        /// <summary>Reads of <see cref="UtcNow"/> that failed so far.</summary>
        public int Failed { get; private set; }

        /// <inheritdoc />
        public long MonotonicMilliseconds => _inner.MonotonicMilliseconds;

        /// <inheritdoc />
        public DateTime UtcNow
        {
            get
            {
                if (Failures > 0)
                {
                    Failures--;
                    Failed++;
                    throw new OutOfMemoryException();
                }

                return _inner.UtcNow;
            }
        }
    }
}

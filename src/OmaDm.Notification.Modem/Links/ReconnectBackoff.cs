namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// When a <see cref="ModemWorker"/> may next try to replace a lost link: the first attempt at once, then after a
    /// delay that doubles up to a maximum; a successful set-up starts the sequence again. Time is the caller's
    /// monotonic clock. Used from the worker's pass only; not synchronised.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private long _nextAttempt;
        private int _delay;

        /// <summary>Starts the sequence again: the next attempt at once, then <paramref name="firstDelay"/>.</summary>
        /// <param name="firstDelay">The delay after the next attempt, in milliseconds.</param>
        public void Reset(int firstDelay)
        {
            _delay = firstDelay;
            _nextAttempt = 0;
        }

        /// <summary>True when an attempt is due at <paramref name="now"/>; the one after it then waits the current
        /// delay, and the delay doubles up to <paramref name="maxDelay"/>.</summary>
        /// <param name="now">The clock's milliseconds.</param>
        /// <param name="maxDelay">The longest delay, in milliseconds.</param>
        /// <returns>Whether to attempt now.</returns>
        public bool TryAttempt(long now, int maxDelay)
        {
            if (now < _nextAttempt)
            {
                return false;
            }

            _nextAttempt = now + _delay;
            _delay = _delay >= maxDelay / 2 ? maxDelay : _delay * 2;
            return true;
        }
    }
}

using System.Collections;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// The per-server rate limit of <see cref="NotificationAgent"/>: at most Count accepted triggers per server within a
    /// sliding window. Checked before a commit (reads only), then <see cref="Reserve"/> (allocates), <see cref="Add"/>
    /// (the commit) and, when the commit could not be persisted, <see cref="Undo"/>. Not thread-safe: the agent calls it
    /// under its lock.
    /// </summary>
    public sealed class TriggerRateLimiter
    {
        private readonly int _count;
        private readonly int _windowMilliseconds;

        // Server id -> RateWindow. Grows only with accounts that authenticated, so it is bounded by provisioning.
        private readonly Hashtable _windows = new Hashtable();

        // The window IsLimited found (or Reserve created) for the trigger being judged, and the one the last Add changed:
        // kept so a commit looks the server up once.
        private RateWindow _candidate;
        private RateWindow _added;

        /// <summary>Creates a limiter.</summary>
        /// <param name="count">Accepted triggers allowed per window and server; 0 or less: no limit.</param>
        /// <param name="windowMilliseconds">The window's length in monotonic milliseconds.</param>
        public TriggerRateLimiter(int count, int windowMilliseconds)
        {
            _count = count;
            _windowMilliseconds = windowMilliseconds;
        }

        /// <summary>
        /// True when <paramref name="serverId"/> already had Count accepted triggers less than the window before
        /// <paramref name="now"/>. Remembers the server for <see cref="Reserve"/> and <see cref="Add"/>; changes nothing else.
        /// </summary>
        /// <param name="serverId">The authenticated server.</param>
        /// <param name="now">Monotonic milliseconds.</param>
        /// <returns>True when the trigger must be refused as rate limited.</returns>
        public bool IsLimited(string serverId, long now)
        {
            if (_count <= 0)
            {
                _candidate = null;
                return false;
            }

            _candidate = (RateWindow)_windows[serverId];
            return _candidate != null && _candidate.IsExhausted(now, _windowMilliseconds);
        }

        /// <summary>
        /// Allocates the window of the server <see cref="IsLimited"/> was last asked about, if it has none yet, so that
        /// <see cref="Add"/> cannot fail. An empty window refuses nothing, so one left behind by a failed commit is harmless.
        /// </summary>
        /// <param name="serverId">The same server as the last <see cref="IsLimited"/>.</param>
        public void Reserve(string serverId)
        {
            if (_count > 0 && _candidate == null)
            {
                _candidate = new RateWindow(_count);
                _windows[serverId] = _candidate;
            }
        }

        /// <summary>Counts an accepted trigger of the server last checked (after <see cref="Reserve"/>).</summary>
        /// <param name="now">Monotonic milliseconds.</param>
        public void Add(long now)
        {
            _added = _candidate;
            if (_added != null)
            {
                _added.Add(now);
            }
        }

        /// <summary>Takes back the last <see cref="Add"/> (its commit was not persisted).</summary>
        public void Undo()
        {
            if (_added != null)
            {
                _added.Undo();
                _added = null;
            }
        }

        /// <summary>The monotonic times of a server's last accepted requests, as a ring of Count entries.</summary>
        private sealed class RateWindow
        {
            private readonly long[] _times;
            private int _next;
            private int _used;
            private long _overwritten;
            private bool _grew;

            public RateWindow(int capacity)
            {
                _times = new long[capacity];
            }

            // The ring holds the last N acceptances; the limit is reached when all N fall inside the window, that is
            // when the oldest of them (the next slot to overwrite) does.
            public bool IsExhausted(long now, int windowMilliseconds)
            {
                return _used == _times.Length && now - _times[_next] < windowMilliseconds;
            }

            public void Add(long now)
            {
                _overwritten = _times[_next];
                _grew = _used < _times.Length;
                _times[_next] = now;
                _next = (_next + 1) % _times.Length;
                if (_used < _times.Length)
                {
                    _used++;
                }
            }

            // Takes back the last Add. A full ring stays full: its oldest time returns.
            public void Undo()
            {
                _next = (_next + _times.Length - 1) % _times.Length;
                _times[_next] = _overwritten;
                if (_grew)
                {
                    _used--;
                }
            }
        }
    }
}

using System;
using System.Collections;
using System.Threading;

namespace OmaDm.Notification.Firmware.Hosting
{
    /// <summary>Reads a component's last heartbeat, in monotonic milliseconds.</summary>
    /// <returns>The heartbeat.</returns>
    public delegate long HeartbeatReader();

    /// <summary>Restarts a component.</summary>
    public delegate void RestartAction();

    /// <summary>
    /// The software watchdog: each watched component (a receive thread, the modem driver) reports a heartbeat; one whose
    /// heartbeat is older than its limit is restarted, then given the same limit as grace before it can be restarted
    /// again. Restart failures are logged and retried at the next check; the supervisor itself never throws.
    /// </summary>
    public sealed class Supervisor
    {
        private readonly IClock _clock;
        private readonly ArrayList _watched = new ArrayList();
        private readonly object _sync = new object();
        private bool _running;
        private int _intervalMilliseconds;

        /// <summary>Creates a supervisor.</summary>
        /// <param name="clock">Monotonic time.</param>
        public Supervisor(IClock clock)
        {
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        }

        /// <summary>Diagnostic log lines; may be null.</summary>
        public LogHandler Log { get; set; }

        /// <summary>Watches a component.</summary>
        /// <param name="name">Name for the log.</param>
        /// <param name="heartbeat">Reads its heartbeat.</param>
        /// <param name="restart">Restarts it.</param>
        /// <param name="staleAfterMilliseconds">A heartbeat older than this is a stuck component.</param>
        public void Watch(string name, HeartbeatReader heartbeat, RestartAction restart, int staleAfterMilliseconds)
        {
            if (heartbeat == null || restart == null || staleAfterMilliseconds <= 0)
            {
                throw new ArgumentException("A heartbeat, a restart and a positive staleness bound are needed.", heartbeat == null ? nameof(heartbeat) : restart == null ? nameof(restart) : nameof(staleAfterMilliseconds));
            }

            lock (_sync)
            {
                _watched.Add(new Watched(name, heartbeat, restart, staleAfterMilliseconds, _clock.MonotonicMilliseconds));
            }
        }

        /// <summary>How many times the named component has been restarted (-1 for an unknown name).</summary>
        /// <param name="name">The name.</param>
        /// <returns>The count.</returns>
        public int RestartCount(string name)
        {
            lock (_sync)
            {
                foreach (Watched w in _watched)
                {
                    if (w.Name == name)
                    {
                        return w.Restarts;
                    }
                }
            }

            return -1;
        }

        /// <summary>Checks every component once and restarts the stuck ones.</summary>
        /// <returns>How many were restarted.</returns>
        public int CheckOnce()
        {
            long now = _clock.MonotonicMilliseconds;
            Watched[] snapshot;
            lock (_sync)
            {
                snapshot = new Watched[_watched.Count];
                _watched.CopyTo(snapshot);
            }

            int restarted = 0;
            foreach (Watched w in snapshot)
            {
                long beat;
                try
                {
                    beat = w.Heartbeat();
                }
                catch (Exception ex)
                {
                    Write("watchdog: " + w.Name + " heartbeat failed: " + ex.Message);
                    beat = long.MinValue;
                }

                long newest = beat > w.LastRestart ? beat : w.LastRestart;
                if (now - newest <= w.StaleAfter)
                {
                    continue;
                }

                Write("watchdog: restarting " + w.Name + " (silent for " + (now - newest).ToString() + " ms)");
                w.LastRestart = now;
                w.Restarts++;
                restarted++;
                try
                {
                    w.Restart();
                }
                catch (Exception ex)
                {
                    Write("watchdog: restart of " + w.Name + " failed: " + ex.Message);
                }
            }

            return restarted;
        }

        /// <summary>
        /// Calls <see cref="CheckOnce"/> every interval on the calling thread until <see cref="Stop"/>: for a thread that
        /// would otherwise only sleep (the firmware's <c>Main</c> after start-up), so the watchdog needs no thread of its
        /// own (a nanoCLR thread and its frames measured 69-98 heap blocks). Returns at once when already running.
        /// </summary>
        /// <param name="intervalMilliseconds">The interval.</param>
        public void Run(int intervalMilliseconds)
        {
            lock (_sync)
            {
                if (_running)
                {
                    return;
                }

                _running = true;
                _intervalMilliseconds = intervalMilliseconds;
            }

            Loop();
        }

        /// <summary>Stops the checks: a <see cref="Run"/> returns after its current interval.</summary>
        public void Stop()
        {
            lock (_sync)
            {
                _running = false;
            }
        }

        private void Loop()
        {
            while (IsRunning())
            {
                try
                {
                    CheckOnce();
                }
                catch (Exception ex)
                {
                    Write("watchdog: " + ex.Message);
                }

                Thread.Sleep(_intervalMilliseconds);
            }
        }

        private bool IsRunning()
        {
            lock (_sync)
            {
                return _running;
            }
        }

        private void Write(string message)
        {
            LogHandler log = Log;
            if (log != null)
            {
                log(message);
            }
        }

        private sealed class Watched
        {
            public Watched(string name, HeartbeatReader heartbeat, RestartAction restart, int staleAfter, long now)
            {
                Name = name;
                Heartbeat = heartbeat;
                Restart = restart;
                StaleAfter = staleAfter;
                LastRestart = now;
            }

            public string Name { get; }

            public HeartbeatReader Heartbeat { get; }

            public RestartAction Restart { get; }

            public int StaleAfter { get; }

            public long LastRestart { get; set; }

            public int Restarts { get; set; }
        }
    }
}

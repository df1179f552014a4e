using System;
using System.Collections;
using System.Threading;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// The thread and the recovery logic shared by the SMS driver and the modem UDP services: set-up on start, again
    /// after a boot URC or after the modem comes back from silence; URCs queued by the channel's reader and handled
    /// here, where sending commands is allowed; a periodic maintenance tick and an idle probe timed by the injected
    /// clock. Blocking waits use <see cref="AutoResetEvent"/> timeouts only.
    /// </summary>
    public abstract class ModemWorker : IDisposable
    {
        private readonly Queue _urcs = new Queue();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly AutoResetEvent _awaitedArrived = new AutoResetEvent(false);
        private string _awaitedPrefix;
        private string _awaitedLine;
        private Thread _thread;
        private bool _stopping;
        private bool _needsSetup = true;
        private bool _suspect;
        private bool _silentReported;
        private long _nextAttempt;
        private long _nextMaintenance;
        private long _lastActivity;

        /// <summary>Creates a worker.</summary>
        /// <param name="channel">The started or not yet started AT channel (shared by all workers on one modem).</param>
        /// <param name="profile">The modem profile.</param>
        /// <param name="clock">Injected time for retry, maintenance and idle-probe intervals.</param>
        protected ModemWorker(AtChannel channel, ModemProfile profile, IClock clock)
        {
            if (channel == null || profile == null || clock == null)
            {
                throw new ArgumentNullException(channel == null ? nameof(channel) : profile == null ? nameof(profile) : nameof(clock));
            }

            Channel = channel;
            Profile = profile;
            Clock = clock;
            RetryDelayMilliseconds = 2000;
            IdleWaitMilliseconds = 200;
            IdleProbeIntervalMilliseconds = 60000;
            MaintenanceIntervalMilliseconds = 30000;
        }

        /// <summary>Errors, warnings and notable events, for logging.</summary>
        public event ModemEventHandler EventRaised;

        /// <summary>True after a successful set-up, until a reboot, a silence or a failed set-up.</summary>
        public bool IsReady { get; private set; }

        /// <summary>Completed set-ups (1 after start; each reboot or recovery adds one).</summary>
        public int SetupCount { get; private set; }

        /// <summary>The channel.</summary>
        protected AtChannel Channel { get; }

        /// <summary>The profile.</summary>
        protected ModemProfile Profile { get; }

        /// <summary>The clock.</summary>
        protected IClock Clock { get; }

        /// <summary>Delay between set-up attempts and between probes of a silent modem.</summary>
        protected int RetryDelayMilliseconds { get; set; }

        /// <summary>Longest sleep of the thread when there is nothing to do.</summary>
        protected int IdleWaitMilliseconds { get; set; }

        /// <summary>Silence after which the modem is probed with <c>AT</c>.</summary>
        protected int IdleProbeIntervalMilliseconds { get; set; }

        /// <summary>Interval of <see cref="OnMaintenance"/>.</summary>
        protected int MaintenanceIntervalMilliseconds { get; set; }

        /// <summary>Registers this worker's URCs and starts its thread (start the channel too).</summary>
        public void Start()
        {
            if (_thread != null)
            {
                throw new InvalidOperationException("Already started.");
            }

            for (int i = 0; i < Profile.BootUrcs.Length; i++)
            {
                Channel.RegisterUrc(Profile.BootUrcs[i], false);
            }

            RegisterUrcs();
            Channel.UrcReceived += OnUrc;
            _nextMaintenance = Clock.MonotonicMilliseconds + MaintenanceIntervalMilliseconds;
            _lastActivity = Clock.MonotonicMilliseconds;
            _thread = new Thread(Run);
            _thread.Start();
        }

        /// <summary>Asks for the set-up to be run again (for example after the app power-cycled the modem).</summary>
        public void RequestSetup()
        {
            _needsSetup = true;
            _wake.Set();
        }

        /// <summary>Stops the thread.</summary>
        public void Dispose()
        {
            _stopping = true;
            Channel.UrcReceived -= OnUrc;
            _wake.Set();
            if (_thread != null && _thread != Thread.CurrentThread)
            {
                _thread.Join(30000);
            }
        }

        /// <summary>Registers the URC prefixes this worker handles with <see cref="Channel"/>.</summary>
        protected abstract void RegisterUrcs();

        /// <summary>True for a URC this worker handles (called on the reader thread: decide from the text only).</summary>
        /// <param name="line">The URC line.</param>
        /// <returns>Whether to queue it.</returns>
        protected abstract bool Wants(string line);

        /// <summary>Runs the worker's set-up after a successful <c>AT</c> probe.</summary>
        /// <returns>True when every step succeeded.</returns>
        protected abstract bool RunSetup();

        /// <summary>Called once after each successful set-up (a start-up sweep, re-opening a service).</summary>
        protected virtual void OnReady()
        {
        }

        /// <summary>Handles a queued URC on the worker thread.</summary>
        /// <param name="line">The URC line.</param>
        /// <param name="payload">Its payload line or null.</param>
        protected abstract void HandleUrc(string line, string payload);

        /// <summary>Called on the worker thread every <see cref="MaintenanceIntervalMilliseconds"/> while ready.</summary>
        protected virtual void OnMaintenance()
        {
        }

        /// <summary>Called on the worker thread on each pass while ready, after queued URCs (retry flags).</summary>
        protected virtual void OnIdle()
        {
        }

        /// <summary>Sends a command; a timeout marks the modem as suspect so it is probed and set up again.</summary>
        /// <param name="command">The command.</param>
        /// <returns>The response.</returns>
        protected AtResponse Execute(AtCommand command)
        {
            AtResponse response = Channel.Execute(command);
            if (response.Result == AtResult.Timeout || response.Result == AtResult.LinkFailure)
            {
                _suspect = true;
                IsReady = false;
            }
            else
            {
                _lastActivity = Clock.MonotonicMilliseconds;
                if (!response.IsOk)
                {
                    Raise(ModemEventKind.CommandFailed, command.Text + " -> " + response.FinalLine);
                }
            }

            return response;
        }

        /// <summary>Sends a command with the given timeout.</summary>
        /// <param name="text">Command text.</param>
        /// <param name="timeoutMilliseconds">Timeout.</param>
        /// <returns>The response.</returns>
        protected AtResponse Execute(string text, int timeoutMilliseconds)
        {
            return Execute(new AtCommand(text, timeoutMilliseconds));
        }

        /// <summary>
        /// Waits on the worker thread for the URC that completes an asynchronous command (<c>+QIOPEN:</c>,
        /// <c>+NETOPEN:</c>); call <see cref="ExpectUrc"/> before sending the command so a fast answer is not missed.
        /// </summary>
        /// <param name="timeoutMilliseconds">Longest wait.</param>
        /// <returns>The URC line, or null on timeout.</returns>
        protected string WaitForExpectedUrc(int timeoutMilliseconds)
        {
            bool arrived = _awaitedArrived.WaitOne(timeoutMilliseconds, false);
            _awaitedPrefix = null;
            return arrived ? _awaitedLine : null;
        }

        /// <summary>Arms <see cref="WaitForExpectedUrc"/> for the next URC with this prefix (it is then not queued).</summary>
        /// <param name="prefix">The URC prefix.</param>
        protected void ExpectUrc(string prefix)
        {
            _awaitedArrived.Reset();
            _awaitedLine = null;
            _awaitedPrefix = prefix;
        }

        /// <summary>True when the last command timed out and the modem has not answered a probe since.</summary>
        protected bool IsSuspect => _suspect;

        /// <summary>Raises <see cref="EventRaised"/>; a throwing handler is ignored.</summary>
        /// <param name="kind">Event kind.</param>
        /// <param name="detail">Detail.</param>
        protected void Raise(ModemEventKind kind, string detail)
        {
            ModemEvents.Raise(EventRaised, this, kind, detail);
        }

        private void OnUrc(object sender, string line, string payload)
        {
            _lastActivity = Clock.MonotonicMilliseconds;
            for (int i = 0; i < Profile.BootUrcs.Length; i++)
            {
                if (line.StartsWith(Profile.BootUrcs[i]))
                {
                    if (IsReady || !_needsSetup)
                    {
                        Raise(ModemEventKind.ModemRebooted, line);
                    }

                    IsReady = false;
                    _needsSetup = true;
                    _wake.Set();
                    return;
                }
            }

            if (_awaitedPrefix != null && line.StartsWith(_awaitedPrefix))
            {
                _awaitedLine = line;
                _awaitedPrefix = null;
                _awaitedArrived.Set();
                return;
            }

            if (Wants(line))
            {
                lock (_urcs)
                {
                    _urcs.Enqueue(new string[] { line, payload });
                }

                _wake.Set();
            }
        }

        private void Run()
        {
            while (!_stopping)
            {
                try
                {
                    Step();
                }
                catch (Exception ex)
                {
                    // A bug in a handler must not kill the only thread that talks to the modem.
                    Raise(ModemEventKind.HandlerFailed, ex.Message);
                }

                if (!_stopping && !HasQueuedUrc())
                {
                    _wake.WaitOne(IdleWaitMilliseconds, false);
                }
            }
        }

        private void Step()
        {
            long now = Clock.MonotonicMilliseconds;
            if (_suspect)
            {
                if (now < _nextAttempt)
                {
                    return;
                }

                AtResponse probe = Channel.Execute("AT", Profile.ProbeTimeoutMilliseconds);
                if (probe.IsOk)
                {
                    _suspect = false;
                    _needsSetup = true;
                    if (_silentReported)
                    {
                        _silentReported = false;
                        Raise(ModemEventKind.ModemRecovered, null);
                    }
                }
                else
                {
                    if (!_silentReported)
                    {
                        _silentReported = true;
                        Raise(ModemEventKind.ModemSilent, probe.Result == AtResult.LinkFailure ? "link" : null);
                    }

                    _nextAttempt = Clock.MonotonicMilliseconds + RetryDelayMilliseconds;
                    return;
                }
            }

            if (_needsSetup)
            {
                if (now < _nextAttempt)
                {
                    return;
                }

                _needsSetup = false;
                IsReady = false;
                bool ok = Execute("AT", Profile.ProbeTimeoutMilliseconds).IsOk && RunSetup();
                if (!ok)
                {
                    _needsSetup = true;
                    _nextAttempt = Clock.MonotonicMilliseconds + RetryDelayMilliseconds;
                    Raise(ModemEventKind.SetupFailed, Profile.Name);
                    return;
                }

                if (_needsSetup)
                {
                    return; // a boot URC arrived during set-up: run it again on the next pass
                }

                IsReady = true;
                SetupCount++;
                Raise(ModemEventKind.SetupCompleted, Profile.Name);
                OnReady();
                return;
            }

            string[] urc = DequeueUrc();
            while (urc != null && !_suspect && !_needsSetup && !_stopping)
            {
                HandleUrc(urc[0], urc[1]);
                urc = DequeueUrc();
            }

            if (urc != null)
            {
                // Set-up must run first; keep the URC for afterwards.
                lock (_urcs)
                {
                    _urcs.Enqueue(urc);
                }

                return;
            }

            OnIdle();
            now = Clock.MonotonicMilliseconds;
            if (now >= _nextMaintenance)
            {
                _nextMaintenance = now + MaintenanceIntervalMilliseconds;
                OnMaintenance();
            }

            if (now - _lastActivity >= IdleProbeIntervalMilliseconds)
            {
                Execute("AT", Profile.ProbeTimeoutMilliseconds);
            }
        }

        private string[] DequeueUrc()
        {
            lock (_urcs)
            {
                return _urcs.Count == 0 ? null : (string[])_urcs.Dequeue();
            }
        }

        private bool HasQueuedUrc()
        {
            lock (_urcs)
            {
                return _urcs.Count != 0 && !_suspect && !_needsSetup;
            }
        }
    }
}

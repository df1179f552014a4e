using System;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// The recovery logic shared by the SMS driver and the modem UDP services: set-up on start, again after a boot URC
    /// or after the modem comes back from silence; URCs queued by the channel's reader and handled here, where sending
    /// commands is allowed; a periodic maintenance tick and an idle probe timed by the injected clock. One pass is
    /// <see cref="Step"/>: a <see cref="ModemLoop"/> runs it with the channel on one thread (the device and the tests).
    /// </summary>
    /// <remarks>
    /// Link recovery: a link that ended (or, with a <see cref="AtChannel.Connector"/>, one silent for
    /// <see cref="ReconnectAfterSilenceMilliseconds"/>) is replaced through <see cref="AtChannel.Reconnect"/>, the first
    /// attempt at once, the next ones after a delay that doubles from <see cref="RetryDelayMilliseconds"/> up to
    /// <see cref="ReconnectMaxDelayMilliseconds"/> and starts again after a successful set-up. A new link, a boot URC,
    /// or settings found lost by <see cref="IsSetupIntact"/> (a reset without a boot URC) make every worker on the
    /// channel run its set-up and <see cref="OnReady"/> (the start-up sweep) again. Each change of listening state is
    /// reported once as <see cref="ModemEventKind.ModemUp"/> or <see cref="ModemEventKind.ModemDown"/> with a reason.
    /// <para>URCs cross from the reading thread to the pass through a <see cref="ModemUrcInbox"/>; when the next
    /// reconnect is due is a <see cref="ReconnectBackoff"/>'s decision.</para>
    /// </remarks>
    public abstract class ModemWorker : IDisposable
    {
        private const string OutOfMemoryDetail = "step: an allocation failed; the step is given up, the worker runs on";

        private readonly ModemUrcInbox _inbox = new ModemUrcInbox();
        private readonly ReconnectBackoff _reconnectBackoff = new ReconnectBackoff();
        private bool _attached;
        private bool _stopping;
        private bool _needsSetup = true;
        private bool _suspect;
        private bool _silentReported;
        private int _generation;
        private long _silentSince = -1;
        private long _nextSetupCheck;
        private int _listening; // 0 unknown, 1 up, 2 down: what ModemUp/ModemDown last said
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
            ReconnectMaxDelayMilliseconds = 60000;
            ReconnectAfterSilenceMilliseconds = 30000;
            SetupCheckIntervalMilliseconds = 60000;
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

        /// <summary>Unused: the worker has no thread of its own to put to sleep (a <see cref="ModemLoop"/> paces the passes).</summary>
        protected int IdleWaitMilliseconds { get; set; }

        /// <summary>Silence after which the modem is probed with <c>AT</c>.</summary>
        protected int IdleProbeIntervalMilliseconds { get; set; }

        /// <summary>Interval of <see cref="OnMaintenance"/>.</summary>
        protected int MaintenanceIntervalMilliseconds { get; set; }

        /// <summary>Longest delay between attempts to replace a lost link (the back-off doubles up to it).</summary>
        protected int ReconnectMaxDelayMilliseconds { get; set; }

        /// <summary>With a connector, a modem silent this long has its link replaced (a half-open TCP connection, a
        /// network serial server that lost the device).</summary>
        protected int ReconnectAfterSilenceMilliseconds { get; set; }

        /// <summary>Interval of <see cref="IsSetupIntact"/> while ready.</summary>
        protected int SetupCheckIntervalMilliseconds { get; set; }

        /// <summary>
        /// Registers this worker's URCs with the channel: the caller runs the worker by calling
        /// <see cref="Step"/> (a <see cref="ModemLoop"/>).
        /// </summary>
        public void Attach()
        {
            if (_attached)
            {
                throw new InvalidOperationException("Already attached.");
            }

            _attached = true;
            for (int i = 0; i < Profile.BootUrcs.Length; i++)
            {
                Channel.RegisterUrc(Profile.BootUrcs[i], false);
            }

            RegisterUrcs();
            Channel.UrcReceived += OnUrc;
            _nextMaintenance = Clock.MonotonicMilliseconds + MaintenanceIntervalMilliseconds;
            _nextSetupCheck = Clock.MonotonicMilliseconds + SetupCheckIntervalMilliseconds;
            _lastActivity = Clock.MonotonicMilliseconds;
            _generation = Channel.Generation;
            _reconnectBackoff.Reset(RetryDelayMilliseconds);
        }

        /// <summary>
        /// One pass of the worker on the calling thread: link recovery, set-up and the start-up sweep when due, the queued
        /// URCs, then the idle work (retries, maintenance, the settings check, the idle probe) when due by the clock. Never
        /// waits beyond the commands it sends; a handler's exception is reported as <see cref="ModemEventKind.HandlerFailed"/>.
        /// Call <see cref="Attach"/> first.
        /// </summary>
        public void Step()
        {
            try
            {
                StepOnce();
            }
            catch (OutOfMemoryException)
            {
                // Whatever was being read is garbage now; the next step runs with the room it left.
                Raise(ModemEventKind.OutOfMemory, OutOfMemoryDetail);
            }
            catch (Exception ex)
            {
                // A bug in a handler must not kill the only thread that talks to the modem.
                Raise(ModemEventKind.HandlerFailed, ex.Message);
            }
        }

        /// <summary>Asks for the set-up to be run again (for example after the app power-cycled the modem).</summary>
        public void RequestSetup()
        {
            _needsSetup = true;
        }

        /// <summary>Detaches the worker from the channel's URCs and ends its current pass.</summary>
        public void Dispose()
        {
            _stopping = true;
            Channel.UrcReceived -= OnUrc;
        }

        /// <summary>Registers the URC prefixes this worker handles with <see cref="Channel"/>.</summary>
        protected abstract void RegisterUrcs();

        /// <summary>True for a URC this worker handles (called while the channel is read, perhaps inside another command: decide from the text only).</summary>
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

        /// <summary>Handles a queued URC in the worker's pass (commands allowed).</summary>
        /// <param name="line">The URC line.</param>
        /// <param name="payload">Its payload line or null.</param>
        protected abstract void HandleUrc(string line, string payload);

        /// <summary>Called in a pass every <see cref="MaintenanceIntervalMilliseconds"/> while ready.</summary>
        protected virtual void OnMaintenance()
        {
        }

        /// <summary>Called on each pass while ready, after queued URCs (retry flags).</summary>
        protected virtual void OnIdle()
        {
        }

        /// <summary>
        /// Called every <see cref="SetupCheckIntervalMilliseconds"/> while ready: false when the modem no longer has this
        /// worker's settings (it restarted without a boot URC), so every worker sets it up again. May send commands.
        /// </summary>
        /// <returns>False only on evidence of lost settings; true when they are intact or cannot be told.</returns>
        protected virtual bool IsSetupIntact()
        {
            return true;
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
                if (_silentSince < 0)
                {
                    _silentSince = Clock.MonotonicMilliseconds;
                }
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
        /// Waits for the URC that completes an asynchronous command (<c>+QIOPEN:</c>,
        /// <c>+NETOPEN:</c>); call <see cref="ExpectUrc"/> before sending the command so a fast answer is not missed. This
        /// thread reads the channel (<see cref="AtChannel.Step"/>) until the URC or the deadline by <see cref="Clock"/>.
        /// </summary>
        /// <param name="timeoutMilliseconds">Longest wait.</param>
        /// <returns>The URC line, or null on timeout.</returns>
        protected string WaitForExpectedUrc(int timeoutMilliseconds)
        {
            long deadline = Clock.MonotonicMilliseconds + timeoutMilliseconds;
            bool arrived = _inbox.ExpectedArrived();
            while (!arrived && Clock.MonotonicMilliseconds < deadline && Channel.Step())
            {
                arrived = _inbox.ExpectedArrived();
            }

            return _inbox.EndExpect(arrived);
        }

        /// <summary>Arms <see cref="WaitForExpectedUrc"/> for the next URC with this prefix (it is then not queued).</summary>
        /// <param name="prefix">The URC prefix.</param>
        protected void ExpectUrc(string prefix)
        {
            _inbox.Expect(prefix);
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

        // On the thread that reads the channel: no commands here, only notes and the hand-over to the pass.
        private void OnUrc(object sender, string line, string payload)
        {
            _lastActivity = Clock.MonotonicMilliseconds;
            if (IsBootUrc(line))
            {
                OnModemBooted(line);
            }
            else if (!_inbox.TakeExpected(line) && Wants(line))
            {
                _inbox.Add(line, payload);
            }
        }

        private bool IsBootUrc(string line)
        {
            string[] bootUrcs = Profile.BootUrcs;
            for (int i = 0; i < bootUrcs.Length; i++)
            {
                if (line.StartsWith(bootUrcs[i]))
                {
                    return true;
                }
            }

            return false;
        }

        // The modem (re)started: its settings are gone, set-up runs on the next pass.
        private void OnModemBooted(string line)
        {
            if (IsReady || !_needsSetup)
            {
                Raise(ModemEventKind.ModemRebooted, line);
            }

            if (_listening == 1)
            {
                ReportDown("rebooted"); // a modem powering up at start is not news
            }

            IsReady = false;
            _needsSetup = true;
        }

        private void StepOnce()
        {
            long now = Clock.MonotonicMilliseconds;
            FollowGeneration(now);
            if (!Recover(now))
            {
                return;
            }

            if (_needsSetup)
            {
                SetUpWhenDue(now);
                return;
            }

            if (HandleQueuedUrcs())
            {
                DoIdleWork();
            }
        }

        // A new link, or a reset another worker noticed: the modem's settings may be gone.
        private void FollowGeneration(long now)
        {
            int generation = Channel.Generation;
            if (generation == _generation)
            {
                return;
            }

            _generation = generation;
            _suspect = false;
            _silentSince = -1;
            _needsSetup = true;
            _nextAttempt = now;
            IsReady = false;
            ReportDown(Channel.GenerationReason);
        }

        // Replaces a lost or silent link, or probes a silent modem; false while it is still down (the pass ends).
        private bool Recover(long now)
        {
            if (!Channel.IsOpen)
            {
                _suspect = true;
                IsReady = false;
                ReportDown("link-closed");
            }

            if (!_suspect)
            {
                return true;
            }

            if (Channel.Connector != null
                && (!Channel.IsOpen || (_silentSince >= 0 && now - _silentSince >= ReconnectAfterSilenceMilliseconds)))
            {
                return TryReconnect(now);
            }

            return Probe(now);
        }

        // Runs the set-up (AT probe, then the worker's) when its retry time has come; on success the start-up sweep.
        private void SetUpWhenDue(long now)
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
                ReportDown(!Channel.IsOpen ? "link-closed" : _suspect ? "silent" : "setup-failed");
                return;
            }

            if (_needsSetup)
            {
                return; // a boot URC arrived during set-up: run it again on the next pass
            }

            IsReady = true;
            SetupCount++;
            _reconnectBackoff.Reset(RetryDelayMilliseconds);
            _nextSetupCheck = Clock.MonotonicMilliseconds + SetupCheckIntervalMilliseconds;
            Raise(ModemEventKind.SetupCompleted, Profile.Name);
            ReportUp();
            OnReady();
        }

        // Handles the queued URCs; false when set-up must run first (the URC in hand is held for afterwards).
        private bool HandleQueuedUrcs()
        {
            string[] urc = _inbox.Take();
            while (urc != null && !_suspect && !_needsSetup && !_stopping)
            {
                HandleUrc(urc[0], urc[1]);
                urc = _inbox.Take();
            }

            if (urc == null)
            {
                return true;
            }

            _inbox.Hold(urc); // ahead of the ones queued after it
            return false;
        }

        // Retry flags, maintenance, the settings check and the idle probe, each when due.
        private void DoIdleWork()
        {
            OnIdle();
            long now = Clock.MonotonicMilliseconds;
            if (now >= _nextMaintenance)
            {
                _nextMaintenance = now + MaintenanceIntervalMilliseconds;
                OnMaintenance();
            }

            if (now >= _nextSetupCheck && !_suspect && !_needsSetup)
            {
                _nextSetupCheck = now + SetupCheckIntervalMilliseconds;
                CheckSetupIntact();
            }

            if (now - _lastActivity >= IdleProbeIntervalMilliseconds)
            {
                Execute("AT", Profile.ProbeTimeoutMilliseconds);
            }
        }

        private void CheckSetupIntact()
        {
            if (!IsSetupIntact() && !_suspect)
            {
                Raise(ModemEventKind.ModemRebooted, "settings lost without a boot URC");
                Channel.NotifyModemReset(); // every worker on the channel (this one too) sets up again
            }
        }

        // Probes a suspect modem; true when it answers (set-up follows).
        private bool Probe(long now)
        {
            if (now < _nextAttempt)
            {
                return false;
            }

            AtResponse probe = Channel.Execute("AT", Profile.ProbeTimeoutMilliseconds);
            if (probe.IsOk)
            {
                _suspect = false;
                _silentSince = -1;
                _needsSetup = true;
                if (_silentReported)
                {
                    _silentReported = false;
                    Raise(ModemEventKind.ModemRecovered, null);
                }

                return true;
            }

            if (!_silentReported)
            {
                _silentReported = true;
                Raise(ModemEventKind.ModemSilent, probe.Result == AtResult.LinkFailure ? "link" : null);
            }

            ReportDown(Channel.IsOpen ? "silent" : "link-closed");
            _nextAttempt = Clock.MonotonicMilliseconds + RetryDelayMilliseconds;
            return false;
        }

        // Replaces the link, at once the first time, then with a doubling delay; true when a new link is up (set-up follows).
        private bool TryReconnect(long now)
        {
            if (!_reconnectBackoff.TryAttempt(now, ReconnectMaxDelayMilliseconds) || !Channel.Reconnect(_generation))
            {
                return false;
            }

            _generation = Channel.Generation;
            _suspect = false;
            _silentSince = -1;
            _silentReported = false;
            _needsSetup = true;
            _nextAttempt = now;
            return true;
        }

        private void ReportUp()
        {
            if (ChangeListening(1))
            {
                Raise(ModemEventKind.ModemUp, Profile.Name);
            }
        }

        // Also called while the channel is read (boot URCs).
        private void ReportDown(string reason)
        {
            if (ChangeListening(2))
            {
                Raise(ModemEventKind.ModemDown, reason);
            }
        }

        private bool ChangeListening(int state)
        {
            lock (_inbox)
            {
                if (_listening == state)
                {
                    return false;
                }

                _listening = state;
                return true;
            }
        }
    }
}

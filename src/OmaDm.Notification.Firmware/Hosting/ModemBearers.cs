using System;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Ip;
using OmaDm.Notification.Modem.Sms;

namespace OmaDm.Notification.Firmware.Hosting
{
    /// <summary>
    /// The modem's bearers on one AT channel: the 27.005 SMS driver feeding the SMS receiver, and in cellular mode the
    /// modem's own IP-stack UDP service on port 2948 (the ESP32 firmware has no PPP), both into the same agent, run by
    /// one <see cref="ModemLoop"/>: one thread reads the channel and runs both workers. Host-buildable: the device passes
    /// a channel over the UART, tests a channel over a scripted modem.
    /// </summary>
    public sealed class ModemBearers : IDisposable
    {
        private readonly IClock _clock;
        private readonly object _sync = new object();
        private readonly AtChannel _channel;
        private long _lastReady;
        private long _busyAtReady;
        private bool _smsUnsupported;
        private long _staleAfter;
        private int _restartsSinceReady;

        // Restarts that did not bring the workers to ready double the grace, up to 2^MaxBackoffDoublings stale periods.
        private const int MaxBackoffDoublings = 4;

        /// <summary>Creates the bearers (not started).</summary>
        /// <param name="agent">The agent that receives every notification.</param>
        /// <param name="channel">The AT channel, not started (the loop reads it).</param>
        /// <param name="profile">The modem profile (the model's <see cref="ModemModel.CreateProfile"/>, or one adjusted from it).</param>
        /// <param name="model">The modem model from <see cref="ModemCatalog"/> (selects the UDP service dialect).</param>
        /// <param name="enableSms">Run the SMS driver.</param>
        /// <param name="udpApn">APN for the modem's UDP service, or null for none (Wi-Fi mode, or a modem without one).</param>
        /// <param name="udpPort">UDP port the modem listens on.</param>
        /// <param name="clock">Time.</param>
        public ModemBearers(NotificationAgent agent, AtChannel channel, ModemProfile profile, ModemModel model, bool enableSms, string udpApn, int udpPort, IClock clock)
            : this(agent, channel, profile, model, enableSms, null, udpApn, udpPort, clock)
        {
        }

        /// <summary>Creates the bearers (not started) with the SMS driver's settings.</summary>
        /// <param name="agent">The agent that receives every notification.</param>
        /// <param name="channel">The AT channel, not started (the loop reads it).</param>
        /// <param name="profile">The modem profile (the model's <see cref="ModemModel.CreateProfile"/>, or one adjusted from it).</param>
        /// <param name="model">The modem model from <see cref="ModemCatalog"/> (selects the UDP service dialect).</param>
        /// <param name="enableSms">Run the SMS driver.</param>
        /// <param name="smsOptions">The SMS driver's settings; null for defaults, reading the IMSI when the agent has a bootstrap path.</param>
        /// <param name="udpApn">APN for the modem's UDP service, or null for none (Wi-Fi mode, or a modem without one).</param>
        /// <param name="udpPort">UDP port the modem listens on.</param>
        /// <param name="clock">Time.</param>
        public ModemBearers(NotificationAgent agent, AtChannel channel, ModemProfile profile, ModemModel model, bool enableSms, SmsDriverOptions smsOptions, string udpApn, int udpPort, IClock clock)
        {
            if (agent == null || channel == null || profile == null || model == null || clock == null)
            {
                throw new ArgumentNullException(agent == null ? nameof(agent) : channel == null ? nameof(channel) : profile == null ? nameof(profile) : model == null ? nameof(model) : nameof(clock));
            }

            _clock = clock;
            _channel = channel;
            _lastReady = clock.MonotonicMilliseconds;
            _busyAtReady = channel.BusyMilliseconds;
            Loop = new ModemLoop(channel, clock);
            if (enableSms)
            {
                var receiver = new SmsNotificationReceiver(agent, clock, null);

                // With a bootstrap path, the IMSI (the NETWPIN/USERNETWPIN key material) is read at each set-up.
                BootstrapAgent bootstrap = agent.Bootstrap;
                SmsDriverOptions options = smsOptions;
                if (options == null && bootstrap != null)
                {
                    options = new SmsDriverOptions();
                    options.ReadImsi = true;
                }

                Sms = new SmsModemDriver(channel, profile, new SmsReceiverSink(receiver), clock, options);
                if (bootstrap != null && options != null && options.ReadImsi)
                {
                    Sms.ImsiRead += (sender, imsi) => bootstrap.SetImsi(imsi);
                }
            }

            if (udpApn != null)
            {
                Udp = model.CreateUdpService(channel, profile, clock, udpApn);
                if (Udp != null)
                {
                    Udp.Port = udpPort;
                    Udp.DatagramReceived += (buffer, offset, count, source) => agent.ProcessPush(buffer, offset, count, Bearer.Udp, source);
                }
            }

            if (Sms != null)
            {
                Sms.EventRaised += OnSmsEvent;
                Loop.Add(Sms);
            }

            if (Udp != null)
            {
                Loop.Add(Udp);
            }
        }

        /// <summary>The AT channel the workers share (the bring-up may probe it before <see cref="Start"/>).</summary>
        public AtChannel Channel => _channel;

        /// <summary>The loop that runs the channel and the workers (tests step it; <see cref="Start"/> gives it its thread).</summary>
        public ModemLoop Loop { get; }

        /// <summary>The SMS driver, or null.</summary>
        public SmsModemDriver Sms { get; }

        /// <summary>The modem UDP service, or null (Wi-Fi mode, or a model whose <see cref="ModemModel.Udp"/> is <see cref="UdpDialect.None"/>, such as the SIM800).</summary>
        public ModemUdpService Udp { get; }

        /// <summary>Starts the loop's thread: link recovery, set-up, sweeps, maintenance and settings read-back run on it.</summary>
        public void Start()
        {
            Loop.Start();
        }

        /// <summary>Stops the loop's thread and detaches the workers (the channel and its link stay the caller's).</summary>
        public void Dispose()
        {
            Loop.Dispose();
        }

        /// <summary>
        /// True once the SMS driver reported <see cref="ModemEventKind.SmsUnsupported"/> (a module without SMS, such as the
        /// A7670E-LNXY-UBL; only a stable refusal, not a temporary error such as SIM busy): from then on the heartbeat does
        /// not wait for SMS while another bearer is counted, since no restart gives the module SMS. Cleared when SMS
        /// becomes ready after all.
        /// </summary>
        public bool SmsUnsupported
        {
            get
            {
                lock (_sync)
                {
                    return _smsUnsupported;
                }
            }
        }

        /// <summary>
        /// The modem's heartbeat for the watchdog: the last time every counted worker reported ready, moved on by the
        /// time the modem has since spent on commands it answered or is still within the timeout of
        /// (<see cref="AtChannel.BusyMilliseconds"/>): a network activation in flight (Quectel <c>AT+QIACT</c> up to 150 s,
        /// SIMCom <c>AT+NETOPEN</c> up to 120 s) is not stale, a command that timed out is. SMS is not counted once
        /// <see cref="SmsUnsupported"/> while the UDP service is counted; with SMS the only bearer it is always counted, so
        /// the heartbeat never stays fresh with nothing to count. A modem that stays not ready and silent lets it age until
        /// the supervisor restarts it.
        /// </summary>
        /// <returns>Monotonic milliseconds.</returns>
        public long Heartbeat()
        {
            bool smsReady = Sms != null && Sms.IsReady;
            bool ready = Udp == null || Udp.IsReady;
            long busy = _channel.BusyMilliseconds;
            long now = _clock.MonotonicMilliseconds;
            lock (_sync)
            {
                if (smsReady)
                {
                    _smsUnsupported = false;
                }

                bool smsCounted = Sms != null && (!_smsUnsupported || Udp == null);
                ready = ready && (!smsCounted || smsReady);
                if (ready)
                {
                    _lastReady = now;
                    _busyAtReady = busy;
                    _restartsSinceReady = 0;
                    return now;
                }

                long credit = busy > _busyAtReady ? busy - _busyAtReady : 0;
                long beat = _lastReady + credit + Backoff();
                return beat < now ? beat : now;
            }
        }

        // Extra grace after restarts that mended nothing (a network that refuses activation answers every command but
        // no restart gives it coverage): 1, 3, 7, 15 stale periods more, so such a modem is cycled ever more rarely.
        private long Backoff()
        {
            int doublings = _restartsSinceReady < MaxBackoffDoublings ? _restartsSinceReady : MaxBackoffDoublings;
            return ((1L << doublings) - 1) * _staleAfter;
        }

        private void OnSmsEvent(object sender, ModemEventKind kind, string detail)
        {
            if (kind == ModemEventKind.SmsUnsupported)
            {
                lock (_sync)
                {
                    _smsUnsupported = true;
                }
            }
        }

        /// <summary>
        /// Power-cycles the modem and asks every worker to set it up again (the watchdog's remedy); the heartbeat's grace
        /// then runs from the end of the power cycle.
        /// </summary>
        /// <param name="powerCycle">Drives the board's reset or power pins; null on hosts.</param>
        public void Recover(RestartAction powerCycle)
        {
            if (powerCycle != null)
            {
                powerCycle();
            }

            // The grace runs from the end of the power cycle: the busy credit added to a pre-restart baseline would cut
            // the slow activation (QIACT, NETOPEN) that the set-up after the restart has in flight.
            long busy = _channel.BusyMilliseconds;
            lock (_sync)
            {
                _lastReady = _clock.MonotonicMilliseconds;
                _busyAtReady = busy;
                _restartsSinceReady++;
            }

            if (Sms != null)
            {
                Sms.RequestSetup();
            }

            if (Udp != null)
            {
                Udp.RequestSetup();
            }
        }

        /// <summary>Puts the modem under the watchdog.</summary>
        /// <param name="supervisor">The supervisor.</param>
        /// <param name="powerCycle">Drives the board's reset or power pins; null on hosts.</param>
        /// <param name="staleAfterMilliseconds">
        /// How long the modem may stay not ready; after each restart that did not bring it to ready the grace doubles
        /// (2, 4, 8, 16 periods), back to one period once it is ready.
        /// </param>
        public void Watch(Supervisor supervisor, RestartAction powerCycle, int staleAfterMilliseconds)
        {
            lock (_sync)
            {
                _staleAfter = staleAfterMilliseconds;
            }

            supervisor.Watch("modem", Heartbeat, () => Recover(powerCycle), staleAfterMilliseconds);
        }
    }
}

using System;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Firmware.Hosting
{
    /// <summary>
    /// What the firmware's log shows of the agent and the modem: every rejection (by reason name, bearer, source, server
    /// and session), every fault of an event subscriber, and every modem event (set-up failures, a silent modem, full SMS
    /// storage, dropped datagrams...), by name, rate-limited per kind so a flood of forgeries or a chattering modem cannot
    /// fill the debug port or keep the CPU awake formatting lines.
    /// </summary>
    /// <remarks>
    /// Each kind (one per <see cref="ReasonCode"/>, one per <see cref="ModemEventKind"/>, one for handler faults) may log
    /// <see cref="LinesPerWindow"/> lines per <see cref="WindowMilliseconds"/>; further events of that kind in the window
    /// are only counted (no string is built), and the next line of that kind says how many were left out. Thread-safe:
    /// the modem's threads and the bearers' threads call in.
    /// </remarks>
    public sealed class EventLog
    {
        // One slot per kind, 16 bytes each: reason codes (0..36 now, appended from 0; the last slot takes any beyond it),
        // then the modem's three bands (info below 100: 1..8, warnings from 100: 100..110, errors from 200: 200..208; each
        // band's last slot takes any beyond it), then handler faults. 77 slots, 1.2 KB: room for a few more codes, not 161
        // slots (2.6 KB) or 513 (8.2 KB) for numbers that never occur. EventLogTests checks that every defined kind has a
        // slot of its own.
        private const int ReasonSlots = 40;
        private const int ModemBandSlots = 12;
        private const int ModemBandWidth = 100;
        private const int ModemBands = 3;
        private const int ModemSlots = ModemBands * ModemBandSlots;
        private const int FaultSlot = ReasonSlots + ModemSlots;
        private const int SlotCount = FaultSlot + 1;

        private readonly object _sync = new object();
        private readonly LogHandler _log;
        private readonly IClock _clock;
        private readonly long[] _windowStart = new long[SlotCount];
        private readonly int[] _logged = new int[SlotCount];
        private readonly int[] _suppressed = new int[SlotCount];

        /// <summary>Creates the log.</summary>
        /// <param name="log">Where lines go.</param>
        /// <param name="clock">Time, for the rate limit.</param>
        public EventLog(LogHandler log, IClock clock)
        {
            _log = log ?? throw new ArgumentNullException(nameof(log));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            LinesPerWindow = 5;
            WindowMilliseconds = 60000;
            LogsModemInfo = true;
        }

        /// <summary>
        /// Whether the modem's information events (below 100: modem up or down, link re-opened...) are logged (default
        /// true); false where the caller reports them itself, as <c>dmnotify listen</c> does.
        /// </summary>
        public bool LogsModemInfo { get; set; }

        /// <summary>Lines per kind per window (default 5).</summary>
        public int LinesPerWindow { get; set; }

        /// <summary>The rate-limit window (default one minute).</summary>
        public int WindowMilliseconds { get; set; }

        /// <summary>Logs the agent's rejections and subscriber faults.</summary>
        /// <param name="agent">The agent.</param>
        public void Attach(NotificationAgent agent)
        {
            agent.Rejected += OnRejected;
            agent.HandlerFaulted += OnHandlerFaulted;
        }

        /// <summary>
        /// Stops logging the agent's rejections (its subscriber faults are still logged): for a caller that reports each
        /// rejection itself, so none is reported twice.
        /// </summary>
        /// <param name="agent">The agent given to <see cref="Attach(NotificationAgent)"/>.</param>
        public void DetachRejections(NotificationAgent agent)
        {
            agent.Rejected -= OnRejected;
        }

        /// <summary>Logs the AT channel's events (overlong lines, garbage, link failures, timeouts).</summary>
        /// <param name="channel">The channel.</param>
        public void Attach(AtChannel channel)
        {
            channel.EventRaised += OnModemEvent;
        }

        /// <summary>Logs the events of the modem's SMS driver and UDP service.</summary>
        /// <param name="bearers">The modem bearers.</param>
        public void Attach(ModemBearers bearers)
        {
            if (bearers.Sms != null)
            {
                bearers.Sms.EventRaised += OnModemEvent;
            }

            if (bearers.Udp != null)
            {
                bearers.Udp.EventRaised += OnModemEvent;
            }

            bearers.Loop.EventRaised += OnModemEvent;
        }

        /// <summary>Logs one rejection (the agent's <see cref="NotificationAgent.Rejected"/> handler).</summary>
        /// <param name="sender">The agent.</param>
        /// <param name="rejection">What was rejected.</param>
        public void OnRejected(object sender, NotificationRejection rejection)
        {
            int reason = (int)rejection.Reason;
            int suppressed;
            if (!Admit(reason >= 0 && reason < ReasonSlots ? reason : ReasonSlots - 1, out suppressed))
            {
                return;
            }

            string line = "agent: rejected " + ReasonCodeText.ToKebabCase(rejection.Reason)
                + " via " + BearerText.Name(rejection.Bearer)
                + (rejection.Source != null ? " from " + rejection.Source : string.Empty)
                + (rejection.ServerId != null ? " server '" + rejection.ServerId + "' session " + rejection.SessionId.ToString("X") : string.Empty);
            Write(line, suppressed);
        }

        /// <summary>Logs a fault of an agent event subscriber (the agent's <see cref="NotificationAgent.HandlerFaulted"/> handler).</summary>
        /// <param name="sender">The agent.</param>
        /// <param name="exception">What the subscriber threw.</param>
        public void OnHandlerFaulted(object sender, Exception exception)
        {
            int suppressed;
            if (Admit(FaultSlot, out suppressed))
            {
                Write("agent: event handler failed: " + exception.GetType().Name + ": " + exception.Message, suppressed);
            }
        }

        /// <summary>Logs one modem event (a <see cref="ModemEventHandler"/>).</summary>
        /// <param name="sender">The channel, driver or service.</param>
        /// <param name="kind">The event.</param>
        /// <param name="detail">Its detail, or null.</param>
        public void OnModemEvent(object sender, ModemEventKind kind, string detail)
        {
            if (!LogsModemInfo && (int)kind < ModemBandWidth)
            {
                return;
            }

            int suppressed;
            if (!Admit(ReasonSlots + ModemSlot((int)kind), out suppressed))
            {
                return;
            }

            Write("modem: " + ModemEventKindText.Severity(kind) + " " + ModemEventKindText.ToKebabCase(kind)
                + (detail != null ? ": " + detail : string.Empty), suppressed);
        }

        private static int ModemSlot(int value)
        {
            int band = value < 0 ? 0 : value / ModemBandWidth;
            if (band >= ModemBands)
            {
                band = ModemBands - 1;
            }

            int within = value < 0 ? 0 : value - band * ModemBandWidth;
            return band * ModemBandSlots + (within < ModemBandSlots ? within : ModemBandSlots - 1);
        }

        // True when this kind may log now; suppressed: how many of this kind were left out since its last line.
        private bool Admit(int slot, out int suppressed)
        {
            suppressed = 0;
            long now = _clock.MonotonicMilliseconds;
            lock (_sync)
            {
                if (_logged[slot] == 0 || now - _windowStart[slot] >= WindowMilliseconds)
                {
                    _windowStart[slot] = now;
                    _logged[slot] = 0;
                }

                if (_logged[slot] >= LinesPerWindow)
                {
                    _suppressed[slot]++;
                    return false;
                }

                _logged[slot]++;
                suppressed = _suppressed[slot];
                _suppressed[slot] = 0;
                return true;
            }
        }

        private void Write(string line, int suppressed)
        {
            _log(suppressed == 0 ? line : line + " (" + suppressed.ToString() + " more of this kind not logged)");
        }
    }
}

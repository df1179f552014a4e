using System;
using OmaDm.Notification.Buffers;

namespace OmaDm.Notification.Modem.Ip
{
    /// <summary>
    /// A UDP listening service in the modem's own IP stack (the ESP32 firmware has no PPP): activates the packet data
    /// context with the configured APN, opens a UDP socket on <see cref="Port"/> (2948, WAP connectionless push), reads
    /// each datagram over AT and hands it to <see cref="DatagramReceived"/>. When the network closes the socket or drops
    /// the context, the whole set-up runs again after <see cref="RetryDelay"/>.
    /// </summary>
    public abstract class ModemUdpService : ModemWorker
    {
        /// <summary>The WAP connectionless push port (OMA-TS-DM_Notification 7.1).</summary>
        public const int PushPort = 2948;

        private const string OutOfMemoryDetail = "udp: datagram lost";

        private long _reopenAt = -1;
        private bool _readPending;

        /// <summary>Creates a service.</summary>
        /// <param name="channel">The AT channel (shared with the SMS driver).</param>
        /// <param name="profile">The modem profile (timeouts, boot URCs).</param>
        /// <param name="clock">Injected time.</param>
        /// <param name="apn">The access point name from the board configuration.</param>
        protected ModemUdpService(AtChannel channel, ModemProfile profile, IClock clock, string apn)
            : base(channel, profile, clock)
        {
            Apn = apn ?? string.Empty;
            Port = PushPort;
            ConnectionId = 0;
            ActivationTimeoutMilliseconds = 150000;
            CloseTimeoutMilliseconds = 12000;
            MaxDatagram = 1500;
            MaxReadsPerPass = 16;
        }

        /// <summary>Raised on the service's thread for each datagram.</summary>
        public event DatagramHandler DatagramReceived;

        private AtHexPayload _payload;

        /// <summary>The access point name.</summary>
        public string Apn { get; }

        /// <summary>Local UDP port (default 2948).</summary>
        public int Port { get; set; }

        /// <summary>The modem's socket/connection number used for the service (default 0).</summary>
        public int ConnectionId { get; set; }

        /// <summary>Timeout of context activation and socket opening (vendors allow up to 150 s).</summary>
        public int ActivationTimeoutMilliseconds { get; set; }

        /// <summary>
        /// Timeout of closing the service's socket (Quectel <c>AT+QICLOSE</c> answers within its <c>&lt;timeout&gt;</c>,
        /// 10 s by default; default 12 s).
        /// </summary>
        public int CloseTimeoutMilliseconds { get; set; }

        /// <summary>Largest datagram read in one piece (default 1500).</summary>
        public int MaxDatagram { get; set; }

        /// <summary>
        /// Reads in one pass over the modem's receive buffer (default 16). A pass that ends with data left is followed by
        /// another on the next idle step, after queued URCs: the modem sends no new "data waiting" URC until its buffer
        /// is drained, so a pass never just stops.
        /// </summary>
        public int MaxReadsPerPass { get; set; }

        /// <summary>
        /// Interval of the poll that asks the modem for data left in its buffer, in case a "data waiting" URC was lost
        /// (default 30 s).
        /// </summary>
        public int PollInterval
        {
            get => MaintenanceIntervalMilliseconds;
            set => MaintenanceIntervalMilliseconds = value;
        }

        /// <summary>Delay before re-opening after a drop or a failed open.</summary>
        public int RetryDelay
        {
            get => RetryDelayMilliseconds;
            set => RetryDelayMilliseconds = value;
        }

        /// <summary>Longest idle sleep of the service thread.</summary>
        public int IdleWait
        {
            get => IdleWaitMilliseconds;
            set => IdleWaitMilliseconds = value;
        }

        /// <summary>Schedules a full re-open (context and socket) after <see cref="RetryDelay"/>.</summary>
        /// <param name="reason">Logged reason.</param>
        protected void ScheduleReopen(string reason)
        {
            Raise(ModemEventKind.NetworkDropped, reason);
            _readPending = false;
            _reopenAt = Clock.MonotonicMilliseconds + RetryDelayMilliseconds;
        }

        /// <inheritdoc />
        protected override void OnIdle()
        {
            if (_reopenAt >= 0 && Clock.MonotonicMilliseconds >= _reopenAt)
            {
                _reopenAt = -1;
                RequestSetup();
                return;
            }

            if (_readPending && _reopenAt < 0)
            {
                Drain();
            }
        }

        /// <inheritdoc />
        protected override void OnMaintenance()
        {
            if (_reopenAt < 0 && HasWaitingData())
            {
                Drain();
            }
        }

        /// <summary>
        /// Reads datagrams until the modem's buffer is empty or <see cref="MaxReadsPerPass"/> reads were made; data left
        /// over is read on the next idle step.
        /// </summary>
        protected void Drain()
        {
            _readPending = false;
            if (!ReadPass() && !IsSuspect)
            {
                _readPending = true;
            }
        }

        /// <summary>One pass over the receive buffer: at most <see cref="MaxReadsPerPass"/> reads.</summary>
        /// <returns>True when the buffer was found empty (or a read failed), false when data is left.</returns>
        protected abstract bool ReadPass();

        /// <summary>The periodic poll: whether the modem holds unread data (a read pass follows when true).</summary>
        /// <returns>True when a read pass should run.</returns>
        protected virtual bool HasWaitingData()
        {
            return true;
        }

        /// <summary>
        /// The service's one reused datagram buffer (<see cref="MaxDatagram"/> bytes, allocated at the first read), so a
        /// datagram costs no allocation of its size: a hex data line is decoded into it by the channel's framer
        /// (<see cref="AtCommand.HexPayload"/>) or from a hex text by <see cref="TryDecodeHex"/>. The bytes stay valid
        /// until the next datagram: handlers copy what they keep.
        /// </summary>
        protected AtHexPayload Payload
        {
            get
            {
                if (_payload == null || _payload.Bytes.Length < MaxDatagram)
                {
                    _payload = new AtHexPayload(MaxDatagram);
                }

                return _payload;
            }
        }

        /// <summary>Decodes a datagram received as hex text into <see cref="Payload"/>.</summary>
        /// <param name="hex">The hex text.</param>
        /// <param name="data">The buffer holding the bytes from index 0, or null when the text is empty, not hex or longer than <see cref="MaxDatagram"/>.</param>
        /// <param name="count">The number of bytes.</param>
        /// <returns>True when decoded.</returns>
        protected bool TryDecodeHex(string hex, out byte[] data, out int count)
        {
            byte[] buffer = Payload.Bytes;
            data = buffer;
            if (hex != null && hex.Length != 0 && Hex.TryParse(hex, buffer, out count))
            {
                return true;
            }

            data = null;
            count = 0;
            return false;
        }

        /// <summary>Hands a datagram to the handler; a throwing handler is reported, not propagated.</summary>
        /// <param name="data">The datagram.</param>
        /// <param name="count">Its length.</param>
        /// <param name="source">"IP:port".</param>
        protected void Deliver(byte[] data, int count, string source)
        {
            Raise(ModemEventKind.DatagramReceived, source);
            DatagramHandler handler = DatagramReceived;
            if (handler == null)
            {
                return;
            }

            try
            {
                handler(data, 0, count, source);
            }
            catch (OutOfMemoryException)
            {
                // The modem's copy is gone once read; the server repeats a trigger that opened no session.
                Raise(ModemEventKind.OutOfMemory, OutOfMemoryDetail);
            }
            catch (Exception ex)
            {
                Raise(ModemEventKind.HandlerFailed, "datagram: " + ex.Message);
            }
        }

        /// <summary>Quotes a string parameter.</summary>
        /// <param name="text">The text.</param>
        /// <returns>The quoted text.</returns>
        protected static string Quote(string text)
        {
            return "\"" + text + "\"";
        }
    }
}

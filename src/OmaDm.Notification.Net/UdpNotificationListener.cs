using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Net
{
    /// <summary>
    /// Receives OMA DM notifications sent as WAP push over UDP (OMA-TS-DM_Notification 7.1: the datagram is the
    /// connectionless WSP PDU, WDP over UDP adds no header) on a <see cref="Socket"/> over Wi-Fi or Ethernet.
    /// One receive thread, one fixed buffer; each datagram goes to the agent with bearer UDP and source "IP:port".
    /// A datagram longer than <see cref="UdpListenerOptions.MaxDatagramBytes"/> is rejected as
    /// <see cref="ReasonCode.Oversized"/> (the buffer has one spare byte to detect it). A socket error closes the socket
    /// and re-binds after an exponential backoff; the thread never dies of an error. <see cref="LastHeartbeat"/> moves at
    /// least once per poll interval while the loop lives, so a watchdog can restart a stuck listener.
    /// </summary>
    public sealed class UdpNotificationListener
    {
        private const int MessageSizeError = 10040; // SocketError.MessageSize: Windows-style stacks refuse instead of truncating.

        private readonly UdpListenerOptions _options;
        private readonly PushHandler _push;
        private readonly RejectionReporter _reject;
        private readonly IClock _clock;
        private readonly byte[] _buffer;
        private readonly object _sync = new object();
        private readonly ManualResetEvent _bound = new ManualResetEvent(false);
        private Thread _thread;
        private Socket _socket;
        private int _generation;
        private long _lastHeartbeat;
        private int _boundPort;
        private int _received;
        private int _oversized;
        private int _socketErrors;

        /// <summary>Creates a listener that feeds a notification agent.</summary>
        /// <param name="agent">The agent.</param>
        /// <param name="options">Settings; null for defaults.</param>
        /// <param name="clock">Clock for the heartbeat.</param>
        public UdpNotificationListener(NotificationAgent agent, UdpListenerOptions options, IClock clock)
            : this(agent == null ? null : new PushHandler(agent.ProcessPush), agent == null ? null : new RejectionReporter(agent.ReportRejection), options, clock)
        {
        }

        /// <summary>Creates a listener that feeds any push handler (the agent, or a test peer).</summary>
        /// <param name="push">Receives each datagram that fits the buffer.</param>
        /// <param name="reject">Receives rejections below the agent (Oversized); may be null.</param>
        /// <param name="options">Settings; null for defaults.</param>
        /// <param name="clock">Clock for the heartbeat.</param>
        /// <exception cref="ArgumentNullException">The handler or clock is missing.</exception>
        public UdpNotificationListener(PushHandler push, RejectionReporter reject, UdpListenerOptions options, IClock clock)
        {
            if (push == null)
            {
                throw new ArgumentNullException(nameof(push));
            }

            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            _push = push;
            _reject = reject;
            _options = options ?? new UdpListenerOptions();
            _clock = clock;
            _buffer = new byte[_options.MaxDatagramBytes + 1];
        }

        /// <summary>Called with each new socket before it is bound, after the options are applied; may be null.</summary>
        public SocketSetupHandler SocketSetup { get; set; }

        /// <summary>Diagnostic log lines (bind, errors); may be null.</summary>
        public LogHandler Log { get; set; }

        /// <summary>Whether the receive thread has been started and not stopped.</summary>
        public bool IsRunning
        {
            get
            {
                lock (_sync)
                {
                    return _thread != null;
                }
            }
        }

        /// <summary>Monotonic milliseconds of the receive loop's last tick (for the watchdog).</summary>
        public long LastHeartbeat
        {
            get
            {
                lock (_sync)
                {
                    return _lastHeartbeat;
                }
            }
        }

        /// <summary>The local port actually bound (the configured one, or the stack's choice for port 0); 0 while unbound.</summary>
        public int BoundPort
        {
            get
            {
                lock (_sync)
                {
                    return _boundPort;
                }
            }
        }

        /// <summary>Datagrams handed to the agent.</summary>
        public int ReceivedCount => _received;

        /// <summary>Datagrams rejected as oversized.</summary>
        public int OversizedCount => _oversized;

        /// <summary>Socket errors that led to a re-bind.</summary>
        public int SocketErrorCount => _socketErrors;

        /// <summary>Starts the receive thread (no effect when running).</summary>
        public void Start()
        {
            lock (_sync)
            {
                if (_thread != null)
                {
                    return;
                }

                _generation++;
                _lastHeartbeat = _clock.MonotonicMilliseconds;
                _bound.Reset();
                int generation = _generation;
                _thread = new Thread(() => Run(generation));
                _thread.Start();
            }
        }

        /// <summary>Stops the receive thread: closes the socket and waits up to the given time for the thread to end.</summary>
        /// <param name="joinMilliseconds">How long to wait for the thread; a stuck thread is abandoned (it exits when it wakes).</param>
        public void Stop(int joinMilliseconds)
        {
            Thread thread;
            lock (_sync)
            {
                thread = _thread;
                _thread = null;
                _generation++;
                _boundPort = 0;
                CloseSocket();
            }

            if (thread != null && thread != Thread.CurrentThread)
            {
                thread.Join(joinMilliseconds);
            }
        }

        /// <summary>Restarts the listener (the watchdog's remedy for a stale heartbeat).</summary>
        public void Restart()
        {
            Stop(_options.PollMilliseconds * 2);
            Start();
        }

        /// <summary>Waits until the socket is bound (for tests and start-up logging).</summary>
        /// <param name="timeoutMilliseconds">Longest wait.</param>
        /// <returns><c>true</c> when bound.</returns>
        public bool WaitUntilBound(int timeoutMilliseconds)
        {
            return _bound.WaitOne(timeoutMilliseconds, false);
        }

        private void Run(int generation)
        {
            int backoff = _options.RebindMinMilliseconds;
            while (IsCurrent(generation))
            {
                Socket socket = null;
                try
                {
                    socket = Bind(generation);
                    if (socket == null)
                    {
                        return;
                    }

                    backoff = _options.RebindMinMilliseconds;
                    ReceiveLoop(socket, generation);
                }
                catch (Exception ex)
                {
                    if (!IsCurrent(generation))
                    {
                        return;
                    }

                    Interlocked.Increment(ref _socketErrors);
                    Write("udp: socket error, re-binding: " + ex.Message);
                }

                lock (_sync)
                {
                    if (_socket == socket)
                    {
                        CloseSocket();
                        _boundPort = 0;
                    }
                }

                // Sleep in poll-sized steps so the heartbeat stays fresh and Stop is honoured during a long backoff.
                int waited = 0;
                while (waited < backoff && IsCurrent(generation))
                {
                    Tick();
                    int step = backoff - waited < _options.PollMilliseconds ? backoff - waited : _options.PollMilliseconds;
                    Thread.Sleep(step);
                    waited += step;
                }

                backoff = backoff * 2 > _options.RebindMaxMilliseconds ? _options.RebindMaxMilliseconds : backoff * 2;
            }
        }

        private Socket Bind(int generation)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                if (_options.ReceiveBufferBytes > 0)
                {
                    SetReceiveBuffer(socket, _options.ReceiveBufferBytes);
                }

                SocketSetupHandler setup = SocketSetup;
                if (setup != null)
                {
                    try
                    {
                        setup(socket);
                    }
                    catch (Exception ex)
                    {
                        Write("udp: socket setup failed: " + ex.Message);
                    }
                }

                socket.Bind(new IPEndPoint(_options.BindAddress, _options.Port));
                int port = ((IPEndPoint)socket.LocalEndPoint).Port;
                lock (_sync)
                {
                    if (!IsCurrentLocked(generation))
                    {
                        socket.Close();
                        return null;
                    }

                    _socket = socket;
                    _boundPort = port;
                }

                _bound.Set();
                Write("udp: listening on port " + port.ToString());
                return socket;
            }
            catch (Exception)
            {
                socket.Close();
                throw;
            }
        }

        private void ReceiveLoop(Socket socket, int generation)
        {
            int pollMicroseconds = _options.PollMilliseconds * 1000;
            int maxBatch = _options.MaxBatch < 1 ? 1 : _options.MaxBatch;
            while (IsCurrent(generation))
            {
                Tick();
                if (!socket.Poll(pollMicroseconds, SelectMode.SelectRead))
                {
                    continue;
                }

                // Under a flood, drain what is queued back to back (bounded, so Stop and the heartbeat are still seen):
                // one poll per batch instead of one per datagram keeps the loop ahead of the sender.
                int batch = 0;
                do
                {
                    ReceiveOne(socket);
                    batch++;
                }
                while (batch < maxBatch && socket.Available > 0);
            }
        }

        private void ReceiveOne(Socket socket)
        {
            EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
            int count;
            try
            {
                count = socket.ReceiveFrom(_buffer, 0, _buffer.Length, SocketFlags.None, ref remote);
            }
            catch (SocketException ex) when (ex.ErrorCode == MessageSizeError)
            {
                Interlocked.Increment(ref _oversized);
                Report(ReasonCode.Oversized, null);
                return;
            }

            string source = SourceText(remote);
            if (count > _options.MaxDatagramBytes)
            {
                Interlocked.Increment(ref _oversized);
                Report(ReasonCode.Oversized, source);
                return;
            }

            Interlocked.Increment(ref _received);
            try
            {
                _push(_buffer, 0, count, Bearer.Udp, source);
            }
            catch (OutOfMemoryException)
            {
                // Named, like any other lost datagram (the agent reports its own failures the same way).
                Report(ReasonCode.OutOfMemory, source);
            }
            catch (Exception ex)
            {
                // A bug downstream must not kill the bearer; the datagram is lost, the listener lives.
                Write("udp: handler failed: " + ex.Message);
            }
        }

        private void SetReceiveBuffer(Socket socket, int bytes)
        {
            try
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveBuffer, bytes);
            }
            catch (Exception ex)
            {
                // A stack that refuses the size still receives, with its default buffer.
                Write("udp: receive buffer of " + bytes.ToString() + " bytes refused: " + ex.Message);
            }
        }

        private void Report(ReasonCode reason, string source)
        {
            if (_reject == null)
            {
                return;
            }

            try
            {
                _reject(reason, Bearer.Udp, source);
            }
            catch (Exception ex)
            {
                Write("udp: rejection handler failed: " + ex.Message);
            }
        }

        private static string SourceText(EndPoint remote)
        {
            var ip = remote as IPEndPoint;
            return ip == null ? string.Empty : ip.Address.ToString() + ":" + ip.Port.ToString();
        }

        private void Tick()
        {
            long now = _clock.MonotonicMilliseconds;
            lock (_sync)
            {
                _lastHeartbeat = now;
            }
        }

        private bool IsCurrent(int generation)
        {
            lock (_sync)
            {
                return IsCurrentLocked(generation);
            }
        }

        private bool IsCurrentLocked(int generation)
        {
            return _thread != null && _generation == generation;
        }

        private void CloseSocket()
        {
            Socket socket = _socket;
            _socket = null;
            if (socket != null)
            {
                try
                {
                    socket.Close();
                }
                catch (Exception)
                {
                    // Closing a broken socket may throw; it is gone either way.
                }
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
    }
}

using System.Net;

namespace OmaDm.Notification.Net
{
    /// <summary>Settings of the <see cref="UdpNotificationListener"/>.</summary>
    public sealed class UdpListenerOptions
    {
        /// <summary>The connectionless WAP push port (OMA-TS-DM_Notification 7.1, WAP-259-WDP).</summary>
        public const int WapPushPort = 2948;

        /// <summary>UDP port to listen on (default 2948; 0 lets the stack choose, for tests).</summary>
        public int Port { get; set; } = WapPushPort;

        /// <summary>Local address to bind (default any interface).</summary>
        public IPAddress BindAddress { get; set; } = IPAddress.Any;

        /// <summary>Largest accepted datagram; longer ones are rejected as Oversized (default 1024, far above a package #0 push).</summary>
        public int MaxDatagramBytes { get; set; } = 1024;

        /// <summary>
        /// The socket's receive buffer in bytes (SO_RCVBUF), or 0 for the stack's default. A large buffer absorbs a burst
        /// of forged datagrams while the loop works through it, so valid triggers behind the burst are not dropped by the
        /// stack (on Linux the kernel caps the value at net.core.rmem_max).
        /// </summary>
        public int ReceiveBufferBytes { get; set; }

        /// <summary>Datagrams received back to back, while more are waiting, before the loop ticks and polls again (default 64).</summary>
        public int MaxBatch { get; set; } = 64;

        /// <summary>How long one wait for data lasts before the loop ticks its heartbeat (default 1 s).</summary>
        public int PollMilliseconds { get; set; } = 1000;

        /// <summary>First wait before re-binding after a socket error (default 500 ms; doubled per failure).</summary>
        public int RebindMinMilliseconds { get; set; } = 500;

        /// <summary>Longest wait between re-bind attempts (default 30 s).</summary>
        public int RebindMaxMilliseconds { get; set; } = 30000;
    }
}

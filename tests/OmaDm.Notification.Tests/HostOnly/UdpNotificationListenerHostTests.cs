using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using nanoFramework.TestFramework;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Firmware;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Net;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>The socket listener over loopback UDP with an ephemeral port.</summary>
    [TestClass]
    public class UdpNotificationListenerHostTests
    {
        // A WSP connectionless push of package #0 content type (WAP-230-WSP 8.2.4.1; OMA-TS-DM_Notification 7.1):
        // TID 0x01, PDU type Push 0x06, headers length 0x03, content type 0xC4 (well-known 0x44), X-WAP-Application-ID
        // 0xAF 0x87 (0x2F | 0x80, value 0x07 | 0x80), then a short body.
        private static readonly byte[] PushDatagram = new byte[] { 0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87, 0xDE, 0xAD, 0xBE, 0xEF };

        internal sealed class Recorder
        {
            public readonly List<string> Pushes = new List<string>();
            public readonly List<string> Rejections = new List<string>();
            public readonly AutoResetEvent Signal = new AutoResetEvent(false);

            public ReasonCode Push(byte[] buffer, int offset, int count, Bearer bearer, string source)
            {
                lock (Pushes)
                {
                    Pushes.Add(bearer + "|" + source + "|" + BitConverter.ToString(buffer, offset, count));
                }

                Signal.Set();
                return ReasonCode.None;
            }

            public void Reject(ReasonCode reason, Bearer bearer, string source)
            {
                lock (Rejections)
                {
                    Rejections.Add(reason + "|" + bearer + "|" + source);
                }

                Signal.Set();
            }
        }

        private static UdpNotificationListener StartListener(Recorder recorder, int maxBytes)
        {
            var options = new UdpListenerOptions { Port = 0, BindAddress = IPAddress.Loopback, MaxDatagramBytes = maxBytes, PollMilliseconds = 100 };
            var listener = new UdpNotificationListener(recorder.Push, recorder.Reject, options, new SystemClock());
            listener.Start();
            Assert.IsTrue(listener.WaitUntilBound(5000), "bound");
            return listener;
        }

        private static int Send(int port, byte[] datagram)
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            client.SendTo(datagram, new IPEndPoint(IPAddress.Loopback, port));
            return ((IPEndPoint)client.LocalEndPoint).Port;
        }

        [TestMethod]
        public void Receive_TriggerDatagram_OneCallbackWithBearerUdpAndSource()
        {
            var recorder = new Recorder();
            UdpNotificationListener listener = StartListener(recorder, 1024);
            try
            {
                int from = Send(listener.BoundPort, PushDatagram);
                Assert.IsTrue(recorder.Signal.WaitOne(5000));
                Thread.Sleep(200);
                Assert.AreEqual(1, recorder.Pushes.Count);
                Assert.AreEqual("Udp|127.0.0.1:" + from + "|" + BitConverter.ToString(PushDatagram), recorder.Pushes[0]);
                Assert.AreEqual(0, recorder.Rejections.Count);
                Assert.AreEqual(1, listener.ReceivedCount);
            }
            finally
            {
                listener.Stop(2000);
            }
        }

        [TestMethod]
        public void Receive_DatagramOneByteOverBuffer_RejectedOversizedThenListenerStillWorks()
        {
            var recorder = new Recorder();
            UdpNotificationListener listener = StartListener(recorder, PushDatagram.Length - 1);
            try
            {
                int from = Send(listener.BoundPort, PushDatagram);
                Assert.IsTrue(recorder.Signal.WaitOne(5000));
                Assert.AreEqual(0, recorder.Pushes.Count);
                Assert.AreEqual(1, recorder.Rejections.Count);
                Assert.StartsWith("Oversized|Udp|", recorder.Rejections[0]);
                Assert.AreEqual(1, listener.OversizedCount);

                byte[] exact = new byte[PushDatagram.Length - 1];
                Array.Copy(PushDatagram, exact, exact.Length);
                Send(listener.BoundPort, exact);
                Assert.IsTrue(recorder.Signal.WaitOne(5000));
                Assert.AreEqual(1, recorder.Pushes.Count, "a datagram of exactly the buffer size is accepted");
            }
            finally
            {
                listener.Stop(2000);
            }
        }

        [TestMethod]
        public void Agent_SignedTriggerAndGarbage_OneSessionWithSourceAndRejectionByName()
        {
            var accounts = new AccountTable();
            accounts.AddOrReplace(new ServerAccount("com.example.dms", "pw", "AAECAw==", ResyncPolicy.Off));
            var agent = new NotificationAgent(accounts, new SystemClock(), null);
            var requests = new List<string>();
            var rejections = new List<string>();
            var signal = new AutoResetEvent(false);
            agent.SessionRequested += (sender, request) => { lock (requests) { requests.Add(request.Bearer + "|" + request.Source + "|" + request.SessionId); } signal.Set(); };
            agent.Rejected += (sender, rejection) => { lock (rejections) { rejections.Add(rejection.Reason + "|" + rejection.Source); } signal.Set(); };
            var options = new UdpListenerOptions { Port = 0, BindAddress = IPAddress.Loopback, PollMilliseconds = 100 };
            var listener = new UdpNotificationListener(agent, options, new SystemClock());
            listener.Start();
            try
            {
                Assert.IsTrue(listener.WaitUntilBound(5000));
                byte[] trigger = SignedPackage0.Trigger(0x2A, "com.example.dms", new byte[0]);
                byte[] signed = SignedPackage0.Sign("com.example.dms", "pw", new byte[] { 0, 1, 2, 3 }, trigger);
                byte[] datagram = TestBytes.Concat(new byte[] { 0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87 }, signed);
                int from = Send(listener.BoundPort, datagram);
                Assert.IsTrue(signal.WaitOne(5000));
                Assert.AreEqual(1, requests.Count);
                Assert.AreEqual("Udp|127.0.0.1:" + from + "|2A", requests[0]);

                // "hello": byte 1 is not a WSP Push PDU type.
                int garbageFrom = Send(listener.BoundPort, new byte[] { 0x68, 0x65, 0x6C, 0x6C, 0x6F });
                Assert.IsTrue(signal.WaitOne(5000));
                Assert.AreEqual(1, rejections.Count);
                Assert.AreEqual("NotPush|127.0.0.1:" + garbageFrom, rejections[0]);
                Assert.AreEqual(1, requests.Count);
            }
            finally
            {
                listener.Stop(2000);
            }
        }

        [TestMethod]
        public void Heartbeat_IdleListener_KeepsTicking()
        {
            var recorder = new Recorder();
            UdpNotificationListener listener = StartListener(recorder, 64);
            try
            {
                long first = listener.LastHeartbeat;
                Thread.Sleep(350);
                Assert.IsTrue(listener.LastHeartbeat > first);
                Assert.IsTrue(listener.IsRunning);
            }
            finally
            {
                listener.Stop(2000);
            }

            Assert.IsFalse(listener.IsRunning);
            Assert.AreEqual(0, listener.BoundPort);
        }

        [TestMethod]
        public void Restart_AfterStop_ReceivesAgain()
        {
            var recorder = new Recorder();
            UdpNotificationListener listener = StartListener(recorder, 64);
            try
            {
                listener.Restart();
                Assert.IsTrue(listener.WaitUntilBound(5000));
                Send(listener.BoundPort, PushDatagram);
                Assert.IsTrue(recorder.Signal.WaitOne(5000));
                Assert.AreEqual(1, recorder.Pushes.Count);
            }
            finally
            {
                listener.Stop(2000);
            }
        }

        [TestMethod]
        public void Bind_PortInUse_RetriesWithBackoffAndBindsWhenFreed()
        {
            using var blocker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            blocker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)blocker.LocalEndPoint).Port;
            var recorder = new Recorder();
            var options = new UdpListenerOptions { Port = port, BindAddress = IPAddress.Loopback, PollMilliseconds = 50, RebindMinMilliseconds = 50, RebindMaxMilliseconds = 200 };
            var listener = new UdpNotificationListener(recorder.Push, recorder.Reject, options, new SystemClock());
            listener.Start();
            try
            {
                Assert.IsFalse(listener.WaitUntilBound(300), "port held by another socket");
                Assert.IsTrue(listener.SocketErrorCount >= 1);
                blocker.Close();
                Assert.IsTrue(listener.WaitUntilBound(5000), "re-bound after the port was freed");
                Send(port, PushDatagram);
                Assert.IsTrue(recorder.Signal.WaitOne(5000));
                Assert.AreEqual(1, recorder.Pushes.Count);
            }
            finally
            {
                listener.Stop(2000);
            }
        }
    }
}

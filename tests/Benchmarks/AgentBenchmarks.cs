using BenchmarkDotNet.Attributes;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.HostOnly.Hardening;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Benchmarks
{
    /// <summary>
    /// The agent's paths per message: a valid trigger accepted (WSP + trigger decode + digest + dispatch), the digest
    /// verification alone, an unknown server rejected, a bad digest rejected after every nonce reading, and a 3-part SMS
    /// decoded, reassembled and accepted. Duplicate suppression and the rate limit are off and each accepted session is
    /// completed, so every accept operation is a real accept.
    /// </summary>
    [MemoryDiagnoser]
    public class AgentBenchmarks
    {
        private NotificationAgent _agent;
        private SmsNotificationReceiver _receiver;
        private ServerAccount _account;
        private DigestVerifier _verifier;
        private byte[] _valid;
        private byte[] _unknownServer;
        private byte[] _badDigest;
        private byte[][] _threeParts;

        /// <summary>Builds the account, agent, receiver and messages.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _account = HardeningVectors.Account(ResyncPolicy.ZeroBytesThenAscii);
            _account.TryStoredNonceText = true;
            var accounts = new AccountTable();
            accounts.AddOrReplace(_account);
            var clock = new ManualClock();
            // The same trigger is accepted every iteration, so the duplicate window, the rate limit and the replay
            // history (which would refuse it as Replayed from the second iteration on) are off.
            _agent = new NotificationAgent(accounts, clock, new AgentOptions { DuplicateWindowMilliseconds = 0, RateLimitCount = 0, ReplayHistoryCapacity = 0 });
            _agent.SessionRequested += (sender, request) => _agent.CompleteSession(request.ServerId, request.SessionIdValue);
            _receiver = new SmsNotificationReceiver(_agent, clock, null);
            _verifier = new DigestVerifier();
            _valid = HardeningVectors.Wsp(HardeningVectors.SignedSession1234);
            byte[] nonce = HardeningVectors.NonceBytes();
            _unknownServer = HardeningVectors.Wsp(HardeningVectors.Package0(HardeningVectors.HeaderVersion12, 1, "evil.example", new byte[0], nonce));
            _badDigest = (byte[])_valid.Clone();
            _badDigest[HardeningVectors.WspPrefix.Length] ^= 0x01;
            _threeParts = HardeningVectors.ThreePartSms(0xBEEF, "+4915112345678", true);
        }

        /// <summary>A valid WSP push accepted end to end (session completed by the callback).</summary>
        [Benchmark]
        public ReasonCode AcceptValidPush() => _agent.ProcessPush(_valid, 0, _valid.Length, Bearer.Udp, "192.0.2.1:2948");

        /// <summary>Only the digest verification of the valid package #0 (first nonce reading matches).</summary>
        [Benchmark]
        public NonceKind VerifyDigestOnly() =>
            _verifier.Verify(_account, _valid, HardeningVectors.WspPrefix.Length, _valid.Length - HardeningVectors.WspPrefix.Length);

        /// <summary>An unknown server id rejected before any hashing.</summary>
        [Benchmark]
        public ReasonCode RejectUnknownServer() => _agent.ProcessPush(_unknownServer, 0, _unknownServer.Length, Bearer.Udp, "192.0.2.1:2948");

        /// <summary>A bad digest rejected after all four nonce readings (stored, stored text, zero bytes, ASCII zeros).</summary>
        [Benchmark]
        public ReasonCode RejectBadDigestAllResyncReadings() => _agent.ProcessPush(_badDigest, 0, _badDigest.Length, Bearer.Udp, "192.0.2.1:2948");

        /// <summary>Three SMS-DELIVER parts decoded, reassembled and the trigger accepted.</summary>
        [Benchmark]
        public ReasonCode SmsThreePartDecodeReassembleAccept()
        {
            ReasonCode reason = ReasonCode.None;
            for (int i = 0; i < _threeParts.Length; i++)
            {
                reason = _receiver.Receive(_threeParts[i], 0, _threeParts[i].Length, null).Reason;
            }

            return reason;
        }
    }
}

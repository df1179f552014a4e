using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Cryptography;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Tests.Sms;
using OmaDm.Notification.Tests.Storage;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.DeviceBenchmarks
{
    /// <summary>
    /// The agent's paths per message, as the host benchmarks (tests/Benchmarks/AgentBenchmarks.cs) run them: duplicate
    /// window and rate limit off, every accepted session completed by the callback, so every accept is a real accept.
    /// Each path carries the figures recorded for it at <see cref="Comparison.RecordedAt"/>.
    /// </summary>
    public sealed class Scenarios
    {
        private const string ServerId = "com.mgmtsrv.manage";
        private const string Password = "dmpassword";
        private const string Source = "192.0.2.1:2948";

        private readonly NotificationAgent agent;
        private readonly SmsNotificationReceiver receiver;
        private readonly byte[] valid;
        private readonly byte[] unknownServer;
        private readonly byte[] badDigest;
        private readonly NotificationAgent bootstrapAgent;
        private readonly byte[][] bootstraps;
        private readonly byte[] forgedBootstrap;

        public Scenarios()
        {
            byte[] nonce = new byte[] { 0x61, 0x70, 0x70, 0x65, 0x6E, 0x64, 0x69, 0x78, 0x43 };
            var account = new ServerAccount(ServerId, Password, Base64Text(nonce), ResyncPolicy.ZeroBytesThenAscii);
            account.TryStoredNonceText = true;
            var accounts = new AccountTable();
            accounts.AddOrReplace(account);
            var clock = new ManualClock();
            agent = new NotificationAgent(accounts, clock, new AgentOptions { DuplicateWindowMilliseconds = 0, RateLimitCount = 0, ReplayHistoryCapacity = 0 });
            agent.SessionRequested += (sender, request) => agent.CompleteSession(request.ServerId, request.SessionIdValue);
            receiver = new SmsNotificationReceiver(agent, clock, null);

            var wsp = new WspPushEncoder();
            byte[] signed = Package0(ServerId, Password, nonce, 0x1234);
            valid = wsp.Encode(signed, 0, signed.Length);
            byte[] unknown = Package0("evil.example", Password, nonce, 0x1234);
            unknownServer = wsp.Encode(unknown, 0, unknown.Length);
            badDigest = (byte[])valid.Clone();
            badDigest[valid.Length - signed.Length] ^= 0x01; // the digest's first octet

            // CP bootstraps of about 300 bytes (USERPIN), one accepted every run: overwrite on, and one more distinct push
            // than the store remembers fingerprints of, taken in turn, so none is refused as a replay and each run is a
            // full accept (MAC, replay check, decode, the store's crash-safe commit to an in-RAM flash, the live table).
            // The forged one carries the MAC of another PIN: refused after the one HMAC over its body.
            bootstrapAgent = NewBootstrapAgent();
            var bootstrapAccount = new BootstrapAccount
            {
                ServerId = ServerId,
                Name = "Benchmark DM server",
                ServerAddress = "https://dm.example.com:8443/oma/dm",
                ServerPassword = Password,
                ServerNonceBase64 = "bm9uY2Utbm9uY2U=",
                ClientName = "IMEI:490154203237518",
                ClientPassword = "client-password",
                ClientNonceBase64 = "Y2xpZW50LW5vbmNl",
                AuthType = "DIGEST",
            };
            bootstraps = new byte[BootstrapFingerprints.Capacity + 1][];
            byte[] document = null;
            for (int i = 0; i < bootstraps.Length; i++)
            {
                bootstrapAccount.ServerPassword = Password + (char)('A' + i);
                document = BootstrapDocumentEncoder.EncodeClientProvisioning(bootstrapAccount);
                bootstraps[i] = BootstrapPushEncoder.Encode(document, BootstrapProfile.ClientProvisioning, BootstrapSecurity.UserPin, null, BootstrapPin);
            }

            forgedBootstrap = BootstrapPushEncoder.Encode(document, BootstrapProfile.ClientProvisioning, BootstrapSecurity.UserPin, null, "9999");
        }

        private const string BootstrapPin = "1234";

        private static NotificationAgent NewBootstrapAgent()
        {
            var accounts = new AccountTable();
            var store = new AccountStore(new FaultInjectingFileSystem());
            store.Open();
            var bootstrapped = new NotificationAgent(accounts, new ManualClock(), new AgentOptions { DuplicateWindowMilliseconds = 0, RateLimitCount = 0, ReplayHistoryCapacity = 0 });
            var policy = new BootstrapPolicy { UserPin = BootstrapPin, AllowOverwrite = true };
            bootstrapped.Bootstrap = new BootstrapAgent(policy, new BootstrapAccountStore(store, accounts), accounts);
            return bootstrapped;
        }

        public Comparison[] All()
        {
            return new Comparison[]
            {
                new Comparison("valid push accepted (WSP + trigger + digest + dispatch)", new Push(agent, valid), "49-50 us, 22 blocks"),
                new Comparison("forged digest rejected after all four nonce readings", new Push(agent, badDigest), "91-95 us, 0 blocks"),
                new Comparison("unknown server rejected", new Push(agent, unknownServer), "9-14 us, 0 blocks"),
                new Comparison("3-part SMS decoded, reassembled, accepted", new ThreePartSms(receiver), "113-120 us, 94 blocks"),
                new Comparison("bootstrap accepted (" + bootstraps[0].Length.ToString() + " B CP push, USERPIN: HMAC, replay check, decode, store commit)", new PushInTurn(bootstrapAgent, bootstraps), null),
                new Comparison("forged bootstrap rejected (MAC mismatch, " + forgedBootstrap.Length.ToString() + " B)", new Push(bootstrapAgent, forgedBootstrap), null),
                new Comparison("MD5 of 55 bytes (1 block)", new Md5Blocks(1), "9-12 us, 13.5 blocks"),
                new Comparison("MD5 of 1015 bytes (16 blocks)", new Md5Blocks(16), "97-121 us, 13.5 blocks"),
            };
        }

        private static byte[] Package0(string serverId, string password, byte[] nonce, int session)
        {
            var builder = new TriggerBuilder { ServerId = serverId, Password = password, Nonce = nonce, SessionId = session };
            return builder.Build();
        }

        private static string Base64Text(byte[] data)
        {
            byte[] text = new byte[Base64.EncodedLength(data.Length)];
            Base64.Encode(data, 0, data.Length, text, 0);
            char[] chars = new char[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                chars[i] = (char)text[i];
            }

            return new string(chars);
        }

        private sealed class Push : IBenchmark
        {
            private readonly NotificationAgent agent;
            private readonly byte[] message;
            private readonly string source = Source;

            public Push(NotificationAgent agent, byte[] message)
            {
                this.agent = agent;
                this.message = message;
            }

            // The source is a field: a const string argument would create a string object per run on nanoCLR.
            public void Run() => agent.ProcessPush(message, 0, message.Length, Bearer.Udp, source);
        }

        private sealed class PushInTurn : IBenchmark
        {
            private readonly NotificationAgent agent;
            private readonly byte[][] messages;
            private readonly string source = Source;
            private int next;

            public PushInTurn(NotificationAgent agent, byte[][] messages)
            {
                this.agent = agent;
                this.messages = messages;
            }

            public void Run()
            {
                byte[] message = messages[next];
                next = (next + 1) % messages.Length;

                // A refusal (a replay, say) would time another path: the run fails loudly instead (bench-failed).
                if (agent.ProcessPush(message, 0, message.Length, Bearer.Udp, source) != ReasonCode.None)
                {
                    throw new System.InvalidOperationException("bootstrap refused");
                }
            }
        }

        private sealed class ThreePartSms : IBenchmark
        {
            private readonly SmsNotificationReceiver receiver;

            public ThreePartSms(SmsNotificationReceiver receiver)
            {
                this.receiver = receiver;
            }

            public void Run()
            {
                receiver.Receive(SmsVectors.Concat8Part1, 0, SmsVectors.Concat8Part1.Length, null);
                receiver.Receive(SmsVectors.Concat8Part2, 0, SmsVectors.Concat8Part2.Length, null);
                receiver.Receive(SmsVectors.Concat8Part3, 0, SmsVectors.Concat8Part3.Length, null);
            }
        }

        private sealed class Md5Blocks : IBenchmark
        {
            private readonly byte[] input;
            private readonly byte[] digest = new byte[Md5.HashLength];

            public Md5Blocks(int blocks)
            {
                // 55 bytes pad to one block; 64 n - 9 bytes to n blocks.
                input = new byte[(64 * blocks) - 9];
            }

            public void Run() => Md5.Hash(input, 0, input.Length, digest, 0);
        }
    }
}

using System;
using System.Threading;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Firmware.Hosting;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Tests.Modem;
using OmaDm.Notification.Tests.Storage;
using OmaDm.Notification.Tests.TestSupport;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace OmaDm.Notification.DeviceBenchmarks
{
    /// <summary>
    /// The firmware's heap budget: boots the real composition (<see cref="NotificationService"/> over an
    /// in-memory flash holding <see cref="Accounts"/> accounts, the BG96 bearers on one <see cref="ModemLoop"/> thread over
    /// the scripted Quectel modem, the <see cref="EventLog"/> and the <see cref="Supervisor"/> checked on this thread as the firmware's Main does, firmware default
    /// options), runs the burst (<see cref="ValidPushes"/> valid UDP pushes, <see cref="ForgedPushes"/> forged ones,
    /// <see cref="SmsMessages"/> three-part SMS) and samples the live heap after a collection after every item. Prints
    /// <c>heap|phase|live blocks|live bytes here|bytes at 32-bit sizes</c>, everything relative to the heap at
    /// <c>Main</c>, the harness (scripted modem, encoders, in-flight message) subtracted.
    /// </summary>
    /// <remarks>
    /// Units: nanoCLR's <c>GC.Run(false)</c> returns free bytes; a heap block is 12 bytes on a 32-bit board and on the
    /// i386 emulator build, 24 on the x64 one. The block size of the runtime running this is measured first
    /// (<see cref="MeasureBlockBytes"/>): nanoFramework has no <c>IntPtr.Size</c>. On 12-byte blocks the bytes here are
    /// the bytes at 32-bit sizes and are printed as such. On 24-byte blocks they are not: an object's header and
    /// reference fields take the same number of blocks on both, so half the bytes on a board; byte and char data takes
    /// the same bytes, so twice the blocks. A figure in x64 bytes therefore lies between half of it (all objects) and all
    /// of it (all data) at 32-bit sizes: both bounds are printed. Never a compacting collection: the 64-bit posix nanoCLR
    /// can mis-relocate references when it compacts.
    /// </remarks>
    public sealed class HeapBudget
    {
        /// <summary>Accounts provisioned on the flash.</summary>
        public const int Accounts = 16;

        /// <summary>Valid UDP pushes in the burst.</summary>
        public const int ValidPushes = 100;

        /// <summary>Forged UDP pushes (wrong password) in the burst.</summary>
        public const int ForgedPushes = 50;

        /// <summary>Three-part SMS in the burst.</summary>
        public const int SmsMessages = 20;

        // A 32-bit board's heap block: CLR_RT_HeapBlock, a 4-byte id and two 4-byte words.
        private const int BoardBlockBytes = 12;

        // Elements of the array whose size measures the block: enough that its header (under two blocks) rounds away in
        // the division.
        private const int ProbeElements = 256;

        private const int WaitMilliseconds = 20000;
        private const string Password = "heap-budget";
        private const string NonceBase64 = "AAECAw==";

        // A vendor tail long enough that the WSP push needs three SMS parts of 128 user-data octets.
        private const int SmsVendorBytes = 280;

        private readonly byte[] _nonce = new byte[] { 0, 1, 2, 3 };
        private readonly object _sync = new object();
        private int _verdicts;
        private int _sessions;
        private int _logLines;
        private int _atMain;
        private int _harness;
        private int _peak;
        private string _peakAt;
        private int _last;
        private int _blockBytes;

        /// <summary>Runs the budget and prints its lines.</summary>
        public void Run()
        {
            _blockBytes = MeasureBlockBytes();
            Console.WriteLine("heap|block|" + _blockBytes.ToString() + " B (object[" + ProbeElements.ToString() + "] in blocks of this runtime)");
            _atMain = Free();
            Console.WriteLine("heap|free-at-main|" + _atMain.ToString() + " bytes");

            // The harness: what the firmware would not have. Measured once, subtracted from every sample.
            var clock = new OmaDm.Notification.Firmware.SystemClock();
            var modem = new ScriptedQuectelModem();
            var files = new FaultInjectingFileSystem();
            var wsp = new WspPushEncoder();
            var sms = new SmsDeliverEncoder();
            string[] servers = new string[Accounts];
            for (int i = 0; i < Accounts; i++)
            {
                servers[i] = "dm" + i.ToString() + ".example.com";
            }

            _harness = _atMain - Free();

            // What an earlier run left on the flash: 16 accounts. The store that wrote them is garbage before boot.
            var writer = new AccountStore(files);
            writer.Open();
            for (int i = 0; i < Accounts; i++)
            {
                writer.AddOrReplace(new AccountRecord(servers[i], Password, NonceBase64, ResyncPolicy.Off));
            }

            writer = null;
            Sample("flash");

            var service = new NotificationService(files, clock, null, null);
            service.Log = CountLine;

            // As Program does with FirmwareConfiguration.CreateDefault's policy: SMS bootstrap on, its agent built at boot.
            service.BootstrapPolicy = new BootstrapPolicy();
            Sample("service");
            service.Boot();
            service.Agent.SessionRequested += OnSession;
            service.Agent.Rejected += OnRejected;
            Sample("boot");

            ModemModel model = ModemCatalog.Find(ModemCatalog.Bg96);
            AtChannel channel = model.CreateChannel(modem, true);
            channel.Clock = clock;
            Sample("channel");
            service.Events.Attach(channel);
            var bearers = new ModemBearers(service.Agent, channel, model.CreateProfile(), model, true, "internet", ModemUdpServicePort, clock);
            service.Events.Attach(bearers);
            Sample("workers");
            bearers.Watch(service.Supervisor, null, 120000);
            bearers.Start();

            // The firmware runs the watchdog on Main's own thread (Supervisor.Run loops over CheckOnce): so does this, one
            // check before each sample, no thread the firmware doesn't have.
            Require(ModemTestPeers.WaitUntil(() => bearers.Udp.IsReady && bearers.Sms.IsReady, WaitMilliseconds), "bearers ready");
            modem.ForgetDialogue();
            Sample("bearers");

            int session = 1;
            for (int i = 0; i < ValidPushes + ForgedPushes; i++)
            {
                bool forged = i >= ValidPushes;
                string server = servers[i % Accounts];
                byte[] signed = SignedPackage0.Sign(server, forged ? "guess" : Password, _nonce, SignedPackage0.Trigger(session++, server, new byte[0]));
                byte[] push = wsp.Encode(signed, 0, signed.Length);
                signed = null;
                int expected = Verdicts + 1;
                modem.Arrive(push, "198.51.100.7:2948");
                push = null;
                Require(ModemTestPeers.WaitUntil(() => Verdicts == expected, WaitMilliseconds), "udp verdict " + i.ToString());
                modem.ForgetDialogue();
                service.Supervisor.CheckOnce();
                Sample(forged ? "forged" : "udp");
            }

            for (int i = 0; i < SmsMessages; i++)
            {
                string server = servers[i % Accounts];
                byte[] signed = SignedPackage0.Sign(server, Password, _nonce, SignedPackage0.Trigger(session++, server, new byte[SmsVendorBytes]));
                byte[] push = wsp.Encode(signed, 0, signed.Length);
                sms.Reference = i + 1;
                byte[][] parts = sms.Encode(push, 0, push.Length);
                Require(parts.Length == 3, "three parts, not " + parts.Length.ToString());
                signed = null;
                push = null;
                int expected = Verdicts + 1;
                for (int p = 0; p < parts.Length; p++)
                {
                    string hex = Hex.ToHex(parts[p], 0, parts[p].Length);
                    parts[p] = null;
                    modem.Receive(hex);
                    hex = null;
                    if (p < 2)
                    {
                        // The driver's read of a stored message ends with its storage check.
                        Require(ModemTestPeers.WaitUntil(() => modem.CountCommand("AT+CPMS?") == 1, WaitMilliseconds), "sms part read");
                    }
                    else
                    {
                        Require(ModemTestPeers.WaitUntil(() => Verdicts == expected && modem.StoredCount == 0, WaitMilliseconds), "sms verdict " + i.ToString());
                    }

                    modem.ForgetDialogue();
                    service.Supervisor.CheckOnce();
                    Sample("sms");
                }
            }

            int flash = 0;
            string[] names = files.List();
            for (int i = 0; i < names.Length; i++)
            {
                flash += files.ReadAllBytes(names[i]).Length;
            }

            Console.WriteLine("heap|flash-content|" + flash.ToString() + " B in " + names.Length.ToString() + " files (counted in the figures: the in-memory flash)");
            Console.WriteLine("heap|verdicts|" + Verdicts.ToString() + " (sessions " + Sessions.ToString() + ", log lines " + _logLines.ToString() + ")");
            Print("after the burst", _last);
            Print("peak (" + _peakAt + ")", _peak);
            Print("peak less the in-memory flash content (a board reads its files from flash)", _peak - flash);
            bearers.Dispose();
        }

        private const int ModemUdpServicePort = 2948;

        private int Verdicts
        {
            get
            {
                lock (_sync)
                {
                    return _verdicts;
                }
            }
        }

        private int Sessions
        {
            get
            {
                lock (_sync)
                {
                    return _sessions;
                }
            }
        }

        private void OnSession(object sender, SessionRequest request)
        {
            lock (_sync)
            {
                _sessions++;
                _verdicts++;
            }
        }

        private void OnRejected(object sender, NotificationRejection rejection)
        {
            // Verdicts on a whole push: SMS parts on their way are not rejections.
            lock (_sync)
            {
                _verdicts++;
            }
        }

        private void CountLine(string line)
        {
            _logLines++;
        }

        // Live bytes of the firmware now: the heap used since Main, less the harness.
        private void Sample(string phase)
        {
            int live = _atMain - Free() - _harness;
            _last = live;
            if (live > _peak)
            {
                _peak = live;
                _peakAt = phase;
            }

            if (phase != "udp" && phase != "forged" && phase != "sms")
            {
                Print(phase, live);
            }
        }

        private void Print(string what, int bytes)
        {
            int blocks = bytes / _blockBytes;
            string board = _blockBytes == BoardBlockBytes
                ? bytes.ToString() + " B on this 32-bit runtime (a board's block size)"
                : (bytes / 2).ToString() + "-" + bytes.ToString() + " B on a 32-bit board";
            Console.WriteLine("heap|" + what + "|" + blocks.ToString() + " blocks|" + bytes.ToString() + " B here|" + board);
        }

        // Bytes of one heap block here: a reference array's elements are one block each, its header under two blocks,
        // so the bytes the array takes, divided by its length, round down to the block.
        private static int MeasureBlockBytes()
        {
            int before = Free();
            object[] probe = new object[ProbeElements];
            int taken = before - Free();
            Require(probe.Length == ProbeElements && taken > 0, "block probe took " + taken.ToString() + " B");
            return taken / ProbeElements;
        }

        private static int Free()
        {
            // Twice: a collection can free what the one before only released.
            NativeGC.Run(false);
            return (int)NativeGC.Run(false);
        }

        private static void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw new InvalidOperationException("heap budget: " + what);
            }
        }
    }
}

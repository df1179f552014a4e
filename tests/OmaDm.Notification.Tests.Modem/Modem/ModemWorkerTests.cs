using System.Collections;
using System.Threading;
using nanoFramework.TestFramework;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Profiles;

namespace OmaDm.Notification.Tests.Modem
{
    /// <summary>The worker's own rules, seen through a worker that only records the URCs it handles.</summary>
    [TestClass]
    public class ModemWorkerTests
    {
        [TestMethod]
        public void Step_UrcHeldWhileSetupReruns_HandledBeforeLaterUrcs()
        {
            var modem = new ScriptedModem(5);
            AtChannel channel = ModemTestPeers.StartChannel(modem);
            var worker = new RecordingWorker(channel);
            try
            {
                worker.Start();
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => worker.IsReady, 2000));

                // Handling A asks for set-up once B and C are queued (D is being queued): B is then in hand and must
                // stay ahead of C and D.
                modem.EmitUrc("+TEST: A");
                modem.EmitUrc("+TEST: B");
                modem.EmitUrc("+TEST: C");
                modem.EmitUrc("+TEST: D");
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => worker.HandledCount == 4, 3000));
                Assert.AreEqual("+TEST: A|+TEST: B|+TEST: C|+TEST: D", worker.Handled());
                Assert.AreEqual(2, worker.SetupCount);
            }
            finally
            {
                worker.Dispose();
                channel.Dispose();
            }
        }

        private sealed class RecordingWorker : ModemWorker
        {
            private readonly ArrayList _handled = new ArrayList();
            private readonly AutoResetEvent _allQueued = new AutoResetEvent(false);
            private int _wanted;

            public RecordingWorker(AtChannel channel)
                : base(channel, ModemTestPeers.Fast(new Sim800Profile()), new ModemTestClock())
            {
                RetryDelayMilliseconds = 30;
                IdleWaitMilliseconds = 10;
            }

            public int HandledCount
            {
                get
                {
                    lock (_handled)
                    {
                        return _handled.Count;
                    }
                }
            }

            public string Handled()
            {
                lock (_handled)
                {
                    string text = string.Empty;
                    for (int i = 0; i < _handled.Count; i++)
                    {
                        text = i == 0 ? (string)_handled[i] : text + "|" + (string)_handled[i];
                    }

                    return text;
                }
            }

            protected override void RegisterUrcs()
            {
                Channel.RegisterUrc("+TEST:", false);
            }

            protected override bool Wants(string line)
            {
                if (!line.StartsWith("+TEST:"))
                {
                    return false;
                }

                if (++_wanted == 4)
                {
                    _allQueued.Set(); // the reader queued C before it framed D
                }

                return true;
            }

            protected override bool RunSetup()
            {
                return true;
            }

            protected override void HandleUrc(string line, string payload)
            {
                lock (_handled)
                {
                    _handled.Add(line);
                }

                if (line == "+TEST: A")
                {
                    _allQueued.WaitOne(2000, false);
                    RequestSetup();
                }
            }
        }
    }
}

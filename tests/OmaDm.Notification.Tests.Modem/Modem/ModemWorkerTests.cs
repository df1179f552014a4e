using System.Collections;
using nanoFramework.TestFramework;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Profiles;
using OmaDm.Notification.Simulation;

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
            modem.MaxChunk = 1024; // one read takes all four URCs: all are queued before A is handled
            var steps = new SteppedModem(modem);
            var worker = new RecordingWorker(steps.Channel, steps.Clock);
            steps.Loop.Add(worker);
            try
            {
                // Handling A asks for set-up while B, C and D are queued: B is then in hand and must stay ahead of C and D.
                AssertHeldUrcFirst(modem, worker, steps);
            }
            finally
            {
                steps.Dispose();
            }
        }

        private static void AssertHeldUrcFirst(ScriptedModem modem, RecordingWorker worker, SteppedModem steps)
        {
            Assert.IsTrue(steps.Until(() => worker.IsReady, 2000), "ready");
            modem.EmitUrc("+TEST: A");
            modem.EmitUrc("+TEST: B");
            modem.EmitUrc("+TEST: C");
            modem.EmitUrc("+TEST: D");
            Assert.IsTrue(steps.Until(() => worker.HandledCount == 4, 3000), "handled");
            Assert.AreEqual("+TEST: A|+TEST: B|+TEST: C|+TEST: D", worker.Handled());
            Assert.AreEqual(2, worker.SetupCount);
        }

        private sealed class RecordingWorker : ModemWorker
        {
            private readonly ArrayList _handled = new ArrayList();

            public RecordingWorker(AtChannel channel, IClock clock)
                : base(channel, ModemTestPeers.Fast(new Sim800Profile()), clock)
            {
                RetryDelayMilliseconds = 30;
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
                return line.StartsWith("+TEST:");
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
                    RequestSetup();
                }
            }
        }
    }
}

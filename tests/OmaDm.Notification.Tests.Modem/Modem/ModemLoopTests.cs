using System.Collections;
using System.Threading;
using nanoFramework.TestFramework;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Profiles;
using OmaDm.Notification.Modem.Sms;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Modem
{
    /// <summary>The modem run by one loop on the test's thread: the channel and the workers stepped.</summary>
    [TestClass]
    public class ModemLoopTests
    {
        [TestMethod]
        public void Execute_CallersThread_ReadsItsOwnResponse()
        {
            var clock = new ManualClock();
            var modem = new ScriptedModem(4);
            modem.Clock = clock;
            AtChannel channel = ModemTestSteps.Channel(modem, AtChannel.DefaultMaxLineLength);
            channel.Clock = clock;
            AtResponse response = channel.Execute("AT+CPMS?", 1000);
            Assert.AreEqual((int)AtResult.Ok, (int)response.Result);
            Assert.AreEqual(1, response.Lines.Length);
            Assert.StartsWith("+CPMS: \"SM\",0,4", response.Lines[0]);
            Assert.AreEqual(0L, clock.MonotonicMilliseconds, "answered without a read having to wait");
        }

        [TestMethod]
        public void Execute_SilentModem_TimesOutByTheInjectedClock()
        {
            var clock = new ManualClock();
            var modem = new ScriptedModem(4);
            modem.Clock = clock;
            modem.Silent = true;
            AtChannel channel = ModemTestSteps.Channel(modem, AtChannel.DefaultMaxLineLength);
            channel.ReadPollMilliseconds = 50;
            channel.Clock = clock;
            AtResponse response = channel.Execute("AT", 60000);
            Assert.AreEqual((int)AtResult.Timeout, (int)response.Result);
            Assert.AreEqual(60000L, clock.MonotonicMilliseconds, "the reads waited out the deadline in simulated time");
        }

        [TestMethod]
        public void Execute_UrcBeforeTheFinalResult_RaisedOnTheCallersThread()
        {
            var modem = new ScriptedModem(4);
            modem.Clock = new ManualClock();
            modem.InjectInsideNextResponse("AT+CPMS?", "+TEST: 1");
            AtChannel channel = ModemTestSteps.Channel(modem, AtChannel.DefaultMaxLineLength);
            channel.RegisterUrc("+TEST:", false);
            var urcs = new ArrayList();
            Thread caller = Thread.CurrentThread;
            channel.UrcReceived += (sender, line, payload) => urcs.Add(Thread.CurrentThread == caller ? line : "other thread");
            Assert.IsTrue(channel.Execute("AT+CPMS?", 1000).IsOk);
            Assert.AreEqual(1, urcs.Count);
            Assert.AreEqual("+TEST: 1", (string)urcs[0]);
        }

        [TestMethod]
        public void Step_SmsDriverAndSecondWorkerOnOneChannel_BothSetUpAndEachGetsItsUrcs()
        {
            var clock = new ManualClock();
            var modem = new ScriptedModem(4);
            modem.Clock = clock;
            AtChannel channel = ModemTestSteps.Channel(modem, AtChannel.DefaultMaxLineLength);
            var loop = new ModemLoop(channel, clock);
            var sink = new RecordingSink();
            var driver = new SmsModemDriver(channel, ModemTestPeers.Fast(new Sim800Profile()), sink, clock, ModemTestPeers.FastOptions());
            var other = new TestWorker(channel, clock);
            loop.Add(driver);
            loop.Add(other);
            try
            {
                Assert.IsTrue(ModemTestSteps.Until(loop, clock, () => driver.IsReady && other.IsReady, 5000), modem.DialogueText());
                modem.EmitUrc("+TEST: 7");
                modem.Receive("07911326040000F0040B914497214365F700005201213100004005C8329BFD06");
                Assert.IsTrue(ModemTestSteps.Until(loop, clock, () => other.Handled == "+TEST: 7" && sink.Count == 1, 5000), modem.DialogueText());
                Assert.AreEqual(1, driver.SetupCount);
                Assert.AreEqual(1, other.SetupCount);
            }
            finally
            {
                loop.Dispose();
            }
        }

        private sealed class TestWorker : ModemWorker
        {
            public TestWorker(AtChannel channel, IClock clock)
                : base(channel, ModemTestPeers.Fast(new Sim800Profile()), clock)
            {
            }

            public string Handled { get; private set; }

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
                return Execute("AT+CMEE=1", Profile.CommandTimeoutMilliseconds).IsOk;
            }

            protected override void HandleUrc(string line, string payload)
            {
                Handled = Handled == null ? line : Handled + "|" + line;
            }
        }
    }
}

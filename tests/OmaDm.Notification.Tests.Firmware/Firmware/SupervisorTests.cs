using nanoFramework.TestFramework;
using OmaDm.Notification.Firmware.Hosting;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Firmware
{
    [TestClass]
    public class SupervisorTests
    {
        private static long _heartbeat;
        private static int _restarts;

        private static int _checks;

        // The firmware's Main runs the watchdog on its own thread: the checks repeat until Stop, and Run returns then.
        [TestMethod]
        public void Run_OnTheCallingThread_ChecksUntilStopped()
        {
            var clock = new ManualClock();
            var supervisor = new Supervisor(clock);
            _checks = 0;
            _restarts = 0;
            long start = clock.MonotonicMilliseconds;
            supervisor.Watch("rx", () =>
            {
                if (++_checks == 3)
                {
                    clock.Advance(1001); // read by the next check
                }

                return start;
            }, () =>
            {
                _restarts++;
                supervisor.Stop();
            }, 1000);
            supervisor.Run(1);
            Assert.AreEqual(4, _checks);
            Assert.AreEqual(1, _restarts);
            Assert.AreEqual(1, supervisor.RestartCount("rx"));
        }

        [TestMethod]
        public void CheckOnce_FreshHeartbeat_NoRestart()
        {
            var clock = new ManualClock();
            var supervisor = new Supervisor(clock);
            _heartbeat = clock.MonotonicMilliseconds;
            _restarts = 0;
            supervisor.Watch("rx", () => _heartbeat, () => _restarts++, 1000);
            clock.Advance(900);
            Assert.AreEqual(0, supervisor.CheckOnce());
            Assert.AreEqual(0, _restarts);
        }

        [TestMethod]
        public void CheckOnce_StaleHeartbeat_RestartsOnceThenGrace()
        {
            var clock = new ManualClock();
            var supervisor = new Supervisor(clock);
            _heartbeat = clock.MonotonicMilliseconds;
            _restarts = 0;
            supervisor.Watch("rx", () => _heartbeat, () => _restarts++, 1000);
            clock.Advance(1001);
            Assert.AreEqual(1, supervisor.CheckOnce());
            Assert.AreEqual(1, _restarts);

            // Still silent, but inside the grace period after the restart.
            clock.Advance(500);
            Assert.AreEqual(0, supervisor.CheckOnce());

            // The restarted component ticks: no more restarts.
            _heartbeat = clock.MonotonicMilliseconds;
            clock.Advance(900);
            Assert.AreEqual(0, supervisor.CheckOnce());

            // Dead again for longer than the limit: restarted again.
            clock.Advance(200);
            Assert.AreEqual(1, supervisor.CheckOnce());
            Assert.AreEqual(2, supervisor.RestartCount("rx"));
        }

        [TestMethod]
        public void CheckOnce_RestartOrHeartbeatThrows_LoggedAndOthersStillChecked()
        {
            var clock = new ManualClock();
            var supervisor = new Supervisor(clock);
            string logged = string.Empty;
            supervisor.Log = m => logged += m + "\n";
            _restarts = 0;
            supervisor.Watch("broken", () => throw new System.InvalidOperationException("no beat"), () => throw new System.InvalidOperationException("no restart"), 100);
            supervisor.Watch("ok", () => 0, () => _restarts++, 100);
            clock.Advance(1000);
            Assert.AreEqual(2, supervisor.CheckOnce());
            Assert.AreEqual(1, _restarts);
            Assert.Contains("restart of broken failed", logged);
            Assert.AreEqual(-1, supervisor.RestartCount("missing"));
        }
    }
}

using nanoFramework.TestFramework;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Tests.Modem
{
    /// <summary>When a worker may next try to replace a lost link.</summary>
    [TestClass]
    public class ReconnectBackoffTests
    {
        [TestMethod]
        public void TryAttempt_AfterReset_FirstAtOnceThenDelayDoublesToMaximum()
        {
            var backoff = new ReconnectBackoff();
            backoff.Reset(100);
            Assert.IsTrue(backoff.TryAttempt(1000, 700));
            Assert.IsFalse(backoff.TryAttempt(1099, 700));
            Assert.IsTrue(backoff.TryAttempt(1100, 700)); // waited 100
            Assert.IsFalse(backoff.TryAttempt(1299, 700));
            Assert.IsTrue(backoff.TryAttempt(1300, 700)); // 200
            Assert.IsFalse(backoff.TryAttempt(1699, 700));
            Assert.IsTrue(backoff.TryAttempt(1700, 700)); // 400
            Assert.IsFalse(backoff.TryAttempt(2399, 700));
            Assert.IsTrue(backoff.TryAttempt(2400, 700)); // 700, not 800: the maximum
            Assert.IsFalse(backoff.TryAttempt(3099, 700));
            Assert.IsTrue(backoff.TryAttempt(3100, 700)); // stays at the maximum
        }

        [TestMethod]
        public void TryAttempt_ResetWhileWaiting_NextAttemptAtOnceWithFirstDelay()
        {
            var backoff = new ReconnectBackoff();
            backoff.Reset(100);
            Assert.IsTrue(backoff.TryAttempt(0, 1000));
            Assert.IsTrue(backoff.TryAttempt(100, 1000));
            Assert.IsFalse(backoff.TryAttempt(250, 1000)); // 200 to wait
            backoff.Reset(100);
            Assert.IsTrue(backoff.TryAttempt(250, 1000));
            Assert.IsFalse(backoff.TryAttempt(349, 1000));
            Assert.IsTrue(backoff.TryAttempt(350, 1000));
        }

        [TestMethod]
        public void TryAttempt_LateCall_DelayCountsFromTheAttempt()
        {
            var backoff = new ReconnectBackoff();
            backoff.Reset(100);
            Assert.IsTrue(backoff.TryAttempt(0, 1000));
            Assert.IsTrue(backoff.TryAttempt(5000, 1000)); // long after it was due
            Assert.IsFalse(backoff.TryAttempt(5199, 1000));
            Assert.IsTrue(backoff.TryAttempt(5200, 1000));
        }
    }
}

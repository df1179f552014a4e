using nanoFramework.TestFramework;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Tests.Dispatch
{
    [TestClass]
    public class TriggerRateLimiterTests
    {
        private const string ServerA = "a";
        private const string ServerB = "b";
        private const int Window = 1000;

        private static void Accept(TriggerRateLimiter limiter, string serverId, long now)
        {
            Assert.IsFalse(limiter.IsLimited(serverId, now));
            limiter.Reserve(serverId);
            limiter.Add(now);
        }

        [TestMethod]
        public void IsLimited_CountReachedInsideWindow_True()
        {
            var limiter = new TriggerRateLimiter(2, Window);
            Accept(limiter, ServerA, 0);
            Accept(limiter, ServerA, 10);
            Assert.IsTrue(limiter.IsLimited(ServerA, Window - 1));
        }

        [TestMethod]
        public void IsLimited_OldestLeftWindow_False()
        {
            var limiter = new TriggerRateLimiter(2, Window);
            Accept(limiter, ServerA, 0);
            Accept(limiter, ServerA, 10);
            Assert.IsFalse(limiter.IsLimited(ServerA, Window));
            Accept(limiter, ServerA, Window);
            Assert.IsTrue(limiter.IsLimited(ServerA, Window + 9));
        }

        [TestMethod]
        public void IsLimited_OtherServerExhausted_False()
        {
            var limiter = new TriggerRateLimiter(1, Window);
            Accept(limiter, ServerA, 0);
            Assert.IsTrue(limiter.IsLimited(ServerA, 1));
            Assert.IsFalse(limiter.IsLimited(ServerB, 1));
        }

        [TestMethod]
        public void IsLimited_CountZero_NeverLimits()
        {
            var limiter = new TriggerRateLimiter(0, Window);
            for (int i = 0; i < 10; i++)
            {
                Accept(limiter, ServerA, i);
            }
        }

        [TestMethod]
        public void Undo_AfterAddToFullRing_RestoresOldestTime()
        {
            var limiter = new TriggerRateLimiter(2, Window);
            Accept(limiter, ServerA, 0);
            Accept(limiter, ServerA, 500);
            Assert.IsFalse(limiter.IsLimited(ServerA, Window));
            limiter.Add(Window);
            limiter.Undo();

            // The ring again holds 0 and 500, so its oldest (0) decides.
            Assert.IsFalse(limiter.IsLimited(ServerA, Window));
            Assert.IsTrue(limiter.IsLimited(ServerA, 499));
        }

        [TestMethod]
        public void Undo_AfterFirstAdd_LeavesNothingCounted()
        {
            var limiter = new TriggerRateLimiter(1, Window);
            Assert.IsFalse(limiter.IsLimited(ServerA, 0));
            limiter.Reserve(ServerA);
            limiter.Add(0);
            limiter.Undo();
            Assert.IsFalse(limiter.IsLimited(ServerA, 1));
        }

        [TestMethod]
        public void Undo_Twice_TakesBackOnlyOnce()
        {
            var limiter = new TriggerRateLimiter(2, Window);
            Accept(limiter, ServerA, 0);
            Accept(limiter, ServerA, 1);
            limiter.Undo();
            limiter.Undo();
            Accept(limiter, ServerA, 2);
            Assert.IsTrue(limiter.IsLimited(ServerA, 3));
        }
    }
}

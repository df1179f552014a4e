using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Dispatch
{
    /// <summary>
    /// An allocation that fails while the agent accepts a trigger (injected with <see cref="StarvingClock"/> at the point
    /// where the session request is built) is a named rejection, changes nothing, and the same trigger is accepted when it
    /// comes again: never a silent drop, never a duplicate.
    /// </summary>
    [TestClass]
    public class OutOfMemoryTests
    {
        private const string Server = "com.example.dms";
        private const string Password = "pw";

        private static byte[] Signed(int sessionId)
        {
            return SignedPackage0.Sign(Server, Password, new byte[] { 0, 1, 2, 3 }, SignedPackage0.Trigger(sessionId, Server, new byte[0]));
        }

        [TestMethod]
        public void ProcessPackage0_OutOfMemoryAtCommit_NamedThenSameTriggerAccepted()
        {
            var clock = new StarvingClock(new ManualClock());
            var accounts = new AccountTable();
            accounts.AddOrReplace(new ServerAccount(Server, Password, "AAECAw==", ResyncPolicy.Off));
            var agent = new NotificationAgent(accounts, clock, null);
            int sessions = 0;
            string rejected = string.Empty;
            agent.SessionRequested += (sender, request) => sessions++;
            agent.Rejected += (sender, rejection) => rejected += ReasonCodeText.ToKebabCase(rejection.Reason) + "/" + BearerText.Name(rejection.Bearer) + ";";
            byte[] trigger = Signed(0x42);
            clock.Failures = 1;

            AssertReason.AreEqual(ReasonCode.OutOfMemory, agent.ProcessPackage0(trigger, 0, trigger.Length, Bearer.Udp, "a"));
            Assert.AreEqual(1, clock.Failed, "the allocation failure was injected");
            Assert.AreEqual(0, sessions);
            Assert.AreEqual("out-of-memory/udp;", rejected);
            Assert.AreEqual(0, agent.GetRecentSessions().Length, "nothing remembered");

            AssertReason.AreEqual(ReasonCode.None, agent.ProcessPackage0(trigger, 0, trigger.Length, Bearer.Udp, "a"));
            Assert.AreEqual(1, sessions);
            AssertReason.AreEqual(ReasonCode.Duplicate, agent.ProcessPackage0(trigger, 0, trigger.Length, Bearer.Udp, "a"));
        }
    }
}

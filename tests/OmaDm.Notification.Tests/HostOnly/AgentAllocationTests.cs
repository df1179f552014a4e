using System;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>Rejecting must not allocate: a flood of forged or stray triggers must not churn the device heap.</summary>
    [TestClass]
    public class AgentAllocationTests
    {
        private const string Server = "com.mgmtsrv.manage";

        [TestMethod]
        public void ProcessPackage0_UnknownServerAndBadDigestWithoutSubscribers_AllocateNothing()
        {
            var accounts = new AccountTable();
            accounts.AddOrReplace(new ServerAccount(Server, "secret", "bm9uY2U=", ResyncPolicy.ZeroBytesThenAscii) { TryStoredNonceText = true });
            var agent = new NotificationAgent(accounts, new ManualClock(), null);
            byte[] unknown = SignedPackage0.Sign("stranger", "secret", new byte[0], SignedPackage0.Trigger(1, "stranger", new byte[300]));
            byte[] forged = SignedPackage0.Sign(Server, "guess", new byte[0], SignedPackage0.Trigger(1, Server, new byte[300]));

            // Warm up (JIT, static initialisers) before measuring.
            AssertReason.AreEqual(ReasonCode.UnknownServer, agent.ProcessPackage0(unknown, 0, unknown.Length, Bearer.Udp, "x"));
            AssertReason.AreEqual(ReasonCode.DigestMismatch, agent.ProcessPackage0(forged, 0, forged.Length, Bearer.Udp, "x"));

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++)
            {
                agent.ProcessPackage0(unknown, 0, unknown.Length, Bearer.Udp, "x");
                agent.ProcessPackage0(forged, 0, forged.Length, Bearer.Udp, "x");
            }

            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before, "bytes allocated while rejecting");
        }
    }
}

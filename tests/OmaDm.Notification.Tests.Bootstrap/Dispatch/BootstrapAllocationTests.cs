using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Tests.Storage;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Dispatch
{
    /// <summary>
    /// What a refused bootstrap allocates (AllocationMeter: heap blocks on nanoCLR, bytes on .NET): nothing, so a flood
    /// of forged bootstraps never makes the collector run. The MAC is checked before the body is decoded, so a forged
    /// one costs the one HMAC over its body and no decoding.
    /// </summary>
    [TestClass]
    public class BootstrapAllocationTests
    {
        private const string Source = "10.0.0.7:49154";

        private static NotificationAgent NewAgent()
        {
            var accounts = new AccountTable();
            var store = new AccountStore(new FaultInjectingFileSystem());
            store.Open();
            var agent = new NotificationAgent(accounts, new ManualClock(), null);
            var policy = new BootstrapPolicy { UserPin = BootstrapPushVectors.Pin };
            agent.Bootstrap = new BootstrapAgent(policy, new BootstrapAccountStore(store, accounts), accounts);
            return agent;
        }

        private static double Allocations(AllocationMeter meter, NotificationAgent agent, byte[] push, ReasonCode expected)
        {
            // A local, not the constant: on nanoCLR every load of a const string creates a string object.
            string source = Source;
            AssertReason.AreEqual(expected, agent.ProcessPush(push, 0, push.Length, Bearer.Udp, source));
            return meter.PerRun(() => agent.ProcessPush(push, 0, push.Length, Bearer.Udp, source));
        }

        [TestMethod]
        public void ProcessPush_ForgedBootstrap_AllocatesNothing()
        {
            var meter = new AllocationMeter();
            NotificationAgent agent = NewAgent();
            byte[] document = BootstrapPushVectors.CpDocument();
            byte[] forged = BootstrapPushEncoder.Encode(document, BootstrapProfile.ClientProvisioning, BootstrapSecurity.UserPin, null, "9999");
            var counter = new Counter();
            agent.Rejected += counter.OnRejected;
            Assert.AreEqual(0.0, Allocations(meter, agent, forged, ReasonCode.BootstrapMacMismatch), meter.Unit + " per forged bootstrap");
            Assert.IsTrue(counter.Count > 1, "the subscriber saw the rejections");
        }

        [TestMethod]
        public void ProcessPush_EveryRefusalBeforeTheMac_AllocatesNothing()
        {
            var meter = new AllocationMeter();
            NotificationAgent agent = NewAgent();
            byte[] document = BootstrapPushVectors.CpDocument();
            byte[] unsigned = BootstrapPushEncoder.Encode(document, BootstrapProfile.ClientProvisioning, BootstrapSecurity.None, null, null);
            byte[] networkPin = BootstrapPushEncoder.Encode(document, BootstrapProfile.ClientProvisioning, BootstrapSecurity.NetworkPin, BootstrapPushVectors.Imsi, null);
            var encoder = new WspPushEncoder { ContentTypeForm = WspContentTypeForm.WithSecurity, ContentTypeCode = BootstrapPushEncoder.ContentTypeConnectivityWbxml, ApplicationIdForm = WspApplicationIdForm.None };
            encoder.Security = (int)BootstrapSecurity.UserPinMac;
            encoder.MacText = "00";
            byte[] unsupported = encoder.Encode(document, 0, document.Length);
            encoder.Security = (int)BootstrapSecurity.UserPin;
            byte[] shortMac = encoder.Encode(document, 0, document.Length);

            Assert.AreEqual(0.0, Allocations(meter, agent, unsigned, ReasonCode.BootstrapUnauthenticated), "unsigned");
            Assert.AreEqual(0.0, Allocations(meter, agent, networkPin, ReasonCode.BootstrapSecNotAllowed), "netwpin");
            Assert.AreEqual(0.0, Allocations(meter, agent, unsupported, ReasonCode.BootstrapSecUnsupported), "userpinmac");
            Assert.AreEqual(0.0, Allocations(meter, agent, shortMac, ReasonCode.BootstrapMacMismatch), "short mac");
        }

        private sealed class Counter
        {
            public int Count;

            public void OnRejected(object sender, NotificationRejection rejection)
            {
                if (rejection.Reason != ReasonCode.None)
                {
                    Count++;
                }
            }
        }
    }
}

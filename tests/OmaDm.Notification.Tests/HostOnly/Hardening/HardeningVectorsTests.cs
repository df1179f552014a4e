using nanoFramework.TestFramework;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Tests.HostOnly.Hardening
{
    /// <summary>The hardening vectors are what their descriptions say.</summary>
    [TestClass]
    public class HardeningVectorsTests
    {
        [TestMethod]
        public void SignedSession0_HeaderVersion11UserInteraction_DecodesAsDescribed()
        {
            var trigger = new NotificationTrigger();
            byte[] message = HardeningVectors.SignedSession0;
            AssertReason.AreEqual(ReasonCode.None, new TriggerDecoder().Decode(message, 0, message.Length, trigger));
            Assert.AreEqual(11, trigger.Version);
            Assert.AreEqual(UiMode.UserInteraction, trigger.UiMode);
            Assert.AreEqual(Initiator.Client, trigger.Initiator);
            Assert.AreEqual(0, trigger.SessionId);
        }
    }
}

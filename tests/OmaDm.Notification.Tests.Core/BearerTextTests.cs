using nanoFramework.TestFramework;

namespace OmaDm.Notification.Tests
{
    [TestClass]
    public class BearerTextTests
    {
        [TestMethod]
        public void Name_Sms_Sms()
        {
            Assert.AreEqual("sms", BearerText.Name(Bearer.Sms));
        }

        [TestMethod]
        public void Name_Udp_Udp()
        {
            Assert.AreEqual("udp", BearerText.Name(Bearer.Udp));
        }

        [TestMethod]
        public void Name_ValueNotAMember_Unknown()
        {
            Assert.AreEqual("unknown", BearerText.Name((Bearer)7));
        }
    }
}

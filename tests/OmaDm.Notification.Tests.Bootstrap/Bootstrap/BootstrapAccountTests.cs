using nanoFramework.TestFramework;
using OmaDm.Notification.Bootstrap;

namespace OmaDm.Notification.Tests.Bootstrap
{
    [TestClass]
    public class BootstrapAccountTests
    {
        [TestMethod]
        public void Clear_FilledAccount_EveryFieldEmptyPortMinusOne()
        {
            var account = new BootstrapAccount
            {
                ServerId = "s",
                Name = "n",
                ServerAddress = "a",
                ServerPort = 443,
                ServerPassword = "p",
                ServerNonceBase64 = "AA==",
                ClientName = "c",
                ClientPassword = "q",
                ClientNonceBase64 = "AQ==",
                AuthType = "DIGEST",
            };

            account.Clear();

            Assert.IsNull(account.ServerId);
            Assert.IsNull(account.Name);
            Assert.IsNull(account.ServerAddress);
            Assert.AreEqual(-1, account.ServerPort);
            Assert.IsNull(account.ServerPassword);
            Assert.IsNull(account.ServerNonceBase64);
            Assert.IsNull(account.ClientName);
            Assert.IsNull(account.ClientPassword);
            Assert.IsNull(account.ClientNonceBase64);
            Assert.IsNull(account.AuthType);
        }

        [TestMethod]
        public void Constructor_New_PortMinusOne()
        {
            Assert.AreEqual(-1, new BootstrapAccount().ServerPort);
        }
    }
}

using System;
using System.IO;
using System.Text;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Cli;
using OmaDm.Notification.Tests.Storage;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>The README's provisioning example is the one the device tests boot, and the host tool reads the same keys.</summary>
    [TestClass]
    public class ReadmeProvisioningTests
    {
        [TestMethod]
        public void Readme_ProvisioningExample_IsTheVectorTheBootTestUses()
        {
            Assert.AreEqual(Encoding.UTF8.GetString(ProvisioningTests.ReadmeExample), IndentedBlock("[account]"));
        }

        [TestMethod]
        public void Readme_BootstrapSectionExample_IsTheVectorTheBootTestUses()
        {
            Assert.AreEqual(Encoding.UTF8.GetString(OmaDm.Notification.Tests.Firmware.BootstrapSettingsTests.ReadmeBootstrap), IndentedBlock("[bootstrap]"));
        }

        // The README's first indented ``` block whose first line is firstLine, without its indent.
        private static string IndentedBlock(string firstLine)
        {
            string readme = File.ReadAllText(Path.Combine(DeviceProjects.Root, "README.md")).Replace("\r\n", "\n");
            int start = readme.IndexOf("  ```\n  " + firstLine + "\n", StringComparison.Ordinal);
            Assert.IsTrue(start >= 0, "README has no indented ``` block starting with " + firstLine);
            start += "  ```\n".Length;
            int end = readme.IndexOf("  ```\n", start, StringComparison.Ordinal);
            var block = new StringBuilder();
            foreach (string line in readme.Substring(start, end - start).Split('\n'))
            {
                if (line.Length > 0)
                {
                    block.Append(line.Substring(2)).Append('\n');
                }
            }

            return block.ToString();
        }

        [TestMethod]
        public void Readme_DefaultBoard_IsTheOneTheFirmwareBuilds()
        {
            string readme = File.ReadAllText(Path.Combine(DeviceProjects.Root, "README.md"));
            string board = OmaDm.Notification.Firmware.FirmwareConfiguration.CreateDefault().Board.GetType().Name;
            Assert.IsTrue(readme.Contains("the default is `Board = new " + board + "()`"), "README names another default board than " + board);
        }

        [TestMethod]
        public void AccountsFile_SameKeysAndValuesAsProvisioning_ParsesEachResyncValue()
        {
            string[] values = { AccountSettingText.ResyncOff, AccountSettingText.ResyncZeroBytes, AccountSettingText.ResyncZeroBytesThenAscii };
            ResyncPolicy[] policies = { ResyncPolicy.Off, ResyncPolicy.ZeroBytes, ResyncPolicy.ZeroBytesThenAscii };
            for (int i = 0; i < values.Length; i++)
            {
                AccountsFile file = AccountsFile.Parse("{\"accounts\":[{\"serverId\":\"s\",\"password\":\"p\",\"nonce\":\"ZGVtby1ub25jZQ==\",\"resync\":\"" + values[i] + "\",\"sessionIdFormat\":\"decimal\",\"tryNonceText\":true}]}");
                ServerAccount account = file.CreateTable().Find("s");
                Assert.AreEqual(policies[i], account.Resync);
                Assert.AreEqual(OmaDm.Notification.Trigger.SessionIdFormat.Decimal, account.SessionIdFormat);
                Assert.IsTrue(account.TryStoredNonceText);
            }
        }

        [TestMethod]
        public void AccountsFile_NonceTheCoreRefuses_FormatExceptionNamingTheNonce()
        {
            foreach (string nonce in new[] { "QR==", "AAEC Aw==", "AAECAw" })
            {
                string message = null;
                try
                {
                    AccountsFile.Parse("{\"accounts\":[{\"serverId\":\"s\",\"password\":\"p\",\"nonce\":\"" + nonce + "\"}]}");
                }
                catch (FormatException e)
                {
                    message = e.Message;
                }

                Assert.IsNotNull(message, nonce);
                Assert.IsTrue(message.Contains("\"nonce\" is not strict base64"), message);
            }
        }
    }
}

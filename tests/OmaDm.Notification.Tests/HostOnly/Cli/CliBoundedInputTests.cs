using System;
using System.IO;
using System.Threading;
using nanoFramework.TestFramework;
using OmaDm.Notification.Cli;
using OmaDm.Notification.Simulation;

namespace OmaDm.Notification.Tests.HostOnly.Cli
{
    /// <summary>
    /// Bounded input everywhere: a file read has a size bound and a named error, an overlong password
    /// is named as such, a missing serial device is said to be missing, and a chattering modem is logged at the board's
    /// rate (5 lines per kind per minute, then a count).
    /// </summary>
    [TestClass]
    public class CliBoundedInputTests
    {
        [TestMethod]
        public void Listen_AccountsFileOverItsBound_RefusedFileTooLarge()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            try
            {
                using (var file = new FileStream(accounts, FileMode.Open))
                {
                    file.SetLength(AccountsFile.MaxFileBytes + 1L); // sparse: no disk written
                }

                int code = CliRunner.Run(out string output, out string error, "listen", "--accounts", accounts, "--udp", "0");
                Assert.AreEqual(2, code, output + error);
                Assert.Contains("file-too-large", error);
                if (File.Exists("/dev/zero"))
                {
                    code = CliRunner.Run(out output, out error, "listen", "--accounts", "/dev/zero", "--udp", "0");
                    Assert.AreEqual(2, code, output + error);
                    Assert.Contains("file-too-large", error);
                }
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        [TestMethod]
        public void AccountAddAndAccountsFile_HundredThousandCharacterPassword_NamesThePassword()
        {
            string password = new string('p', 100000);
            string state = CliStoreTests.NewStateDirectory();
            Directory.CreateDirectory(state);
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson.Replace("\"secret\"", "\"" + password + "\""));
            try
            {
                int code = CliRunner.Run(out string output, out string error, "account", "add", "--state", state, "--server-id", "s", "--password", password, "--nonce", "bm9uY2UtMQ==");
                Assert.AreEqual(2, code, output + error);
                Assert.Contains("password is longer than 1024 bytes", error);

                code = CliRunner.Run(out output, out error, "listen", "--accounts", accounts, "--udp", "0");
                Assert.AreEqual(2, code, output + error);
                Assert.Contains("password is longer than 1024 bytes", error);
                Assert.IsFalse(error.Contains("server id must"), error);
            }
            finally
            {
                File.Delete(accounts);
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Listen_SerialDeviceMissing_SaysItDoesNotExist()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            try
            {
                int code = CliRunner.Run(out string output, out string error, "listen", "--accounts", accounts, "--no-udp", "--modem", "serial:/nonexistent");
                Assert.AreEqual(2, code, output + error);
                Assert.Contains("'/nonexistent' does not exist", error);
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        [TestMethod]
        public void Listen_ThousandUnexpectedModemLines_FiveLoggedThenCounted()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            var modem = new ScriptedModem(10);
            using var bridge = new ScriptedModemTcpBridge(modem);
            var lines = new LineQueueWriter();
            var errors = new StringWriter();
            using var stop = new CancellationTokenSource();
            int exit = -1;
            var thread = new Thread(() => exit = DmNotify.Run(new[] { "listen", "--accounts", accounts, "--no-udp", "--modem", "tcp:127.0.0.1:" + bridge.Port, "--json" }, lines, errors, stop.Token));
            thread.Start();
            try
            {
                lines.Next();
                lines.Next(); // ready and modem up
                for (int i = 0; i < 1000; i++)
                {
                    modem.EmitUrc("NOISE " + i);
                }

                // A trigger after the noise: once it is reported, every noise line has been read.
                string pdu = CliRunner.RunOk("send", "--sms", "--sender", "+4915112345678", "--server-id", "com.mgmtsrv.manage", "--password", "secret", "--nonce", "bm9uY2UtMQ==", "--session", "1A2B").Trim();
                modem.Receive(pdu);
                Assert.StartsWith("{\"event\":\"session\",\"sessionId\":\"1A2B\"", lines.Next());
            }
            finally
            {
                stop.Cancel();
                thread.Join(TimeSpan.FromSeconds(5));
                File.Delete(accounts);
            }

            Assert.AreEqual(0, exit);
            string log;
            lock (errors)
            {
                log = errors.ToString();
            }

            int logged = log.Split('\n').Length - 1;
            int noise = log.Split("NOISE ").Length - 1;
            Assert.AreEqual(5, noise, log);
            Assert.Contains("modem: warning unexpected-line: NOISE 0", log);
            Assert.IsTrue(logged < 20, "stderr lines: " + logged);
        }
    }
}

using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using nanoFramework.TestFramework;
using OmaDm.Notification.Cli;

namespace OmaDm.Notification.Tests.HostOnly.Cli
{
    /// <summary>Hostile or careless input to the tool, and the SMS decode path through the device's receiver.</summary>
    [TestClass]
    public class CliInputTests
    {
        private const int ManyAccounts = 100_000;

        [TestMethod]
        public void Accounts_ExamplesFile_LoadsTheAccountTheReadmeExamplesUse()
        {
            var file = AccountsFile.Load(Path.Combine(DeviceProjects.Root, "examples", "accounts.json"));

            Assert.AreEqual(1, file.Accounts.Length);
            Assert.AreEqual("com.mgmtsrv.manage", file.Accounts[0].ServerId);
            string readme = File.ReadAllText(Path.Combine(DeviceProjects.Root, "README.md"));
            Assert.IsTrue(readme.Contains("listen --accounts examples/accounts.json"), "README: no listen example with examples/accounts.json");
            Assert.IsTrue(readme.Contains("--server-id com.mgmtsrv.manage --password secret --nonce bm9uY2UtMQ=="), "README: the send example does not sign with the example account");
        }

        [TestMethod]
        public void Accounts_DuplicateServerId_RefusedNamingIt()
        {
            AssertRefused("{\"accounts\":[{\"serverId\":\"a\",\"password\":\"p\"},{\"serverId\":\"b\",\"password\":\"p\"},{\"serverId\":\"a\",\"password\":\"q\"}]}",
                "serverId \"a\" is already used by accounts[0]");
        }

        [TestMethod]
        public void Accounts_EmptyOrMissingPassword_RefusedUnlessAllowedExplicitly()
        {
            AssertRefused("{\"accounts\":[{\"serverId\":\"a\",\"password\":\"\"}]}", "\"password\" is empty");
            AssertRefused("{\"accounts\":[{\"serverId\":\"a\"}]}", "missing \"password\"");
            AssertRefused("{\"accounts\":[{\"serverId\":\"a\",\"password\":\"\",\"allowEmptyPassword\":\"yes\"}]}", "\"allowEmptyPassword\" must be true or false");

            // The captured Nokia PC Suite notification (Nokia PC Suite capture): empty password, empty nonce, version 12.
            string accounts = CliRunner.WriteAccounts("{\"accounts\":[{\"serverId\":\"PC Suite Data Sync\",\"password\":\"\",\"allowEmptyPassword\":true}]}");
            try
            {
                string json = CliRunner.RunOk("decode", "0179ab671b68f26698269b4ca78222ad0318000000000012504320537569746520446174612053796e63106000000008436f6e7461637473", "--as", "pkg0", "--accounts", accounts, "--json");
                Assert.IsTrue(json.Contains("\"verdict\":\"accepted\""), json);
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        [TestMethod]
        public void Accounts_StringNotValidText_RefusedNamingTheAccountAndField()
        {
            // A lone surrogate escape, and a raw 0xFF byte inside a string.
            byte[] surrogate = System.Text.Encoding.ASCII.GetBytes("{\"accounts\":[{\"serverId\":\"srv\",\"password\":\"\\ud800\"}]}");
            byte[] rawByte = System.Text.Encoding.ASCII.GetBytes("{\"accounts\":[{\"serverId\":\"srv\",\"password\":\"a?b\"}]}");
            rawByte[System.Array.IndexOf(rawByte, (byte)'?')] = 0xFF;
            foreach (byte[] bytes in new[] { surrogate, rawByte })
            {
                string path = CliRunner.WriteAccounts(string.Empty);
                File.WriteAllBytes(path, bytes);
                try
                {
                    foreach (string[] args in new[]
                    {
                        new[] { "listen", "--accounts", path, "--udp", "0", "--bind", "127.0.0.1" },
                        new[] { "decode", "00", "--accounts", path },
                    })
                    {
                        Assert.AreEqual(2, CliRunner.Run(out _, out string error, args), error);
                        Assert.IsTrue(error.Contains("accounts[0] (\"srv\"): \"password\" is not valid text (invalid-utf8", StringComparison.Ordinal), error);
                    }
                }
                finally
                {
                    File.Delete(path);
                }
            }
        }

        [TestMethod]
        public void Accounts_NulOrHugeServerId_NamedWithoutEchoingItWhole()
        {
            string nul = CliRunner.WriteAccounts("{\"accounts\":[{\"serverId\":\"a\\u0000b\",\"password\":\"pw\"}]}");
            string huge = CliRunner.WriteAccounts("{\"accounts\":[{\"serverId\":\"" + new string('x', 100000) + "\",\"password\":\"pw\"}]}");
            try
            {
                Assert.AreEqual(2, CliRunner.Run(out _, out string error, "decode", "00", "--accounts", nul), error);
                Assert.IsTrue(error.Contains("server id holds U+0000 (NUL)", StringComparison.Ordinal), error);
                Assert.AreEqual(2, CliRunner.Run(out _, out error, "decode", "00", "--accounts", huge), error);
                Assert.IsTrue(error.Contains("(100,000 characters)", StringComparison.Ordinal) && error.Length < 1000, error.Length + " " + error[..200]);
            }
            finally
            {
                File.Delete(nul);
                File.Delete(huge);
            }
        }

        [TestMethod]
        public void Listen_ProvisionIsADirectory_SaysSo()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            try
            {
                Assert.AreEqual(2, CliRunner.Run(out _, out string error, "listen", "--accounts", accounts, "--provision", Path.GetTempPath(), "--udp", "0", "--bind", "127.0.0.1"), error);
                Assert.IsTrue(error.Contains("is a directory, not a file", StringComparison.Ordinal), error);
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        [TestMethod]
        public void Accounts_NonBooleanFlag_Refused()
        {
            AssertRefused("{\"accounts\":[{\"serverId\":\"a\",\"password\":\"p\",\"tryNonceText\":\"true\"}]}", "\"tryNonceText\" must be true or false, not \"true\"");
            AssertRefused("{\"accounts\":[{\"serverId\":\"a\",\"password\":\"p\",\"tryNonceText\":1}]}", "\"tryNonceText\" must be true or false, not 1");
        }

        [TestMethod]
        public void Accounts_HundredThousand_LoadedInLinearTime()
        {
            // Quadratic loading took over two minutes for this file; linear loading takes about a second on the
            // development machine. The bound leaves room for a loaded CI host without letting quadratic time pass.
            string accounts = CliRunner.WriteAccounts(ManyAccountsJson(ManyAccounts));
            try
            {
                var watch = Stopwatch.StartNew();
                string json = CliRunner.RunOk("decode", Package0For("server-99999"), "--as", "pkg0", "--accounts", accounts, "--json");
                Assert.IsTrue(json.Contains("\"verdict\":\"accepted\""), json);
                Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(30), "took " + watch.Elapsed);
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        [TestMethod]
        public void Accounts_StoppedWhileLoading_ExitsCleanlyAtOnce()
        {
            string accounts = CliRunner.WriteAccounts(ManyAccountsJson(ManyAccounts));
            try
            {
                using var stop = new CancellationTokenSource();
                stop.Cancel();
                var output = new StringWriter();
                var error = new StringWriter();
                var watch = Stopwatch.StartNew();
                int code = DmNotify.Run(new[] { "listen", "--accounts", accounts, "--udp", "0", "--json" }, output, error, stop.Token);
                Assert.AreEqual(0, code, error.ToString());
                Assert.IsTrue(error.ToString().Contains("stopped"), error.ToString());
                Assert.AreEqual(string.Empty, output.ToString(), "nothing started");
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        [TestMethod]
        public void Send_OverlongHostName_OneLineUsageError()
        {
            string host = new string('a', 300) + ".example";
            int code = CliRunner.Run(out _, out string error, "send", "--server-id", "s", "--password", "p", "--session", "1", "--to", "udp:" + host + ":2948");
            Assert.AreEqual(2, code, error);
            Assert.AreEqual(1, error.Trim().Split('\n').Length, error);
            Assert.IsTrue(error.StartsWith("dmnotify: --to: cannot resolve"), error);
        }

        [TestMethod]
        public void Send_DatagramTooLargeForUdp_OneLineUsageError()
        {
            int code = CliRunner.Run(out _, out string error, "send", "--server-id", "s", "--password", "p", "--session", "1", "--vendor", new string('A', 2 * 70_000), "--to", "udp:127.0.0.1:9");
            Assert.AreEqual(2, code, error);
            Assert.AreEqual(1, error.Trim().Split('\n').Length, error);
            Assert.IsTrue(error.Contains("more than a UDP datagram carries"), error);
        }

        [TestMethod]
        public void Send_SmsReference_WrittenInEveryPart()
        {
            string[] trigger = { "send", "--sms", "--server-id", "com.mgmtsrv.manage", "--password", "secret", "--session", "1", "--vendor", new string('7', 300) };
            string[] eight = Lines(CliRunner.RunOk(Concat(trigger, "--reference", "200")));
            Assert.IsTrue(eight.Length >= 2);
            foreach (string part in eight)
            {
                Assert.IsTrue(part.Contains("0003C8" + eight.Length.ToString("X2")), part); // IEI 00, length 3, reference 0xC8
            }

            string[] sixteen = Lines(CliRunner.RunOk(Concat(trigger, "--reference", "4660")));
            foreach (string part in sixteen)
            {
                Assert.IsTrue(part.Contains("08041234" + sixteen.Length.ToString("X2")), part); // IEI 08, length 4, reference 0x1234
            }
        }

        [TestMethod]
        public void Decode_InterleavedConcatenatedSms_EachCompletedThroughTheReceiver()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            try
            {
                string[] a = Lines(CliRunner.RunOk(SmsTrigger("A1", "7")));
                string[] b = Lines(CliRunner.RunOk(SmsTrigger("B2", "8")));
                string[] lone = Lines(CliRunner.RunOk(SmsTrigger("C3", "9")));
                Assert.IsTrue(a.Length == 2 && b.Length == 2 && lone.Length == 2, "two parts each");
                int code = CliRunner.Run(out string output, out string error, "decode", a[0], b[1], b[0], a[1], lone[0], "--as", "sms", "--accounts", accounts, "--json");
                string[] reports = Lines(output);
                Assert.AreEqual(1, code, "the lone part never completes: " + output + error);
                Assert.IsTrue(reports[1].Contains("\"reassembly\":\"waiting for more of 2 parts\""), reports[1]);
                Assert.IsTrue(reports[2].Contains("\"verdict\":\"accepted\"") && reports[2].Contains("\"sessionId\":\"B2\"") && reports[2].Contains("\"reassembly\":\"complete, 2 parts\""), reports[2]);
                Assert.IsTrue(reports[3].Contains("\"verdict\":\"accepted\"") && reports[3].Contains("\"sessionId\":\"A1\""), reports[3]);
                Assert.IsTrue(reports[4].Contains("\"verdict\":\"rejected\",\"reason\":\"incomplete\""), reports[4]);

                // Foreign to the receiver: an ordinary 7-bit text stays a rejection with its reason.
                code = CliRunner.Run(out output, out _, "decode", "0004089151551000000062101000000000" + "05" + "C8329BFD06", "--as", "sms", "--json");
                Assert.AreEqual(1, code);
                Assert.IsTrue(output.Contains("\"reason\":\"unsupported-coding\""), output);
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        private static string[] SmsTrigger(string session, string reference)
        {
            return new[] { "send", "--sms", "--server-id", "com.mgmtsrv.manage", "--password", "secret", "--nonce", "bm9uY2UtMQ==", "--session", session, "--vendor", new string('5', 200), "--reference", reference };
        }

        private static void AssertRefused(string json, string expected)
        {
            string accounts = CliRunner.WriteAccounts(json);
            try
            {
                int code = CliRunner.Run(out _, out string error, "decode", "00", "--accounts", accounts);
                Assert.AreEqual(2, code, error);
                Assert.IsTrue(error.Contains(accounts) && error.Contains(expected), error);
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        private static string ManyAccountsJson(int count)
        {
            var json = new StringBuilder("{\"accounts\":[");
            for (int i = 0; i < count; i++)
            {
                json.Append(i == 0 ? string.Empty : ",").Append("{\"serverId\":\"server-").Append(i).Append("\",\"password\":\"pw-").Append(i).Append("\",\"nonce\":\"bm9uY2UtMQ==\"}");
            }

            return json.Append("]}").ToString();
        }

        private static string Package0For(string serverId)
        {
            return CliRunner.RunOk("send", "--raw", "--server-id", serverId, "--password", "pw-99999", "--nonce", "bm9uY2UtMQ==", "--session", "1").Trim();
        }

        private static string[] Lines(string text)
        {
            return text.Replace("\r", string.Empty).Trim().Split('\n');
        }

        private static string[] Concat(string[] first, params string[] more)
        {
            var all = new string[first.Length + more.Length];
            first.CopyTo(all, 0);
            more.CopyTo(all, first.Length);
            return all;
        }
    }
}

using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using nanoFramework.TestFramework;
using OmaDm.Notification.Cli;
using OmaDm.Notification.Simulation;

namespace OmaDm.Notification.Tests.HostOnly.Cli
{
    /// <summary>The README's bootstrap example: an empty device, a signed bootstrap, then a trigger with its credentials.</summary>
    [TestClass]
    public class CliBootstrapTests
    {
        private static readonly Regex LoopbackSource = new Regex("\"source\":\"127\\.0\\.0\\.1:\\d+\"");

        private static string StateDirectory()
        {
            string path = Path.Combine(Path.GetTempPath(), "dmnotify-bootstrap-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            return path;
        }

        private static void AssertStartsWith(string text, string start) => Assert.IsTrue(text.StartsWith(start, StringComparison.Ordinal), text);

        private static void AssertContains(string text, string part) => Assert.IsTrue(text.Contains(part, StringComparison.Ordinal), text);

        private static string Line(RunningListener listener) => LoopbackSource.Replace(listener.Lines.Next(), "\"source\":\"SRC\"");

        private static string[] Bootstrap(string to, string profile, string pin) => new[]
        {
            "send", "--bootstrap", profile, "--server-id", "com.example.dms", "--password", "s3cret", "--nonce", "bm9uY2U=",
            "--address", "https://dm.example.com/dm", "--client-name", "dev-1", "--client-password", "c1ient",
            "--sec", "userpin", "--pin", pin, "--to", to,
        };

        private static string[] Trigger(string to, string session) => new[]
        {
            "send", "--server-id", "com.example.dms", "--password", "s3cret", "--nonce", "bm9uY2U=", "--session", session, "--to", to,
        };

        [TestMethod]
        public void Listen_EmptyStateSignedCpBootstrapThenTrigger_BootstrapEventThenSessionAndRestartKeepsTheAccount()
        {
            string state = StateDirectory();
            try
            {
                using (var listener = new RunningListener("--state", state, "--bootstrap-pin", "2468"))
                {
                    CliRunner.RunOk(Trigger(listener.To, "0101"));
                    Assert.AreEqual("{\"event\":\"rejected\",\"bearer\":\"udp\",\"source\":\"SRC\",\"reason\":\"unknown-server\"}", Line(listener));

                    CliRunner.RunOk(Bootstrap(listener.To, "cp", "1111"));
                    Assert.AreEqual("{\"event\":\"rejected\",\"bearer\":\"udp\",\"source\":\"SRC\",\"reason\":\"bootstrap-mac-mismatch\"}", Line(listener));

                    CliRunner.RunOk(Bootstrap(listener.To, "cp", "2468"));
                    Assert.AreEqual(
                        "{\"event\":\"bootstrap\",\"serverId\":\"com.example.dms\",\"profile\":\"cp\",\"sec\":\"userpin\",\"bearer\":\"udp\",\"source\":\"SRC\",\"replaced\":false,\"address\":\"https://dm.example.com/dm\"}",
                        Line(listener));

                    CliRunner.RunOk(Trigger(listener.To, "0102"));
                    AssertStartsWith(Line(listener), "{\"event\":\"session\",\"sessionId\":\"102\",\"serverId\":\"com.example.dms\"");

                    // The same account again (a DM-profile push this time): the overwrite policy is off.
                    CliRunner.RunOk(Bootstrap(listener.To, "dm", "2468"));
                    Assert.AreEqual("{\"event\":\"rejected\",\"bearer\":\"udp\",\"source\":\"SRC\",\"reason\":\"bootstrap-account-exists\"}", Line(listener));
                    Assert.IsFalse(listener.Errors.ToString().Contains("2468"), "the PIN is never printed");
                }

                // A restart with no bootstrap flags: the store now holds the account.
                using (var listener = new RunningListener("--state", state))
                {
                    CliRunner.RunOk(Trigger(listener.To, "0103"));
                    AssertStartsWith(Line(listener), "{\"event\":\"session\",\"sessionId\":\"103\",\"serverId\":\"com.example.dms\"");
                }
            }
            finally
            {
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Listen_DmProfileBootstrapOverwriteOn_ReplacesTheAccount()
        {
            string state = StateDirectory();
            try
            {
                using var listener = new RunningListener("--state", state, "--bootstrap-pin", "2468", "--bootstrap-overwrite", "true");
                CliRunner.RunOk(Bootstrap(listener.To, "dm", "2468"));
                AssertStartsWith(Line(listener), "{\"event\":\"bootstrap\",\"serverId\":\"com.example.dms\",\"profile\":\"dm\",\"sec\":\"userpin\"");
                CliRunner.RunOk(Bootstrap(listener.To, "cp", "2468"));
                AssertContains(Line(listener), "\"replaced\":true");
            }
            finally
            {
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Listen_NonceCommittedByAnotherWriterBeforeTheBootstrap_BothSurvive()
        {
            string state = StateDirectory();
            try
            {
                CliRunner.RunOk("account", "add", "--state", state, "--server-id", "srv", "--password", "pw", "--nonce", "b2xk");
                using var listener = new RunningListener("--state", state, "--bootstrap-pin", "2468");
                using var editor = OmaDm.Notification.Cli.Store.StateDirectory.Open(state, listener: false);
                using (editor.LockStore())
                {
                    // What dmnotify nonce does, while the listener still holds the old nonce in memory; the lock stays
                    // held while the bootstrap arrives, so the listener's poll cannot have re-read the store first.
                    var store = new OmaDm.Notification.Storage.Accounts.AccountStore(editor.Files);
                    store.Open();
                    Assert.AreEqual(OmaDm.Notification.Storage.Records.StoreReason.None, store.UpdateNonce("srv", "bmV3"));
                    CliRunner.RunOk(Bootstrap(listener.To, "cp", "2468"));
                    Thread.Sleep(500);
                }

                AssertStartsWith(Line(listener), "{\"event\":\"bootstrap\",\"serverId\":\"com.example.dms\"");
                string list = CliRunner.RunOk("account", "list", "--state", state);
                AssertContains(list, "srv\tnonce=bmV3\t");
                AssertContains(list, "com.example.dms\tnonce=bm9uY2U=\t");
            }
            finally
            {
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Listen_EmptyStateWithoutABootstrapSecret_RefusesToStart()
        {
            string state = StateDirectory();
            try
            {
                int exit = CliRunner.Run(out _, out string error, "listen", "--state", state, "--udp", "0", "--bind", "127.0.0.1");
                Assert.AreNotEqual(0, exit);
                AssertContains(error, "--bootstrap-pin");
                exit = CliRunner.Run(out _, out error, "listen", "--state", state, "--udp", "0", "--bootstrap-sec", "userpinmac", "--bootstrap-pin", "1");
                AssertContains(error, "--bootstrap-sec");
            }
            finally
            {
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Send_BootstrapWsp_DecodesAsASignedPush()
        {
            string hex = CliRunner.RunOk("send", "--bootstrap", "cp", "--server-id", "com.example.dms", "--password", "s3cret", "--sec", "netwpin", "--imsi", "466923103145252", "--wsp").Trim();
            // TID 01, Push, headers, then 1F 2D B6 91 80 92 (Length-quote, CP, SEC=NETWPIN, MAC).
            AssertContains(hex, "01062F1F2DB6918092");
            Assert.AreNotEqual(0, CliRunner.Run(out _, out string error, "send", "--bootstrap", "cp", "--server-id", "x", "--password", "y", "--sec", "userpin", "--wsp"));
            AssertContains(error, "--pin");
        }

        [TestMethod]
        public void Decode_BootstrapPush_ShowsTheDocumentAndTheMacVerdictWithThePin()
        {
            string hex = CliRunner.RunOk("send", "--bootstrap", "dm", "--server-id", "com.example.dms", "--password", "s3cret", "--address", "https://dm.example.com/dm", "--sec", "userpin", "--pin", "2468", "--wsp").Trim();

            string good = CliRunner.RunOk("decode", hex, "--pin", "2468");
            AssertContains(good, "profile=dm sec=userpin");
            AssertContains(good, "macVerdict=match");
            AssertContains(good, "serverId=com.example.dms");
            AssertContains(good, "address=https://dm.example.com/dm");
            AssertContains(good, "verdict: authenticated");
            Assert.IsFalse(good.Contains("s3cret", StringComparison.Ordinal), "passwords are not printed");

            Assert.AreNotEqual(0, CliRunner.Run(out string bad, out _, "decode", hex, "--pin", "1111", "--json"));
            AssertContains(bad, "\"verdict\":\"rejected\",\"reason\":\"bootstrap-mac-mismatch\"");

            AssertContains(CliRunner.RunOk("decode", hex), "macVerdict=not-checked");
        }

        [TestMethod]
        public void Listen_ThreePartSmsBootstrapThroughTheScriptedModemThenSmsTrigger_BootstrapEventThenSession() => SmsBootstrap(true);

        [TestMethod]
        public void Listen_ModemWithoutImsiFlag_ImsiFromAtCimiKeysUserNetworkPin() => SmsBootstrap(false);

        private static void SmsBootstrap(bool imsiFlag)
        {
            string state = StateDirectory();
            var modem = new ScriptedModem(10);
            modem.Imsi = "466923103145252";
            using var bridge = new ScriptedModemTcpBridge(modem);
            var lines = new LineQueueWriter();
            using var stop = new CancellationTokenSource();
            int exit = -1;
            string[] args = imsiFlag
                ? new[] { "listen", "--state", state, "--no-udp", "--modem", "tcp:127.0.0.1:" + bridge.Port, "--json", "--bootstrap-pin", "2468", "--imsi", "466923103145252", "--bootstrap-sec", "usernetwpin" }
                : new[] { "listen", "--state", state, "--no-udp", "--modem", "tcp:127.0.0.1:" + bridge.Port, "--json", "--bootstrap-pin", "2468" };
            var thread = new Thread(() => exit = DmNotify.Run(args, lines, TextWriter.Null, stop.Token));
            thread.Start();
            try
            {
                string first = lines.Next();
                string second = lines.Next();
                Assert.IsTrue((first + second).Contains("\"udpPort\":null", StringComparison.Ordinal) && (first + second).Contains("\"state\":\"up\"", StringComparison.Ordinal), first + " " + second);

                string pdus = CliRunner.RunOk(
                    "send", "--bootstrap", "cp", "--server-id", "com.example.dms", "--password", "s3cret", "--nonce", "bm9uY2U=",
                    "--address", "https://dm.example.com/devicemanagement/bootstrap/endpoint/for/this/fleet/of/boards",
                    "--client-name", "dev-1", "--client-password", "c1ient", "--sec", "usernetwpin", "--pin", "2468", "--imsi", "466923103145252",
                    "--sms", "--sender", "+4915112345678");
                string[] parts = pdus.Trim().Split('\n');
                Assert.AreEqual(3, parts.Length, pdus);
                Assert.AreEqual(imsiFlag ? 0 : 1, modem.CountCommand("AT+CIMI"), modem.DialogueText());
                for (int i = parts.Length - 1; i >= 0; i--)
                {
                    modem.Receive(parts[i].Trim());
                }

                Assert.AreEqual(
                    "{\"event\":\"bootstrap\",\"serverId\":\"com.example.dms\",\"profile\":\"cp\",\"sec\":\"usernetwpin\",\"bearer\":\"sms\",\"source\":\"+4915112345678\",\"replaced\":false,\"address\":\"https://dm.example.com/devicemanagement/bootstrap/endpoint/for/this/fleet/of/boards\"}",
                    lines.Next());

                string trigger = CliRunner.RunOk("send", "--server-id", "com.example.dms", "--password", "s3cret", "--nonce", "bm9uY2U=", "--session", "0BEE", "--sms", "--sender", "+4915112345678");
                foreach (string part in trigger.Trim().Split('\n'))
                {
                    modem.Receive(part.Trim());
                }

                AssertStartsWith(lines.Next(), "{\"event\":\"session\",\"sessionId\":\"BEE\",\"serverId\":\"com.example.dms\",\"bearer\":\"sms\"");
            }
            finally
            {
                stop.Cancel();
                thread.Join(TimeSpan.FromSeconds(5));
                Directory.Delete(state, true);
            }

            Assert.AreEqual(0, exit);
        }
    }
}

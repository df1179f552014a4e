using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using nanoFramework.TestFramework;
using OmaDm.Notification.Cli;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.Modem;

namespace OmaDm.Notification.Tests.HostOnly.Cli
{
    [TestClass]
    public class CliListenTests
    {
        private static readonly Regex ReadyLine = new Regex("^\\{\"event\":\"ready\",\"udpPort\":(\\d+)\\}$");
        private static readonly Regex LoopbackSource = new Regex("\"source\":\"127\\.0\\.0\\.1:\\d+\"");

        [TestMethod]
        public void Listen_UdpTriggers_SessionRejectedDuplicateJsonLines()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            var lines = new LineQueueWriter();
            using var stop = new CancellationTokenSource();
            int exit = -1;
            var thread = new Thread(() => exit = DmNotify.Run(new[] { "listen", "--accounts", accounts, "--udp", "0", "--bind", "127.0.0.1", "--json" }, lines, TextWriter.Null, stop.Token));
            thread.Start();
            try
            {
                Match ready = ReadyLine.Match(lines.Next());
                Assert.IsTrue(ready.Success);
                string to = "udp:127.0.0.1:" + ready.Groups[1].Value;
                string[] trigger = { "send", "--to", to, "--server-id", "com.mgmtsrv.manage", "--password", "secret", "--nonce", "bm9uY2UtMQ==", "--session", "00AB", "--ui-mode", "informative", "--vendor", "0102" };

                CliRunner.RunOk(trigger);
                Assert.AreEqual(
                    "{\"event\":\"session\",\"sessionId\":\"AB\",\"serverId\":\"com.mgmtsrv.manage\",\"bearer\":\"udp\",\"source\":\"SRC\",\"uiMode\":\"informative\",\"initiator\":\"server\",\"version\":11,\"nonce\":\"stored\",\"vendor\":\"0102\"}",
                    LoopbackSource.Replace(lines.Next(), "\"source\":\"SRC\""));

                CliRunner.RunOk(trigger);
                Assert.AreEqual("{\"event\":\"duplicate\",\"sessionId\":\"AB\",\"serverId\":\"com.mgmtsrv.manage\"}", lines.Next());

                string[] forged = (string[])trigger.Clone();
                forged[6] = "wrong";
                forged[10] = "AC";
                CliRunner.RunOk(forged);
                Assert.AreEqual("{\"event\":\"rejected\",\"bearer\":\"udp\",\"source\":\"SRC\",\"reason\":\"digest-mismatch\"}", LoopbackSource.Replace(lines.Next(), "\"source\":\"SRC\""));

                string[] unknown = (string[])trigger.Clone();
                unknown[4] = "other.server";
                CliRunner.RunOk(unknown);
                Assert.AreEqual("{\"event\":\"rejected\",\"bearer\":\"udp\",\"source\":\"SRC\",\"reason\":\"unknown-server\"}", LoopbackSource.Replace(lines.Next(), "\"source\":\"SRC\""));
            }
            finally
            {
                stop.Cancel();
                thread.Join(TimeSpan.FromSeconds(5));
                File.Delete(accounts);
            }

            Assert.AreEqual(0, exit);
        }

        [TestMethod]
        public void Listen_TextModeForgery_RejectionPrintedOnce()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            var lines = new LineQueueWriter();
            using var stop = new CancellationTokenSource();
            int exit = -1;
            var thread = new Thread(() => exit = DmNotify.Run(new[] { "listen", "--accounts", accounts, "--udp", "0", "--bind", "127.0.0.1" }, lines, TextWriter.Null, stop.Token));
            thread.Start();
            try
            {
                string ready = lines.Next();
                while (!ready.StartsWith("ready: UDP port ", StringComparison.Ordinal))
                {
                    ready = lines.Next();
                }

                string port = ready.Substring("ready: UDP port ".Length).Split(';')[0];
                string[] forged = { "send", "--to", "udp:127.0.0.1:" + port, "--server-id", "com.mgmtsrv.manage", "--password", "wrong", "--nonce", "bm9uY2UtMQ==", "--session", "00AB" };
                CliRunner.RunOk(forged);
                string[] valid = (string[])forged.Clone();
                valid[6] = "secret";
                CliRunner.RunOk(valid);

                // Every line up to the session that follows the forgery: the forgery is named in exactly one of them.
                int named = 0;
                for (string line = lines.Next(); !line.Contains("session AB", StringComparison.Ordinal) || line.Contains("digest-mismatch", StringComparison.Ordinal); line = lines.Next())
                {
                    named += line.Contains("digest-mismatch", StringComparison.Ordinal) ? 1 : 0;
                }

                Assert.AreEqual(1, named);
            }
            finally
            {
                stop.Cancel();
                thread.Join(TimeSpan.FromSeconds(5));
                File.Delete(accounts);
            }

            Assert.AreEqual(0, exit);
        }

        [TestMethod]
        public void Listen_ScriptedModemOnTcp_SmsSessionAndForeignTextKept()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            var modem = new ScriptedModem(10);
            // An ordinary text (no user data header) stored before start-up: the sweep must leave it in storage.
            const string ForeignText = "0004089151551000000062101000000000" + "05" + "C8329BFD06";
            modem.Store(ForeignText);
            using var bridge = new ScriptedModemTcpBridge(modem);
            var listen = new ModemListen(accounts, bridge);
            LineQueueWriter lines = listen.Lines;
            int exit = -1;
            try
            {
                // The start-up sweep reports the stored text (and leaves it in storage), before or after set-up is declared
                // ready and the modem up.
                const string Foreign = "{\"event\":\"rejected\",\"bearer\":\"sms\",\"source\":\"+15550100\",\"reason\":\"unsupported-coding\"}";
                Assert.AreEqual(ReadyNoUdp + "|" + Foreign + "|" + ModemUp, NextSorted(lines, 3, ReadyNoUdp, Foreign, ModemUp));
                string vendor = new string('7', 400);
                string pdus = CliRunner.RunOk("send", "--sms", "--sender", "+4915112345678", "--server-id", "com.mgmtsrv.manage", "--password", "secret", "--nonce", "bm9uY2UtMQ==", "--session", "FFFF", "--initiator", "client", "--ui-mode", "user-interaction", "--version", "12", "--vendor", vendor);
                string[] parts = pdus.Trim().Split('\n');
                Assert.IsTrue(parts.Length >= 2, pdus);
                for (int i = parts.Length - 1; i >= 0; i--)
                {
                    modem.Receive(parts[i].Trim());
                }

                Assert.AreEqual(
                    "{\"event\":\"session\",\"sessionId\":\"FFFF\",\"serverId\":\"com.mgmtsrv.manage\",\"bearer\":\"sms\",\"source\":\"+4915112345678\",\"uiMode\":\"user-interaction\",\"initiator\":\"client\",\"version\":12,\"nonce\":\"stored\",\"vendor\":\"" + vendor + "\"}",
                    lines.Next());
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => modem.StoredCount == 1, 5000), modem.DialogueText());
                Assert.IsTrue(modem.Holds(ForeignText));
            }
            finally
            {
                exit = listen.Stop();
                File.Delete(accounts);
            }

            Assert.AreEqual(0, exit);
        }

        private const string ModemUp = "{\"event\":\"modem\",\"state\":\"up\"}";
        private const string ReadyNoUdp = "{\"event\":\"ready\",\"udpPort\":null}";

        [TestMethod]
        public void Listen_ModemLinkDrops_ModemDownUpAndTriggerStoredMeanwhileSwept()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            var modem = new ScriptedModem(10);
            using var bridge = new ScriptedModemTcpBridge(modem);
            var listen = new ModemListen(accounts, bridge);
            LineQueueWriter lines = listen.Lines;
            int exit = -1;
            try
            {
                Assert.AreEqual(ReadyNoUdp + "|" + ModemUp, NextSorted(lines, 2, ReadyNoUdp, ModemUp));

                bridge.Unplug(); // ser2net restarted, or its USB modem re-enumerating
                Assert.AreEqual("{\"event\":\"modem\",\"state\":\"down\",\"reason\":\"link-closed\"}", lines.Next());
                string pdu = CliRunner.RunOk("send", "--sms", "--sender", "+4915112345678", "--server-id", "com.mgmtsrv.manage", "--password", "secret", "--nonce", "bm9uY2UtMQ==", "--session", "1A2B").Trim();
                Assert.IsFalse(pdu.Contains('\n'), pdu);
                modem.Store(pdu); // arrives while nobody listens: stored, its +CMTI lost
                bridge.Plug();

                Assert.AreEqual(ModemUp, lines.Next());
                Assert.IsTrue(lines.Next().StartsWith("{\"event\":\"session\",\"sessionId\":\"1A2B\",\"serverId\":\"com.mgmtsrv.manage\",\"bearer\":\"sms\""));
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => modem.StoredCount == 0, 5000), modem.DialogueText());
                Assert.IsTrue(bridge.Connections >= 2);
            }
            finally
            {
                exit = listen.Stop();
                File.Delete(accounts);
            }

            Assert.AreEqual(0, exit);
        }

        /// <summary><c>listen --no-udp --modem tcp:127.0.0.1:PORT --json</c> on a thread, its lines in a queue.</summary>
        private sealed class ModemListen
        {
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();
            private readonly Thread _thread;
            private int _exit = -1;

            public ModemListen(string accounts, ScriptedModemTcpBridge bridge)
            {
                _thread = new Thread(() => _exit = DmNotify.Run(new[] { "listen", "--accounts", accounts, "--no-udp", "--modem", "tcp:127.0.0.1:" + bridge.Port, "--json" }, Lines, TextWriter.Null, _stop.Token));
                _thread.Start();
            }

            public LineQueueWriter Lines { get; } = new LineQueueWriter();

            /// <summary>Stops it (Ctrl-C) and returns its exit code.</summary>
            public int Stop()
            {
                _stop.Cancel();
                _thread.Join(TimeSpan.FromSeconds(5));
                _stop.Dispose();
                return _exit;
            }
        }

        // Reads n lines that may come in any order; returns them in the order of the expected ones, '|'-joined.
        private static string NextSorted(LineQueueWriter lines, int n, params string[] expected)
        {
            var got = new System.Collections.Generic.List<string>();
            for (int i = 0; i < n; i++)
            {
                got.Add(lines.Next());
            }

            got.Sort((a, b) => Array.IndexOf(expected, a).CompareTo(Array.IndexOf(expected, b)));
            return string.Join("|", got);
        }

        [TestMethod]
        public void Listen_ScriptedModemOnSerialPseudoTerminal_SmsSession()
        {
            // A USB modem on a gateway is a serial device: the scripted modem behind a pseudo-terminal stands in for it.
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            var modem = new ScriptedModem(10);
            using var pty = ScriptedModemPseudoTerminal.TryOpen(modem, out string why);
            if (pty == null)
            {
                Assert.SkipTest(why);
            }

            var lines = new LineQueueWriter();
            using var stop = new CancellationTokenSource();
            int exit = -1;
            var thread = new Thread(() => exit = DmNotify.Run(new[] { "listen", "--accounts", accounts, "--no-udp", "--modem", "serial:" + pty.DevicePath + "@115200", "--json" }, lines, TextWriter.Null, stop.Token));
            thread.Start();
            try
            {
                Assert.AreEqual(ReadyNoUdp + "|" + ModemUp, NextSorted(lines, 2, ReadyNoUdp, ModemUp));
                string pdus = CliRunner.RunOk("send", "--sms", "--sender", "+4915112345678", "--server-id", "com.mgmtsrv.manage", "--password", "secret", "--nonce", "bm9uY2UtMQ==", "--session", "5E", "--vendor", new string('3', 300));
                string[] parts = pdus.Trim().Split('\n');
                Assert.IsTrue(parts.Length >= 2, pdus);
                foreach (string part in parts)
                {
                    modem.Receive(part.Trim());
                }

                Assert.StartsWith("{\"event\":\"session\",\"sessionId\":\"5E\",\"serverId\":\"com.mgmtsrv.manage\",\"bearer\":\"sms\",\"source\":\"+4915112345678\"", lines.Next());
                Assert.IsTrue(ModemTestPeers.WaitUntil(() => modem.StoredCount == 0, 5000), modem.DialogueText());
            }
            finally
            {
                stop.Cancel();
                thread.Join(TimeSpan.FromSeconds(5));
                File.Delete(accounts);
            }

            Assert.AreEqual(0, exit);
        }

        [TestMethod]
        public void Listen_StateDirectory_DuplicateRecognisedAfterRestart()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            string state = Path.Combine(Path.GetTempPath(), "dmnotify-state-" + Guid.NewGuid().ToString("N"));
            try
            {
                Assert.IsTrue(ListenOnceAndSend(accounts, state).StartsWith("{\"event\":\"session\",\"sessionId\":\"77\""));
                Assert.IsTrue(File.Exists(Path.Combine(state, "dmsessions.a")));
                Assert.AreEqual("{\"event\":\"duplicate\",\"sessionId\":\"77\",\"serverId\":\"com.mgmtsrv.manage\"}", ListenOnceAndSend(accounts, state));
            }
            finally
            {
                File.Delete(accounts);
                Directory.Delete(state, true);
            }
        }

        private static string ListenOnceAndSend(string accounts, string state)
        {
            var lines = new LineQueueWriter();
            using var stop = new CancellationTokenSource();
            var thread = new Thread(() => DmNotify.Run(new[] { "listen", "--accounts", accounts, "--udp", "0", "--bind", "127.0.0.1", "--state", state, "--json" }, lines, TextWriter.Null, stop.Token));
            thread.Start();
            try
            {
                Match ready = ReadyLine.Match(lines.Next());
                Assert.IsTrue(ready.Success);
                CliRunner.RunOk("send", "--to", "udp:127.0.0.1:" + ready.Groups[1].Value, "--server-id", "com.mgmtsrv.manage", "--password", "secret", "--nonce", "bm9uY2UtMQ==", "--session", "77");
                return lines.Next();
            }
            finally
            {
                stop.Cancel();
                thread.Join(TimeSpan.FromSeconds(5));
            }
        }

        [TestMethod]
        public void Listen_BrokenAccountsFile_UsageErrorNamesFile()
        {
            string accounts = CliRunner.WriteAccounts("{\"accounts\":[{\"serverId\":\"a\",\"password\":\"p\"");
            try
            {
                int code = CliRunner.Run(out _, out string error, "listen", "--accounts", accounts, "--udp", "0", "--json");
                Assert.AreEqual(2, code);
                Assert.IsTrue(error.Contains(accounts), error);
                Assert.IsTrue(error.Contains("not valid JSON"), error);
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        [TestMethod]
        public void Listen_MissingAccountsFile_UsageErrorNamesFile()
        {
            string path = Path.Combine(Path.GetTempPath(), "dmnotify-missing-" + Guid.NewGuid().ToString("N") + ".json");
            int code = CliRunner.Run(out _, out string error, "listen", "--accounts", path, "--udp", "0");
            Assert.AreEqual(2, code);
            Assert.IsTrue(error.Contains(path) && error.Contains("cannot be read"), error);
        }

        [TestMethod]
        public void Listen_BadResyncValue_UsageErrorNamesFieldAndFile()
        {
            string accounts = CliRunner.WriteAccounts("{\"accounts\":[{\"serverId\":\"a\",\"password\":\"p\",\"nonce\":\"\",\"resync\":\"sometimes\"}]}");
            try
            {
                int code = CliRunner.Run(out _, out string error, "listen", "--accounts", accounts, "--udp", "0");
                Assert.AreEqual(2, code);
                Assert.IsTrue(error.Contains(accounts) && error.Contains("\"resync\""), error);
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        [TestMethod]
        public void Demo_Runs_ExitsZeroWithFourOutcomes()
        {
            int code = CliRunner.Run(out string output, out string error, "demo");
            Assert.AreEqual(0, code, output + error);
            Assert.IsTrue(output.Contains("-> ACCEPTED: the agent asked the DM client to open session 1234"), output);
            Assert.IsTrue(output.Contains("-> ACCEPTED: the agent asked the DM client to open session 1235 with com.mgmtsrv.manage (bearer sms"), output);
            Assert.IsTrue(output.Contains("deleted every part from modem storage"), output);
            Assert.IsTrue(output.Contains("-> REJECTED: digest-mismatch"), output);
            Assert.IsTrue(output.Contains("-> DUPLICATE: session 1234"), output);
            Assert.IsFalse(output.Contains("modem: warning") || output.Contains("modem: error"), output);
        }
    }
}

using System;
using System.IO;
using System.Threading;
using nanoFramework.TestFramework;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.FileSystem;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Tests.Storage;

namespace OmaDm.Notification.Tests.HostOnly.Cli
{
    /// <summary>
    /// listen hosts the firmware's NotificationService over the device's store in a state directory, and the store
    /// commands change it while a listener runs; listen --state persists first and refuses what it cannot write.
    /// </summary>
    [TestClass]
    public class CliStoreTests
    {
        private const string ServerId = "com.mgmtsrv.manage";
        private const string OldNonce = "bm9uY2UtMQ==";   // "nonce-1", CliRunner.AccountsJson's
        private const string NewNonce = "bm9uY2UtMg==";   // "nonce-2"

        [TestMethod]
        public void Listen_NonceChangedAndRestart_OldTriggerRefusedNewAcceptedStoreInDeviceFormat()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            string state = NewStateDirectory();
            try
            {
                using (var listener = new RunningListener("--accounts", accounts, "--state", state))
                {
                    Send(listener, OldNonce, "77");
                    Assert.StartsWith("{\"event\":\"session\",\"sessionId\":\"77\"", listener.Lines.Next());

                    // A DM client on the gateway learned the server's NextNonce: the running listener takes it up.
                    Assert.AreEqual("nonce of com.mgmtsrv.manage updated\n", CliRunner.RunOk("nonce", "--state", state, "--server-id", ServerId, "--nonce", NewNonce).Replace("\r", string.Empty));
                    Assert.IsTrue(WaitForSession(listener, NewNonce, "78"), "the running listener accepted a trigger signed with the new nonce");
                }

                // Restart with the same accounts file: imported once, so the learned nonce is kept.
                using (var listener = new RunningListener("--accounts", accounts, "--state", state))
                {
                    Send(listener, OldNonce, "79");
                    Assert.AreEqual("{\"event\":\"rejected\",\"bearer\":\"udp\",\"source\":\"SRC\",\"reason\":\"digest-mismatch\"}", Scrub(listener.Lines.Next()));
                    Send(listener, NewNonce, "7A");
                    Assert.StartsWith("{\"event\":\"session\",\"sessionId\":\"7A\"", listener.Lines.Next());
                }

                // The files are the device's: its AccountStore reads them back over its own flash file system.
                var store = new AccountStore(new FlashFileSystem(state));
                StoreTestData.AreEqual(StoreReason.None, store.Open());
                Assert.AreEqual(NewNonce, store.Find(ServerId).NonceBase64);
                Assert.AreEqual("secret", store.Find(ServerId).Password);
                StoreTestData.AreEqual(StoreReason.None, store.SessionsLoadReason);
                Assert.AreEqual("77 78 7A", SessionIds(store));
            }
            finally
            {
                File.Delete(accounts);
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Listen_SessionReported_AlreadyPersistedInTheStore()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            string state = NewStateDirectory();
            try
            {
                using var listener = new RunningListener("--accounts", accounts, "--state", state);
                Send(listener, OldNonce, "1234");
                Assert.StartsWith("{\"event\":\"session\",\"sessionId\":\"1234\"", listener.Lines.Next());

                // Read the instant the line is seen: the record must already be on disk.
                var store = new AccountStore(new FlashFileSystem(state));
                store.Open();
                Assert.AreEqual("1234", SessionIds(store));
            }
            finally
            {
                File.Delete(accounts);
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Listen_SessionCannotBePersisted_ErrorEventNotSessionRetryAccepted()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            string state = NewStateDirectory();
            try
            {
                using var listener = new RunningListener("--accounts", accounts, "--state", state);

                // Directories where the session slots belong: no write can succeed, not even as root.
                string slotA = Path.Combine(state, AccountStore.SessionsRecordName + ".a");
                string slotB = Path.Combine(state, AccountStore.SessionsRecordName + ".b");
                Directory.CreateDirectory(slotA);
                Directory.CreateDirectory(slotB);
                Send(listener, OldNonce, "99");

                // Persist first, then report: not persisted, so not a session but an error event that says so.
                Assert.AreEqual(
                    "{\"event\":\"error\",\"reason\":\"not-persisted\",\"serverId\":\"com.mgmtsrv.manage\",\"sessionId\":\"99\",\"message\":\"session 99 from com.mgmtsrv.manage not reported: it could not be persisted (io-error); the server's retry is accepted once the store can be written\"}",
                    listener.Lines.Next());

                // The disk recovers: the server's retry (the very same trigger) is a session, once.
                Directory.Delete(slotA);
                Directory.Delete(slotB);
                Send(listener, OldNonce, "99");
                Assert.StartsWith("{\"event\":\"session\",\"sessionId\":\"99\"", listener.Lines.Next());
            }
            finally
            {
                File.Delete(accounts);
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Listen_Replayed_EventNamesServerAndSession()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            try
            {
                using var listener = new RunningListener("--accounts", accounts, "--duplicate-window", "0");
                Send(listener, OldNonce, "5A");
                Assert.StartsWith("{\"event\":\"session\",\"sessionId\":\"5A\"", listener.Lines.Next());
                Send(listener, OldNonce, "5A");
                Assert.AreEqual("{\"event\":\"rejected\",\"bearer\":\"udp\",\"source\":\"SRC\",\"reason\":\"replayed\",\"serverId\":\"com.mgmtsrv.manage\",\"sessionId\":\"5A\"}", Scrub(listener.Lines.Next()));
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        /// <summary>Stands for a process killed while a session line waited in the output queue: the line never leaves.</summary>
        private sealed class LosesSessionLines : TextWriter
        {
            private readonly TextWriter _inner;

            public LosesSessionLines(TextWriter inner)
            {
                _inner = inner;
            }

            public override System.Text.Encoding Encoding => _inner.Encoding;

            public override void WriteLine(string value)
            {
                if (value != null && value.StartsWith("{\"event\":\"session\"", StringComparison.Ordinal))
                {
                    throw new IOException("killed before the line was written");
                }

                _inner.WriteLine(value);
            }

            public override void Flush() => _inner.Flush();
        }

        [TestMethod]
        public void Listen_SessionLineNeverWritten_HandedOverAfterRestart()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            string state = NewStateDirectory();
            try
            {
                using (var listener = new RunningListener(inner => new LosesSessionLines(inner), "--accounts", accounts, "--state", state))
                {
                    Send(listener, OldNonce, "4B");
                    var deadline = DateTime.UtcNow + CliRunner.LineTimeout;
                    while (SessionIds(Reopened(state)) != "4B" && DateTime.UtcNow < deadline)
                    {
                        Thread.Sleep(20);
                    }

                    Assert.IsTrue(Reopened(state).GetRecentSessions()[0].IsPending, "persisted, not acknowledged");
                }

                // Persisted, never acknowledged: the restart hands it over, marked, before the ready line; only once.
                using (var listener = new RunningListener("--accounts", accounts, "--state", state))
                {
                    Assert.AreEqual(1, listener.BeforeReady.Count);
                    Assert.StartsWith("{\"event\":\"session\",\"sessionId\":\"4B\"", listener.BeforeReady[0]);
                    Assert.IsTrue(listener.BeforeReady[0].EndsWith(",\"redelivery\":true}", StringComparison.Ordinal), listener.BeforeReady[0]);
                    Send(listener, OldNonce, "4B");
                    Assert.AreEqual("duplicate", JsonEvent(listener.Lines.Next()));
                }

                using (var listener = new RunningListener("--accounts", accounts, "--state", state))
                {
                    Assert.AreEqual(0, listener.BeforeReady.Count);
                }
            }
            finally
            {
                File.Delete(accounts);
                Directory.Delete(state, true);
            }
        }

        private static AccountStore Reopened(string state)
        {
            var store = new AccountStore(new FlashFileSystem(state));
            store.Open();
            return store;
        }

        private static string JsonEvent(string line)
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            return document.RootElement.GetProperty("event").GetString();
        }

        [TestMethod]
        public void Listen_StatePathIsAFile_UsageErrorSaysNothingCanBePersisted()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            string file = Path.Combine(Path.GetTempPath(), "dmnotify-state-file-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(file, "in the way");
            try
            {
                int code = CliRunner.Run(out _, out string error, "listen", "--accounts", accounts, "--state", file, "--udp", "0");
                Assert.AreEqual(2, code, error);
                Assert.IsTrue(error.Contains(file) && error.Contains("not a directory"), error);

                string below = Path.Combine(file, "state");
                code = CliRunner.Run(out _, out error, "listen", "--accounts", accounts, "--state", below, "--udp", "0");
                Assert.AreEqual(2, code, error);
                Assert.IsTrue(error.Contains(below) && error.Contains("not writable"), error);
            }
            finally
            {
                File.Delete(accounts);
                File.Delete(file);
            }
        }

        [TestMethod]
        public void Listen_SecondListenerOnSameState_UsageError()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            string state = NewStateDirectory();
            try
            {
                using var listener = new RunningListener("--accounts", accounts, "--state", state);
                int code = CliRunner.Run(out _, out string error, "listen", "--state", state, "--udp", "0");
                Assert.AreEqual(2, code, error);
                Assert.IsTrue(error.Contains("in use by another listener"), error);
            }
            finally
            {
                File.Delete(accounts);
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Account_AddAndRemoveWhileListening_TakeEffectWithoutRestart()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            string state = NewStateDirectory();
            try
            {
                using var listener = new RunningListener("--accounts", accounts, "--state", state);
                CliRunner.RunOk("account", "add", "--state", state, "--server-id", "second.server", "--password", "pw2", "--nonce", NewNonce);
                string[] second = { "send", "--to", listener.To, "--server-id", "second.server", "--password", "pw2", "--nonce", NewNonce, "--session", "5" };
                Assert.IsTrue(WaitFor(listener, second, "{\"event\":\"session\",\"sessionId\":\"5\""), "the added account authenticates");
                Assert.IsTrue(CliRunner.RunOk("account", "list", "--state", state).Contains("second.server\tnonce=" + NewNonce), "listed");

                CliRunner.RunOk("account", "remove", "--state", state, "--server-id", "second.server");
                second[second.Length - 1] = "6";
                Assert.IsTrue(WaitFor(listener, second, "{\"event\":\"rejected\",\"bearer\":\"udp\",\"source\":\"SRC\",\"reason\":\"unknown-server\"}"), "the removed account is gone");
            }
            finally
            {
                File.Delete(accounts);
                Directory.Delete(state, true);
            }
        }

        // A crash during the very first write of the accounts record leaves dmaccounts.a with 0 bytes and no
        // dmaccounts.b; it is read as never written, so account add and listen work without deleting it by hand.
        [TestMethod]
        public void Store_ZeroByteAccountsSlot_AccountAddWorksAndListenStarts()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            string added = ZeroByteAccountsSlot();
            string imported = ZeroByteAccountsSlot();
            try
            {
                Assert.AreEqual("account second.server stored\n", CliRunner.RunOk("account", "add", "--state", added, "--server-id", "second.server", "--password", "pw2", "--nonce", NewNonce).Replace("\r", string.Empty));
                using (var listener = new RunningListener("--state", added))
                {
                    string[] second = { "send", "--to", listener.To, "--server-id", "second.server", "--password", "pw2", "--nonce", NewNonce, "--session", "30" };
                    Assert.IsTrue(WaitFor(listener, second, "{\"event\":\"session\",\"sessionId\":\"30\""), "the added account authenticates");
                }

                using (var listener = new RunningListener("--accounts", accounts, "--state", imported))
                {
                    Send(listener, OldNonce, "31");
                    Assert.StartsWith("{\"event\":\"session\",\"sessionId\":\"31\"", listener.Lines.Next());
                }

                StoreTestData.AreEqual(StoreReason.None, new AccountStore(new FlashFileSystem(imported)).Open());
            }
            finally
            {
                File.Delete(accounts);
                Directory.Delete(added, true);
                Directory.Delete(imported, true);
            }
        }

        [TestMethod]
        public void Nonce_UnknownAccountOrNotBase64_UsageErrorStoreUnchanged()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            string state = NewStateDirectory();
            try
            {
                using (new RunningListener("--accounts", accounts, "--state", state))
                {
                }

                Assert.AreEqual(2, CliRunner.Run(out _, out string error, "nonce", "--state", state, "--server-id", "nobody", "--nonce", NewNonce));
                Assert.IsTrue(error.Contains("no such account"), error);
                Assert.AreEqual(2, CliRunner.Run(out _, out error, "nonce", "--state", state, "--server-id", ServerId, "--nonce", "not base64!"));
                Assert.IsTrue(error.Contains("not base64"), error);
                Assert.AreEqual(2, CliRunner.Run(out _, out error, "nonce", "--state", state + "-missing", "--server-id", ServerId, "--nonce", NewNonce));
                Assert.IsTrue(error.Contains("does not exist"), error);
                var store = new AccountStore(new FlashFileSystem(state));
                store.Open();
                Assert.AreEqual(OldNonce, store.Find(ServerId).NonceBase64);
            }
            finally
            {
                File.Delete(accounts);
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Listen_ProvisionFile_AccountsFromTheDeviceFormat()
        {
            string provision = Path.Combine(Path.GetTempPath(), "dmnotify-provision-" + Guid.NewGuid().ToString("N") + ".txt");
            File.WriteAllText(provision, "# device format\n[account]\nserverId=" + ServerId + "\npassword=secret\nnonce=" + OldNonce + "\nresync=zero-bytes\n");
            try
            {
                using var listener = new RunningListener("--provision", provision);
                Send(listener, OldNonce, "42");
                Assert.StartsWith("{\"event\":\"session\",\"sessionId\":\"42\"", listener.Lines.Next());
                Assert.IsTrue(File.Exists(provision), "the user's file is read, not consumed");

                File.WriteAllText(provision, "[account]\nserverId=x\nbogus=1\n");
                int code = CliRunner.Run(out _, out string error, "listen", "--provision", provision, "--udp", "0");
                Assert.AreEqual(2, code, error);
                Assert.IsTrue(error.Contains("line 3"), error);
            }
            finally
            {
                File.Delete(provision);
            }
        }

        [TestMethod]
        public void Listen_Knobs_RateLimitDuplicateWindowMissingAppIdApplied()
        {
            string accounts = CliRunner.WriteAccounts(CliRunner.AccountsJson);
            try
            {
                using (var listener = new RunningListener("--accounts", accounts, "--rate-limit", "1/3600", "--duplicate-window", "0", "--accept-missing-app-id", "false"))
                {
                    Send(listener, OldNonce, "1");
                    Assert.StartsWith("{\"event\":\"session\",\"sessionId\":\"1\"", listener.Lines.Next());
                    Send(listener, OldNonce, "2");
                    Assert.AreEqual("{\"event\":\"rejected\",\"bearer\":\"udp\",\"source\":\"SRC\",\"reason\":\"rate-limited\",\"serverId\":\"com.mgmtsrv.manage\",\"sessionId\":\"2\"}", Scrub(listener.Lines.Next()));
                    Send(listener, OldNonce, "3", "--app-id", "none");
                    Assert.AreEqual("{\"event\":\"rejected\",\"bearer\":\"udp\",\"source\":\"SRC\",\"reason\":\"wrong-application\"}", Scrub(listener.Lines.Next()));
                }

                using (var listener = new RunningListener("--accounts", accounts, "--rate-limit", "0", "--duplicate-window", "0"))
                {
                    // The same session id again in a new trigger (another vendor tail): a duplicate only while a window is
                    // open. The very same bytes would be refused as replayed, window or not.
                    for (int i = 0; i < 8; i++)
                    {
                        Send(listener, OldNonce, "9", "--vendor", i.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                        Assert.StartsWith("{\"event\":\"session\",\"sessionId\":\"9\"", listener.Lines.Next());
                    }
                }

                CliRunner.Run(out string help, out _, "listen", "--help");
                Assert.IsTrue(help.Contains("[default: 6/3600]") && help.Contains("[default: 600]") && help.Contains("--accept-missing-app-id <true|false>") && help.Contains("[default: true]"), help);
                Assert.AreEqual(2, CliRunner.Run(out _, out string error, "listen", "--accounts", accounts, "--rate-limit", "often", "--udp", "0"));
                Assert.IsTrue(error.Contains("COUNT/SECONDS"), error);
            }
            finally
            {
                File.Delete(accounts);
            }
        }

        private static string ZeroByteAccountsSlot()
        {
            string state = NewStateDirectory();
            Directory.CreateDirectory(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.Create(Path.Combine(state, AccountStore.AccountsRecordName + ".a")).Dispose();
            return state;
        }

        internal static string NewStateDirectory()
        {
            return Path.Combine(Path.GetTempPath(), "dmnotify-state-" + Guid.NewGuid().ToString("N"));
        }

        private static void Send(RunningListener listener, string nonce, string session, params string[] extra)
        {
            var args = new System.Collections.Generic.List<string> { "send", "--to", listener.To, "--server-id", ServerId, "--password", "secret", "--nonce", nonce, "--session", session };
            args.AddRange(extra);
            CliRunner.RunOk(args.ToArray());
        }

        // A change another process committed reaches the listener within a poll interval; retry until it has.
        private static bool WaitForSession(RunningListener listener, string nonce, string session)
        {
            string[] args = { "send", "--to", listener.To, "--server-id", ServerId, "--password", "secret", "--nonce", nonce, "--session", session };
            return WaitFor(listener, args, "{\"event\":\"session\",\"sessionId\":\"" + session + "\"");
        }

        private static bool WaitFor(RunningListener listener, string[] send, string expectedStart)
        {
            for (int attempt = 0; attempt < 50; attempt++)
            {
                CliRunner.RunOk(send);
                if (Scrub(listener.Lines.Next()).StartsWith(expectedStart, StringComparison.Ordinal))
                {
                    return true;
                }

                Thread.Sleep(100);
            }

            return false;
        }

        private static string Scrub(string line)
        {
            return System.Text.RegularExpressions.Regex.Replace(line, "\"source\":\"127\\.0\\.0\\.1:\\d+\"", "\"source\":\"SRC\"");
        }

        private static string SessionIds(AccountStore store)
        {
            var ids = new System.Collections.Generic.List<string>();
            foreach (SessionHistoryEntry record in store.GetRecentSessions())
            {
                ids.Add(record.SessionId.ToString("X"));
            }

            return string.Join(" ", ids);
        }
    }
}

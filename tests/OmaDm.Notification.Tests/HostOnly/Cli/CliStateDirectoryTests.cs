using System;
using System.IO;
using System.Text;
using nanoFramework.TestFramework;

namespace OmaDm.Notification.Tests.HostOnly.Cli
{
    /// <summary>
    /// The state directory is dmnotify's alone: planted links are never followed, files are
    /// owner-only, a directory others may write is refused by name, parallel editors do not share a probe, and a held lock
    /// is named while a stale one is silent. Unix only: Windows has no modes and needs privileges for links.
    /// </summary>
    [TestClass]
    public class CliStateDirectoryTests
    {
        private const string ServerId = "com.mgmtsrv.manage";

        [TestMethod]
        public void Nonce_InactiveAccountsSlotIsPlantedLink_PasswordsNeverReachItsTarget()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            string state = NewAccountState();
            string target = Path.Combine(Path.GetTempPath(), "dmnotify-target-" + Guid.NewGuid().ToString("N"));
            try
            {
                File.WriteAllText(target, string.Empty);
                foreach (string slot in new[] { "dmaccounts.a", "dmaccounts.b" })
                {
                    if (!File.Exists(Path.Combine(state, slot)))
                    {
                        File.CreateSymbolicLink(Path.Combine(state, slot), target);
                    }
                }

                int code = CliRunner.Run(out string output, out string error, "nonce", "--state", state, "--server-id", ServerId, "--nonce", "bm9uY2UtMg==");
                Assert.AreEqual(0L, new FileInfo(target).Length, "the link's target received nothing (exit " + code + ": " + output + error + ")");
                Assert.AreEqual(2, code, output + error);
                Assert.Contains("symlink-refused", error);
            }
            finally
            {
                File.Delete(target);
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Nonce_SlotsLeftWorldReadable_RewrittenOwnerOnly()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            string state = NewAccountState();
            try
            {
                CliRunner.RunOk("nonce", "--state", state, "--server-id", ServerId, "--nonce", "bm9uY2UtMg==");
                foreach (string slot in Directory.GetFiles(state, "dmaccounts.*"))
                {
                    File.SetUnixFileMode(slot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                }

                CliRunner.RunOk("nonce", "--state", state, "--server-id", ServerId, "--nonce", "bm9uY2UtMw==");
                CliRunner.RunOk("nonce", "--state", state, "--server-id", ServerId, "--nonce", "bm9uY2UtNA==");
                foreach (string slot in Directory.GetFiles(state, "dmaccounts.*"))
                {
                    Assert.AreEqual((int)(UnixFileMode.UserRead | UnixFileMode.UserWrite), (int)File.GetUnixFileMode(slot), slot);
                }
            }
            finally
            {
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void AccountList_StoreFilesLeftWorldReadable_NarrowedWhenTheDirectoryIsOpened()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            string state = NewAccountState();
            string target = Path.Combine(Path.GetTempPath(), "dmnotify-target-" + Guid.NewGuid().ToString("N"));
            try
            {
                var wide = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
                File.WriteAllText(target, string.Empty);
                File.SetUnixFileMode(target, wide);
                File.CreateSymbolicLink(Path.Combine(state, "planted"), target);
                string[] files = Directory.GetFiles(state, "dm*");
                Assert.IsTrue(files.Length > 0);
                foreach (string file in files)
                {
                    File.SetUnixFileMode(file, wide);
                }

                // Only read, never written: the slots are narrowed all the same.
                CliRunner.RunOk("account", "list", "--state", state);
                foreach (string file in files)
                {
                    Assert.AreEqual((int)(UnixFileMode.UserRead | UnixFileMode.UserWrite), (int)File.GetUnixFileMode(file), file);
                }

                Assert.AreEqual((int)wide, (int)File.GetUnixFileMode(target), "the link was not followed");
            }
            finally
            {
                File.Delete(target);
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Listen_AccountsRecordUnreadable_SaysSoWithItsReason()
        {
            string state = NewAccountState();
            try
            {
                foreach (string slot in Directory.GetFiles(state, "dmaccounts.*"))
                {
                    File.WriteAllText(slot, "garbage");
                }

                Assert.AreEqual(2, CliRunner.Run(out _, out string error, "listen", "--state", state, "--udp", "0", "--bind", "127.0.0.1"), error);
                Assert.IsTrue(error.Contains("the accounts record is unreadable in both slots (", StringComparison.Ordinal), error);
                Assert.IsFalse(error.Contains("holds none", StringComparison.Ordinal), error);
            }
            finally
            {
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Commands_LockFileNotARegularFile_RefusedByNameExitTwo()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            string state = NewAccountState();
            string target = Path.Combine(Path.GetTempPath(), "dmnotify-target-" + Guid.NewGuid().ToString("N"));
            try
            {
                foreach (string lockName in new[] { ".store.lock", ".listener.lock" })
                {
                    string at = Path.Combine(state, lockName);
                    string[] command = lockName == ".store.lock"
                        ? new[] { "account", "list", "--state", state }
                        : new[] { "listen", "--state", state, "--udp", "0", "--bind", "127.0.0.1" };
                    foreach (string kind in new[] { "link", "directory", "fifo" })
                    {
                        File.Delete(at);
                        if (kind == "link")
                        {
                            File.CreateSymbolicLink(at, target);
                        }
                        else if (kind == "directory")
                        {
                            Directory.CreateDirectory(at);
                        }
                        else
                        {
                            System.Diagnostics.Process.Start("mkfifo", at).WaitForExit();
                        }

                        int code = CliRunner.Run(out string output, out string error, command);
                        Assert.AreEqual(2, code, lockName + " " + kind + ": " + output + error);
                        Assert.IsTrue(error.Contains(kind == "link" ? "symlink-refused" : "not-regular-file", StringComparison.Ordinal), lockName + " " + kind + ": " + error);
                        Assert.IsFalse(File.Exists(target), "the link was not followed");
                        if (kind == "directory")
                        {
                            Directory.Delete(at);
                        }
                    }

                    File.Delete(at);
                }
            }
            finally
            {
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Open_DirectoryWritableByOthers_RefusedByName()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            string state = CliStoreTests.NewStateDirectory();
            Directory.CreateDirectory(state);
            try
            {
                File.SetUnixFileMode(state, (UnixFileMode)Convert.ToInt32("1777", 8));
                int code = CliRunner.Run(out string output, out string error, "account", "add", "--state", state, "--server-id", ServerId, "--password", "pw", "--nonce", "bm9uY2UtMQ==");
                Assert.AreEqual(2, code, output + error);
                Assert.Contains("writable by group or others (mode 1777", error);
                Assert.AreEqual(0, Directory.GetFiles(state).Length, "nothing written there");
            }
            finally
            {
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Open_WriteProbeIsPlantedLink_TargetNotTruncated()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            string state = NewAccountState();
            string target = Path.Combine(Path.GetTempPath(), "dmnotify-target-" + Guid.NewGuid().ToString("N"));
            try
            {
                File.WriteAllText(target, "precious");
                File.CreateSymbolicLink(Path.Combine(state, ".write-probe"), target);
                CliRunner.RunOk("account", "list", "--state", state);
                Assert.AreEqual("precious", File.ReadAllText(target));
            }
            finally
            {
                File.Delete(target);
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void AccountList_StoreLockHeldByAnother_NamesTheHolderStaleLockSilent()
        {
            string state = NewAccountState();
            string lockPath = Path.Combine(state, ".store.lock");
            try
            {
                // Stale: a stamp left by a process that ended holds nothing.
                File.WriteAllText(lockPath, "999999\n");
                int code = CliRunner.Run(out string output, out string error, "account", "list", "--state", state);
                Assert.AreEqual(0, code, error);
                Assert.AreEqual(string.Empty, error);

                using (var held = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    byte[] stamp = Encoding.ASCII.GetBytes("4242\n");
                    held.SetLength(0);
                    held.Write(stamp, 0, stamp.Length);
                    held.Flush();
                    code = CliRunner.Run(out output, out error, "account", "list", "--state", state);
                }

                Assert.AreEqual(2, code, output + error);
                Assert.Contains("locked by another process (process 4242)", error);
            }
            finally
            {
                Directory.Delete(state, true);
            }
        }

        [TestMethod]
        public void Nonce_AnotherEditorInsideItsWriteProbe_NotRefused()
        {
            string state = NewAccountState();
            try
            {
                // An editor of an earlier version, or one racing this one, holds the shared probe name exclusively.
                using (new FileStream(Path.Combine(state, ".write-probe"), FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    int code = CliRunner.Run(out string output, out string error, "nonce", "--state", state, "--server-id", ServerId, "--nonce", "bm9uY2UtMg==");
                    Assert.AreEqual(0, code, output + error);
                }
            }
            finally
            {
                Directory.Delete(state, true);
            }
        }

        // A state directory with one account, written by dmnotify itself.
        private static string NewAccountState()
        {
            string state = CliStoreTests.NewStateDirectory();
            Directory.CreateDirectory(state);
            CliRunner.RunOk("account", "add", "--state", state, "--server-id", ServerId, "--password", "secret", "--nonce", "bm9uY2UtMQ==");
            return state;
        }
    }
}

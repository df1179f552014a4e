using System;
using System.Diagnostics;
using System.IO;
using nanoFramework.TestFramework;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>tests/Fuzz/run.sh installs AFL++ with apt: a busy package manager must make it wait, not fail.</summary>
    [TestClass]
    public class FuzzScriptTests
    {
        [TestMethod]
        public void AptGet_LockHeldTwiceThenFree_WaitsAndSucceeds()
        {
            string output = RunWithFakeApt(failuresBeforeSuccess: 2, "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)", out int status, out int attempts);
            Assert.AreEqual(0, status, output);
            Assert.AreEqual(3, attempts);
            Assert.IsTrue(output.Contains("the package manager is busy"), output);
        }

        [TestMethod]
        public void AptGet_OtherFailure_ReturnedAtOnce()
        {
            string output = RunWithFakeApt(failuresBeforeSuccess: 5, "E: Unable to locate package afl++", out int status, out int attempts);
            Assert.AreEqual(100, status, output);
            Assert.AreEqual(1, attempts);
        }

        private static string RunWithFakeApt(int failuresBeforeSuccess, string message, out int status, out int attempts)
        {
            if (OperatingSystem.IsWindows() || !File.Exists("/bin/bash"))
            {
                Assert.SkipTest("run.sh is a bash script for Linux");
            }

            string bin = Path.Combine(Path.GetTempPath(), "fake-apt-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(bin);
            string counter = Path.Combine(bin, "count");
            try
            {
                File.WriteAllText(Path.Combine(bin, "apt-get"),
                    "#!/bin/bash\nn=$(cat '" + counter + "' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '" + counter + "'\n" +
                    "if [ $n -le " + failuresBeforeSuccess + " ]; then echo '" + message + "' >&2; exit 100; fi\necho installed\n");
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(Path.Combine(bin, "apt-get"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }

                string script = Path.GetFullPath(Path.Combine(FindRepository(), "tests", "Fuzz", "apt-wait.sh"));
                var start = new ProcessStartInfo("/bin/bash", new[] { "-c", "source \"$0\" && apt_get install -y afl++", script })
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
                start.Environment["APT_RETRY_SECONDS"] = "0";
                using var process = Process.Start(start);
                string text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
                process.WaitForExit();
                status = process.ExitCode;
                attempts = int.Parse(File.ReadAllText(counter).Trim());
                return text;
            }
            finally
            {
                Directory.Delete(bin, true);
            }
        }

        private static string FindRepository()
        {
            string directory = AppContext.BaseDirectory;
            while (directory != null && !File.Exists(Path.Combine(directory, "nanoframework.sln")))
            {
                directory = Path.GetDirectoryName(directory);
            }

            return directory ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }
}

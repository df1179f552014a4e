using System;
using System.Linq;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using nanoFramework.TestFramework;
using OmaDm.Notification.Builders;

namespace OmaDm.Notification.Tests.HostOnly.Cli
{
    /// <summary>
    /// listen under a UDP flood on loopback: every valid trigger among a flood of forgeries sent as fast
    /// as the sender can must reach the agent, so the receive loop must keep up and report rejections without I/O each.
    /// </summary>
    [TestClass]
    public class CliFloodTests
    {
        private const int Forged = 200_000;
        private const int Valid = 100;
        private const string ServerId = "com.mgmtsrv.manage";
        private const int Servers = 4;
        private const string Password = "secret";
        private const string NonceBase64 = "bm9uY2UtMQ==";

        private static string ServerOf(int index) => index == 0 ? ServerId : ServerId + index;

        [TestMethod]
        public void Listen_TwoHundredThousandForgedDatagramsAtFullSpeed_EveryValidTriggerAcceptedOrRefusedByName()
        {
            // Rate limit off: the question is what the socket loses, not what the agent's policy refuses.
            // The valid triggers come from four servers: an account accepts at most 32 triggers under one nonce
            // (the replay history, THREATS.md), and the server of the forgeries is one of them.
            string accounts = CliRunner.WriteAccounts("{\"accounts\":[" + string.Join(",", Enumerable.Range(0, Servers).Select(s =>
                "{\"serverId\":\"" + ServerOf(s) + "\",\"password\":\"" + Password + "\",\"nonce\":\"" + NonceBase64 + "\",\"resync\":\"zero-bytes-then-ascii\"}")) + "]}");
            try
            {
                using var listener = new RunningListener("--accounts", accounts, "--rate-limit", "0");
                byte[][] valid = new byte[Valid][];
                for (int i = 0; i < Valid; i++)
                {
                    valid[i] = Push(new TriggerBuilder { ServerId = ServerOf(i % Servers), Password = Password, Nonce = Convert.FromBase64String(NonceBase64), SessionId = 0x1000 + i });
                }

                // A forged digest for the known server: the dearest rejection (every nonce reading of the account is tried).
                byte[] forged = Push(new TriggerBuilder { ServerId = ServerId, Password = Password, SessionId = 0x42, ForgedDigest = new byte[16] });
                using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                var target = new IPEndPoint(IPAddress.Loopback, listener.Port);
                int sent = 0;
                long kernelDropsBefore = KernelReceiveBufferErrors();
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < Forged; i++)
                {
                    if (i % (Forged / Valid) == 0)
                    {
                        sender.SendTo(valid[sent++], target);
                    }

                    sender.SendTo(forged, target);
                }

                double seconds = watch.Elapsed.TotalSeconds;
                int sessions = 0;
                long rejected = 0;
                long backlog = 0;
                var deadline = Stopwatch.StartNew();
                while (sessions + backlog < Valid && deadline.Elapsed < TimeSpan.FromSeconds(30))
                {
                    if (!listener.Lines.Lines.TryTake(out string line, 1000))
                    {
                        continue;
                    }

                    if (line.StartsWith("{\"event\":\"session\"", StringComparison.Ordinal))
                    {
                        sessions++;
                    }
                    else if (line.StartsWith("{\"event\":\"rejected\"", StringComparison.Ordinal))
                    {
                        rejected += CountOf(line);
                        if (line.Contains("handover-backlog", StringComparison.Ordinal))
                        {
                            backlog += CountOf(line); // valid, refused by name while the consumer lags: the server retries
                        }
                    }
                }

                string figures = $"{Forged + Valid} datagrams sent in {seconds:0.00} s ({(Forged + Valid) / seconds:0} per second); {sessions} of {Valid} sessions ({backlog} handover-backlog) " +
                                 $"and {rejected} rejections reported after {deadline.Elapsed.TotalSeconds:0.0} s; kernel receive-buffer drops (whole host) {KernelReceiveBufferErrors() - kernelDropsBefore}; {listener.Errors}";
                Console.WriteLine("flood: " + figures);
                Assert.AreEqual(Valid, sent);
                Assert.AreEqual(Valid, sessions + backlog, figures); // none lost: each accepted or refused by name
            }
            finally
            {
                System.IO.File.Delete(accounts);
            }
        }

        // Udp RcvbufErrors from /proc/net/snmp (Linux), for the failure message: were datagrams dropped by the kernel?
        private static long KernelReceiveBufferErrors()
        {
            try
            {
                string[] lines = System.IO.File.ReadAllLines("/proc/net/snmp");
                for (int i = 0; i + 1 < lines.Length; i++)
                {
                    if (lines[i].StartsWith("Udp:", StringComparison.Ordinal) && lines[i + 1].StartsWith("Udp:", StringComparison.Ordinal))
                    {
                        int column = Array.IndexOf(lines[i].Split(' '), "RcvbufErrors");
                        return column < 0 ? -1 : long.Parse(lines[i + 1].Split(' ')[column]);
                    }
                }
            }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException or FormatException)
            {
            }

            return -1;
        }

        private static long CountOf(string line)
        {
            int at = line.IndexOf("\"count\":", StringComparison.Ordinal);
            return at < 0 ? 1 : long.Parse(line.Substring(at + 8).TrimEnd('}'));
        }

        private static byte[] Push(TriggerBuilder trigger)
        {
            byte[] package0 = trigger.Build();
            return new WspPushEncoder().Encode(package0, 0, package0.Length);
        }
    }
}

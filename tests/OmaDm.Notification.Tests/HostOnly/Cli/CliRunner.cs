using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text;
using System.Threading;
using OmaDm.Notification.Cli;

namespace OmaDm.Notification.Tests.HostOnly.Cli
{
    /// <summary>Runs dmnotify in-process with captured output, and a line-by-line writer for long-running commands.</summary>
    internal static class CliRunner
    {
        public static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(10);

        public static int Run(out string output, out string error, params string[] args)
        {
            var o = new StringWriter();
            var e = new StringWriter();
            int code = DmNotify.Run(args, o, e, CancellationToken.None);
            output = o.ToString();
            error = e.ToString();
            return code;
        }

        public static string RunOk(params string[] args)
        {
            int code = Run(out string output, out string error, args);
            if (code != 0)
            {
                throw new InvalidOperationException("dmnotify " + string.Join(" ", args) + " exited " + code + ": " + error + output);
            }

            return output;
        }

        public static string WriteAccounts(string json)
        {
            string path = Path.Combine(Path.GetTempPath(), "dmnotify-test-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, json);
            return path;
        }

        public const string AccountsJson = "{\"accounts\":[{\"serverId\":\"com.mgmtsrv.manage\",\"password\":\"secret\",\"nonce\":\"bm9uY2UtMQ==\",\"resync\":\"zero-bytes-then-ascii\",\"sessionIdFormat\":\"hex\"}],\"acceptVersions\":[11,12]}";
    }

    /// <summary>A <c>dmnotify listen --json</c> running in-process on a loopback UDP port until disposed.</summary>
    internal sealed class RunningListener : IDisposable
    {
        private static readonly System.Text.RegularExpressions.Regex ReadyLine = new System.Text.RegularExpressions.Regex("^\\{\"event\":\"ready\",\"udpPort\":(\\d+)\\}$");
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Thread _thread;

        public RunningListener(params string[] options)
            : this(null, options)
        {
        }

        /// <summary>Starts a listener whose stdout is <paramref name="wrap"/> around <see cref="Lines"/>; lines before the ready line go to <see cref="BeforeReady"/>.</summary>
        public RunningListener(Func<TextWriter, TextWriter> wrap, params string[] options)
        {
            var args = new System.Collections.Generic.List<string> { "listen", "--udp", "0", "--bind", "127.0.0.1", "--json" };
            args.AddRange(options);
            TextWriter output = wrap == null ? Lines : wrap(Lines);
            _thread = new Thread(() => Exit = DmNotify.Run(args.ToArray(), output, Errors, _stop.Token));
            _thread.Start();
            string first = Lines.Next();
            var ready = ReadyLine.Match(first);
            while (!ready.Success && first.StartsWith("{\"event\":\"session\"", StringComparison.Ordinal))
            {
                // Sessions left pending by a previous run are handed over at boot, before the ready line.
                BeforeReady.Add(first);
                first = Lines.Next();
                ready = ReadyLine.Match(first);
            }

            if (!ready.Success)
            {
                throw new InvalidOperationException("expected the ready line, got: " + first + " / " + Errors);
            }

            Port = int.Parse(ready.Groups[1].Value);
        }

        public System.Collections.Generic.List<string> BeforeReady { get; } = new System.Collections.Generic.List<string>();

        public LineQueueWriter Lines { get; } = new LineQueueWriter();

        public StringWriter Errors { get; } = new StringWriter();

        public int Port { get; }

        public string To => "udp:127.0.0.1:" + Port;

        public int Exit { get; private set; } = -1;

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join(TimeSpan.FromSeconds(10));
            _stop.Dispose();
        }
    }

    /// <summary>A writer that hands each completed line to a queue, so a test can wait for the next JSON line.</summary>
    internal sealed class LineQueueWriter : TextWriter
    {
        private readonly StringBuilder _line = new StringBuilder();
        private readonly object _gate = new object();

        public BlockingCollection<string> Lines { get; } = new BlockingCollection<string>();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_gate)
            {
                if (value == '\n')
                {
                    Lines.Add(_line.ToString().TrimEnd('\r'));
                    _line.Clear();
                }
                else
                {
                    _line.Append(value);
                }
            }
        }

        public string Next()
        {
            if (!Lines.TryTake(out string line, CliRunner.LineTimeout))
            {
                throw new TimeoutException("no output line within " + CliRunner.LineTimeout.TotalSeconds + " s");
            }

            return line;
        }
    }
}

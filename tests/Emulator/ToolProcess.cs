using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace EmulatorRunner
{
    /// <summary>The outcome of one external tool run.</summary>
    public sealed class ToolResult
    {
        public int ExitCode { get; init; }

        /// <summary>Standard output and standard error, interleaved as they arrived.</summary>
        public string Output { get; init; }

        public bool TimedOut { get; init; }

        public TimeSpan Elapsed { get; init; }
    }

    /// <summary>Runs a tool with a deadline, killing its whole process tree when the deadline passes.</summary>
    public static class ToolProcess
    {
        public static ToolResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
            IDictionary<string, string> environment = null)
        {
            var start = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            if (environment != null)
            {
                foreach (KeyValuePair<string, string> e in environment)
                {
                    start.Environment[e.Key] = e.Value;
                }
            }

            var output = new StringBuilder();
            var watch = Stopwatch.StartNew();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            bool exited = process.WaitForExit((int)Math.Min(int.MaxValue, timeout.TotalMilliseconds));
            if (!exited)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the deadline and the kill.
                }
            }

            process.WaitForExit();
            lock (output)
            {
                return new ToolResult
                {
                    ExitCode = exited ? process.ExitCode : -1,
                    Output = output.ToString(),
                    TimedOut = !exited,
                    Elapsed = watch.Elapsed,
                };
            }
        }
    }
}

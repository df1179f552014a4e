using System;
using System.Collections.Generic;
using System.Linq;

namespace EmulatorRunner
{
    /// <summary>
    /// The verdict on one test assembly run in nanoCLR, from the launcher's lines ("Test passed,Key.N,ticks",
    /// "Test failed,Key.N,message", "Test skipped,Key.N,message") checked against the inventory: a case that never
    /// reported (the runtime crashed, hung or stopped early) counts as failed, unless its class's [Setup] skipped.
    /// </summary>
    public sealed class LauncherReport
    {
        public int Passed { get; private set; }

        public int Failed { get; private set; }

        public int Skipped { get; private set; }

        /// <summary>One line per failure: the case and what the launcher (or the runner) said.</summary>
        public List<string> Failures { get; } = new List<string>();

        public static LauncherReport Parse(string output, TestInventory inventory, string abnormalEnd)
        {
            var report = new LauncherReport();
            var reported = new Dictionary<string, int>(StringComparer.Ordinal);
            var skippedClasses = new HashSet<string>(StringComparer.Ordinal);
            foreach (string raw in output.Split('\n'))
            {
                string line = raw.TrimEnd('\r');
                string verdict = line.StartsWith("Test passed,", StringComparison.Ordinal) ? "passed"
                    : line.StartsWith("Test failed,", StringComparison.Ordinal) ? "failed"
                    : line.StartsWith("Test skipped,", StringComparison.Ordinal) ? "skipped"
                    : null;
                if (verdict == null)
                {
                    continue;
                }

                string[] parts = line.Split(',', 3);
                string name = parts[1];
                int dot = name.LastIndexOf('.');
                string key = dot > 0 ? name.Substring(0, dot) : name;
                string detail = parts.Length > 2 ? parts[2] : string.Empty;
                if (inventory.Fixtures.Contains(key))
                {
                    if (verdict == "failed")
                    {
                        report.Failed++;
                        report.Failures.Add(key + " (setup/cleanup): " + detail);
                    }
                    else if (verdict == "skipped" && inventory.SetupOfClass.TryGetValue(key, out string cls))
                    {
                        skippedClasses.Add(cls);
                    }

                    continue;
                }

                reported[key] = reported.TryGetValue(key, out int n) ? n + 1 : 1;
                switch (verdict)
                {
                    case "passed":
                        report.Passed++;
                        break;
                    case "skipped":
                        report.Skipped++;
                        break;
                    default:
                        report.Failed++;
                        report.Failures.Add(name + ": " + detail);
                        break;
                }
            }

            foreach (KeyValuePair<string, int> expected in inventory.Cases.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                reported.TryGetValue(expected.Key, out int seen);
                int missing = expected.Value - seen;
                if (missing <= 0)
                {
                    continue;
                }

                string cls = expected.Key.Substring(0, expected.Key.LastIndexOf('.'));
                if (skippedClasses.Contains(cls))
                {
                    report.Skipped += missing;
                    continue;
                }

                report.Failed += missing;
                report.Failures.Add(expected.Key + ": never reported" + (abnormalEnd != null ? " (" + abnormalEnd + ")" : string.Empty));
            }

            if (abnormalEnd != null && report.Failures.Count == 0)
            {
                report.Failed++;
                report.Failures.Add("the runtime " + abnormalEnd + " after every case had reported");
            }

            return report;
        }
    }
}

using System;
using System.IO;
using OmaDm.Notification.Tests.HostOnly.Hardening;
using SharpFuzz;

namespace OmaDm.Notification.Fuzz
{
    /// <summary>
    /// SharpFuzz harness. Usage:
    ///   Fuzz TARGET                 run TARGET under afl-fuzz (input from AFL's shared memory / stdin)
    ///   Fuzz seeds DIR              write each target's seed files into DIR/TARGET/
    ///   Fuzz replay TARGET PATH...  run TARGET in-process on files or directories (to reproduce a finding)
    ///   Fuzz instrument DLL...      instrument assemblies in place for AFL (fallback when the sharpfuzz tool is absent)
    /// Targets: sms, wsp, trigger, pipeline, at, wbxml, store.
    /// </summary>
    public static class Program
    {
        /// <summary>Entry point.</summary>
        public static int Main(string[] args)
        {
            if (args.Length == 0)
            {
                Console.Error.WriteLine("usage: Fuzz TARGET | seeds DIR | replay TARGET PATH... | instrument DLL...; targets: " + string.Join(", ", FuzzTargets.Names));
                return 2;
            }

            switch (args[0])
            {
                case "seeds":
                    return WriteSeeds(args[1]);
                case "replay":
                    return Replay(args[1], args[2..]);
                case "instrument":
                    foreach (string dll in args[1..])
                    {
                        Fuzzer.Instrument(dll, name => name.StartsWith("OmaDm.Notification", StringComparison.Ordinal), Options.Value);
                        Console.WriteLine("instrumented " + dll);
                    }

                    return 0;
                default:
                    string target = args[0];
                    if (Array.IndexOf(FuzzTargets.Names, target) < 0)
                    {
                        Console.Error.WriteLine("unknown target " + target + "; targets: " + string.Join(", ", FuzzTargets.Names));
                        return 2;
                    }

                    Fuzzer.OutOfProcess.Run(stream =>
                    {
                        using var memory = new MemoryStream();
                        stream.CopyTo(memory);
                        byte[] data = memory.ToArray();
                        FuzzTargets.Run(target, data, 0, data.Length);
                    });
                    return 0;
            }
        }

        private static int WriteSeeds(string directory)
        {
            foreach (string target in FuzzTargets.Names)
            {
                string folder = Path.Combine(directory, target);
                Directory.CreateDirectory(folder);
                byte[][] seeds = FuzzTargets.Seeds(target);
                for (int i = 0; i < seeds.Length; i++)
                {
                    File.WriteAllBytes(Path.Combine(folder, "seed-" + i.ToString("D3")), seeds[i]);
                }
            }

            return 0;
        }

        private static int Replay(string target, string[] paths)
        {
            int failures = 0;
            foreach (string path in paths)
            {
                string[] files = Directory.Exists(path) ? Directory.GetFiles(path) : new[] { path };
                foreach (string file in files)
                {
                    byte[] data = File.ReadAllBytes(file);
                    try
                    {
                        Console.WriteLine(file + ": " + FuzzTargets.Run(target, data, 0, data.Length));
                    }
                    catch (Exception exception)
                    {
                        failures++;
                        Console.WriteLine(file + ": " + exception);
                    }
                }
            }

            return failures == 0 ? 0 : 1;
        }
    }
}

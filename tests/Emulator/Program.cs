using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace EmulatorRunner
{
    /// <summary>
    /// tests/Emulator/run.sh's work: compile every device project for the device, convert each with MDP, run every
    /// unit-test assembly in nanoCLR (one process each, with a deadline) and end with "N passed, N failed".
    /// Exit code 0 only when every case passed and every assembly converted.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string repo = null;
            string cacheRoot = EmulatorCache.DefaultRoot();
            string output = null;
            string only = null;
            string application = null;
            var timeout = TimeSpan.FromSeconds(600);
            for (int i = 0; i < args.Length; i++)
            {
                string value = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--repo": repo = value; i++; break;
                    case "--cache": cacheRoot = value; i++; break;
                    case "--out": output = value; i++; break;
                    case "--only": only = value; i++; break;
                    case "--run": application = value; i++; break;
                    case "--timeout": timeout = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)); i++; break;
                    default:
                        Console.Error.WriteLine("usage: EmulatorRunner [--repo DIR] [--cache DIR] [--out DIR] [--only TESTFOLDER] [--timeout SECONDS] [--run APPLICATION]");
                        return 2;
                }
            }

            repo ??= FindRepository(Directory.GetCurrentDirectory());
            if (repo == null)
            {
                Console.Error.WriteLine("emulator: no nanoframework.sln above " + Directory.GetCurrentDirectory() + "; pass --repo");
                return 2;
            }

            output ??= Path.Combine(repo, "tests", "Emulator", "obj", "device");
            EmulatorCache cache = EmulatorCache.Open(cacheRoot, out string problem);
            if (cache == null)
            {
                Console.Error.WriteLine("emulator: " + problem);
                return 3;
            }

            var mismatches = cache.VersionMismatches(PackageVersions.Read(repo));
            if (mismatches.Count > 0)
            {
                Console.Error.WriteLine("emulator: the cache at " + cache.Root + " does not match " + PackageVersions.PathIn(repo) + ":");
                foreach (string m in mismatches)
                {
                    Console.Error.WriteLine("  " + m);
                }

                return 3;
            }

            return Run(repo, cache, output, only, application, timeout);
        }

        private static int Run(string repo, EmulatorCache cache, string output, string only, string application, TimeSpan timeout)
        {
            Directory.CreateDirectory(output);
            var compiler = new DeviceCompiler(cache, output);
            var mdp = new MetadataProcessor(cache);
            var images = new Dictionary<CompiledProject, string>();
            int passed = 0, failed = 0, skipped = 0;
            var failures = new List<string>();

            Console.WriteLine("nanoCLR: " + cache.NanoClr + " (" + cache.NanoClrMachine() + ")");
            List<string> projects = SolutionProjects(Path.Combine(repo, "nanoframework.sln"));
            var compiled = new List<CompiledProject>();
            foreach (string nfproj in projects)
            {
                try
                {
                    compiled.Add(compiler.Compile(nfproj));
                }
                catch (DeviceBuildException e)
                {
                    failed++;
                    failures.Add(e.Message);
                }
            }

            Console.WriteLine("Device assemblies (MDP, .pe bytes):");
            foreach (CompiledProject project in compiled)
            {
                try
                {
                    images[project] = mdp.Convert(project.AssemblyPath, ReferencePaths(project, cache));
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-60} {1,8:N0}",
                        Path.GetRelativePath(repo, project.Project.Path), new FileInfo(images[project]).Length));
                }
                catch (DeviceBuildException e)
                {
                    Console.WriteLine("  " + Path.GetRelativePath(repo, project.Project.Path) + ": REFUSED");
                    failures.Add(e.Message);
                    if (!project.IsTestProject)
                    {
                        failed++;
                    }
                }
            }

            if (application != null)
            {
                return RunApplication(compiled, images, application, cache, timeout);
            }

            foreach (CompiledProject test in compiled.Where(p => p.IsTestProject))
            {
                string name = new DirectoryInfo(test.Project.Directory).Name;
                if (only != null && !string.Equals(name, only, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                TestInventory inventory = TestInventory.Of(test.Compilation);
                List<CompiledProject> ours = test.WithDependencies().ToList();
                CompiledProject notConverted = ours.FirstOrDefault(p => !images.ContainsKey(p));
                if (notConverted != null)
                {
                    LauncherReport refused = LauncherReport.Parse(string.Empty, inventory,
                        "not run: MDP refused " + Path.GetFileName(notConverted.Project.Path));
                    Print(name, refused, inventory, string.Empty);
                    passed += refused.Passed;
                    failed += refused.Failed;
                    skipped += refused.Skipped;
                    continue;
                }

                var libraries = new List<string>();
                foreach (string library in LibraryLoadOrder(ours, cache))
                {
                    libraries.Add(cache.ImageOf(library) ?? throw new InvalidOperationException("the cache has no " + library + ".pe"));
                }

                // Two link orders (LoadSet explains why order matters): dependencies first, as nanoCLR expects; then
                // the product's assemblies first, in reverse, before mscorlib, as a deployment may link them. The second
                // proves that no product static initialiser needs another assembly's (or another product
                // assembly's) statics; the test support and the tests, whose vectors may, still come last.
                var product = ours.Where(p => IsProduct(repo, p)).ToList();
                var rest = ours.Where(p => !IsProduct(repo, p)).ToList();
                var orders = new[]
                {
                    (Label: string.Empty, Name: "load",
                        Images: libraries.Concat(ours.Select(p => images[p])).ToList()),
                    (Label: ", product linked first", Name: "product-first",
                        Images: Enumerable.Reverse(product).Select(p => images[p]).Concat(libraries).Concat(rest.Select(p => images[p])).ToList()),
                };
                string folder = Path.GetDirectoryName(test.AssemblyPath);
                foreach (var order in orders)
                {
                    List<string> load = LoadSet.Stage(order.Images, Path.Combine(folder, order.Name));
                    ToolResult result = ToolProcess.Run(cache.NanoClr, load, timeout,
                        new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = cache.NanoClrLibraryDirectory });
                    File.WriteAllText(Path.Combine(folder, order.Name == "load" ? "nanoclr.log" : "nanoclr-" + order.Name + ".log"), result.Output);
                    string abnormal = result.TimedOut ? "timed out after " + timeout.TotalSeconds + " s"
                        : result.ExitCode != 0 ? "ended with exit code " + result.ExitCode + Describe(result.ExitCode)
                        : null;
                    LauncherReport report = LauncherReport.Parse(result.Output, inventory, abnormal);
                    Print(name + order.Label, report, inventory,
                        string.Format(CultureInfo.InvariantCulture, " in {0:0.0} s", result.Elapsed.TotalSeconds));
                    passed += report.Passed;
                    failed += report.Failed;
                    skipped += report.Skipped;
                }
            }

            foreach (string f in failures)
            {
                Console.WriteLine("FAILED " + f);
            }

            Console.WriteLine(skipped > 0 ? $"{passed} passed, {failed} failed, {skipped} skipped" : $"{passed} passed, {failed} failed");
            return failed == 0 && passed > 0 ? 0 : 1;
        }

        private static void Print(string name, LauncherReport report, TestInventory inventory, string elapsed)
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: {1} passed, {2} failed, {3} skipped of {4}{5}",
                name, report.Passed, report.Failed, report.Skipped, inventory.TotalCases, elapsed));
            foreach (string f in report.Failures)
            {
                Console.WriteLine("  FAILED " + f);
            }
        }

        /// <summary>An assembly of the product (under the repository's src/), as opposed to the test support and the tests;
        /// the simulated modem under src/ is not firmware and links with them.</summary>
        private static bool IsProduct(string repo, CompiledProject project) =>
            !project.IsTestProject && project.Project.AssemblyName != "OmaDm.Notification.Simulation"
            && Path.GetRelativePath(repo, project.Project.Path).Replace('\\', '/').StartsWith("src/", StringComparison.Ordinal);

        /// <summary>Runs a device application's Main in nanoCLR (the device benchmarks) and passes its output through.</summary>
        private static int RunApplication(List<CompiledProject> compiled, Dictionary<CompiledProject, string> images, string name,
            EmulatorCache cache, TimeSpan timeout)
        {
            CompiledProject app = compiled.FirstOrDefault(p => p.IsApplication && p.Project.AssemblyName == name);
            if (app == null || !images.ContainsKey(app))
            {
                Console.Error.WriteLine("emulator: no converted application named " + name);
                return 2;
            }

            List<CompiledProject> ours = app.WithDependencies().ToList();
            // Every library but the unit-test launcher, whose Main would run instead of the application's.
            var load = LibraryLoadOrder(ours, cache).Where(l => l != "nanoFramework.UnitTestLauncher")
                .Select(l => cache.ImageOf(l)).ToList();
            load.AddRange(ours.Select(p => images[p]));
            load = LoadSet.Stage(load, Path.Combine(Path.GetDirectoryName(app.AssemblyPath), "load"));
            ToolResult result = ToolProcess.Run(cache.NanoClr, load, timeout,
                new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = cache.NanoClrLibraryDirectory });
            Console.Write(string.Join(Environment.NewLine, result.Output.Split('\n').Select(l => l.TrimEnd('\r'))
                .Where(l => !l.StartsWith("Loaded: ", StringComparison.Ordinal))));
            Console.WriteLine();
            if (result.TimedOut || result.ExitCode != 0)
            {
                Console.Error.WriteLine("emulator: " + name + (result.TimedOut ? " timed out" : " ended with exit code " + result.ExitCode + Describe(result.ExitCode)));
                return 1;
            }

            return 0;
        }

        private static string Describe(int exitCode) => exitCode switch
        {
            139 or -11 => " (segmentation fault)",
            134 or -6 => " (aborted)",
            _ => string.Empty,
        };

        /// <summary>The .nfproj projects of the device solution, in the solution's order.</summary>
        public static List<string> SolutionProjects(string solution)
        {
            string directory = Path.GetDirectoryName(solution);
            return File.ReadLines(solution)
                .Select(l => Regex.Match(l, "^Project\\(\"[^\"]*\"\\) = \"[^\"]*\", \"([^\"]+\\.nfproj)\""))
                .Where(m => m.Success)
                .Select(m => Path.GetFullPath(Path.Combine(directory, m.Groups[1].Value.Replace('\\', '/'))))
                .ToList();
        }

        /// <summary>Every assembly a project's output references, as paths MDP can load (cache libraries and our outputs).</summary>
        private static IEnumerable<string> ReferencePaths(CompiledProject project, EmulatorCache cache)
        {
            var ours = project.WithDependencies().Where(p => p != project)
                .ToDictionary(p => p.Project.AssemblyName, p => p.AssemblyPath, StringComparer.Ordinal);
            var paths = new List<string>();
            foreach (string name in Closure(project.AssemblyPath, ours, cache).Where(n => n != project.Project.AssemblyName))
            {
                paths.Add(ours.TryGetValue(name, out string path) ? path : cache.ReferenceOf(name));
            }

            return paths.Where(p => p != null);
        }

        /// <summary>The nanoFramework libraries a test run loads, dependencies first, mscorlib and the launcher leading.</summary>
        private static IEnumerable<string> LibraryLoadOrder(List<CompiledProject> ours, EmulatorCache cache)
        {
            var ourNames = ours.ToDictionary(p => p.Project.AssemblyName, p => p.AssemblyPath, StringComparer.Ordinal);
            var order = new List<string> { "mscorlib", "nanoFramework.UnitTestLauncher", "nanoFramework.TestFramework" };
            foreach (CompiledProject p in ours)
            {
                foreach (string name in Closure(p.AssemblyPath, ourNames, cache))
                {
                    if (!ourNames.ContainsKey(name) && !order.Contains(name))
                    {
                        order.Add(name);
                    }
                }
            }

            return order;
        }

        /// <summary>Names of every assembly reachable by reference from an assembly, dependencies before dependants.</summary>
        private static List<string> Closure(string assemblyPath, IReadOnlyDictionary<string, string> ours, EmulatorCache cache)
        {
            var order = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            void Visit(string path)
            {
                foreach (string name in MetadataProcessor.ReferencedAssemblies(path))
                {
                    if (!seen.Add(name))
                    {
                        continue;
                    }

                    string next = ours.TryGetValue(name, out string own) ? own : cache.ReferenceOf(name);
                    if (next != null)
                    {
                        Visit(next);
                    }

                    order.Add(name);
                }
            }

            Visit(assemblyPath);
            return order;
        }

        private static string FindRepository(string start)
        {
            for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "nanoframework.sln")))
                {
                    return d.FullName;
                }
            }

            return null;
        }
    }
}

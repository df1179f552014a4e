using System;
using System.IO;
using System.Linq;
using EmulatorRunner;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using nanoFramework.TestFramework;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>The emulator runner's verdicts: what counts as passed, failed or skipped, and when a cache is refused.</summary>
    [TestClass]
    public class EmulatorRunnerTests
    {
        private const string Framework = "namespace nanoFramework.TestFramework {\n"
            + "public sealed class TestClassAttribute : System.Attribute { }\n"
            + "public sealed class TestMethodAttribute : System.Attribute { }\n"
            + "public sealed class SetupAttribute : System.Attribute { }\n"
            + "public sealed class CleanupAttribute : System.Attribute { }\n"
            + "[System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = true)]\n"
            + "public sealed class DataRowAttribute : System.Attribute { public DataRowAttribute(params object[] a) { } } }\n";

        private const string Tests = "namespace T { using nanoFramework.TestFramework;\n"
            + "[TestClass] public class A {\n"
            + "  [Setup] public void Start() { }\n"
            + "  [TestMethod] public void One() { }\n"
            + "  [DataRow(1)] [DataRow(2)] [DataRow(3)] public void Rows(int x) { }\n"
            + "  [Cleanup] public void Stop() { }\n"
            + "  public void Helper() { }\n"
            + "  public class Nested { } }\n"
            + "[TestClass] public class B { [Setup] public void Start() { } [TestMethod] public void Two() { } }\n"
            + "public class NotATestClass { [TestMethod] public void Ignored() { } } }";

        private static TestInventory Inventory()
        {
            CSharpCompilation compilation = CSharpCompilation.Create("NFUnitTest",
                new[] { CSharpSyntaxTree.ParseText(Framework + Tests) },
                new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            return TestInventory.Of(compilation);
        }

        [TestMethod]
        public void Inventory_TestClasses_OneCasePerTestMethodAndDataRow()
        {
            TestInventory inventory = Inventory();

            Assert.AreEqual(5, inventory.TotalCases);
            Assert.AreEqual(3, inventory.Cases["T.A.Rows"]);
            Assert.IsTrue(inventory.Fixtures.Contains("T.A.Start") && inventory.Fixtures.Contains("T.A.Stop"));
            Assert.IsFalse(inventory.Cases.ContainsKey("T.NotATestClass.Ignored"));
        }

        [TestMethod]
        public void Report_EveryCaseReported_PassedAndFixturesNotCounted()
        {
            string output = "Test passed,T.A.Start.0,10\nTest passed,T.A.One.0,5\nTest passed,T.A.Rows.0,1\n"
                + "Test passed,T.A.Rows.1,1\nTest failed,T.A.Rows.2,expected <3>, was <4>\nTest passed,T.A.Stop.0,1\n"
                + "Test passed,T.B.Start.0,1\nTest skipped,T.B.Two.0,no modem\n";

            LauncherReport report = LauncherReport.Parse(output, Inventory(), null);

            Assert.AreEqual(3, report.Passed);
            Assert.AreEqual(1, report.Failed);
            Assert.AreEqual(1, report.Skipped);
            Assert.IsTrue(report.Failures.Single().Contains("expected <3>, was <4>", StringComparison.Ordinal), report.Failures.Single());
        }

        [TestMethod]
        public void Report_RuntimeCrashedMidway_UnreportedCasesFailed()
        {
            string output = "Test passed,T.A.Start.0,10\nTest passed,T.A.One.0,5\nTest passed,T.A.Rows.0,1\n";

            LauncherReport report = LauncherReport.Parse(output, Inventory(), "ended with exit code 139 (segmentation fault)");

            Assert.AreEqual(2, report.Passed);
            Assert.AreEqual(3, report.Failed);
            Assert.IsTrue(report.Failures.All(f => f.Contains("segmentation fault", StringComparison.Ordinal)));
        }

        [TestMethod]
        public void Report_SetupSkipped_WholeClassSkippedNotFailed()
        {
            string output = "Test passed,T.A.Start.0,1\nTest passed,T.A.One.0,1\nTest passed,T.A.Rows.0,1\nTest passed,T.A.Rows.1,1\n"
                + "Test passed,T.A.Rows.2,1\nTest skipped,T.B.Start.0,needs hardware\n";

            LauncherReport report = LauncherReport.Parse(output, Inventory(), null);

            Assert.AreEqual(4, report.Passed);
            Assert.AreEqual(0, report.Failed);
            Assert.AreEqual(1, report.Skipped);
        }

        [TestMethod]
        public void Report_SetupFailed_CountedAsFailure()
        {
            string output = "Test failed,T.B.Start.0,boom\nTest passed,T.B.Two.0,1\n";

            LauncherReport report = LauncherReport.Parse(output, Inventory(), null);

            Assert.IsTrue(report.Failures.Any(f => f.StartsWith("T.B.Start (setup/cleanup): boom", StringComparison.Ordinal)));
        }

        [TestMethod]
        public void Report_NothingRanAndCleanExit_AllFailed()
        {
            // The runtime idled (an Exe's Main took over) and was stopped: nothing reported, so nothing passed.
            LauncherReport report = LauncherReport.Parse(string.Empty, Inventory(), "timed out after 600 s");

            Assert.AreEqual(0, report.Passed);
            Assert.AreEqual(5, report.Failed);
        }

        [TestMethod]
        public void Cache_VersionsDifferFromThePackageList_EachMismatchNamed()
        {
            string dir = NewCache("# built here\nnanoFramework.CoreLibrary 1.17.11 nuget\nnanoFramework.System.Text 1.3.41 v1.3.41 abc\n");
            try
            {
                EmulatorCache cache = EmulatorCache.Open(dir, out string problem);
                Assert.IsNull(problem);

                var mismatches = cache.VersionMismatches(PackageVersions.Read(DeviceProjects.Root));

                Assert.IsTrue(mismatches.Any(m => m == "nanoFramework.System.Text is 1.3.42 in the package list but 1.3.41 in the cache"), string.Join("; ", mismatches));
                Assert.IsTrue(mismatches.Any(m => m.StartsWith("nanoFramework.TestFramework 3.0.80 is in the package list but not in the cache", StringComparison.Ordinal)));
                Assert.IsFalse(mismatches.Any(m => m.StartsWith("nanoFramework.CoreLibrary", StringComparison.Ordinal)));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [TestMethod]
        public void NanoClrMachine_ElfHeaders_I386NamedWithTheBoardsBlock()
        {
            string dir = NewCache(string.Empty);
            try
            {
                EmulatorCache cache = EmulatorCache.Open(dir, out string problem);
                Assert.IsNull(problem);
                string clr = Path.Combine(dir, "nanoclr", "bin", "nanoFramework.nanoCLR.test");

                File.WriteAllBytes(clr, ElfHeader(3));
                Assert.AreEqual("i386, 32-bit: 12-byte heap blocks, as on a 32-bit board", cache.NanoClrMachine());
                File.WriteAllBytes(clr, ElfHeader(62));
                Assert.AreEqual("x86-64, 64-bit: 24-byte heap blocks", cache.NanoClrMachine());
                File.WriteAllBytes(clr, ElfHeader(62).Take(19).ToArray());
                Assert.AreEqual("not an ELF file", cache.NanoClrMachine());
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [TestMethod]
        public void Cache_Missing_RefusedWithReason()
        {
            EmulatorCache cache = EmulatorCache.Open(Path.Combine(Path.GetTempPath(), "no-such-cache-" + Guid.NewGuid().ToString("N")), out string problem);

            Assert.IsNull(cache);
            Assert.IsTrue(problem.Contains("manifest.txt is missing", StringComparison.Ordinal), problem);
        }

        [TestMethod]
        public void PackageVersions_Repository_TheOneList()
        {
            var versions = PackageVersions.Read(DeviceProjects.Root);

            Assert.AreEqual("1.17.11", versions["nanoFramework.CoreLibrary"]);
            Assert.AreEqual("3.0.80", versions["nanoFramework.TestFramework"]);
        }

        [TestMethod]
        public void SolutionProjects_DeviceSolution_ListsEveryTestAssembly()
        {
            var projects = EmulatorRunner.Program.SolutionProjects(Path.Combine(DeviceProjects.Root, "nanoframework.sln"));

            Assert.AreEqual(5, projects.Count(p => Path.GetFileName(p) == "NFUnitTest.nfproj"));
            Assert.AreEqual(DeviceProjects.All().Length, projects.Count, "every .nfproj of the repository is in nanoframework.sln");
        }

        [TestMethod]
        public void Stage_CacheFolderSortsAfterRepository_CopiesSortInLoadOrder()
        {
            // nanoCLR links images in the byte order of their paths: a cache under "zz" and a repository under "aa"
            // would put the test assembly before mscorlib (the CI failure this guards against).
            string root = Path.Combine(Path.GetTempPath(), "loadset-" + Guid.NewGuid().ToString("N"));
            try
            {
                string[] images =
                {
                    Image(root, "zz-cache/lib/mscorlib.pe", 1),
                    Image(root, "zz-cache/lib/nanoFramework.UnitTestLauncher.pe", 2),
                    Image(root, "aa-repo/obj/OmaDm.Notification/OmaDm.Notification.pe", 3),
                    Image(root, "aa-repo/obj/tests/NFUnitTest.pe", 4),
                };
                string folder = Path.Combine(root, "aa-repo/obj/tests/load");
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(Path.Combine(folder, "000-stale.pe"), new byte[] { 9 });

                var staged = LoadSet.Stage(images, folder);

                Assert.AreEqual(images.Length, staged.Count);
                Assert.IsTrue(staged.SequenceEqual(staged.OrderBy(p => p, StringComparer.Ordinal)), string.Join(" ", staged));
                for (int i = 0; i < images.Length; i++)
                {
                    Assert.AreEqual(i + 1, (int)File.ReadAllBytes(staged[i])[0]);
                    Assert.IsTrue(staged[i].EndsWith(Path.GetFileName(images[i]), StringComparison.Ordinal), staged[i]);
                }

                Assert.AreEqual(images.Length, Directory.GetFiles(folder, "*.pe").Length, "the stale image is gone");
            }
            finally
            {
                Directory.Delete(root, true);
            }
        }

        // A cache folder the runner accepts: the manifest given, an empty MDP and an empty nanoCLR.
        private static string NewCache(string manifest)
        {
            string dir = Path.Combine(Path.GetTempPath(), "emucache-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(dir, "mdp"));
            Directory.CreateDirectory(Path.Combine(dir, "nanoclr", "bin"));
            File.WriteAllText(Path.Combine(dir, "manifest.txt"), manifest);
            File.WriteAllText(Path.Combine(dir, "mdp", "nanoFramework.Tools.MetadataProcessor.dll"), string.Empty);
            File.WriteAllText(Path.Combine(dir, "nanoclr", "bin", "nanoFramework.nanoCLR.test"), string.Empty);
            return dir;
        }

        // The first 20 bytes of an ELF executable: magic, class, data, version, padding, e_type, e_machine (little-endian).
        private static byte[] ElfHeader(int machine)
        {
            var header = new byte[20];
            new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 1, 1 }.CopyTo(header, 0);
            header[16] = 3;
            header[18] = (byte)machine;
            header[19] = (byte)(machine >> 8);
            return header;
        }

        private static string Image(string root, string relative, byte content)
        {
            string path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            File.WriteAllBytes(path, new[] { content });
            return path;
        }
    }
}

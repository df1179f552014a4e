using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using nanoFramework.TestFramework;
using SubsetCheck;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>Finds the repository's device projects for the host-only checks.</summary>
    internal static class DeviceProjects
    {
        private static string _root;

        /// <summary>The repository root: the first folder above the test assembly holding nanoframework.sln.</summary>
        public static string Root
        {
            get
            {
                if (_root == null)
                {
                    var dir = new DirectoryInfo(Path.GetDirectoryName(typeof(DeviceProjects).Assembly.Location));
                    while (dir != null && !File.Exists(Path.Combine(dir.FullName, "nanoframework.sln")))
                    {
                        dir = dir.Parent;
                    }

                    _root = dir?.FullName ?? throw new InvalidOperationException("nanoframework.sln not found above the test assembly");
                }

                return _root;
            }
        }

        /// <summary>Every .nfproj of the repository (outside bin/, obj/ and dot folders).</summary>
        public static string[] All() =>
            Directory.EnumerateFiles(Root, "*.nfproj", SearchOption.AllDirectories)
                .Where(p => !IsBuildOutput(Path.GetRelativePath(Root, p)))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToArray();

        public static bool IsBuildOutput(string relativePath)
        {
            string[] parts = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            return parts.Any(p => p == "bin" || p == "obj" || p == "packages" || p.StartsWith(".", StringComparison.Ordinal));
        }

        public static string Show(IEnumerable<Violation> violations) =>
            string.Join(Environment.NewLine, violations.Select(v => v.ToString().Replace(Root + Path.DirectorySeparatorChar, string.Empty)));
    }

    /// <summary>The subset check over the repository's own device projects.</summary>
    [TestClass]
    public class SubsetCheckTests
    {
        [TestMethod]
        public void Check_EveryDeviceProject_HasNoViolations()
        {
            string[] projects = DeviceProjects.All();
            Assert.IsTrue(projects.Length >= 12, "expected the device projects, the test support library and the NFUnitTest.nfproj projects, found " + projects.Length);
            Assert.IsTrue(projects.Any(p => p.EndsWith("NFUnitTest.nfproj", StringComparison.Ordinal)), "NFUnitTest.nfproj not found");

            // One checker for all: projects referenced by several others are compiled once.
            var checker = new SubsetChecker(StubSet.Default);
            var violations = new List<Violation>();
            foreach (string project in projects)
            {
                violations.AddRange(checker.CheckProject(project));
            }

            Assert.AreEqual(0, violations.Count, Environment.NewLine + DeviceProjects.Show(violations));
        }

        [TestMethod]
        public void Stubs_Generated_AddNoApiBeyondApiTsv()
        {
            var extra = new List<string>();
            foreach (KeyValuePair<string, Microsoft.CodeAnalysis.MetadataReference> stub in StubSet.Default.References)
            {
                var image = (Microsoft.CodeAnalysis.PortableExecutableReference)stub.Value;
                System.Reflection.Metadata.MetadataReader md = ((Microsoft.CodeAnalysis.AssemblyMetadata)image.GetMetadata())
                    .GetModules()[0].GetMetadataReader();
                List<string> declared = MetadataScanner.DeclaredApi(md);
                Assert.IsTrue(declared.Count > 0, stub.Key + " declares nothing");
                extra.AddRange(declared.Where(key => !StubSet.Default.Catalog.HasMember(key)).Select(key => stub.Key + ": " + key));
            }

            Assert.AreEqual(0, extra.Count, Environment.NewLine + string.Join(Environment.NewLine, extra.Take(50)));
        }

        [TestMethod]
        public void References_CoreLibrary_IsTheNuGetPackagesMscorlib()
        {
            var image = (Microsoft.CodeAnalysis.PortableExecutableReference)StubSet.Default.References[StubSet.RealCoreLibrary];
            System.Reflection.Metadata.MetadataReader md = ((Microsoft.CodeAnalysis.AssemblyMetadata)image.GetMetadata())
                .GetModules()[0].GetMetadataReader();
            System.Reflection.Metadata.AssemblyDefinition assembly = md.GetAssemblyDefinition();
            byte[] token = new System.Reflection.AssemblyName("mscorlib, PublicKey="
                + Convert.ToHexString(md.GetBlobBytes(assembly.PublicKey))).GetPublicKeyToken();

            Assert.AreEqual("mscorlib", md.GetString(assembly.Name));
            Assert.AreEqual("c07d481e9758c731", Convert.ToHexString(token).ToLowerInvariant(), "nanoFramework's signing key");
            Assert.IsTrue(md.TypeDefinitions.Count > 100, "the whole core library, " + md.TypeDefinitions.Count + " types");
        }

        [TestMethod]
        public void Stubs_Generated_LeaveOutOnlyFinalize()
        {
            // Anything else left out would mean api.tsv names a type the stubs could not build: a device API the
            // check would wrongly reject.
            string[] dropped = StubSet.Default.Dropped.Where(d => !d.Contains("::Finalize()", StringComparison.Ordinal)).ToArray();
            Assert.AreEqual(0, dropped.Length, string.Join(Environment.NewLine, dropped));
        }
    }

    /// <summary>The checker itself: it must reject what the device lacks and accept what it has.</summary>
    [TestClass]
    public class SubsetCheckerTests
    {
        private const string CoreReferences = "mscorlib;nanoFramework.System.Text;nanoFramework.System.Collections;System.Threading";

        /// <summary>Writes a one-file .nfproj (plus optional extra items) to a temporary folder and checks it.</summary>
        private static IReadOnlyList<Violation> CheckProject(string source, string references = CoreReferences, string extraItems = "",
            params (string Name, string Text)[] extraFiles)
        {
            string dir = Path.Combine(Path.GetTempPath(), "subset-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                File.WriteAllText(Path.Combine(dir, "Code.cs"), source);
                foreach ((string name, string text) in extraFiles)
                {
                    File.WriteAllText(Path.Combine(dir, name), text);
                }

                string refs = string.Concat(references.Split(';', StringSplitOptions.RemoveEmptyEntries)
                    .Select(r => "<Reference Include=\"" + r + "\"><HintPath>x.dll</HintPath></Reference>"));
                File.WriteAllText(Path.Combine(dir, "Probe.nfproj"),
                    "<Project ToolsVersion=\"15.0\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">"
                    + "<PropertyGroup><AssemblyName>Probe</AssemblyName><LangVersion>9.0</LangVersion></PropertyGroup>"
                    + "<ItemGroup><Compile Include=\"Code.cs\" />" + extraItems + "</ItemGroup>"
                    + "<ItemGroup>" + refs + "</ItemGroup></Project>");
                return SubsetChecker.Check(Path.Combine(dir, "Probe.nfproj"));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        private static string Wrap(string statements) =>
            "using System; using System.Collections; using System.Text; using System.Threading;\n"
            + "namespace Probe { public static class Code { public static object Run(string s, byte[] b) {\n"
            + statements + "\nreturn null; } } }";

        private static void AssertFlagged(IReadOnlyList<Violation> violations, string offender)
        {
            string all = DeviceProjects.Show(violations);
            Assert.IsTrue(violations.Count > 0, "expected a violation naming " + offender);
            Assert.IsTrue(violations.Any(v => v.Message.Contains(offender, StringComparison.Ordinal)),
                "no violation names " + offender + ":" + Environment.NewLine + all);
        }

        [TestMethod]
        public void Check_CleanSource_NoViolations()
        {
            // Lock, interpolation, closures, events, string switch, pattern switch, exception filters, out, init:
            // all fine on the device, and all lowered here against the device API.
            string source = Wrap(
                "lock (b) { }\n"
                + "string t = $\"a{s}b{b.Length}\";\n"
                + "int n; int.TryParse(s, out n);\n"
                + "var e = new AutoResetEvent(false); e.WaitOne(1, false);\n"
                + "Handler h = x => n += x; h += x => { }; h(1);\n"
                + "foreach (object o in new ArrayList()) { }\n"
                + "foreach (char c in s) { }\n"
                + "switch (s) { case \"a\": case \"b\": case \"c\": case \"d\": case \"e\": case \"f\": case \"g\": break; }\n"
                + "try { throw new InvalidOperationException(\"x\"); } catch (Exception ex) when (ex.Message == \"x\") { }\n"
                + "string r = (object)s switch { int i when i > 3 => \"big\", string str => str, _ => \"?\" };\n"
                + "var sb = new StringBuilder(); sb.Append(t).Replace(\"a\", \"b\");\n"
                + "var table = new Hashtable(); table[\"k\"] = new Item { Value = 1 };\n"
                + "string u = Encoding.UTF8.GetString(b, 0, b.Length) + string.Format(\"{0}{1}\", 1, r) + DateTime.UtcNow.Ticks;")
                .Replace("namespace Probe {", "namespace Probe { public delegate void Handler(int x); public sealed class Item { public int Value { get; init; } }");

            IReadOnlyList<Violation> violations = CheckProject(source);

            Assert.AreEqual(0, violations.Count, DeviceProjects.Show(violations));
        }

        [TestMethod]
        public void Check_GenericList_Flagged()
        {
            AssertFlagged(CheckProject(Wrap("var list = new System.Collections.Generic.List<int>();")), "List");
        }

        [TestMethod]
        public void Check_GenericMethodDefinition_FlaggedByName()
        {
            string source = "namespace Probe { public static class Code {\n public static T Identity<T>(T value) => value; } }";

            IReadOnlyList<Violation> violations = CheckProject(source);

            AssertFlagged(violations, "generic method definition Probe.Code::Identity");
            Assert.IsTrue(violations.Any(v => v.Line == 2 && v.File.EndsWith("Code.cs", StringComparison.Ordinal)),
                "metadata findings point at the declaration: " + DeviceProjects.Show(violations));
        }

        [TestMethod]
        public void Check_StaticInitialiserReadsAnotherTypesStatic_Flagged()
        {
            // The minimal form of the crash of the modem end-to-end tests on nanoCLR: A's initialiser runs first
            // (type-name order), sees B.Data null, the exception is swallowed and A.S stays null.
            string source = "namespace Probe {\n"
                + "public static class A { public static readonly string S = B.Data.Length.ToString(); }\n"
                + "public static class B { public static readonly byte[] Data = new byte[] { 1, 2, 3 }; } }";

            IReadOnlyList<Violation> violations = CheckProject(source);

            AssertFlagged(violations, "reads B.Data");
            Assert.IsTrue(violations.All(v => v.Line == 2), DeviceProjects.Show(violations));
        }

        [TestMethod]
        public void Check_StaticInitialiserReadsFrameworkStatic_Flagged()
        {
            // nanoCLR runs static constructors assembly by assembly in link order: linked before mscorlib, this
            // initialiser sees string.Empty null (shown in the emulator's product-first pass) and A.Zeros stays null.
            string source = "namespace Probe {\n"
                + "public static class A { public static readonly byte[] Zeros = new byte[string.Empty.Length + 10]; } }";

            IReadOnlyList<Violation> violations = CheckProject(source);

            AssertFlagged(violations, "reads String.Empty");
        }

        [TestMethod]
        public void Check_StaticInitialiserReadsConstantsOwnStaticsAndMethods_NotFlagged()
        {
            string source = "namespace Probe {\n"
                + "public enum Kind { One = 1 }\n"
                + "public static class A { private static readonly int Size = B.Max * 2 + (int)Kind.One;\n"
                + "  private static readonly int[] Table = new int[Size];\n"
                + "  private static readonly byte[] Copy = B.Make(); public static int Length => Table.Length + Copy.Length; }\n"
                + "public static class B { public const int Max = 4; public static byte[] Make() => new byte[Max]; } }";

            IReadOnlyList<Violation> violations = CheckProject(source);

            Assert.AreEqual(0, violations.Count, DeviceProjects.Show(violations));
        }

        [TestMethod]
        public void Check_VolatileField_Flagged()
        {
            // The device mscorlib has no System.Runtime.CompilerServices.IsVolatile, which a volatile field needs.
            AssertFlagged(CheckProject("namespace Probe { public static class Code { private static volatile bool stop; public static bool Stop => stop; } }"), "volatile");
        }

        [TestMethod]
        public void Check_GenericTypeDefinition_FlaggedByName()
        {
            AssertFlagged(CheckProject("namespace Probe { public sealed class Box<T> { public T Value; } }"), "generic type definition Probe.Box`1");
        }

        [TestMethod]
        public void Check_ActionOfInt_FlaggedAsGenericInstantiation()
        {
            // Action<T> is in the device mscorlib (it compiles) but the 1.x runtime cannot run it.
            AssertFlagged(CheckProject(Wrap("Action<int> act = i => { }; act(1);")), "System.Action`1<System.Int32>");
        }

        [TestMethod]
        public void Check_NullableInt_Flagged()
        {
            AssertFlagged(CheckProject(Wrap("int? n = null;")), "Nullable");
        }

        [TestMethod]
        [DataRow("string j = string.Join(\",\", new string[0]);", "'Join'")]
        [DataRow("bool d = char.IsDigit('1');", "'IsDigit'")]
        [DataRow("byte[] a = Encoding.ASCII.GetBytes(s);", "'ASCII'")]
        [DataRow("Array.Resize(ref b, 3);", "'Resize'")]
        [DataRow("DateTime now = DateTime.Now;", "'Now'")]
        [DataRow("string r = s.Replace(\"a\", \"b\");", "'Replace'")]
        [DataRow("string u = Encoding.UTF8.GetString(b);", "GetString")]
        [DataRow("var e = new AutoResetEvent(false); e.WaitOne(1);", "WaitOne")]
        [DataRow("bool w = string.IsNullOrWhiteSpace(s);", "'IsNullOrWhiteSpace'")]
        public void Check_MissingApi_FlaggedByName(string statement, string offender)
        {
            IReadOnlyList<Violation> violations = CheckProject(Wrap(statement));

            AssertFlagged(violations, offender);
            Assert.IsTrue(violations.All(v => v.Line > 0 && v.File.EndsWith("Code.cs", StringComparison.Ordinal)),
                "compile errors name file and line: " + DeviceProjects.Show(violations));
        }

        [TestMethod]
        public void Check_DeviceOnlyCompileItem_StillChecked()
        {
            // <HostBuild>false</HostBuild> items (pins, Wi-Fi, Main) never reach the host build, so only this check sees them.
            IReadOnlyList<Violation> violations = CheckProject(
                "namespace Probe { public static class Code { } }",
                extraItems: "<Compile Include=\"Pins.cs\"><HostBuild>false</HostBuild></Compile>",
                extraFiles: ("Pins.cs", Wrap("string j = string.Join(\",\", new string[0]);").Replace("class Code", "class Pins")));

            AssertFlagged(violations, "'Join'");
            Assert.IsTrue(violations.Any(v => v.File.EndsWith("Pins.cs", StringComparison.Ordinal)), DeviceProjects.Show(violations));
        }

        [TestMethod]
        public void Check_TypeOfUnreferencedAssembly_Flagged()
        {
            // Hashtable lives in nanoFramework.System.Collections: without that Reference the device build fails too.
            AssertFlagged(CheckProject(Wrap("var t = new Hashtable();"), references: "mscorlib"), "Hashtable");
        }

        [TestMethod]
        public void Check_UnknownReference_Flagged()
        {
            AssertFlagged(CheckProject(Wrap(string.Empty), references: CoreReferences + ";System.Linq"), "'System.Linq'");
        }

        [TestMethod]
        public void Check_MissingCompileItem_Flagged()
        {
            AssertFlagged(CheckProject(Wrap(string.Empty), extraItems: "<Compile Include=\"Folder\\Gone.cs\" />"), "Gone.cs");
        }
    }

    /// <summary>The .nfproj files agree with the disk and with packages.config, so neither build silently drops anything.</summary>
    [TestClass]
    public class SubsetCheckProjectFilesTests
    {
        /// <summary>The one list of package versions, src/nanoFramework.packages.props; the key is the package id.</summary>
        private static IDictionary<string, string> PackageVersions() => EmulatorRunner.PackageVersions.Read(DeviceProjects.Root);

        /// <summary>Folders of a device project folder that hold host-only sources (not part of the .nfproj).</summary>
        private static readonly string[] HostOnlyFolders = { "HostBridge", "HostOnly" };

        [TestMethod]
        public void CompileItems_EveryDeviceProject_ExistOnDisk()
        {
            var missing = new List<string>();
            foreach (string path in DeviceProjects.All())
            {
                DeviceProject project = DeviceProject.Load(path);
                for (int i = 0; i < project.CompileItems.Count; i++)
                {
                    if (!File.Exists(project.SourceFiles[i]))
                    {
                        missing.Add(Path.GetFileName(path) + ": " + project.CompileItems[i]);
                    }
                }
            }

            Assert.AreEqual(0, missing.Count, string.Join(Environment.NewLine, missing));
        }

        [TestMethod]
        public void SourceFiles_EveryDeviceProjectFolder_ListedInItsProject()
        {
            var unlisted = new List<string>();
            foreach (string path in DeviceProjects.All())
            {
                DeviceProject project = DeviceProject.Load(path);
                var listed = new HashSet<string>(project.SourceFiles, StringComparer.Ordinal);
                foreach (string file in Directory.EnumerateFiles(project.Directory, "*.cs", SearchOption.AllDirectories))
                {
                    string relative = Path.GetRelativePath(project.Directory, file);
                    string first = relative.Split(Path.DirectorySeparatorChar)[0];
                    if (DeviceProjects.IsBuildOutput(relative) || HostOnlyFolders.Contains(first) || listed.Contains(Path.GetFullPath(file)))
                    {
                        continue;
                    }

                    unlisted.Add(Path.GetFileName(path) + " does not list " + relative);
                }
            }

            Assert.AreEqual(0, unlisted.Count, string.Join(Environment.NewLine, unlisted));
        }

        [TestMethod]
        public void References_EveryDeviceProject_MatchPackagesConfig()
        {
            var problems = new List<string>();
            IDictionary<string, string> versions = PackageVersions();
            var hint = new Regex(@"packages[\\/](?<id>nanoFramework\.[A-Za-z0-9.]+?)\.(?<version>\d+\.\d+\.\d+)[\\/]lib[\\/](?<file>[^\\/]+)\.(dll|exe)$");
            foreach (string path in DeviceProjects.All())
            {
                string name = Path.GetFileName(path);
                DeviceProject project = DeviceProject.Load(path);
                string config = Path.Combine(project.Directory, "packages.config");
                if (!File.Exists(config))
                {
                    problems.Add(name + ": no packages.config");
                    continue;
                }

                var packages = XDocument.Load(config).Root.Elements("package")
                    .ToDictionary(p => (string)p.Attribute("id"), p => (string)p.Attribute("version"));
                var used = new HashSet<string>();
                foreach (string reference in project.References)
                {
                    project.HintPaths.TryGetValue(reference, out string hintPath);
                    Match m = hint.Match(hintPath ?? string.Empty);
                    if (!m.Success)
                    {
                        problems.Add(name + ": Reference " + reference + " has no HintPath into packages\\<id>.<version>\\lib");
                        continue;
                    }

                    string id = m.Groups["id"].Value;
                    string version = m.Groups["version"].Value;
                    used.Add(id);
                    if (m.Groups["file"].Value != reference)
                    {
                        problems.Add(name + ": Reference " + reference + " points at " + m.Groups["file"].Value);
                    }

                    if (!packages.TryGetValue(id, out string configured))
                    {
                        problems.Add(name + ": " + id + " is referenced but not in packages.config");
                    }
                    else if (configured != version)
                    {
                        problems.Add(name + ": " + id + " is " + version + " in the HintPath but " + configured + " in packages.config");
                    }

                    if (!versions.TryGetValue(id, out string expected) || expected != version)
                    {
                        problems.Add(name + ": " + id + " " + version + " is not the version of the stable line (" + (expected ?? "unknown package") + ")");
                    }
                }

                foreach (string id in packages.Keys.Where(id => !used.Contains(id)))
                {
                    problems.Add(name + ": packages.config lists " + id + " but no Reference uses it");
                }

                foreach (KeyValuePair<string, string> package in packages)
                {
                    if (!versions.TryGetValue(package.Key, out string expected) || expected != package.Value)
                    {
                        problems.Add(name + ": packages.config has " + package.Key + " " + package.Value + ", the list has " + (expected ?? "no such package"));
                    }
                }
            }

            Assert.AreEqual(0, problems.Count, string.Join(Environment.NewLine, problems));
        }

        [TestMethod]
        public void Readme_TestAdapterPath_NamesTheListedTestFrameworkVersion()
        {
            string readme = File.ReadAllText(Path.Combine(DeviceProjects.Root, "README.md"));
            string version = PackageVersions()["nanoFramework.TestFramework"];
            Assert.IsTrue(readme.Contains(@"packages\nanoFramework.TestFramework." + version + @"\lib"), "README's vstest command names another TestFramework than " + version);
        }
    }
}

using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using nanoFramework.TestFramework;
using nanoFramework.TestFramework.Host;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>
    /// The host runner must keep the nanoFramework launcher's semantics, or host results would say nothing about the
    /// emulator: null instance, Setup and Cleanup once per class, a skipping Setup skips the class. A sample test
    /// assembly is compiled in memory so its deliberately broken classes never join the real suite.
    /// </summary>
    [TestClass]
    public class NanoTestRunnerTests
    {
        private const string SampleSource = @"
using nanoFramework.TestFramework;
namespace Sample
{
    [TestClass]
    public class Counting
    {
        public static int SetupRuns;
        public static int CleanupRuns;
        public static int TestRuns;
        [Setup] public void Setup() { SetupRuns++; }
        [TestMethod] public void First() { TestRuns++; }
        [TestMethod] public void Second() { TestRuns++; }
        [TestMethod] [DataRow(1, ""a"")] [DataRow(2, ""b"")] public void Rows(int n, string s) { TestRuns += n; }
        [TestMethod] public void Failing() { Assert.AreEqual(1, 2); }
        [Cleanup] public void Cleanup() { CleanupRuns++; }
    }

    [TestClass]
    public class InstanceState
    {
        private int _field;
        [TestMethod] public void UsesField() { _field++; }
    }

    [TestClass]
    public class ThisIsNull
    {
        [TestMethod] public void CheckThis() { Assert.IsTrue(this == null, ""launcher passes a null instance""); }
    }

    [TestClass]
    public class SkippedBySetup
    {
        [Setup] public void Setup() { Assert.SkipTest(""no hardware""); }
        [TestMethod] public void NeedsHardware() { }
    }
}";

        private static Assembly _sample;

        [Setup]
        public void CompileSample()
        {
            string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
            MetadataReference[] references = Directory.GetFiles(runtimeDirectory, "*.dll")
                .Where(f => !Path.GetFileName(f).StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal))
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
                .Append(MetadataReference.CreateFromFile(typeof(Assert).Assembly.Location))
                .ToArray();
            CSharpCompilation compilation = CSharpCompilation.Create(
                "NanoRunnerSample",
                new[] { CSharpSyntaxTree.ParseText(SampleSource) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
            Assert.IsTrue(result.Success, string.Join("; ", result.Diagnostics.Select(d => d.ToString())));
            _sample = Assembly.Load(image.ToArray());
        }

        [TestMethod]
        public void Run_ClassWithTests_SetupOnceTestsThenCleanupOnce()
        {
            Type counting = _sample.GetType("Sample.Counting");
            string[] ids = NanoTestRunner.Discover(_sample).Where(id => id.StartsWith("Sample.Counting.", StringComparison.Ordinal)).ToArray();
            Assert.AreEqual(5, ids.Length, "First, Second, two DataRows, Failing");
            int passed = 0;
            int failed = 0;
            foreach (string id in ids)
            {
                NanoTestOutcome outcome = NanoTestRunner.Run(_sample, id, out string _);
                passed += outcome == NanoTestOutcome.Passed ? 1 : 0;
                failed += outcome == NanoTestOutcome.Failed ? 1 : 0;
            }

            Assert.AreEqual(4, passed);
            Assert.AreEqual(1, failed);
            Assert.AreEqual(1, (int)counting.GetField("SetupRuns").GetValue(null));
            Assert.AreEqual(1 + 1 + 1 + 2, (int)counting.GetField("TestRuns").GetValue(null));
            Assert.AreEqual(0, (int)counting.GetField("CleanupRuns").GetValue(null), "cleanup waits for the last test");
            Assert.AreEqual(0, NanoTestRunner.RunCleanups(_sample).Count);
            Assert.AreEqual(1, (int)counting.GetField("CleanupRuns").GetValue(null));
        }

        [TestMethod]
        public void Run_ClassWithInstanceField_FailsNamingTheField()
        {
            NanoTestRunner.Discover(_sample);
            NanoTestOutcome outcome = NanoTestRunner.Run(_sample, "Sample.InstanceState.UsesField", out string message);
            Assert.AreEqual((int)NanoTestOutcome.Failed, (int)outcome);
            Assert.Contains("_field", message);
        }

        [TestMethod]
        public void Run_InstanceTestMethod_InvokedWithNullInstance()
        {
            NanoTestRunner.Discover(_sample);
            NanoTestOutcome outcome = NanoTestRunner.Run(_sample, "Sample.ThisIsNull.CheckThis", out string message);
            Assert.AreEqual((int)NanoTestOutcome.Passed, (int)outcome, message);
        }

        [TestMethod]
        public void Run_SetupSkips_EveryTestOfTheClassSkipped()
        {
            NanoTestRunner.Discover(_sample);
            NanoTestOutcome outcome = NanoTestRunner.Run(_sample, "Sample.SkippedBySetup.NeedsHardware", out string message);
            Assert.AreEqual((int)NanoTestOutcome.Skipped, (int)outcome);
            Assert.Contains("no hardware", message);
        }

        [TestMethod]
        public void Run_FailingAssertion_FailureIsTheTestsExceptionWithTheTestAsFirstFrame()
        {
            NanoTestRunner.Discover(_sample);
            NanoTestOutcome outcome = NanoTestRunner.Run(_sample, "Sample.Counting.Failing", out string message, out Exception failure);
            Assert.AreEqual((int)NanoTestOutcome.Failed, (int)outcome);
            Assert.IsNotNull(failure);
            string firstFrame = failure.StackTrace.TrimStart().Split('\n')[0];
            Assert.IsTrue(firstFrame.StartsWith("at Sample.Counting.Failing()", StringComparison.Ordinal), failure.StackTrace);
            Assert.Contains("expected <1> but was <2>", message);
        }

        [TestMethod]
        public void Describe_EveryCaseOfThisAssembly_OwnNameAndItsSourceFileAndLine()
        {
            var assembly = typeof(NanoTestRunnerTests).Assembly;
            var ids = NanoTestRunner.Discover(assembly);
            var names = ids.Select(id => NanoTestRunner.Describe(assembly, id).DisplayName).ToArray();
            Assert.AreEqual(ids.Count, names.Distinct().Count(), "two cases share a name");
            Assert.IsTrue(ids.Count > 400);

            string id = ids.Single(i => i.EndsWith(".ProvisioningTests.Parse_ReadmeExample_OneAccountWithTrailingCommentsIgnored", StringComparison.Ordinal));
            NanoTestCaseInfo info = NanoTestRunner.Describe(assembly, id);
            Assert.AreEqual("ProvisioningTests.Parse_ReadmeExample_OneAccountWithTrailingCommentsIgnored", info.DisplayName);
            Assert.AreEqual("ProvisioningTests", info.ClassName);
            Assert.IsTrue(info.SourceFile.EndsWith("ProvisioningTests.cs", StringComparison.Ordinal), info.SourceFile);
            Assert.IsTrue(info.SourceLine > 1);
        }

        [TestMethod]
        public void Describe_DataRows_ArgumentsInTheName()
        {
            string[] ids = NanoTestRunner.Discover(_sample).Where(i => i.StartsWith("Sample.Counting.Rows", StringComparison.Ordinal)).ToArray();
            Assert.AreEqual("Counting.Rows(1, \"a\")", NanoTestRunner.Describe(_sample, ids[0]).DisplayName);
            Assert.AreEqual("Counting.Rows(2, \"b\")", NanoTestRunner.Describe(_sample, ids[1]).DisplayName);
        }

        [Cleanup]
        public void CleanupSample()
        {
            NanoTestRunner.RunCleanups(_sample);
        }
    }
}

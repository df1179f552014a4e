using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using nanoFramework.TestFramework.Host;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace OmaDm.Notification.Tests.HostBridge
{
    /// <summary>
    /// The thinnest mapping from dotnet test to the nanoFramework tests in this assembly: one xunit case per
    /// nanoFramework test method (and per DataRow), run by <see cref="NanoTestRunner"/> with the emulator's semantics.
    /// Cases of this class run sequentially, so each test class's Setup and Cleanup run once, as on the device.
    /// </summary>
    /// <remarks>
    /// Each case is named as the test is, <c>Class.Method</c> or <c>Class.Method(arguments)</c>, points at the test's own
    /// source file and line, and carries the traits <c>Class</c> and <c>Method</c>
    /// (<c>dotnet test --filter "Class=ProvisioningTests"</c>, or <c>--filter "DisplayName~Parse_"</c>). A failure is the
    /// test's own exception, rethrown with its stack trace (assertion and runner frames hidden), so the report's first
    /// frame is the test's file and line.
    /// </remarks>
    public sealed class NanoFrameworkTests : IClassFixture<NanoFrameworkTests.CleanupFixture>
    {
        [NanoTestCases]
        [StackTraceHidden]
        public void Run(string test)
        {
            NanoTestOutcome outcome = NanoTestRunner.Run(typeof(NanoFrameworkTests).Assembly, test, out string message, out Exception failure);
            if (outcome == NanoTestOutcome.Skipped)
            {
                Assert.Skip(message ?? "skipped");
            }

            if (outcome == NanoTestOutcome.Failed)
            {
                if (failure != null)
                {
                    ExceptionDispatchInfo.Capture(failure).Throw();
                }

                Assert.Fail(message);
            }
        }

        /// <summary>Runs every Cleanup once, after the last case.</summary>
        public sealed class CleanupFixture : IDisposable
        {
            public void Dispose()
            {
                IReadOnlyList<string> failures = NanoTestRunner.RunCleanups();
                if (failures.Count != 0)
                {
                    throw new InvalidOperationException("Cleanup failed: " + string.Join("; ", failures));
                }
            }
        }
    }

    /// <summary>Marks the bridge method: one xunit case per nanoFramework test case, named and located as that test.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    [XunitTestCaseDiscoverer(typeof(NanoTestCaseDiscoverer))]
    public sealed class NanoTestCasesAttribute : FactAttribute
    {
        public NanoTestCasesAttribute([CallerFilePath] string sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
            : base(sourceFilePath, sourceLineNumber)
        {
        }
    }

    /// <summary>
    /// Creates the cases of <see cref="NanoTestCasesAttribute"/> directly (a theory would append its own argument, the
    /// case id, to every name and truncate it, so 460 cases used to show as 53 names).
    /// </summary>
    public sealed class NanoTestCaseDiscoverer : IXunitTestCaseDiscoverer
    {
        public ValueTask<IReadOnlyCollection<IXunitTestCase>> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute)
        {
            var assembly = testMethod.TestClass.Class.Assembly;
            var cases = new List<IXunitTestCase>();
            foreach (string id in NanoTestRunner.Discover(assembly))
            {
                NanoTestCaseInfo info = NanoTestRunner.Describe(assembly, id);
                var traits = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase)
                {
                    ["Class"] = new HashSet<string> { info.ClassName },
                    ["Method"] = new HashSet<string> { info.MethodName },
                };
                object[] arguments = { id };
                cases.Add(new XunitTestCase(
                    testMethod,
                    info.DisplayName,
                    UniqueIDGenerator.ForTestCase(testMethod.UniqueID, null, arguments),
                    @explicit: false,
                    skipExceptions: null,
                    skipReason: null,
                    skipType: null,
                    skipUnless: null,
                    skipWhen: null,
                    traits,
                    arguments,
                    info.SourceFile,
                    info.SourceLine,
                    timeout: null));
            }

            return new ValueTask<IReadOnlyCollection<IXunitTestCase>>(cases);
        }
    }
}

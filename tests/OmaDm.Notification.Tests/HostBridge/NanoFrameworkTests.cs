using System;
using System.Collections.Generic;
using nanoFramework.TestFramework.Host;
using Xunit;

namespace OmaDm.Notification.Tests.HostBridge
{
    /// <summary>
    /// The thinnest mapping from dotnet test to the nanoFramework tests in this assembly: one xunit case per
    /// nanoFramework test method (and per DataRow), run by <see cref="NanoTestRunner"/> with the emulator's semantics.
    /// Cases of this class run sequentially, so each test class's Setup and Cleanup run once, as on the device.
    /// </summary>
    public sealed class NanoFrameworkTests : IClassFixture<NanoFrameworkTests.CleanupFixture>
    {
        public static TheoryData<string> Cases()
        {
            var data = new TheoryData<string>();
            foreach (string id in NanoTestRunner.Discover(typeof(NanoFrameworkTests).Assembly))
            {
                data.Add(id);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Run(string test)
        {
            NanoTestOutcome outcome = NanoTestRunner.Run(typeof(NanoFrameworkTests).Assembly, test, out string message);
            if (outcome == NanoTestOutcome.Skipped)
            {
                Assert.Skip(message ?? "skipped");
            }

            if (outcome == NanoTestOutcome.Failed)
            {
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
}

using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using nanoFramework.TestFramework;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.Records;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>
    /// Keeps the tests guiding: reason codes compared by name (AssertReason, StoreTestData.AreEqual), no hand-written
    /// line numbers in messages (a failure names its own file and line), and a name for every member of the enums the
    /// firmware logs.
    /// </summary>
    [TestClass]
    public class TestStyleTests
    {
        private static readonly Regex IntReasonAssert = new Regex(@"AreEqual\(\s*\(int\)\s*\(?\s*(ReasonCode|StoreReason|ProvisioningOutcome)\.");
        private static readonly Regex HandWrittenLine = new Regex("\"[A-Za-z_]+:[0-9]+\"");

        private static string[] TestSources() =>
            Directory.EnumerateFiles(Path.Combine(DeviceProjects.Root, "tests", "OmaDm.Notification.Tests"), "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .ToArray();

        [TestMethod]
        public void TestSources_ReasonCodes_ComparedByNameNotInt()
        {
            string[] offenders = TestSources().SelectMany(p => File.ReadAllLines(p).Select((line, i) => (p, line, i)))
                .Where(x => IntReasonAssert.IsMatch(x.line))
                .Select(x => Path.GetFileName(x.p) + ":" + (x.i + 1)).ToArray();
            Assert.AreEqual(0, offenders.Length, string.Join(", ", offenders));
        }

        [TestMethod]
        public void TestSources_Messages_NoHandWrittenLineNumbers()
        {
            string[] offenders = TestSources().SelectMany(p => File.ReadAllLines(p).Select((line, i) => (p, line, i)))
                .Where(x => HandWrittenLine.IsMatch(x.line))
                .Select(x => Path.GetFileName(x.p) + ":" + (x.i + 1)).ToArray();
            Assert.AreEqual(0, offenders.Length, string.Join(", ", offenders));
        }

        [TestMethod]
        public void Sources_Comments_CiteOnlyWhatTheRepositoryHolds()
        {
            var outside = new Regex(@"interop notes|\bissue #?[0-9]+", RegexOptions.IgnoreCase);
            string[] offenders = new[] { "src", "tests", "boards" }
                .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(DeviceProjects.Root, folder), "*.cs", SearchOption.AllDirectories))
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .Where(p => !p.EndsWith(nameof(TestStyleTests) + ".cs", StringComparison.Ordinal))
                .SelectMany(p => File.ReadAllLines(p).Select((line, i) => (p, line, i)))
                .Where(x => outside.IsMatch(x.line))
                .Select(x => Path.GetFileName(x.p) + ":" + (x.i + 1)).ToArray();
            Assert.AreEqual(0, offenders.Length, string.Join(", ", offenders));
        }

        [TestMethod]
        public void Models_OneTypeEach_StoreAndDriverUseTheCoresTypes()
        {
            Assert.AreEqual(typeof(OmaDm.Notification.Dispatch.SessionHistoryEntry[]), typeof(AccountStore).GetMethod(nameof(AccountStore.GetRecentSessions)).ReturnType);
            Assert.AreEqual(typeof(OmaDm.Notification.Dispatch.SmsReceiveResult), typeof(OmaDm.Notification.Modem.Sms.ISmsSink).GetMethod("Receive").ReturnType);
            Assert.IsNull(typeof(AccountStore).Assembly.GetType("OmaDm.Notification.Storage.Accounts.RecentSessionRecord"));
            Assert.IsNull(typeof(AtChannel).Assembly.GetType("OmaDm.Notification.Modem.Sms.SmsSinkResult"));
        }

        [TestMethod]
        public void TestSources_Hex_OnlyTheSharedHelpers()
        {
            var ownHexHelper = new Regex(@"static\s+(string|byte\[\])\s+\w*Hex\w*\s*\(");
            string[] offenders = TestSources()
                .Where(p => !p.EndsWith("TestBytes.cs", StringComparison.Ordinal))
                .SelectMany(p => File.ReadAllLines(p).Select((line, i) => (p, line, i)))
                .Where(x => ownHexHelper.IsMatch(x.line))
                .Select(x => Path.GetFileName(x.p) + ":" + (x.i + 1)).ToArray();
            Assert.AreEqual(0, offenders.Length, "use TestBytes.FromHex/ToHex or Buffers.Hex: " + string.Join(", ", offenders));
        }

        [TestMethod]
        public void Names_EveryMemberOfTheLoggedEnums_DistinctAndKnown()
        {
            AssertNamed(Enum.GetValues<ReasonCode>().Select(ReasonCodeText.ToKebabCase).ToArray(), "ReasonCode");
            AssertNamed(Enum.GetValues<StoreReason>().Select(StoreReasonText.ToKebabCase).ToArray(), "StoreReason");
            AssertNamed(Enum.GetValues<ProvisioningOutcome>().Select(Provisioning.OutcomeName).ToArray(), "ProvisioningOutcome");
            AssertNamed(Enum.GetValues<ProvisioningError>().Select(Provisioning.ErrorName).ToArray(), "ProvisioningError");
            AssertNamed(Enum.GetValues<ModemEventKind>().Select(ModemEventKindText.ToKebabCase).ToArray(), "ModemEventKind");
        }

        private static void AssertNamed(string[] names, string what)
        {
            Assert.IsFalse(names.Contains("unknown"), what + " has a member without a name");
            Assert.AreEqual(names.Length, names.Distinct().Count(), what + " has two members with one name");
        }
    }
}

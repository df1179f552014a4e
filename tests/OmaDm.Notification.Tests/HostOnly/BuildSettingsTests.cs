using System;
using System.IO;
using System.Text.Json;
using nanoFramework.TestFramework;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>The repository pins what it is built with: the SDK band, the style rules and the analyzers.</summary>
    [TestClass]
    public class BuildSettingsTests
    {
        [TestMethod]
        public void GlobalJson_SdkBand_Net10AnyFeatureBandNoPreview()
        {
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(DeviceProjects.Root, "global.json")));
            JsonElement sdk = json.RootElement.GetProperty("sdk");
            Assert.IsTrue(sdk.GetProperty("version").GetString().StartsWith("10.0.", StringComparison.Ordinal));
            Assert.AreEqual("latestFeature", sdk.GetProperty("rollForward").GetString());
            Assert.IsFalse(sdk.GetProperty("allowPrerelease").GetBoolean());
            Assert.AreEqual(10, Environment.Version.Major, "the tests run on the runtime of the pinned SDK");
        }

        [TestMethod]
        public void EditorConfig_NamingRulesEnforcedByTheHostBuild()
        {
            string editorConfig = File.ReadAllText(Path.Combine(DeviceProjects.Root, ".editorconfig"));
            string props = File.ReadAllText(Path.Combine(DeviceProjects.Root, "src", "Directory.Build.props"));
            Assert.IsTrue(editorConfig.Contains("dotnet_naming_rule.private_fields_underscore.severity = warning"));
            Assert.IsTrue(editorConfig.Contains("dotnet_diagnostic.IDE1006.severity = warning"));
            Assert.IsTrue(props.Contains("<EnforceCodeStyleInBuild>true</EnforceCodeStyleInBuild>"));
            Assert.IsTrue(props.Contains("<EnableNETAnalyzers>true</EnableNETAnalyzers>"));
            Assert.IsTrue(props.Contains("<TreatWarningsAsErrors>true</TreatWarningsAsErrors>"));
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using nanoFramework.TestFramework;
using SubsetCheck;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>
    /// The core's dependencies follow its layers (README "Layers"): each folder of src/OmaDm.Notification is a layer and
    /// the namespace of its files; a layer uses only the layers below it. Checked with Roslyn over the Compile list of
    /// the core's .nfproj: every name in the code is bound and the namespace of what it binds to is looked up here.
    /// </summary>
    internal static class CoreLayers
    {
        public const string Root = "OmaDm.Notification";

        // Bottom to top. Index = rank; a layer may use layers of lower rank and its own. Wdp and Wsp are parallel decoder
        // layers (SMS feeds WDP; WSP is reached from WDP's payload or from UDP), so they share a rank and use neither; the
        // WBXML reader is another such decoder (a bootstrap push's body). Bootstrap maps WBXML documents to an account and
        // derives the push's key (Cryptography), above the decoders and below Dispatch, whose agent runs it.
        private static readonly string[][] Ranks =
        {
            new[] { string.Empty },                // ReasonCode, IClock, Bearer, LogHandler
            new[] { "Buffers" },
            new[] { "Cryptography" },
            new[] { "Sms" },
            new[] { "Wdp", "Wsp", "Wbxml" },
            new[] { "Trigger" },
            new[] { "Authentication" },
            new[] { "Bootstrap" },
            new[] { "Dispatch" },
        };

        public static string ProjectPath => Path.Combine(DeviceProjects.Root, "src", "OmaDm.Notification", "OmaDm.Notification.nfproj");

        /// <summary>The rank of a layer (folder name, empty for the root); -1 when the core has no such layer.</summary>
        public static int RankOf(string layer)
        {
            for (int i = 0; i < Ranks.Length; i++)
            {
                if (Array.IndexOf(Ranks[i], layer) >= 0)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The core's sources as syntax trees, each with its path relative to the core's folder.</summary>
        public static List<SyntaxTree> Sources()
        {
            DeviceProject project = DeviceProject.Load(ProjectPath);
            return project.SourceFiles
                .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), path: Path.GetRelativePath(project.Directory, p)))
                .ToList();
        }

        /// <summary>
        /// Every breach of the layering in <paramref name="trees"/>: a name bound to a higher or parallel layer of the
        /// core, a name that does not bind at all (the core compiles alone: a reference to Net, Modem, Storage,
        /// Firmware or any other project of ours cannot bind), a file whose namespace is not its folder.
        /// </summary>
        public static List<string> Violations(IEnumerable<SyntaxTree> trees)
        {
            var list = trees.ToList();
            // The runtime's own assemblies only (the test process also trusts ours, which the core must not see).
            string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
            var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")).Split(Path.PathSeparator)
                .Where(p => Path.GetDirectoryName(p) == runtime)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
            CSharpCompilation compilation = CSharpCompilation.Create(
                "LayerCheck", list, platform, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: false));
            var violations = new List<string>();
            foreach (Diagnostic error in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                violations.Add(Where(error.Location) + ": does not compile alone (" + error.Id + " " + error.GetMessage() + ")");
            }

            foreach (SyntaxTree tree in list)
            {
                string layer = LayerOfPath(tree.FilePath);
                int rank = RankOf(layer);
                if (rank < 0)
                {
                    violations.Add(tree.FilePath + ": folder '" + layer + "' is not a layer of the core (add it to CoreLayers)");
                    continue;
                }

                SyntaxNode root = tree.GetRoot();
                foreach (BaseNamespaceDeclarationSyntax ns in root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>())
                {
                    string expected = layer.Length == 0 ? Root : Root + "." + layer;
                    if (ns.Name.ToString() != expected)
                    {
                        violations.Add(Where(ns.Name.GetLocation()) + ": namespace " + ns.Name + " in folder '" + layer + "' (expected " + expected + ")");
                    }
                }

                SemanticModel model = compilation.GetSemanticModel(tree);
                foreach (SimpleNameSyntax name in root.DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    ISymbol symbol = What(model.GetSymbolInfo(name).Symbol, name);
                    string used = symbol == null ? null : LayerOfSymbol(symbol);
                    if (used == null || used == layer)
                    {
                        continue;
                    }

                    int usedRank = RankOf(used);
                    if (usedRank < 0 || usedRank >= rank)
                    {
                        violations.Add(Where(name.GetLocation()) + ": " + Describe(layer) + " uses " + symbol.ToDisplayString() + " from " + Describe(used));
                    }
                }
            }

            return violations.Distinct().ToList();
        }

        // What a name depends on: a type (a member stands for its type); a namespace only where a using directive names it.
        private static ISymbol What(ISymbol symbol, SyntaxNode name)
        {
            if (symbol is INamespaceSymbol)
            {
                return name.Ancestors().Any(a => a is UsingDirectiveSyntax) ? symbol : null;
            }

            return symbol as ITypeSymbol ?? symbol?.ContainingType;
        }

        private static string LayerOfPath(string relativePath)
        {
            string[] parts = relativePath.Split('/', '\\');
            return parts.Length == 1 || parts[0] == "Properties" ? string.Empty : parts[0];
        }

        // The layer of a symbol of ours: its namespace below OmaDm.Notification ("" for the root, null for the platform).
        private static string LayerOfSymbol(ISymbol symbol)
        {
            INamespaceSymbol ns = symbol as INamespaceSymbol ?? symbol.ContainingNamespace;
            if (ns == null)
            {
                return null;
            }

            string name = ns.ToDisplayString();
            if (name == Root)
            {
                return string.Empty;
            }

            if (!name.StartsWith(Root + ".", StringComparison.Ordinal))
            {
                return null;
            }

            string rest = name.Substring(Root.Length + 1);
            int dot = rest.IndexOf('.');
            return dot < 0 ? rest : rest.Substring(0, dot);
        }

        private static string Describe(string layer) => layer.Length == 0 ? "the root" : layer;

        private static string Where(Location location)
        {
            FileLinePositionSpan span = location.GetLineSpan();
            return span.Path + ":" + (span.StartLinePosition.Line + 1);
        }
    }

    [TestClass]
    public class LayeringTests
    {
        [TestMethod]
        public void Core_EveryLayer_UsesOnlyLayersBelowIt()
        {
            List<string> violations = CoreLayers.Violations(CoreLayers.Sources());
            Assert.AreEqual(0, violations.Count, string.Join(Environment.NewLine, violations));
        }

        [TestMethod]
        public void Core_ProjectReferences_None()
        {
            DeviceProject project = DeviceProject.Load(CoreLayers.ProjectPath);
            Assert.AreEqual(0, project.ProjectReferences.Count, string.Join(", ", project.ProjectReferences));
            string csproj = File.ReadAllText(Path.ChangeExtension(CoreLayers.ProjectPath, ".csproj"));
            Assert.IsFalse(csproj.Contains("ProjectReference"), "the core's host project references another project");
        }

        [TestMethod]
        public void Core_SharedTypes_InTheRootNamespace()
        {
            Assert.AreEqual(CoreLayers.Root, typeof(IClock).Namespace);
            Assert.AreEqual(CoreLayers.Root, typeof(Bearer).Namespace);
            Assert.AreEqual(CoreLayers.Root, typeof(LogHandler).Namespace);
            Assert.AreEqual("OmaDm.Notification.Dispatch", typeof(OmaDm.Notification.Dispatch.SmsNotificationReceiver).Namespace);
        }

        [TestMethod]
        public void Violations_DecoderUsesTheAgent_Reported()
        {
            AssertReported(
                "Wdp/Forbidden.cs",
                "namespace OmaDm.Notification.Wdp { internal static class Forbidden { internal static object Agent() { return new OmaDm.Notification.Dispatch.AgentOptions(); } } }",
                "Wdp uses OmaDm.Notification.Dispatch.AgentOptions");
        }

        [TestMethod]
        public void Violations_WdpUsesWsp_Reported()
        {
            AssertReported(
                "Wdp/Forbidden.cs",
                "using OmaDm.Notification.Wsp; namespace OmaDm.Notification.Wdp { internal static class Forbidden { internal static WspPush Push; } }",
                "Wdp uses OmaDm.Notification.Wsp.WspPush");
        }

        [TestMethod]
        public void Violations_RootUsesALayer_Reported()
        {
            AssertReported(
                "Forbidden.cs",
                "namespace OmaDm.Notification { internal static class Forbidden { internal static object Reader() { return OmaDm.Notification.Trigger.UiMode.Background; } } }",
                "the root uses OmaDm.Notification.Trigger.UiMode");
        }

        [TestMethod]
        public void Violations_CoreUsesTheModemProject_Reported()
        {
            AssertReported(
                "Dispatch/Forbidden.cs",
                "namespace OmaDm.Notification.Dispatch { internal static class Forbidden { internal static OmaDm.Notification.Modem.AtChannel Channel; } }",
                "does not compile alone");
        }

        [TestMethod]
        public void Violations_NamespaceNotItsFolder_Reported()
        {
            AssertReported(
                "Wsp/Misplaced.cs",
                "namespace OmaDm.Notification.Dispatch { internal static class Misplaced { } }",
                "namespace OmaDm.Notification.Dispatch in folder 'Wsp'");
        }

        private static void AssertReported(string path, string source, string expected)
        {
            List<SyntaxTree> trees = CoreLayers.Sources();
            trees.Add(CSharpSyntaxTree.ParseText(source, path: path));
            List<string> violations = CoreLayers.Violations(trees);
            string all = string.Join(Environment.NewLine, violations);
            Assert.IsTrue(violations.Count > 0, "the forbidden reference went unnoticed");
            Assert.IsTrue(violations.All(v => v.StartsWith(path + ":1: ", StringComparison.Ordinal)), all);
            Assert.IsTrue(violations.Any(v => v.Contains(expected)), all);
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace SubsetCheck
{
    /// <summary>
    /// The nanoFramework reference assemblies: the real mscorlib of the nanoFramework.CoreLibrary package, and the
    /// others (NuGet serves no other nanoFramework package) compiled in memory from the generated stub source,
    /// each against the assemblies it depends on.
    /// Built once per process (<see cref="Default"/>).
    /// </summary>
    public sealed class StubSet
    {
        private static readonly Lazy<StubSet> Shared = new Lazy<StubSet>(() => Build(ApiCatalog.Default));

        private StubSet(ApiCatalog catalog)
        {
            Catalog = catalog;
        }

        public static StubSet Default => Shared.Value;

        /// <summary>The assembly checked against the real reference assembly of its NuGet package, not a stub.</summary>
        public const string RealCoreLibrary = "mscorlib";

        /// <summary>The nanoFramework.CoreLibrary package's mscorlib.dll, embedded at build time.</summary>
        public static byte[] RealCoreLibraryImage()
        {
            using Stream stream = typeof(StubSet).Assembly.GetManifestResourceStream("mscorlib.dll")
                ?? throw new InvalidOperationException("mscorlib.dll (nanoFramework.CoreLibrary) is not embedded in SubsetCheck");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        public ApiCatalog Catalog { get; }

        /// <summary>Reference assemblies by assembly name.</summary>
        public IReadOnlyDictionary<string, MetadataReference> References { get; private set; }

        /// <summary>Generated source by assembly name (for diagnosis).</summary>
        public IReadOnlyDictionary<string, string> Sources { get; private set; }

        /// <summary>For each assembly, the stub assemblies its API uses (so a device project must reference them too).</summary>
        public IReadOnlyDictionary<string, HashSet<string>> Dependencies { get; private set; }

        /// <summary>Members of api.tsv the stubs leave out, with the reason.</summary>
        public IReadOnlyList<string> Dropped { get; private set; }

        public static StubSet Build(ApiCatalog catalog)
        {
            var generator = new StubGenerator(catalog);
            Dictionary<string, string> sources = generator.GenerateAll();
            var references = new Dictionary<string, MetadataReference>(StringComparer.Ordinal);
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Disable)
                .WithAllowUnsafe(true)
                .WithGeneralDiagnosticOption(ReportDiagnostic.Suppress)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>());

            foreach (string assembly in TopologicalOrder(generator.Dependencies))
            {
                if (assembly == RealCoreLibrary)
                {
                    // NuGet serves the real reference assembly: no stub stands in for it.
                    references[assembly] = MetadataReference.CreateFromImage(RealCoreLibraryImage(), filePath: assembly + ".dll");
                    continue;
                }

                SyntaxTree tree = CSharpSyntaxTree.ParseText(sources[assembly], parseOptions, path: assembly + ".stub.cs");
                var refs = Closure(assembly, generator.Dependencies).Select(a => references[a]).ToList();
                CSharpCompilation compilation = CSharpCompilation.Create(assembly, new[] { tree }, refs, options);
                using var stream = new MemoryStream();
                EmitResult result = compilation.Emit(stream, options: new EmitOptions(metadataOnly: true));
                if (!result.Success)
                {
                    string errors = string.Join(Environment.NewLine, result.Diagnostics
                        .Where(d => d.Severity == DiagnosticSeverity.Error).Take(40).Select(d => d.ToString()));
                    throw new InvalidOperationException("The generated stub of " + assembly + " does not compile:" + Environment.NewLine + errors);
                }

                references[assembly] = MetadataReference.CreateFromImage(stream.ToArray(), filePath: assembly + ".dll");
            }

            return new StubSet(catalog)
            {
                References = references,
                Sources = sources,
                Dependencies = generator.Dependencies,
                Dropped = generator.Dropped,
            };
        }

        private static IEnumerable<string> Closure(string assembly, Dictionary<string, HashSet<string>> deps)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>(deps[assembly]);
            while (stack.Count > 0)
            {
                string a = stack.Pop();
                if (a != assembly && seen.Add(a))
                {
                    foreach (string d in deps[a])
                    {
                        stack.Push(d);
                    }
                }
            }

            return seen;
        }

        private static List<string> TopologicalOrder(Dictionary<string, HashSet<string>> deps)
        {
            var order = new List<string>();
            var state = new Dictionary<string, int>(StringComparer.Ordinal);

            void Visit(string a, Stack<string> path)
            {
                state.TryGetValue(a, out int s);
                if (s == 2)
                {
                    return;
                }

                if (s == 1)
                {
                    throw new InvalidOperationException("Stub assemblies depend on each other in a cycle: " + string.Join(" -> ", path.Reverse()) + " -> " + a);
                }

                state[a] = 1;
                path.Push(a);
                foreach (string d in deps[a].OrderBy(x => x, StringComparer.Ordinal))
                {
                    Visit(d, path);
                }

                path.Pop();
                state[a] = 2;
                order.Add(a);
            }

            foreach (string a in deps.Keys.OrderBy(x => x, StringComparer.Ordinal))
            {
                Visit(a, new Stack<string>());
            }

            return order;
        }
    }
}

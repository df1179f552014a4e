using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using SubsetCheck;

namespace EmulatorRunner
{
    /// <summary>One device project compiled for the device.</summary>
    public sealed class CompiledProject
    {
        public DeviceProject Project { get; init; }

        /// <summary>The emitted assembly (.dll, or .exe for an application).</summary>
        public string AssemblyPath { get; init; }

        public CSharpCompilation Compilation { get; init; }

        /// <summary>Projects this one references, compiled first (direct references only).</summary>
        public IReadOnlyList<CompiledProject> ProjectDependencies { get; init; }

        public bool IsTestProject { get; init; }

        public bool IsApplication => string.Equals(Project.OutputType, "Exe", StringComparison.OrdinalIgnoreCase);

        /// <summary>This project and every project it depends on, dependencies first, each once.</summary>
        public IEnumerable<CompiledProject> WithDependencies()
        {
            var seen = new HashSet<CompiledProject>();
            var order = new List<CompiledProject>();
            void Visit(CompiledProject p)
            {
                if (!seen.Add(p))
                {
                    return;
                }

                foreach (CompiledProject d in p.ProjectDependencies)
                {
                    Visit(d);
                }

                order.Add(p);
            }

            Visit(this);
            return order;
        }
    }

    /// <summary>
    /// Compiles an .nfproj as the nanoFramework build does: every Compile item (device-only ones included), the
    /// project's LangVersion and defines, no standard library, against the real nanoFramework reference assemblies of
    /// the emulator cache and the projects it references. Release (optimised) IL, as deployed.
    /// </summary>
    public sealed class DeviceCompiler
    {
        private readonly EmulatorCache _cache;
        private readonly string _outputRoot;
        private readonly Dictionary<string, CompiledProject> _done = new Dictionary<string, CompiledProject>(StringComparer.Ordinal);

        public DeviceCompiler(EmulatorCache cache, string outputRoot)
        {
            _cache = cache;
            _outputRoot = outputRoot;
        }

        /// <summary>Compiles a project (and its project references first); throws <see cref="DeviceBuildException"/> on an error.</summary>
        public CompiledProject Compile(string nfprojPath)
        {
            string path = Path.GetFullPath(nfprojPath);
            if (_done.TryGetValue(path, out CompiledProject compiled))
            {
                return compiled;
            }

            DeviceProject project = DeviceProject.Load(path);
            var dependencies = project.ProjectReferences.Select(Compile).ToList();
            var references = new List<MetadataReference>();
            foreach (string name in project.References)
            {
                string dll = _cache.ReferenceOf(name)
                    ?? throw new DeviceBuildException(path + ": the emulator cache has no reference assembly for '" + name + "'");
                references.Add(MetadataReference.CreateFromFile(dll));
            }

            references.AddRange(dependencies.Select(d => MetadataReference.CreateFromFile(d.AssemblyPath)));

            var parseOptions = new CSharpParseOptions(ParseLanguageVersion(project.LangVersion), DocumentationMode.Parse,
                SourceCodeKind.Regular, project.DefineConstants);
            var trees = project.SourceFiles.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f, Encoding.UTF8),
                parseOptions, path: f, encoding: Encoding.UTF8)).ToList();
            bool application = string.Equals(project.OutputType, "Exe", StringComparison.OrdinalIgnoreCase);
            var options = new CSharpCompilationOptions(application ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Disable)
                .WithOptimizationLevel(OptimizationLevel.Release)
                .WithDeterministic(true)
                .WithConcurrentBuild(false);
            CSharpCompilation compilation = CSharpCompilation.Create(project.AssemblyName, trees, references, options);

            string directory = Path.Combine(_outputRoot, Path.GetFileNameWithoutExtension(path) == "NFUnitTest"
                ? "tests-" + new DirectoryInfo(project.Directory).Name
                : project.AssemblyName);
            Directory.CreateDirectory(directory);
            string output = Path.Combine(directory, project.AssemblyName + (application ? ".exe" : ".dll"));
            using (var stream = File.Create(output))
            {
                EmitResult result = compilation.Emit(stream);
                if (!result.Success)
                {
                    string errors = string.Join(Environment.NewLine, result.Diagnostics
                        .Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => d.ToString()));
                    throw new DeviceBuildException(path + " does not compile against the nanoFramework libraries:" + Environment.NewLine + errors);
                }
            }

            compiled = new CompiledProject
            {
                Project = project,
                AssemblyPath = output,
                Compilation = compilation,
                ProjectDependencies = dependencies,
                IsTestProject = project.IsTestProject,
            };
            _done[path] = compiled;
            return compiled;
        }

        private static LanguageVersion ParseLanguageVersion(string text) =>
            LanguageVersionFacts.TryParse(text, out LanguageVersion version) ? version : LanguageVersion.CSharp9;
    }

    /// <summary>A device project that cannot be built for the device.</summary>
    public sealed class DeviceBuildException : Exception
    {
        public DeviceBuildException(string message)
            : base(message)
        {
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace SubsetCheck
{
    /// <summary>One way a device project leaves the nanoFramework subset.</summary>
    public sealed class Violation
    {
        public Violation(string file, int line, string message)
        {
            File = file;
            Line = line;
            Message = message;
        }

        /// <summary>The source file (or the .nfproj) the violation is in.</summary>
        public string File { get; }

        /// <summary>1-based line, 0 when the violation has no line (metadata findings, project problems).</summary>
        public int Line { get; }

        public string Message { get; }

        public override string ToString() => Line > 0 ? File + ":" + Line + ": " + Message : File + ": " + Message;
    }

    /// <summary>
    /// The subset check: compiles an .nfproj's sources (all Compile items, device-only ones too) a second time,
    /// compile-only, C# 9, with no standard library, against stubs that hold exactly the device API of the
    /// assemblies the project references; then scans the result for generics. Every compile error is an API or
    /// language feature the device lacks (the compiler lowers `lock`, string interpolation and the like against the
    /// stubs just as it does against the real nanoFramework mscorlib).
    /// </summary>
    public sealed class SubsetChecker
    {
        /// <summary>References an .nfproj may carry that hold no API (the test launcher executable).</summary>
        private static readonly HashSet<string> ReferencesWithoutApi = new HashSet<string>(StringComparer.Ordinal)
        {
            "nanoFramework.UnitTestLauncher",
        };

        private readonly StubSet _stubs;
        private readonly Dictionary<string, Compiled> _compiled = new Dictionary<string, Compiled>(StringComparer.Ordinal);
        private readonly HashSet<string> _inProgress = new HashSet<string>(StringComparer.Ordinal);

        public SubsetChecker(StubSet stubs)
        {
            _stubs = stubs;
        }

        /// <summary>Checks one .nfproj (and compiles its project references first) against the shared stubs.</summary>
        public static IReadOnlyList<Violation> Check(string nfprojPath) => new SubsetChecker(StubSet.Default).CheckProject(nfprojPath);

        /// <summary>Checks an .nfproj; referenced projects compiled on the way are kept for later calls on this instance.</summary>
        public IReadOnlyList<Violation> CheckProject(string nfprojPath) => Compile(Path.GetFullPath(nfprojPath)).Violations;

        /// <summary>Checks C# source text as if it were the only file of a project referencing the given assemblies.</summary>
        public IReadOnlyList<Violation> CheckSource(string source, params string[] references)
        {
            var violations = new List<Violation>();
            var refs = references.Select(r => _stubs.References[r]).ToList();
            SyntaxTree tree = CSharpSyntaxTree.ParseText(source, ParseOptions(Array.Empty<string>()), path: "source.cs");
            CompileAndScan("Source", new[] { tree }, refs, "source.cs", violations, out _);
            return violations;
        }

        /// <summary>The assembly an .nfproj compiles to against the device API (null when it does not compile).</summary>
        public byte[] ImageOf(string nfprojPath) => Compile(Path.GetFullPath(nfprojPath)).Image;

        /// <summary>Compiles C# source text against the given device assemblies and returns the assembly (null on errors).</summary>
        public byte[] CompileSource(string source, params string[] references)
        {
            var refs = references.Select(r => _stubs.References[r]).ToList();
            SyntaxTree tree = CSharpSyntaxTree.ParseText(source, ParseOptions(Array.Empty<string>()), path: "source.cs");
            CompileAndScan("Source", new[] { tree }, refs, "source.cs", new List<Violation>(), out byte[] image);
            return image;
        }

        private sealed class Compiled
        {
            public MetadataReference Reference;
            public byte[] Image;
            public List<Violation> Violations = new List<Violation>();
        }

        private static CSharpParseOptions ParseOptions(IEnumerable<string> defines) =>
            new CSharpParseOptions(LanguageVersion.CSharp9, DocumentationMode.Parse, SourceCodeKind.Regular, defines);

        private Compiled Compile(string path)
        {
            if (_compiled.TryGetValue(path, out Compiled done))
            {
                return done;
            }

            var result = new Compiled();
            if (!_inProgress.Add(path))
            {
                result.Violations.Add(new Violation(path, 0, "project references form a cycle through this project"));
                return result;
            }

            DeviceProject project = DeviceProject.Load(path);
            var refs = new List<MetadataReference>();
            foreach (string name in project.References)
            {
                if (_stubs.References.TryGetValue(name, out MetadataReference stub))
                {
                    refs.Add(stub);
                }
                else if (!ReferencesWithoutApi.Contains(name))
                {
                    result.Violations.Add(new Violation(path, 0, "Reference '" + name + "' is not a nanoFramework assembly listed in api.tsv"));
                }
            }

            foreach (string referenced in project.ProjectReferences)
            {
                if (!File.Exists(referenced))
                {
                    result.Violations.Add(new Violation(path, 0, "ProjectReference '" + referenced + "' does not exist"));
                    continue;
                }

                Compiled dependency = Compile(referenced);
                if (dependency.Violations.Count > 0)
                {
                    result.Violations.Add(new Violation(path, 0, "referenced project " + Path.GetFileName(referenced)
                        + " has " + dependency.Violations.Count + " subset violation(s); see its own check"));
                }

                if (dependency.Reference != null)
                {
                    refs.Add(dependency.Reference);
                }
            }

            var trees = new List<SyntaxTree>();
            CSharpParseOptions parseOptions = ParseOptions(project.DefineConstants);
            for (int i = 0; i < project.CompileItems.Count; i++)
            {
                string file = project.SourceFiles[i];
                if (!File.Exists(file))
                {
                    result.Violations.Add(new Violation(path, 0, "Compile item '" + project.CompileItems[i] + "' does not exist"));
                    continue;
                }

                trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(file, Encoding.UTF8), parseOptions, path: file, encoding: Encoding.UTF8));
            }

            result.Reference = CompileAndScan(project.AssemblyName, trees, refs, path, result.Violations, out result.Image);
            _inProgress.Remove(path);
            _compiled[path] = result;
            return result;
        }

        private MetadataReference CompileAndScan(string assemblyName, IReadOnlyList<SyntaxTree> trees,
            List<MetadataReference> refs, string where, List<Violation> violations, out byte[] emitted)
        {
            emitted = null;
            // An Exe is checked as a library: whether Main exists is not a subset question, and the firmware's Main
            // is device-only code the host never runs.
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Disable)
                .WithOptimizationLevel(OptimizationLevel.Debug)
                .WithDeterministic(true)
                .WithConcurrentBuild(false);
            CSharpCompilation compilation = CSharpCompilation.Create(assemblyName, trees, refs, options);

            violations.AddRange(StaticInitialiserReads(compilation));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            foreach (Diagnostic d in errors)
            {
                FileLinePositionSpan span = d.Location.GetLineSpan();
                string file = d.Location.IsInSource ? span.Path : where;
                int line = d.Location.IsInSource ? span.StartLinePosition.Line + 1 : 0;
                violations.Add(new Violation(file, line, Describe(d)));
            }

            if (errors.Count > 0)
            {
                // No assembly to scan: name the generics from the syntax instead, so one run reports them all.
                foreach (SyntaxTree tree in compilation.SyntaxTrees)
                {
                    foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
                    {
                        string found = node switch
                        {
                            Microsoft.CodeAnalysis.CSharp.Syntax.TypeParameterListSyntax list =>
                                "generic definition " + node.Parent switch
                                {
                                    Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax t => t.Identifier.Text,
                                    Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax m => m.Identifier.Text,
                                    Microsoft.CodeAnalysis.CSharp.Syntax.DelegateDeclarationSyntax d => d.Identifier.Text,
                                    Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax f => f.Identifier.Text,
                                    _ => string.Empty,
                                } + list,
                            Microsoft.CodeAnalysis.CSharp.Syntax.GenericNameSyntax g => "generic instantiation " + g,
                            Microsoft.CodeAnalysis.CSharp.Syntax.NullableTypeSyntax n => "generic instantiation Nullable " + n,
                            _ => null,
                        };
                        if (found != null)
                        {
                            int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                            violations.Add(new Violation(tree.FilePath, line, found));
                        }
                    }
                }

                // Dependants still see this project's declarations, so their own report is not buried in follow-ups.
                return compilation.ToMetadataReference();
            }

            using var stream = new MemoryStream();
            EmitResult emit = compilation.Emit(stream);
            if (!emit.Success)
            {
                foreach (Diagnostic d in emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
                {
                    violations.Add(new Violation(where, 0, Describe(d)));
                }

                return compilation.ToMetadataReference();
            }

            byte[] image = stream.ToArray();
            emitted = image;
            var stubNames = new HashSet<string>(_stubs.References.Keys, StringComparer.Ordinal);
            foreach ((string finding, string owner) in MetadataScanner.Scan(image, _stubs.Catalog, stubNames))
            {
                Location location = SourceOf(compilation, owner);
                FileLinePositionSpan span = location?.GetLineSpan() ?? default;
                violations.Add(location == null
                    ? new Violation(where, 0, finding)
                    : new Violation(span.Path, span.StartLinePosition.Line + 1, finding));
            }

            return MetadataReference.CreateFromImage(image);
        }

        /// <summary>
        /// Static field initialisers and static constructors that read another type's static state. nanoCLR runs every
        /// static constructor at start-up, not on first use: assembly by assembly in link order (its check that an
        /// assembly's references ran first never holds one back), and inside an assembly in the order of the types'
        /// full names. Such a read may see null (an exception in the initialiser is swallowed), as
        /// <c>class A { static readonly string S = B.Data.Length.ToString(); } class B { static readonly byte[] Data = …; }</c>
        /// leaves A.S null on the device and "3" on .NET. The nanoFramework libraries are no exception: linked
        /// before mscorlib, an initialiser reading <c>string.Empty</c> sees null (the emulator's product-first pass
        /// shows it; nanoframework/Home#1156 reports the same on an ESP32). Constants, enum members and methods
        /// are fine.
        /// </summary>
        private static IEnumerable<Violation> StaticInitialiserReads(CSharpCompilation compilation)
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                SemanticModel model = compilation.GetSemanticModel(tree);
                foreach (SyntaxNode root in StaticInitialisers(tree.GetRoot()))
                {
                    INamedTypeSymbol owner = model.GetEnclosingSymbol(root.SpanStart)?.ContainingType
                        ?? (model.GetEnclosingSymbol(root.SpanStart) as INamedTypeSymbol);
                    foreach (SyntaxNode node in root.DescendantNodesAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax>())
                    {
                        ISymbol symbol = model.GetSymbolInfo(node).Symbol;
                        bool state = symbol is IFieldSymbol { IsStatic: true, IsConst: false }
                            || symbol is IPropertySymbol { IsStatic: true };
                        INamedTypeSymbol other = symbol?.ContainingType;
                        if (!state || other == null || SymbolEqualityComparer.Default.Equals(other.OriginalDefinition, owner?.OriginalDefinition))
                        {
                            continue;
                        }

                        int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                        yield return new Violation(tree.FilePath, line, "the static initialiser of " + owner?.Name + " reads "
                            + other.Name + "." + symbol.Name + ": nanoCLR runs static initialisers eagerly, in link and type-name order, "
                            + "so it may see null; use a property or a method");
                    }
                }
            }
        }

        private static IEnumerable<SyntaxNode> StaticInitialisers(SyntaxNode root)
        {
            foreach (SyntaxNode node in root.DescendantNodes())
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.FieldDeclarationSyntax field
                    && field.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword))
                    && !field.Modifiers.Any(m => m.IsKind(SyntaxKind.ConstKeyword)))
                {
                    foreach (var variable in field.Declaration.Variables.Where(v => v.Initializer != null))
                    {
                        yield return variable.Initializer.Value;
                    }
                }
                else if (node is Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property
                    && property.Initializer != null && property.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword)))
                {
                    yield return property.Initializer.Value;
                }
                else if (node is Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax ctor
                    && ctor.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword)) && ctor.Body != null)
                {
                    yield return ctor.Body;
                }
            }
        }

        private static string Describe(Diagnostic d)
        {
            string message = d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

            // Reported at emit time without a source location: say what in the source causes it.
            return message.Contains("'System.Runtime.CompilerServices.IsVolatile'", StringComparison.Ordinal)
                ? message + " (a volatile field: the device mscorlib has no IsVolatile; use lock or Interlocked)"
                : message;
        }

        /// <summary>The source declaration of a "Type" or "Type::Member" named in metadata form, if it has one.</summary>
        private static Location SourceOf(CSharpCompilation compilation, string owner)
        {
            if (owner == null)
            {
                return null;
            }

            int sep = owner.IndexOf("::", StringComparison.Ordinal);
            string typeName = sep < 0 ? owner : owner.Substring(0, sep);
            INamedTypeSymbol type = compilation.GetTypeByMetadataName(typeName);

            // Compiler-generated closure types (C+<>c) have no source: point at the user type that holds them.
            while (type == null && typeName.Contains('+'))
            {
                typeName = typeName.Substring(0, typeName.LastIndexOf('+'));
                type = compilation.GetTypeByMetadataName(typeName);
            }

            ISymbol symbol = type;
            if (type != null && sep >= 0)
            {
                symbol = type.GetMembers(owner.Substring(sep + 2)).FirstOrDefault() ?? (ISymbol)type;
            }

            return symbol?.Locations.FirstOrDefault(l => l.IsInSource);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace EmulatorRunner
{
    /// <summary>
    /// What the nanoFramework unit-test launcher will run in a test assembly, read from its compilation: for every
    /// public method of a [TestClass], one case per [DataRow] (or one for [TestMethod]), and the [Setup]/[Cleanup]
    /// methods, keyed by "Namespace.Class.Method" as the launcher prints them.
    /// </summary>
    public sealed class TestInventory
    {
        private const string FrameworkNamespace = "nanoFramework.TestFramework";

        /// <summary>Test method key to the number of cases the launcher runs for it.</summary>
        public Dictionary<string, int> Cases { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

        /// <summary>Keys of [Setup] and [Cleanup] methods (the launcher reports them like tests; they are not counted as tests).</summary>
        public HashSet<string> Fixtures { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Setup method key to its class's full name.</summary>
        public Dictionary<string, string> SetupOfClass { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public int TotalCases => Cases.Values.Sum();

        public static TestInventory Of(Compilation compilation)
        {
            var inventory = new TestInventory();
            foreach (INamedTypeSymbol type in AllTypes(compilation.Assembly.GlobalNamespace))
            {
                if (type.TypeKind != TypeKind.Class || !type.GetAttributes().Any(a => Is(a, "TestClassAttribute")))
                {
                    continue;
                }

                string typeName = MetadataName(type);
                foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>()
                             .Where(m => m.MethodKind == MethodKind.Ordinary && m.DeclaredAccessibility == Accessibility.Public))
                {
                    var attributes = method.GetAttributes();
                    string key = typeName + "." + method.Name;
                    int rows = attributes.Count(a => Is(a, "DataRowAttribute"));
                    if (rows > 0)
                    {
                        inventory.Cases[key] = rows;
                    }
                    else if (attributes.Any(a => Is(a, "TestMethodAttribute")))
                    {
                        inventory.Cases[key] = 1;
                    }

                    if (attributes.Any(a => Is(a, "SetupAttribute")))
                    {
                        inventory.Fixtures.Add(key);
                        inventory.SetupOfClass[key] = typeName;
                    }

                    if (attributes.Any(a => Is(a, "CleanupAttribute")))
                    {
                        inventory.Fixtures.Add(key);
                    }
                }
            }

            return inventory;
        }

        private static bool Is(AttributeData attribute, string name) =>
            attribute.AttributeClass?.Name == name && attribute.AttributeClass.ContainingNamespace?.ToDisplayString() == FrameworkNamespace;

        /// <summary>Type name as reflection prints it: namespace, then nested types joined by '+'.</summary>
        private static string MetadataName(INamedTypeSymbol type)
        {
            string name = type.MetadataName;
            for (INamedTypeSymbol outer = type.ContainingType; outer != null; outer = outer.ContainingType)
            {
                name = outer.MetadataName + "+" + name;
            }

            string ns = type.ContainingNamespace?.IsGlobalNamespace == false ? type.ContainingNamespace.ToDisplayString() + "." : string.Empty;
            return ns + name;
        }

        private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
        {
            foreach (INamespaceOrTypeSymbol member in ns.GetMembers())
            {
                if (member is INamespaceSymbol child)
                {
                    foreach (INamedTypeSymbol t in AllTypes(child))
                    {
                        yield return t;
                    }
                }
                else if (member is INamedTypeSymbol type)
                {
                    yield return type;
                    foreach (INamedTypeSymbol nested in Nested(type))
                    {
                        yield return nested;
                    }
                }
            }
        }

        private static IEnumerable<INamedTypeSymbol> Nested(INamedTypeSymbol type)
        {
            foreach (INamedTypeSymbol n in type.GetTypeMembers())
            {
                yield return n;
                foreach (INamedTypeSymbol m in Nested(n))
                {
                    yield return m;
                }
            }
        }
    }
}

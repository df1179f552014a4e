using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace SubsetCheck
{
    /// <summary>What the subset check reads from an .nfproj: sources, assembly references, project references.</summary>
    public sealed class DeviceProject
    {
        private static readonly XNamespace Msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";

        public string Path { get; private set; }

        public string Directory => System.IO.Path.GetDirectoryName(Path);

        public string AssemblyName { get; private set; }

        public string OutputType { get; private set; }

        public string LangVersion { get; private set; }

        /// <summary>True for a nanoFramework unit-test project (IsTestProject true): the launcher loads it as NFUnitTest.</summary>
        public bool IsTestProject { get; private set; }

        public IReadOnlyList<string> DefineConstants { get; private set; }

        /// <summary>Every Compile item as written (backslashes), device-only ones included.</summary>
        public IReadOnlyList<string> CompileItems { get; private set; }

        /// <summary>Compile items resolved to full paths.</summary>
        public IReadOnlyList<string> SourceFiles => CompileItems.Select(Resolve).ToList();

        /// <summary>Reference Include names (assembly simple names, any ", Version=..." part cut).</summary>
        public IReadOnlyList<string> References { get; private set; }

        /// <summary>Reference Include name to its HintPath (as written).</summary>
        public IReadOnlyDictionary<string, string> HintPaths { get; private set; }

        /// <summary>ProjectReference targets resolved to full paths.</summary>
        public IReadOnlyList<string> ProjectReferences { get; private set; }

        public string Resolve(string include) =>
            System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, include.Replace('\\', System.IO.Path.DirectorySeparatorChar)));

        public static DeviceProject Load(string path)
        {
            string full = System.IO.Path.GetFullPath(path);
            XDocument doc = XDocument.Load(full);
            XElement root = doc.Root ?? throw new InvalidDataException(full + " is empty");
            XNamespace ns = root.Name.Namespace == Msbuild ? Msbuild : XNamespace.None;

            string Property(string name) =>
                root.Elements(ns + "PropertyGroup").Elements(ns + name).Select(e => e.Value.Trim()).LastOrDefault();

            var references = new List<string>();
            var hints = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (XElement r in root.Elements(ns + "ItemGroup").Elements(ns + "Reference"))
            {
                string name = ((string)r.Attribute("Include") ?? string.Empty).Split(',')[0].Trim();
                references.Add(name);
                hints[name] = (string)r.Element(ns + "HintPath");
            }

            var project = new DeviceProject
            {
                Path = full,
                AssemblyName = Property("AssemblyName") ?? System.IO.Path.GetFileNameWithoutExtension(full),
                OutputType = Property("OutputType") ?? "Library",
                LangVersion = Property("LangVersion") ?? "9.0",
                IsTestProject = string.Equals(Property("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase),
                DefineConstants = (Property("DefineConstants") ?? string.Empty)
                    .Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).ToList(),
                CompileItems = root.Elements(ns + "ItemGroup").Elements(ns + "Compile")
                    .Select(c => (string)c.Attribute("Include")).Where(s => !string.IsNullOrEmpty(s)).ToList(),
                References = references,
                HintPaths = hints,
            };
            project.ProjectReferences = root.Elements(ns + "ItemGroup").Elements(ns + "ProjectReference")
                .Select(p => project.Resolve((string)p.Attribute("Include"))).ToList();
            return project;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace EmulatorRunner
{
    /// <summary>
    /// The nanoFramework package versions of the device projects: the one list, <c>src/nanoFramework.packages.props</c>
    /// (every packages.config and HintPath is checked against it by SubsetCheckProjectFilesTests). The runner checks the
    /// emulator cache against it.
    /// </summary>
    public static class PackageVersions
    {
        /// <summary>The list's path below a repository root.</summary>
        public static string PathIn(string repositoryRoot) => Path.Combine(repositoryRoot, "src", "nanoFramework.packages.props");

        /// <summary>Package id to version.</summary>
        public static SortedDictionary<string, string> Read(string repositoryRoot) =>
            new SortedDictionary<string, string>(
                XDocument.Load(PathIn(repositoryRoot)).Root.Elements("ItemGroup").Elements("NanoFrameworkPackage")
                    .ToDictionary(p => (string)p.Attribute("Include"), p => (string)p.Attribute("Version"), StringComparer.Ordinal),
                StringComparer.Ordinal);
    }
}

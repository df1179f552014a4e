using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace EmulatorRunner
{
    /// <summary>
    /// The nanoFramework package versions the device projects name: the union of every packages.config below the
    /// repository root. They are the only place versions are written; the runner takes them from here and checks the
    /// emulator cache against them.
    /// </summary>
    public static class PackageVersions
    {
        /// <summary>Package id to version; throws <see cref="InvalidDataException"/> when two files disagree.</summary>
        public static SortedDictionary<string, string> Read(string repositoryRoot)
        {
            var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var source = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(repositoryRoot, "packages.config", SearchOption.AllDirectories)
                         .Where(f => !IsBuildOutput(f)).OrderBy(f => f, StringComparer.Ordinal))
            {
                foreach (XElement package in XDocument.Load(file).Root.Elements("package"))
                {
                    string id = (string)package.Attribute("id");
                    string version = (string)package.Attribute("version");
                    if (versions.TryGetValue(id, out string seen) && seen != version)
                    {
                        throw new InvalidDataException(id + " is " + seen + " in " + source[id] + " but " + version + " in " + file);
                    }

                    versions[id] = version;
                    source[id] = file;
                }
            }

            return versions;
        }

        private static bool IsBuildOutput(string path)
        {
            string p = path.Replace('\\', '/');
            return p.Contains("/bin/", StringComparison.Ordinal) || p.Contains("/obj/", StringComparison.Ordinal)
                || p.Contains("/packages/", StringComparison.Ordinal);
        }
    }
}

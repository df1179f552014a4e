using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace EmulatorRunner
{
    /// <summary>
    /// The nanoFramework metadata processor (MDP): turns a .NET assembly into the .pe image nanoCLR loads, and
    /// refuses what the runtime cannot hold (a string table over 64 KiB, an unsupported construct).
    /// </summary>
    public sealed class MetadataProcessor
    {
        private static readonly Regex ErrorLine = new Regex("error|exception|overflow|unable|can't|cannot|not supported",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private readonly EmulatorCache _cache;

        public MetadataProcessor(EmulatorCache cache)
        {
            _cache = cache;
        }

        /// <summary>Converts an assembly; returns the .pe path, or throws <see cref="DeviceBuildException"/> with MDP's words.</summary>
        public string Convert(string assemblyPath, IEnumerable<string> referencePaths)
        {
            string pe = Path.ChangeExtension(assemblyPath, ".pe");
            File.Delete(pe);
            var arguments = new List<string> { _cache.MetadataProcessor };
            foreach (string reference in referencePaths)
            {
                arguments.Add("-loadHints");
                arguments.Add(AssemblyNameOf(reference));
                arguments.Add(reference);
            }

            arguments.AddRange(new[] { "-parse", assemblyPath, "-compile", pe, "false" });
            ToolResult result = ToolProcess.Run("dotnet", arguments, TimeSpan.FromMinutes(5));
            if (result.ExitCode != 0 || !File.Exists(pe) || new FileInfo(pe).Length == 0)
            {
                File.Delete(pe);
                // MDP prints a banner and its file version first; what it has to say is in the error lines after it.
                string said = string.Join(Environment.NewLine, result.Output.Split('\n').Select(l => l.TrimEnd())
                    .Where(l => ErrorLine.IsMatch(l) && !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).Take(6));
                throw new DeviceBuildException("MDP refused " + Path.GetFileName(assemblyPath) + " (exit " + result.ExitCode + "):"
                    + Environment.NewLine + said);
            }

            return pe;
        }

        /// <summary>The simple names of the assemblies an assembly references.</summary>
        public static IReadOnlyList<string> ReferencedAssemblies(string assemblyPath)
        {
            using var stream = File.OpenRead(assemblyPath);
            using var reader = new PEReader(stream);
            MetadataReader metadata = reader.GetMetadataReader();
            return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
        }

        public static string AssemblyNameOf(string assemblyPath)
        {
            using var stream = File.OpenRead(assemblyPath);
            using var reader = new PEReader(stream);
            MetadataReader metadata = reader.GetMetadataReader();
            return metadata.GetString(metadata.GetAssemblyDefinition().Name);
        }
    }
}

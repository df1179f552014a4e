using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace EmulatorRunner
{
    /// <summary>
    /// The prepared nanoFramework pieces the runner uses, in one folder (tests/Emulator/README.md describes it):
    /// <c>manifest.txt</c> (one line per package: id, version, git ref, commit), <c>lib/</c> (each library's reference
    /// assembly <c>.dll</c> and runtime image <c>.pe</c>), <c>mdp/</c> (the metadata processor) and <c>nanoclr/</c>
    /// (the posix nanoCLR: <c>bin/nanoFramework.nanoCLR.test</c> and <c>lib/nanoFramework.nanoCLR.so</c>).
    /// </summary>
    public sealed class EmulatorCache
    {
        private EmulatorCache(string root, Dictionary<string, string> manifest)
        {
            Root = root;
            Manifest = manifest;
        }

        public string Root { get; }

        /// <summary>Package id to the version the cache was built at.</summary>
        public IReadOnlyDictionary<string, string> Manifest { get; }

        public string LibraryDirectory => Path.Combine(Root, "lib");

        public string MetadataProcessor => Path.Combine(Root, "mdp", "nanoFramework.Tools.MetadataProcessor.dll");

        public string NanoClr => Path.Combine(Root, "nanoclr", "bin", "nanoFramework.nanoCLR.test");

        public string NanoClrLibraryDirectory => Path.Combine(Root, "nanoclr", "lib");

        /// <summary>
        /// The machine the cache's nanoCLR is built for, from its ELF header (<c>e_machine</c>), with the heap block
        /// that goes with it: an i386 build has a 32-bit board's 12-byte blocks, an x86-64 one 24-byte blocks.
        /// </summary>
        public string NanoClrMachine()
        {
            byte[] header = new byte[20];
            int read;
            using (FileStream file = File.OpenRead(NanoClr))
            {
                read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            }

            if (read < header.Length || header[0] != 0x7F || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
            {
                return "not an ELF file";
            }

            int machine = header[18] | (header[19] << 8);
            return machine switch
            {
                3 => "i386, 32-bit: 12-byte heap blocks, as on a 32-bit board",
                62 => "x86-64, 64-bit: 24-byte heap blocks",
                183 => "aarch64, 64-bit: 24-byte heap blocks",
                _ => "ELF machine " + machine,
            };
        }

        /// <summary>The default cache folder: <c>$NF_EMULATOR_CACHE</c>, else <c>${XDG_CACHE_HOME:-~/.cache}/nanoframework-emulator</c>.</summary>
        public static string DefaultRoot()
        {
            string explicitRoot = Environment.GetEnvironmentVariable("NF_EMULATOR_CACHE");
            if (!string.IsNullOrEmpty(explicitRoot))
            {
                return explicitRoot;
            }

            string xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string cacheHome = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Combine(cacheHome, "nanoframework-emulator");
        }

        /// <summary>Opens a cache, or returns null with the reason it cannot be used.</summary>
        public static EmulatorCache Open(string root, out string problem)
        {
            problem = null;
            string manifestPath = Path.Combine(root, "manifest.txt");
            if (!File.Exists(manifestPath))
            {
                problem = "no emulator cache at " + root + " (" + manifestPath + " is missing)";
                return null;
            }

            var manifest = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in File.ReadAllLines(manifestPath))
            {
                string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && !parts[0].StartsWith('#'))
                {
                    manifest[parts[0]] = parts[1];
                }
            }

            var cache = new EmulatorCache(root, manifest);
            string missing = new[] { cache.MetadataProcessor, cache.NanoClr }.FirstOrDefault(f => !File.Exists(f));
            if (missing != null)
            {
                problem = "the emulator cache at " + root + " lacks " + missing;
                return null;
            }

            return cache;
        }

        /// <summary>Every package whose version in the package list differs from the cache's, as one message each.</summary>
        public IReadOnlyList<string> VersionMismatches(IReadOnlyDictionary<string, string> required)
        {
            var problems = new List<string>();
            foreach (KeyValuePair<string, string> package in required)
            {
                if (!Manifest.TryGetValue(package.Key, out string cached))
                {
                    problems.Add(package.Key + " " + package.Value + " is in the package list but not in the cache");
                }
                else if (cached != package.Value)
                {
                    problems.Add(package.Key + " is " + package.Value + " in the package list but " + cached + " in the cache");
                }
            }

            return problems;
        }

        /// <summary>The cached runtime image of a library, or null.</summary>
        public string ImageOf(string assemblyName)
        {
            string pe = Path.Combine(LibraryDirectory, assemblyName + ".pe");
            return File.Exists(pe) ? pe : null;
        }

        /// <summary>The cached reference assembly of a library, or null.</summary>
        public string ReferenceOf(string assemblyName)
        {
            string dll = Path.Combine(LibraryDirectory, assemblyName + ".dll");
            return File.Exists(dll) ? dll : null;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace EmulatorRunner
{
    /// <summary>
    /// The .pe images of one nanoCLR run, copied into one folder under names that sort in load order.
    /// </summary>
    /// <remarks>
    /// The Linux nanoCLR does not load its command line in the order given: it keeps the images in a map keyed by
    /// path and links them in the byte order of those paths. The order matters because nanoCLR runs every static
    /// constructor eagerly, assembly by assembly in link order (its check that an assembly's references ran first
    /// never holds it back). Given <c>/root/.cache/…/mscorlib.pe</c> and <c>/ci/…/NFUnitTest.pe</c>, the tests'
    /// static constructors ran before mscorlib's and before those of the libraries they call, left their vectors
    /// null, and 162 cases failed; the same images from <c>/work/…</c> passed. Copying each image to
    /// <c>NN-name.pe</c> in one folder makes the path order the dependency order, wherever the repository and the
    /// cache are.
    /// </remarks>
    public static class LoadSet
    {
        /// <summary>Copies the images into <paramref name="folder"/> (emptied first) and returns the copies' paths.</summary>
        /// <param name="images">The images in dependency order: mscorlib first, the assembly to run last.</param>
        /// <param name="folder">A folder of the runner's own; whatever .pe it holds is deleted.</param>
        /// <returns>The copies, in the same order, whose paths also sort in that order (ordinal, byte by byte).</returns>
        public static List<string> Stage(IReadOnlyList<string> images, string folder)
        {
            ArgumentNullException.ThrowIfNull(images);
            Directory.CreateDirectory(folder);
            foreach (string stale in Directory.GetFiles(folder, "*.pe"))
            {
                File.Delete(stale);
            }

            // Three digits: a prefix of fixed width sorts by number as text; no run loads a thousand images.
            if (images.Count > 999)
            {
                throw new ArgumentException("more than 999 images in one run", nameof(images));
            }

            var staged = new List<string>(images.Count);
            for (int i = 0; i < images.Count; i++)
            {
                string copy = Path.Combine(folder,
                    i.ToString("000", CultureInfo.InvariantCulture) + "-" + Path.GetFileName(images[i]));
                File.Copy(images[i], copy, overwrite: true);
                staged.Add(copy);
            }

            return staged;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using nanoFramework.TestFramework;
using SubsetCheck;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>
    /// Every device assembly stays deployable: its names and string literals fit the 64 KiB string table of a
    /// nanoFramework image with headroom, so an overflow shows here, without the runtime, before MDP refuses it.
    /// </summary>
    [TestClass]
    public class StringTableTests
    {
        /// <summary>Three quarters of the table: room for a test file or two more before a project must split.</summary>
        public const int Limit = StringTableSize.Capacity * 3 / 4;

        [TestMethod]
        public void StringTable_EveryDeviceAssembly_WithinLimit()
        {
            var checker = new SubsetChecker(StubSet.Default);
            var report = new StringBuilder();
            var over = new List<string>();
            foreach (string project in DeviceProjects.All())
            {
                byte[] image = checker.ImageOf(project);
                Assert.IsNotNull(image, project + " does not compile against the device API (see the subset check)");
                StringTableSize size = StringTableSize.Of(image);
                string line = string.Format(CultureInfo.InvariantCulture, "{0,-70} names {1,6:N0} B + literals {2,6:N0} B = {3,6:N0} B",
                    Path.GetRelativePath(DeviceProjects.Root, project), size.NameBytes, size.LiteralBytes, size.Total);
                report.AppendLine(line);
                if (size.Total > Limit)
                {
                    over.Add(line);
                }
            }

            Console.WriteLine(report.ToString());
            Assert.AreEqual(0, over.Count, "over " + Limit + " B of the " + StringTableSize.Capacity + " B string table (split the project):"
                + Environment.NewLine + string.Join(Environment.NewLine, over));
        }

        [TestMethod]
        public void StringTableSize_LiteralsBeyondCapacity_Measured()
        {
            // 700 distinct literals of 100 characters: 70,700 bytes, more than a .pe's string table can address.
            var source = new StringBuilder("namespace Probe { public static class Strings { public static string[] All() => new string[] {\n");
            for (int i = 0; i < 700; i++)
            {
                source.Append('"').Append(i.ToString("D4", CultureInfo.InvariantCulture)).Append(new string('x', 96)).Append("\",\n");
            }

            source.Append("}; } }");
            byte[] image = new SubsetChecker(StubSet.Default).CompileSource(source.ToString(), "mscorlib");

            StringTableSize size = StringTableSize.Of(image);

            Assert.AreEqual(700, size.LiteralCount);
            Assert.AreEqual(700 * 101, size.LiteralBytes);
            Assert.IsTrue(size.Total > StringTableSize.Capacity, "total " + size.Total);
        }
    }
}

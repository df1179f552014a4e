using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using nanoFramework.TestFramework;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>
    /// boards/README.md says what adding a board or a modem model touches; these tests hold the repository to it: every
    /// board folder is compiled, tested and listed, every path the README names exists, and its list of modem names is
    /// the catalog's.
    /// </summary>
    [TestClass]
    public class BoardsReadmeTests
    {
        private static string BoardsDirectory => Path.Combine(DeviceProjects.Root, "boards");

        private static string BoardsReadme => File.ReadAllText(Path.Combine(BoardsDirectory, "README.md"));

        [TestMethod]
        public void Boards_EveryFolder_CompiledTestedAndListed()
        {
            string nfproj = File.ReadAllText(Path.Combine(DeviceProjects.Root, "src", "OmaDm.Notification.Firmware", "OmaDm.Notification.Firmware.nfproj"));
            string test = File.ReadAllText(Path.Combine(DeviceProjects.Root, "tests", "OmaDm.Notification.Tests.Firmware", "Firmware", "BoardProfileTests.cs"));
            string allBoards = Regex.Match(test, @"AllBoards\(\)\s*\{[^}]*\}").Value;
            string readme = BoardsReadme;
            string[] folders = Directory.GetDirectories(BoardsDirectory).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            Assert.IsTrue(folders.Length >= 4, "board folders");
            foreach (string folder in folders)
            {
                string board = Path.Combine(BoardsDirectory, folder, "Board.cs");
                Assert.IsTrue(File.Exists(board), folder + ": no Board.cs");
                Assert.IsTrue(File.Exists(Path.Combine(BoardsDirectory, folder, "README.md")), folder + ": no README.md");
                Assert.IsTrue(nfproj.Contains(@"<Compile Include=""..\..\boards\" + folder + @"\Board.cs"" />"), folder + ": not in the Firmware .nfproj Compile list");
                string type = Regex.Match(File.ReadAllText(board), @"class\s+(\w+)\s*:\s*BoardProfile").Groups[1].Value;
                Assert.IsTrue(type.Length > 0, folder + ": no BoardProfile subclass");
                Assert.IsTrue(allBoards.Contains("new " + type + "("), folder + ": " + type + " not in BoardProfileTests.AllBoards()");
                Assert.IsTrue(readme.Contains("| `" + folder + "` |"), folder + ": not in the table of boards/README.md");
            }
        }

        [TestMethod]
        public void BoardsReadme_EveryPathItNames_Exists()
        {
            string[] paths = Regex.Matches(BoardsReadme, @"`((?:src|tests|boards)/[^`\s]+)`").Select(m => m.Groups[1].Value)
                .Where(p => !p.StartsWith("boards/MyBoard", StringComparison.Ordinal)).ToArray();
            Assert.IsTrue(paths.Length >= 5, "paths found: " + paths.Length);
            foreach (string path in paths)
            {
                string full = Path.Combine(DeviceProjects.Root, path.TrimEnd('/'));
                Assert.IsTrue(File.Exists(full) || Directory.Exists(full), "boards/README.md names " + path + ", which does not exist");
            }
        }

        [TestMethod]
        public void Readmes_ModemNames_AreTheCatalog()
        {
            string expected = string.Join(",", ModemCatalog.Names());
            foreach (string file in new[] { Path.Combine(BoardsDirectory, "README.md"), Path.Combine(DeviceProjects.Root, "README.md") })
            {
                string text = File.ReadAllText(file);
                MatchCollection lists = Regex.Matches(text, @"`generic`[^.:]*");
                Assert.IsTrue(lists.Count > 0, file + ": no list of modem names");
                foreach (Match list in lists)
                {
                    string names = string.Join(",", Regex.Matches(list.Value, @"`([a-z0-9]+)`").Select(m => m.Groups[1].Value));
                    Assert.AreEqual(expected, names, file + ": " + list.Value);
                }
            }
        }

        [TestMethod]
        public void BoardsReadme_ModemSteps_NameTheCatalogTestRows()
        {
            string test = File.ReadAllText(Path.Combine(DeviceProjects.Root, "tests", "OmaDm.Notification.Tests.Modem", "Modem", "ModemCatalogTests.cs"));
            foreach (string member in new[] { "Names()", "Profiles()", "Dialects()", "All_EveryEntry_HasItsRowInThisTest" })
            {
                Assert.IsTrue(BoardsReadme.Contains("`" + member + "`"), "boards/README.md does not name " + member);
                Assert.IsTrue(test.Contains(member), "ModemCatalogTests has no " + member);
            }
        }
    }
}

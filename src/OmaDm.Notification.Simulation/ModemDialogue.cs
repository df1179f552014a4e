using System.Collections;

namespace OmaDm.Notification.Simulation
{
    /// <summary>
    /// The record of every command line the simulated modem received, in order, for tests to assert on. Not
    /// thread-safe: <see cref="ScriptedModem"/> calls it under its lock.
    /// </summary>
    internal sealed class ModemDialogue
    {
        private readonly ArrayList _lines = new ArrayList();

        /// <summary>Records a command line.</summary>
        /// <param name="line">The line.</param>
        internal void Add(string line)
        {
            _lines.Add(line);
        }

        /// <summary>Forgets the lines recorded so far.</summary>
        internal void Clear()
        {
            _lines.Clear();
        }

        /// <summary>The lines received so far.</summary>
        /// <returns>A copy.</returns>
        internal string[] Lines()
        {
            var copy = new string[_lines.Count];
            _lines.CopyTo(copy, 0);
            return copy;
        }

        /// <summary>The lines joined by '|'.</summary>
        /// <param name="lines">The lines.</param>
        /// <returns>The text.</returns>
        internal static string Join(string[] lines)
        {
            string text = string.Empty;
            for (int i = 0; i < lines.Length; i++)
            {
                text = i == 0 ? lines[i] : text + "|" + lines[i];
            }

            return text;
        }

        /// <summary>How often a line occurs exactly.</summary>
        /// <param name="lines">The lines.</param>
        /// <param name="command">The command.</param>
        /// <returns>The count.</returns>
        internal static int Count(string[] lines, string command)
        {
            int count = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i] == command)
                {
                    count++;
                }
            }

            return count;
        }
    }
}

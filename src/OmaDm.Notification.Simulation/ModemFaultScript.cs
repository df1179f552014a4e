using System.Collections;

namespace OmaDm.Notification.Simulation
{
    /// <summary>
    /// The faults a test scripts into the simulated modem's next responses: a one-shot final result in place of the
    /// normal answer, a URC inside a response (between its header and its PDU), a PDU line cut short by one octet (a
    /// UART overrun), and a silent period in which commands are swallowed. Each scripted fault applies to the next
    /// command with its prefix, once. Not thread-safe: <see cref="ScriptedModem"/> calls it under its lock.
    /// </summary>
    internal sealed class ModemFaultScript
    {
        private readonly Hashtable _oneShotFinals = new Hashtable(); // command prefix -> final line
        private readonly ArrayList _insideResponse = new ArrayList(); // string[] { command prefix, urc line }
        private readonly ArrayList _damagePdu = new ArrayList(); // command prefixes

        /// <summary>When true the modem swallows commands and sends nothing.</summary>
        internal bool Silent { get; set; }

        /// <summary>The next command starting with the prefix gets this final line instead of its normal answer.</summary>
        /// <param name="commandPrefix">Command prefix.</param>
        /// <param name="finalLine">The final line.</param>
        internal void FailNext(string commandPrefix, string finalLine)
        {
            _oneShotFinals[commandPrefix] = finalLine;
        }

        /// <summary>The next response to a command with this prefix carries the URC in its middle.</summary>
        /// <param name="commandPrefix">Command prefix.</param>
        /// <param name="urc">URC line.</param>
        internal void InjectInsideNextResponse(string commandPrefix, string urc)
        {
            _insideResponse.Add(new string[] { commandPrefix, urc });
        }

        /// <summary>The next response to a command with this prefix has its first PDU line cut short by one octet.</summary>
        /// <param name="commandPrefix">Command prefix.</param>
        internal void DamageNextPdu(string commandPrefix)
        {
            _damagePdu.Add(commandPrefix);
        }

        /// <summary>Takes the one-shot final line scripted for this command.</summary>
        /// <param name="command">The command line.</param>
        /// <returns>The final line, or null when none is scripted.</returns>
        internal string TakeFinal(string command)
        {
            foreach (DictionaryEntry entry in _oneShotFinals)
            {
                if (command.StartsWith((string)entry.Key))
                {
                    _oneShotFinals.Remove(entry.Key);
                    return (string)entry.Value;
                }
            }

            return null;
        }

        /// <summary>Cuts the PDU line (the second information line) short when a damage is scripted for this command.</summary>
        /// <param name="command">The command line.</param>
        /// <param name="info">The response's information lines.</param>
        internal void Damage(string command, ArrayList info)
        {
            for (int i = 0; i < _damagePdu.Count; i++)
            {
                if (command.StartsWith((string)_damagePdu[i]) && info.Count >= 2 && info[1] is string pdu)
                {
                    info[1] = pdu.Substring(0, pdu.Length - 2);
                    _damagePdu.RemoveAt(i);
                    return;
                }
            }
        }

        /// <summary>Takes the URC scripted inside this command's response.</summary>
        /// <param name="command">The command line.</param>
        /// <returns>The URC, or null when none is scripted.</returns>
        internal string TakeInside(string command)
        {
            for (int i = 0; i < _insideResponse.Count; i++)
            {
                var pair = (string[])_insideResponse[i];
                if (command.StartsWith(pair[0]))
                {
                    _insideResponse.RemoveAt(i);
                    return pair[1];
                }
            }

            return null;
        }
    }
}

using System.Collections;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Simulation
{
    /// <summary>
    /// The simulated modem's message storage ("SM", indexes 1..capacity, each a PDU in hex with its 27.005 status) and
    /// the 27.005 commands that work on it: AT+CPMS (3.2.2), AT+CMGL=4 (3.4.2), AT+CMGR (3.4.3) and AT+CMGD (3.5.4).
    /// A listed or read message turns from REC UNREAD (0) to REC READ (1). Not thread-safe: <see cref="ScriptedModem"/>
    /// calls it under its lock.
    /// </summary>
    internal sealed class SimulatedSmsStorage
    {
        private readonly Hashtable _slots = new Hashtable(); // int index -> string[] { pduHex, status }

        /// <summary>Creates empty storage.</summary>
        /// <param name="capacity">Slots (indexes 1..capacity).</param>
        internal SimulatedSmsStorage(int capacity)
        {
            Capacity = capacity;
        }

        /// <summary>Storage slots.</summary>
        internal int Capacity { get; }

        /// <summary>Messages stored.</summary>
        internal int Count => _slots.Count;

        /// <summary>True when storage holds this PDU.</summary>
        /// <param name="pduHex">The PDU.</param>
        /// <returns>Whether it is stored.</returns>
        internal bool Holds(string pduHex)
        {
            foreach (DictionaryEntry entry in _slots)
            {
                if (((string[])entry.Value)[0] == pduHex)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Stores a received message, unread, in the lowest free slot.</summary>
        /// <param name="pduHex">The PDU with SMSC address.</param>
        /// <returns>Its index, or -1 when storage is full.</returns>
        internal int Store(string pduHex)
        {
            for (int i = 1; i <= Capacity; i++)
            {
                if (_slots[i] == null)
                {
                    _slots[i] = new string[] { pduHex, "0" };
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Answers a storage command.</summary>
        /// <param name="command">The command line.</param>
        /// <param name="info">Information lines to send before the final result.</param>
        /// <returns>The final result line, or null when the command is not a storage command.</returns>
        internal string Answer(string command, ArrayList info)
        {
            if (command == "AT+CPMS?")
            {
                info.Add("+CPMS: \"SM\"," + _slots.Count + "," + Capacity + ",\"SM\"," + _slots.Count + "," + Capacity + ",\"SM\"," + _slots.Count + "," + Capacity);
                return "OK";
            }

            if (command == "AT+CMGL=4")
            {
                for (int i = 1; i <= Capacity; i++)
                {
                    var entry = (string[])_slots[i];
                    if (entry != null)
                    {
                        info.Add("+CMGL: " + i + "," + entry[1] + ",," + TpduLength(entry[0]));
                        info.Add(entry[0]);
                        entry[1] = "1";
                    }
                }

                return "OK";
            }

            if (command.StartsWith("AT+CPMS="))
            {
                info.Add("+CPMS: " + _slots.Count + "," + Capacity + "," + _slots.Count + "," + Capacity + "," + _slots.Count + "," + Capacity);
                return "OK";
            }

            if (command.StartsWith("AT+CMGR="))
            {
                var entry = (string[])_slots[AtText.ParseDecimal(command.Substring(8))];
                if (entry == null)
                {
                    return "+CMS ERROR: 321";
                }

                info.Add("+CMGR: " + entry[1] + ",," + TpduLength(entry[0]));
                info.Add(entry[0]);
                entry[1] = "1";
                return "OK";
            }

            if (command.StartsWith("AT+CMGD="))
            {
                int index = AtText.ParseDecimal(command.Substring(8));
                if (index < 1 || index > Capacity)
                {
                    return "+CMS ERROR: 321";
                }

                _slots.Remove(index);
                return "OK";
            }

            return null;
        }

        /// <summary>TS 27.005 3.1 &lt;length&gt;: the TPDU length in octets, without the SMSC address.</summary>
        /// <param name="pduHex">The PDU with SMSC address.</param>
        /// <returns>The length.</returns>
        internal static int TpduLength(string pduHex)
        {
            int smscLength = System.Convert.ToInt32(pduHex.Substring(0, 2), 16);
            return (pduHex.Length / 2) - 1 - smscLength;
        }
    }
}

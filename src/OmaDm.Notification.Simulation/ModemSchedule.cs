using System.Collections;
using System.Threading;

namespace OmaDm.Notification.Simulation
{
    /// <summary>
    /// What the simulated modem sends later: lines due at a time of its <see cref="ManualClock"/> (or, marked by null
    /// lines, a <c>+CMT</c> acknowledgement timeout), and the real-time timers that do the same without a clock, kept
    /// here so they are not collected before they fire. Not thread-safe: <see cref="ScriptedModem"/> calls it under
    /// its lock.
    /// </summary>
    internal sealed class ModemSchedule
    {
        private readonly ArrayList _timers = new ArrayList();
        private readonly ArrayList _due = new ArrayList(); // object[] { long due, string[] lines or null (ack timeout) }

        /// <summary>Sends lines at a time of the clock.</summary>
        /// <param name="dueMilliseconds">When, by the clock.</param>
        /// <param name="lines">The lines, or null for an acknowledgement timeout.</param>
        internal void At(long dueMilliseconds, string[] lines)
        {
            _due.Add(new object[] { dueMilliseconds, lines });
        }

        /// <summary>Keeps a pending timer alive.</summary>
        /// <param name="timer">The timer.</param>
        internal void Keep(Timer timer)
        {
            _timers.Add(timer);
        }

        /// <summary>Takes the first item, in the order scheduled, that is due by now.</summary>
        /// <param name="nowMilliseconds">The clock's time.</param>
        /// <param name="lines">Its lines; null for an acknowledgement timeout.</param>
        /// <returns>True when an item was due.</returns>
        internal bool TakeDue(long nowMilliseconds, out string[] lines)
        {
            for (int i = 0; i < _due.Count; i++)
            {
                var item = (object[])_due[i];
                if ((long)item[0] <= nowMilliseconds)
                {
                    _due.RemoveAt(i);
                    lines = (string[])item[1];
                    return true;
                }
            }

            lines = null;
            return false;
        }
    }
}

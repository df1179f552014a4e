using System.Collections;

namespace OmaDm.Notification.Simulation
{
    /// <summary>
    /// How the simulated modem delivers an arriving message, as the terminal configured it: the indication setting
    /// (AT+CNMI, TS 27.005 3.4.1: <c>2,1</c> stores and sends <c>+CMTI</c>, <c>2,2</c> routes it as <c>+CMT</c>), the
    /// phase 2+ service (AT+CSMS=1, 3.2.1) under which a <c>+CMT</c> waits for AT+CNMA (3.4.4), and what an
    /// acknowledgement timeout does to the setting. Not thread-safe: <see cref="ScriptedModem"/> calls it under its lock.
    /// </summary>
    internal sealed class SimulatedSmsDelivery
    {
        /// <summary>Last AT+CNMI parameters, null after power-up.</summary>
        internal string IndicationSetting { get; private set; }

        /// <summary>Phase 2+ service selected (AT+CSMS=1).</summary>
        internal bool PhaseTwoPlus { get; private set; }

        /// <summary>Unacknowledged +CMT deliveries.</summary>
        internal int Unacknowledged { get; private set; }

        /// <summary>True when an arriving message is routed to the terminal as <c>+CMT</c> instead of stored.</summary>
        internal bool RoutesToTerminal => IndicationSetting != null && IndicationSetting.StartsWith("2,2");

        /// <summary>True when a stored message is indicated with <c>+CMTI</c>.</summary>
        internal bool IndicatesStored => IndicationSetting != null && IndicationSetting.StartsWith("2,1");

        /// <summary>Answers AT+CNMI?, AT+CNMI=, AT+CSMS=1 and AT+CNMA.</summary>
        /// <param name="command">The command line.</param>
        /// <param name="info">Information lines to send before the final result.</param>
        /// <returns>The final result line, or null when the command is not one of these.</returns>
        internal string Answer(string command, ArrayList info)
        {
            switch (command)
            {
                case "AT+CNMI?":
                    info.Add("+CNMI: " + (IndicationSetting ?? "0,0,0,0,0"));
                    return "OK";
                case "AT+CSMS=1":
                    PhaseTwoPlus = true;
                    info.Add("+CSMS: 1,1,1");
                    return "OK";
                case "AT+CNMA":
                    if (Unacknowledged == 0)
                    {
                        return "+CMS ERROR: 340";
                    }

                    Unacknowledged--;
                    return "OK";
            }

            if (command.StartsWith("AT+CNMI="))
            {
                IndicationSetting = command.Substring(8);
                return "OK";
            }

            return null;
        }

        /// <summary>Counts a <c>+CMT</c> just routed to the terminal.</summary>
        /// <returns>True when it waits for AT+CNMA (phase 2+).</returns>
        internal bool Routed()
        {
            if (PhaseTwoPlus)
            {
                Unacknowledged++;
            }

            return PhaseTwoPlus;
        }

        /// <summary>
        /// A <c>+CMT</c> was not acknowledged in time: the network is answered with RP-ERROR and <c>&lt;mt&gt;</c> and
        /// <c>&lt;ds&gt;</c> of AT+CNMI are set to 0 (TS 27.005 3.4.4). Nothing happens when none is outstanding.
        /// </summary>
        internal void AcknowledgementTimedOut()
        {
            if (Unacknowledged == 0)
            {
                return;
            }

            Unacknowledged--;
            string[] cnmi = IndicationSetting.Split(',');
            cnmi[1] = "0"; // <mt>
            cnmi[3] = "0"; // <ds>
            IndicationSetting = cnmi[0] + "," + cnmi[1] + "," + cnmi[2] + "," + cnmi[3] + "," + cnmi[4];
        }

        /// <summary>Forgets the setting and the service, as a power cycle does (the outstanding count is kept).</summary>
        internal void Reset()
        {
            IndicationSetting = null;
            PhaseTwoPlus = false;
        }
    }
}

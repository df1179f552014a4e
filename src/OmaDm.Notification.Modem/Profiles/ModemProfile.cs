namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// What differs between modem models, as data and a few virtual methods, so the driver holds no model checks.
    /// The constructors of the classes in <c>Profiles</c> set the values from each vendor's AT manual; every value is
    /// settable so a board or a test can adjust it (shorter timeouts, another storage).
    /// </summary>
    public class ModemProfile
    {
        /// <summary>Creates a profile with the 3GPP defaults.</summary>
        /// <param name="name">Model name for logs.</param>
        public ModemProfile(string name)
        {
            Name = name;
            Storage = "SM";
            StoreAndIndicateSetting = "2,1,0,0,0";
            DirectDeliverySetting = "2,2,0,0,0";
            BootUrcs = new string[] { "RDY", "+CPIN: READY", "SMS Ready" };
            SetupExtras = new string[0];
            ProbeTimeoutMilliseconds = 1000;
            CommandTimeoutMilliseconds = 5000;
            MessageTimeoutMilliseconds = 10000;
            ListTimeoutMilliseconds = 30000;
        }

        /// <summary>Model name for logs.</summary>
        public string Name { get; }

        /// <summary>Preferred message storage for reading, writing and receiving (<c>SM</c> SIM, <c>ME</c> modem, <c>MT</c> both).</summary>
        public string Storage { get; set; }

        /// <summary>
        /// Use direct delivery (<c>+CMT</c>, nothing stored) instead of store-and-indicate (<c>+CMTI</c>). Off by
        /// default: a directly delivered message that is not a notification cannot be left in storage, and one that
        /// arrives while the device is busy or off is only as safe as the network's retry.
        /// </summary>
        public bool UseDirectDelivery { get; set; }

        /// <summary>The <c>AT+CNMI</c> parameters for store-and-indicate (TS 27.005 3.4.1: mode 2, mt 1).</summary>
        public string StoreAndIndicateSetting { get; set; }

        /// <summary>The <c>AT+CNMI</c> parameters for direct delivery (mt 2: <c>+CMT</c>).</summary>
        public string DirectDeliverySetting { get; set; }

        /// <summary>
        /// Whether a <c>+CMT</c> must be acknowledged with <c>AT+CNMA</c> (TS 27.005 3.4.4, phase 2+ service selected
        /// with <c>AT+CSMS=1</c>); without the acknowledgement the modem reports a failure to the network, which resends.
        /// </summary>
        public bool DirectDeliveryRequiresAck { get; set; }

        /// <summary>URCs that show the modem has (re)started; each makes the driver re-run its set-up.</summary>
        public string[] BootUrcs { get; set; }

        /// <summary>Model-specific commands run after <c>ATE0</c>/<c>AT+CMEE=1</c> and before the SMS settings.</summary>
        public string[] SetupExtras { get; set; }

        /// <summary>Variants of this model known to have no SMS, named when the SMS set-up is refused; null when none.</summary>
        public string NoSmsVariants { get; set; }

        /// <summary>Timeout of the <c>AT</c> probe.</summary>
        public int ProbeTimeoutMilliseconds { get; set; }

        /// <summary>Timeout of ordinary commands.</summary>
        public int CommandTimeoutMilliseconds { get; set; }

        /// <summary>Timeout of <c>AT+CMGR</c>, <c>AT+CMGD</c> and <c>AT+CPMS</c> (SIM access is slow).</summary>
        public int MessageTimeoutMilliseconds { get; set; }

        /// <summary>Timeout of <c>AT+CMGL</c> (a full SIM can take many seconds).</summary>
        public int ListTimeoutMilliseconds { get; set; }

        /// <summary>The set-up commands after the probe, in order.</summary>
        /// <returns>Command lines.</returns>
        public virtual string[] GetSetupCommands()
        {
            bool ack = UseDirectDelivery && DirectDeliveryRequiresAck;
            var commands = new string[SetupExtras.Length + (ack ? 6 : 5)];
            int n = 0;
            commands[n++] = "ATE0";
            commands[n++] = "AT+CMEE=1";
            for (int i = 0; i < SetupExtras.Length; i++)
            {
                commands[n++] = SetupExtras[i];
            }

            commands[n++] = "AT+CMGF=0";
            if (ack)
            {
                commands[n++] = "AT+CSMS=1";
            }

            commands[n++] = GetStorageCommand();
            commands[n] = GetIndicationCommand();
            return commands;
        }

        /// <summary>The <c>AT+CPMS</c> command selecting <see cref="Storage"/> for all three memories.</summary>
        /// <returns>The command.</returns>
        public virtual string GetStorageCommand()
        {
            string quoted = "\"" + Storage + "\"";
            return "AT+CPMS=" + quoted + "," + quoted + "," + quoted;
        }

        /// <summary>The <c>AT+CNMI</c> command for the selected delivery mode.</summary>
        /// <returns>The command.</returns>
        public virtual string GetIndicationCommand()
        {
            return "AT+CNMI=" + (UseDirectDelivery ? DirectDeliverySetting : StoreAndIndicateSetting);
        }
    }
}

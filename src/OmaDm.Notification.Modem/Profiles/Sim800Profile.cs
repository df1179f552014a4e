namespace OmaDm.Notification.Modem.Profiles
{
    /// <summary>
    /// SIMCom SIM800/SIM800L/SIM800C (2G; LilyGO T-Call). Boot URCs per the SIM800 AT manual: <c>RDY</c> (fixed baud
    /// rate only), <c>+CFUN: 1</c>, <c>+CPIN: READY</c>, <c>Call Ready</c>, <c>SMS Ready</c>. Phase 2 SMS service by
    /// default, so <c>+CMT</c> needs no <c>AT+CNMA</c>. No UDP listening service over the modem in this project.
    /// While it auto-bauds (the default) the SIM800 sends no boot URC at all (SIM800L Hardware Design V1.02 3.5.1), so
    /// a reboot shows only in its settings: the SMS driver's maintenance compares <c>AT+CNMI?</c> and <c>AT+CMEE?</c>.
    /// </summary>
    public sealed class Sim800Profile : ModemProfile
    {
        /// <summary>Creates the profile.</summary>
        public Sim800Profile()
            : base("SIM800")
        {
            BootUrcs = new string[] { "RDY", "+CPIN: READY", "Call Ready", "SMS Ready" };
            DirectDeliveryRequiresAck = false;
            MessageTimeoutMilliseconds = 5000;
            ListTimeoutMilliseconds = 20000;
        }
    }
}

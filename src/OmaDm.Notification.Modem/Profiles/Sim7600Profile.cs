namespace OmaDm.Notification.Modem.Profiles
{
    /// <summary>
    /// SIMCom SIM7600 series and the A76xx (A7670/A7608) series, which share the SMS and TCP/IP command sets.
    /// Boot URCs: <c>RDY</c>, <c>+CPIN: READY</c>, <c>SMS DONE</c>, <c>PB DONE</c>. With <c>AT+CSMS=1</c> a
    /// <c>+CMT</c> must be acknowledged with <c>AT+CNMA</c>.
    /// </summary>
    public sealed class Sim7600Profile : ModemProfile
    {
        /// <summary>Creates the profile.</summary>
        public Sim7600Profile()
            : base("SIM7600/A76xx")
        {
            BootUrcs = new string[] { "RDY", "+CPIN: READY", "SMS DONE", "PB DONE" };
            DirectDeliveryRequiresAck = true;
            MessageTimeoutMilliseconds = 10000;
        }
    }
}

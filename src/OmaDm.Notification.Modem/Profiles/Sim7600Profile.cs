namespace OmaDm.Notification.Modem.Profiles
{
    /// <summary>
    /// SIMCom SIM7600 series and the A76xx (A7670/A7608) series, which share the SMS and TCP/IP command sets.
    /// Boot URCs: <c>RDY</c>, <c>+CPIN: READY</c>, <c>SMS DONE</c>, <c>PB DONE</c>. With <c>AT+CSMS=1</c> a
    /// <c>+CMT</c> must be acknowledged with <c>AT+CNMA</c>. The A7670E-LNXY-UBL has no SMS at all (LilyGO's A7670
    /// documentation): its refusal of the SMS set-up is reported as <see cref="ModemEventKind.SmsUnsupported"/>.
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
            NoSmsVariants = "A7670E-LNXY-UBL has no SMS";
        }
    }
}

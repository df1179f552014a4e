namespace OmaDm.Notification.Modem.Profiles
{
    /// <summary>
    /// Quectel LTE modules (BG95, BG96, EG91): boot URCs <c>RDY</c>, <c>+CPIN: READY</c>, <c>+QIND: SMS DONE</c>,
    /// <c>APP RDY</c>; URCs routed to the main UART with <c>AT+QURCCFG="urcport","uart1"</c> (by default some firmware
    /// sends them to USB); <c>+CMT</c> needs <c>AT+CNMA</c> when <c>AT+CSMS=1</c>.
    /// </summary>
    public class QuectelProfile : ModemProfile
    {
        /// <summary>Creates a Quectel profile.</summary>
        /// <param name="name">Model name.</param>
        /// <param name="storage">Preferred SMS storage.</param>
        protected QuectelProfile(string name, string storage)
            : base(name)
        {
            Storage = storage;
            BootUrcs = new string[] { "RDY", "+CPIN: READY", "+QIND: SMS DONE", "APP RDY" };
            SetupExtras = new string[] { "AT+QURCCFG=\"urcport\",\"uart1\"" };
            DirectDeliveryRequiresAck = true;
            MessageTimeoutMilliseconds = 10000;
        }
    }

    /// <summary>Quectel BG95 / BG96 (LTE-M/NB-IoT); SMS stored on the SIM.</summary>
    public sealed class QuectelBg9xProfile : QuectelProfile
    {
        /// <summary>Creates the profile.</summary>
        public QuectelBg9xProfile()
            : base("BG95/BG96", "SM")
        {
        }
    }

    /// <summary>Quectel EG91 (LTE Cat 1); SMS stored in the module's memory, which is larger than most SIMs'.</summary>
    public sealed class QuectelEg91Profile : QuectelProfile
    {
        /// <summary>Creates the profile.</summary>
        public QuectelEg91Profile()
            : base("EG91", "ME")
        {
        }
    }
}

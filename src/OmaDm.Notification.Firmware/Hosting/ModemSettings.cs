using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Sms;

namespace OmaDm.Notification.Firmware.Hosting
{
    /// <summary>What <see cref="NotificationService.AddModem"/> builds the modem's bearers from.</summary>
    public sealed class ModemSettings
    {
        /// <summary>Creates settings for a catalog model: SMS on, no UDP service, port 2948, stale after two minutes.</summary>
        /// <param name="model">The modem model from <see cref="ModemCatalog"/>.</param>
        public ModemSettings(ModemModel model)
        {
            Model = model;
            Sms = true;
            UdpPort = 2948;
            StaleAfterMilliseconds = 120000;
        }

        /// <summary>The modem model (selects the channel's framing, the SMS profile and the UDP dialect).</summary>
        public ModemModel Model { get; }

        /// <summary>Run the 27.005 SMS driver.</summary>
        public bool Sms { get; set; }

        /// <summary>The SMS driver's settings; null for defaults (the IMSI is then read when the agent has a bootstrap path).</summary>
        public SmsDriverOptions SmsOptions { get; set; }

        /// <summary>APN for the modem's own UDP service, or null for none (Wi-Fi mode, a PC, or a modem without one).</summary>
        public string UdpApn { get; set; }

        /// <summary>UDP port the modem's UDP service listens on.</summary>
        public int UdpPort { get; set; }

        /// <summary>How long the modem may stay not ready before the watchdog restarts it.</summary>
        public int StaleAfterMilliseconds { get; set; }

        /// <summary>Drives the board's reset or power pins when the watchdog restarts the modem; null where there are none (a PC).</summary>
        public RestartAction PowerCycle { get; set; }
    }
}

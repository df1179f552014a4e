using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Firmware.Boards;

namespace OmaDm.Notification.Firmware
{
    /// <summary>How the device reaches the network for the UDP bearer.</summary>
    public enum NetworkMode
    {
        /// <summary>Wi-Fi: a socket listener on UDP 2948; the modem carries SMS only.</summary>
        Wifi = 0,

        /// <summary>Cellular: the modem's own IP stack listens on UDP 2948 (the ESP32 firmware has no PPP).</summary>
        Cellular = 1,
    }

    /// <summary>
    /// Everything a firmware engineer sets before flashing: the board, the network and the data directory. Edit
    /// <see cref="CreateDefault"/>; selecting a board is its one <c>Board =</c> line.
    /// </summary>
    public sealed class FirmwareConfiguration
    {
        /// <summary>The board (one of the classes under <c>boards/</c>).</summary>
        public BoardProfile Board { get; set; }

        /// <summary>Which network carries the UDP bearer.</summary>
        public NetworkMode Network { get; set; }

        /// <summary>Wi-Fi network name (Wi-Fi mode).</summary>
        public string WifiSsid { get; set; }

        /// <summary>Wi-Fi password (Wi-Fi mode).</summary>
        public string WifiPassword { get; set; }

        /// <summary>Milliseconds to wait for Wi-Fi and an IP address at boot.</summary>
        public int WifiTimeoutMilliseconds { get; set; } = 60000;

        /// <summary>Cellular access point name (cellular mode; also used for the modem's UDP service).</summary>
        public string Apn { get; set; }

        /// <summary>UDP port of the push listener (2948 by OMA-TS-DM_Notification 7.1).</summary>
        public int UdpPort { get; set; } = 2948;

        /// <summary>The directory of the store and the provisioning file (internal flash).</summary>
        public string DataDirectory { get; set; } = "I:\\";

        /// <summary>Watchdog check interval.</summary>
        public int WatchdogIntervalMilliseconds { get; set; } = 5000;

        /// <summary>A modem driver silent for longer than this is restarted (power-cycled).</summary>
        public int ModemStaleMilliseconds { get; set; } = 120000;

        /// <summary>
        /// Which over-the-air bootstraps the board accepts: the allowed SEC methods (default USERPIN and USERNETWPIN,
        /// NETWPIN off) and whether one may replace a held account (default no). The IMSI comes from the modem
        /// (<c>AT+CIMI</c>); the user PIN is a per-device secret and is not set here (not in the image): it comes from the
        /// <c>[bootstrap]</c> section of <c>provision.txt</c>, kept in the store, whose methods and overwrite policy then
        /// take the place of these. Null, and nothing provisioned, refuses every bootstrap.
        /// </summary>
        public BootstrapPolicy Bootstrap { get; set; }

        /// <summary>The configuration this firmware is built with.</summary>
        /// <returns>The configuration.</returns>
        public static FirmwareConfiguration CreateDefault()
        {
            return new FirmwareConfiguration
            {
                Board = new LilyGoTCallSim800l(), // select the board: new LilyGoTA7670(), new LilyGoTSim7600(), new DevKitCQuectelBg96()
                Network = NetworkMode.Wifi,
                WifiSsid = "my-ssid",
                WifiPassword = "my-password",
                Apn = "internet",
                Bootstrap = new BootstrapPolicy(),
            };
        }
    }
}

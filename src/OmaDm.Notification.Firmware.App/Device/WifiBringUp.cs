using System;
using System.Device.Wifi;
using System.Threading;
using nanoFramework.Networking;

namespace OmaDm.Notification.Firmware.Device
{
    /// <summary>Connects Wi-Fi with DHCP (device only); the helper reconnects automatically afterwards.</summary>
    public static class WifiBringUp
    {
        /// <summary>Connects and waits for an IP address and the SNTP time.</summary>
        /// <param name="configuration">SSID, password and timeout.</param>
        /// <returns><c>true</c> when the network is ready.</returns>
        public static bool Connect(FirmwareConfiguration configuration)
        {
            var timeout = new CancellationTokenSource(configuration.WifiTimeoutMilliseconds);
            bool connected = WifiNetworkHelper.ConnectDhcp(
                configuration.WifiSsid,
                configuration.WifiPassword,
                WifiReconnectionKind.Automatic,
                true,
                0,
                timeout.Token);
            if (!connected)
            {
                Exception error = WifiNetworkHelper.HelperException;
                DebugLog.Write("wifi: not connected, status " + ((int)WifiNetworkHelper.Status).ToString()
                    + (error == null ? string.Empty : " " + error.Message));
            }

            return connected;
        }
    }
}

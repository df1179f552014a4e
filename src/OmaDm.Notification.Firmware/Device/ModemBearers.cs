using System.IO.Ports;
using OmaDm.Notification.Firmware.Hosting;

namespace OmaDm.Notification.Firmware.Device
{
    /// <summary>
    /// Wires the modem library (SMS bearer, and in cellular mode the modem's IP-stack UDP service on port 2948) to the
    /// agent and the watchdog (device only).
    /// </summary>
    /// <remarks>
    /// The modem library (SmsModemDriver, modem profiles, modem UDP service) is built on another branch; until it is
    /// merged this opens nothing and says so in the log. Once merged, the wiring is, in this order:
    /// create the profile for <c>configuration.Board.Modem</c>; the driver on <paramref name="port"/> with the agent's
    /// <c>ProcessPush</c>/<c>ReportRejection</c> (SMS); in <see cref="NetworkMode.Cellular"/> the UDP service with
    /// <c>configuration.Apn</c> and <c>configuration.UdpPort</c>; then
    /// <c>service.Supervisor.Watch("modem", () =&gt; driver.LastHeartbeat, () =&gt; { driver.Stop(); bringUp.RestartModem(); driver.Start(); }, configuration.ModemStaleMilliseconds)</c>.
    /// </remarks>
    public static class ModemBearers
    {
        /// <summary>Starts the modem bearers.</summary>
        /// <param name="port">The open modem UART.</param>
        /// <param name="configuration">APN, port, network mode.</param>
        /// <param name="bringUp">The board bring-up (for the watchdog's modem power-cycle).</param>
        /// <param name="service">The service whose agent receives the notifications.</param>
        public static void Start(SerialPort port, FirmwareConfiguration configuration, BoardBringUp bringUp, NotificationService service)
        {
            Log.Write("modem: " + configuration.Board.Modem.ToString() + " on " + port.PortName + ": modem bearers not wired (modem library not merged)");
        }
    }
}

using System;
using System.Threading;
using OmaDm.Notification.Firmware.Boards;
using OmaDm.Notification.Firmware.Device;
using OmaDm.Notification.Firmware.Hosting;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Net;
using OmaDm.Notification.Storage.FileSystem;

namespace OmaDm.Notification.Firmware
{
    /// <summary>
    /// The ESP32 application (device only): brings up the board, the store, the SMS and UDP bearers and the watchdog,
    /// then sleeps forever. Configure in <see cref="FirmwareConfiguration.CreateDefault"/>; plug a DM client in
    /// <see cref="CreateSessionStarter"/>.
    /// </summary>
    public static class Program
    {
        private static readonly SystemClock Clock = new SystemClock();

        /// <summary>Entry point. Never returns: a failure is logged and the watchdog keeps what did start alive.</summary>
        public static void Main()
        {
            FirmwareConfiguration configuration = null;
            NotificationService service = null;
            try
            {
                configuration = FirmwareConfiguration.CreateDefault();
                service = Run(configuration);
            }
            catch (Exception ex)
            {
                DebugLog.Write("firmware: start-up failed: " + ex.Message);
            }

            if (service != null)
            {
                // The watchdog runs on this thread, which would otherwise only sleep: no thread of its own.
                service.Supervisor.Run(configuration.WatchdogIntervalMilliseconds);
            }

            Thread.Sleep(Timeout.Infinite);
        }

        /// <summary>The integration point: return your DM client's starter here (one line).</summary>
        /// <returns>The session starter.</returns>
        public static ISessionStarter CreateSessionStarter()
        {
            return new DebugSessionStarter();
        }

        private static NotificationService Run(FirmwareConfiguration configuration)
        {
            BoardProfile board = configuration.Board;
            DebugLog.Write("firmware: board " + board.Name);
            string wiring = board.Validate();
            if (wiring != null)
            {
                DebugLog.Write("firmware: board profile problem: " + wiring);
            }

            var bringUp = new BoardBringUp(board, Clock);
            bringUp.InitializePins();

            var service = new NotificationService(new FlashFileSystem(configuration.DataDirectory), Clock, CreateSessionStarter(), null);
            service.Log = DebugLog.Write;
            service.BootstrapPolicy = configuration.Bootstrap;
            service.Boot();
            DebugLog.Write("firmware: " + service.Accounts.Count.ToString() + " account(s)");

            if (board.Modem != null)
            {
                StartModem(configuration, bringUp, service);
            }

            if (configuration.Network == NetworkMode.Wifi)
            {
                // Start the listener even if Wi-Fi is not up yet: the helper reconnects and the listener re-binds.
                WifiBringUp.Connect(configuration);
                UdpNotificationListener udp = service.AddUdpListener(new UdpListenerOptions { Port = configuration.UdpPort });
                udp.Start();
            }

            service.Supervisor.Log = DebugLog.Write;
            bringUp.SetStatusLed(false);
            return service;
        }

        private static void StartModem(FirmwareConfiguration configuration, BoardBringUp bringUp, NotificationService service)
        {
            try
            {
                BoardProfile board = configuration.Board;
                ModemModel model = ModemCatalog.Find(board.Modem);
                if (model == null)
                {
                    DebugLog.Write("firmware: modem '" + board.Modem + "' is not in ModemCatalog; no modem bearers");
                    return;
                }

                bringUp.RouteModemUart();
                var settings = new ModemSettings(model);
                settings.UdpApn = configuration.Network == NetworkMode.Cellular ? configuration.Apn : null;
                settings.UdpPort = configuration.UdpPort;
                settings.StaleAfterMilliseconds = configuration.ModemStaleMilliseconds;
                settings.PowerCycle = bringUp.RestartModem;
                ModemBearers modem = service.AddModem(
                    new SerialModemLink(board.ModemPort, board.ModemBaud), new SerialModemConnector(board.ModemPort, board.ModemBaud), settings);

                // The UART runs before the key is pulsed, so the bring-up polls AT until the modem answers (the channel has
                // no reader thread: each probe reads the UART itself; later the modem loop's thread reads it).
                AtChannel channel = modem.Channel;
                bringUp.Probe = timeout => channel.Execute("AT", timeout).IsOk;
                if (!bringUp.PowerOnModem())
                {
                    DebugLog.Write("firmware: modem did not answer AT within " + board.ModemReadyMilliseconds.ToString() + " ms; the drivers keep probing");
                }

                modem.Start();
                DebugLog.Write("firmware: modem bearers started" + (modem.Udp != null ? " (SMS + UDP)" : " (SMS)"));
            }
            catch (Exception ex)
            {
                DebugLog.Write("firmware: modem start failed: " + ex.Message);
            }
        }
    }
}

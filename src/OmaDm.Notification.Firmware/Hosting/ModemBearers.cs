using System;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Firmware.Boards;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Ip;
using OmaDm.Notification.Modem.Profiles;
using OmaDm.Notification.Modem.Sms;

namespace OmaDm.Notification.Firmware.Hosting
{
    /// <summary>
    /// The modem's bearers on one AT channel: the 27.005 SMS driver feeding the SMS receiver, and in cellular mode the
    /// modem's own IP-stack UDP service on port 2948 (the ESP32 firmware has no PPP), both into the same agent. Host-
    /// buildable: the device passes a channel over the UART, tests a channel over a scripted modem.
    /// </summary>
    public sealed class ModemBearers
    {
        /// <summary>Largest datagram the modem's UDP service reads (bytes).</summary>
        public const int MaxDatagram = 1500;

        /// <summary>Bytes per SIMCom <c>AT+CIPRXGET=3</c> read (a longer datagram takes several reads).</summary>
        public const int SimcomReadChunk = 700;

        // The longest line each user of the channel needs, in characters. SMS: a PDU-mode line is the SMSC address (at
        // most 12 octets) and an SMS-DELIVER (at most 164 octets, TS 23.040 9.2.2.1) in hex. UDP: the data line of one
        // read in hex, two characters per byte (Quectel AT+QIRD returns the whole datagram; SIMCom one chunk).
        private const int SmsPduLineLength = 2 * (12 + 164);
        private const int LineMargin = 64;

        private readonly IClock _clock;
        private readonly object _sync = new object();
        private long _lastReady;

        /// <summary>Creates the bearers (not started).</summary>
        /// <param name="agent">The agent that receives every notification.</param>
        /// <param name="channel">The started AT channel.</param>
        /// <param name="profile">The modem profile (<see cref="ProfileFor"/>).</param>
        /// <param name="model">The modem model (selects the UDP service dialect).</param>
        /// <param name="enableSms">Run the SMS driver.</param>
        /// <param name="udpApn">APN for the modem's UDP service, or null for none (Wi-Fi mode, or a modem without one).</param>
        /// <param name="udpPort">UDP port the modem listens on.</param>
        /// <param name="clock">Time.</param>
        public ModemBearers(NotificationAgent agent, AtChannel channel, ModemProfile profile, ModemModel model, bool enableSms, string udpApn, int udpPort, IClock clock)
        {
            if (agent == null || channel == null || profile == null || clock == null)
            {
                throw new ArgumentNullException(agent == null ? "agent" : channel == null ? "channel" : profile == null ? "profile" : "clock");
            }

            _clock = clock;
            _lastReady = clock.MonotonicMilliseconds;
            if (enableSms)
            {
                var receiver = new SmsNotificationReceiver(agent, clock, null);
                Sms = new SmsModemDriver(channel, profile, new SmsReceiverSink(receiver), clock, null);
            }

            if (udpApn != null)
            {
                Udp = CreateUdpService(model, channel, profile, clock, udpApn);
                if (Udp != null)
                {
                    Udp.Port = udpPort;
                    Udp.DatagramReceived += (buffer, offset, count, source) => agent.ProcessPush(buffer, offset, count, Bearer.Udp, source);
                }
            }
        }

        /// <summary>The SMS driver, or null.</summary>
        public SmsModemDriver Sms { get; }

        /// <summary>The modem UDP service, or null (Wi-Fi mode, or SIM800, whose UDP server the library does not offer).</summary>
        public ModemUdpService Udp { get; }

        /// <summary>
        /// The AT channel's line bound for what will run on it: the SMS driver's PDU lines and, with the modem's UDP
        /// service, its hex data lines (<see cref="MaxDatagram"/> or <see cref="SimcomReadChunk"/> bytes, two characters
        /// each). A line longer than the bound is discarded, so a bound below this loses datagrams on the board.
        /// </summary>
        /// <param name="model">The modem model.</param>
        /// <param name="udp">Whether the modem's UDP service will run (cellular mode).</param>
        /// <returns>Characters per line.</returns>
        public static int LineLengthFor(ModemModel model, bool udp)
        {
            int longest = SmsPduLineLength;
            if (udp)
            {
                switch (model)
                {
                    case ModemModel.Bg95:
                    case ModemModel.Bg96:
                        longest = 2 * MaxDatagram;
                        break;
                    case ModemModel.Sim7600:
                    case ModemModel.A7670:
                        longest = 2 * SimcomReadChunk;
                        break;
                }
            }

            return longest + LineMargin;
        }

        /// <summary>Creates the AT channel for a model with the line bound its services need (<see cref="LineLengthFor"/>); not started.</summary>
        /// <param name="link">The byte link to the modem.</param>
        /// <param name="model">The modem model.</param>
        /// <param name="udp">Whether the modem's UDP service will run.</param>
        /// <returns>The channel.</returns>
        public static AtChannel CreateChannel(IModemLink link, ModemModel model, bool udp)
        {
            return new AtChannel(link, LineLengthFor(model, udp));
        }

        /// <summary>The modem profile for a model.</summary>
        /// <param name="model">The model.</param>
        /// <returns>The profile, or null for <see cref="ModemModel.None"/>.</returns>
        public static ModemProfile ProfileFor(ModemModel model)
        {
            switch (model)
            {
                case ModemModel.Sim800:
                    return new Sim800Profile();
                case ModemModel.Sim7600:
                case ModemModel.A7670:
                    return new Sim7600Profile();
                case ModemModel.Bg95:
                case ModemModel.Bg96:
                    return new QuectelBg9xProfile();
                default:
                    return null;
            }
        }

        /// <summary>Creates the IP-stack UDP service of a model.</summary>
        /// <param name="model">The model.</param>
        /// <param name="channel">The AT channel.</param>
        /// <param name="profile">The profile.</param>
        /// <param name="clock">Time.</param>
        /// <param name="apn">The APN.</param>
        /// <returns>The service, or null when the model has none.</returns>
        public static ModemUdpService CreateUdpService(ModemModel model, AtChannel channel, ModemProfile profile, IClock clock, string apn)
        {
            switch (model)
            {
                case ModemModel.Bg95:
                case ModemModel.Bg96:
                    var quectel = new QuectelUdpService(channel, profile, clock, apn);
                    quectel.MaxDatagram = MaxDatagram;
                    return quectel;
                case ModemModel.Sim7600:
                    var sim7600 = new SimcomUdpService(channel, profile, clock, apn);
                    sim7600.MaxDatagram = MaxDatagram;
                    sim7600.ReadChunk = SimcomReadChunk;
                    return sim7600;
                case ModemModel.A7670:
                    var a76xx = new SimcomUdpService(channel, profile, clock, apn);
                    a76xx.MaxDatagram = MaxDatagram;
                    a76xx.ReadChunk = SimcomReadChunk;
                    a76xx.SenderByCipRxGet5 = true; // A76XX AT Manual 15.2.5: +CIPRXGETIP:<ip>:<port>
                    return a76xx;
                default:
                    return null;
            }
        }

        /// <summary>Starts the workers.</summary>
        public void Start()
        {
            if (Sms != null)
            {
                Sms.Start();
            }

            if (Udp != null)
            {
                Udp.Start();
            }
        }

        /// <summary>
        /// The modem's heartbeat for the watchdog: the last time every worker reported ready. A modem that stays not
        /// ready (silent, setup failing) lets it age until the supervisor power-cycles the modem.
        /// </summary>
        /// <returns>Monotonic milliseconds.</returns>
        public long Heartbeat()
        {
            bool ready = (Sms == null || Sms.IsReady) && (Udp == null || Udp.IsReady);
            lock (_sync)
            {
                if (ready)
                {
                    _lastReady = _clock.MonotonicMilliseconds;
                }

                return _lastReady;
            }
        }

        /// <summary>Power-cycles the modem and asks every worker to set it up again (the watchdog's remedy).</summary>
        /// <param name="powerCycle">Drives the board's reset or power pins; null on hosts.</param>
        public void Recover(RestartAction powerCycle)
        {
            if (powerCycle != null)
            {
                powerCycle();
            }

            if (Sms != null)
            {
                Sms.RequestSetup();
            }

            if (Udp != null)
            {
                Udp.RequestSetup();
            }
        }

        /// <summary>Puts the modem under the watchdog.</summary>
        /// <param name="supervisor">The supervisor.</param>
        /// <param name="powerCycle">Drives the board's reset or power pins; null on hosts.</param>
        /// <param name="staleAfterMilliseconds">How long the modem may stay not ready.</param>
        public void Watch(Supervisor supervisor, RestartAction powerCycle, int staleAfterMilliseconds)
        {
            supervisor.Watch("modem", Heartbeat, () => Recover(powerCycle), staleAfterMilliseconds);
        }
    }
}

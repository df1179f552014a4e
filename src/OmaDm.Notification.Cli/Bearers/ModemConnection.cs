using System;
using System.Threading;
using OmaDm.Notification.Firmware.Hosting;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Sms;

namespace OmaDm.Notification.Cli;

/// <summary>
/// The modem of <c>listen</c>: the firmware's <see cref="ModemBearers"/> over the modem's byte stream (TCP or serial),
/// added by the service (<see cref="NotificationService.AddModem"/>) as on the board, so the same AT channel, 27.005
/// driver, <see cref="ModemLoop"/> thread, event log and watchdog heartbeat run on the PC. A link that ends is re-opened
/// with back-off (the driver decides when, the <see cref="ModemEndpointConnector"/> opens it), the set-up and the sweep
/// run again. This class only formats: each change of the modem's listening state is a <c>modem</c> event; its warnings
/// and errors come through the service's log.
/// </summary>
public sealed class ModemConnection : IDisposable
{
    private readonly ModemBearers _modem;

    private ModemConnection(ModemBearers modem)
    {
        _modem = modem;
    }

    /// <summary>First delay between attempts to re-open a lost modem link; it doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public const int ReconnectDelay = 1000;

    /// <summary>Longest delay between attempts to re-open a lost modem link.</summary>
    public const int ReconnectMaxDelay = 30000;

    /// <summary>The model names --modem-profile accepts: the Modem library's catalog, as boards select them.</summary>
    public static string[] ProfileNames => ModemCatalog.Names();

    /// <summary>Opens the modem, runs the set-up and the start-up sweep; returns once set up (or stopped).</summary>
    public static ModemConnection Start(AgentHost host, EventPrinter events, ModemEndpoint endpoint, CancellationToken stop, string profileName = ModemCatalog.Generic)
    {
        ModemModel model = ModemCatalog.Find(profileName) ?? throw new ArgumentException($"unknown modem model '{profileName}'", nameof(profileName));

        // The IMSI keys NETWPIN and USERNETWPIN bootstraps: read with AT+CIMI at each set-up unless --imsi gave it.
        bool readImsi = host.Agent.Bootstrap != null && !host.ImsiGiven;
        var settings = new ModemSettings(model)
        {
            SmsOptions = new SmsDriverOptions { RetryDelayMilliseconds = ReconnectDelay, ReconnectMaxDelayMilliseconds = ReconnectMaxDelay, ReadImsi = readImsi },
        };
        ModemBearers modem = host.Service.AddModem(endpoint.Open(), new ModemEndpointConnector(endpoint, message => events.Note("modem warning", message)), settings);
        if (readImsi)
        {
            modem.Sms.ImsiRead += (_, imsi) => events.Note("modem", $"IMSI read with AT+CIMI ({imsi.Length} digits): bootstrap keys derived");
        }

        ModemEventHandler report = (_, kind, detail) => Report(events, kind, detail);
        modem.Sms.EventRaised += report;
        modem.Channel.EventRaised += report;
        var bearer = new ModemConnection(modem);
        modem.Start(); // one thread reads the channel and runs the driver
        var waited = System.Diagnostics.Stopwatch.StartNew();
        bool told = false;
        while (!modem.Sms.IsReady && !stop.IsCancellationRequested)
        {
            if (!told && waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                events.Note("modem warning", $"{endpoint.Text} has not completed set-up after 10 s; still trying");
                told = true;
            }

            stop.WaitHandle.WaitOne(20);
        }

        return bearer;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _modem.Dispose();
        _modem.Channel.Connector.Release(_modem.Channel.Link);
    }

    // ModemUp/ModemDown are the modem event, a re-opened link a note; the service's event log (information events off)
    // writes the warnings and errors, rate-limited as on the board.
    private static void Report(EventPrinter events, ModemEventKind kind, string detail)
    {
        switch (kind)
        {
            case ModemEventKind.ModemUp:
                events.Modem(up: true, reason: null);
                break;
            case ModemEventKind.ModemDown:
                events.Modem(up: false, reason: detail);
                break;
            case ModemEventKind.LinkReopened:
                events.Note("modem", "link re-opened; setting the modem up again");
                break;
        }
    }
}

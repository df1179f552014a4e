using System.IO;
using System.Threading;
using System;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Modem.Sms;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Cli;

/// <summary>
/// The SMS bearer of <c>listen</c>: the Modem library's AT channel and 27.005 driver over the modem's byte stream
/// (TCP or serial), run by one <see cref="ModemLoop"/> thread, feeding the core's SMS receiver and so the same agent as UDP. A link that ends is re-opened with
/// back-off (the driver decides when, the <see cref="ModemEndpointConnector"/> opens it), the set-up and the sweep run
/// again, and each change of the modem's listening state is reported as a <c>modem</c> event.
/// </summary>
public sealed class ModemBearer : IDisposable
{
    private readonly AtChannel _channel;
    private readonly ModemLoop _loop;

    private ModemBearer(AtChannel channel, ModemLoop loop)
    {
        _channel = channel;
        _loop = loop;
    }

    /// <summary>First delay between attempts to re-open a lost modem link; it doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public const int ReconnectDelay = 1000;

    /// <summary>Longest delay between attempts to re-open a lost modem link.</summary>
    public const int ReconnectMaxDelay = 30000;

    /// <summary>The model names --modem-profile accepts: the Modem library's catalog, as boards select them.</summary>
    public static string[] ProfileNames => ModemCatalog.Names();

    /// <summary>Opens the modem, runs the set-up and the start-up sweep; returns once set up (or stopped).</summary>
    public static ModemBearer Start(AgentHost host, EventWriter events, ModemEndpoint endpoint, CancellationToken stop, string profileName = ModemCatalog.Generic)
    {
        ModemModel model = ModemCatalog.Find(profileName) ?? throw new ArgumentException($"unknown modem model '{profileName}'", nameof(profileName));
        AtChannel channel = model.CreateChannel(endpoint.Open(), udp: false);
        channel.Connector = new ModemEndpointConnector(endpoint, message => events.Note("modem warning", message));
        var receiver = new SmsNotificationReceiver(host.Agent, host.Clock, null);
        // The IMSI keys NETWPIN and USERNETWPIN bootstraps: read with AT+CIMI at each set-up unless --imsi gave it.
        var bootstrap = host.Agent.Bootstrap;
        bool readImsi = bootstrap != null && !host.ImsiGiven;
        var options = new SmsDriverOptions { RetryDelayMilliseconds = ReconnectDelay, ReconnectMaxDelayMilliseconds = ReconnectMaxDelay, ReadImsi = readImsi };
        var driver = new SmsModemDriver(channel, model.CreateProfile(), new SmsReceiverSink(receiver), host.Clock, options);
        if (readImsi)
        {
            driver.ImsiRead += (_, imsi) =>
            {
                bootstrap.SetImsi(imsi);
                events.Note("modem", $"IMSI read with AT+CIMI ({imsi.Length} digits): bootstrap keys derived");
            };
        }

        // The board's rule for modem warnings and errors: 5 lines per kind per minute, then a count, so a chattering or
        // hostile modem (10,000 unexpected lines) cannot flood the terminal or the log.
        var log = new Firmware.Hosting.EventLog(line => Note(events, line), host.Clock);
        ModemEventHandler report = (sender, kind, detail) => Report(events, log, sender, kind, detail);
        driver.EventRaised += report;
        channel.EventRaised += report;
        var loop = new ModemLoop(channel, host.Clock);
        loop.EventRaised += report;
        loop.Add(driver);
        var bearer = new ModemBearer(channel, loop);
        loop.Start(); // one thread reads the channel and runs the driver
        var waited = System.Diagnostics.Stopwatch.StartNew();
        bool told = false;
        while (!driver.IsReady && !stop.IsCancellationRequested)
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
        _loop.Dispose();
        _channel.Connector.Release(_channel.Link);
    }

    // ModemUp/ModemDown are the modem event; the channel's link events and the driver's warnings and errors are notes.
    private static void Report(EventWriter events, Firmware.Hosting.EventLog log, object sender, ModemEventKind kind, string detail)
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
            default:
                if ((int)kind >= 100)
                {
                    log.OnModemEvent(sender, kind, string.IsNullOrEmpty(detail) ? null : detail);
                }

                break;
        }
    }

    // The board's line "modem: warning unexpected-line: X" as the note "modem" with the rest.
    private static void Note(EventWriter events, string line)
    {
        int colon = line.IndexOf(": ", StringComparison.Ordinal);
        events.Note(line.Substring(0, colon), line.Substring(colon + 2));
    }
}

using System;
using System.IO;
using System.Threading;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Profiles;
using OmaDm.Notification.Modem.Sms;
using OmaDm.Notification.Wdp;

namespace OmaDm.Notification.Cli;

/// <summary>
/// The SMS bearer of <c>listen</c>: the Modem library's AT channel and 27.005 driver over the modem's byte stream
/// (TCP or serial), feeding the core's SMS receiver and so the same agent as UDP.
/// </summary>
public sealed class ModemBearer : IDisposable
{
    private readonly IDisposable _connection;
    private readonly AtChannel _channel;
    private readonly SmsModemDriver _driver;

    private ModemBearer(IDisposable connection, AtChannel channel, SmsModemDriver driver)
    {
        _connection = connection;
        _channel = channel;
        _driver = driver;
    }

    /// <summary>The profile names --modem-profile accepts.</summary>
    public static readonly string[] ProfileNames = ["generic", "sim800", "sim7600", "bg95", "eg91"];

    /// <summary>Opens the modem, runs the set-up and the start-up sweep; returns once set up (or stopped).</summary>
    public static ModemBearer Start(AgentHost host, EventWriter events, ModemEndpoint endpoint, CancellationToken stop, string profileName = "generic")
    {
        Stream stream = endpoint.Open(out IDisposable connection);
        var channel = new AtChannel(new StreamModemLink(stream), AtChannel.DefaultMaxLineLength);
        var receiver = new SmsNotificationReceiver(host.Agent, host.Clock, null);
        var driver = new SmsModemDriver(channel, CreateProfile(profileName), new SmsReceiverSink(receiver), host.Clock, null);
        driver.EventRaised += (_, kind, detail) =>
        {
            if ((int)kind >= 100)
            {
                events.Note((int)kind >= 200 ? "modem error" : "modem warning", $"{kind}{(string.IsNullOrEmpty(detail) ? string.Empty : ": " + detail)}");
            }
        };
        var bearer = new ModemBearer(connection, channel, driver);
        channel.Start();
        driver.Start();
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

    /// <summary>Maps a profile name to the Modem library's profile.</summary>
    public static ModemProfile CreateProfile(string name) => name switch
    {
        "sim800" => new Sim800Profile(),
        "sim7600" => new Sim7600Profile(),
        "bg95" => new QuectelBg9xProfile(),
        "eg91" => new QuectelEg91Profile(),
        _ => new ModemProfile("generic 27.005"),
    };

    /// <inheritdoc />
    public void Dispose()
    {
        _driver.Dispose();
        _channel.Dispose();
        _connection.Dispose();
    }
}

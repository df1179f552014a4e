using System;
using System.CommandLine;
using System.IO;
using System.Net;
using System.Threading;

namespace OmaDm.Notification.Cli;

/// <summary><c>dmnotify listen</c>: the device's agent on a PC, fed by UDP and/or a modem, reporting each trigger.</summary>
public static class ListenCommand
{
    /// <summary>The connectionless WAP push port (OMA-TS-DM_Notification 7.1).</summary>
    public const int DefaultUdpPort = 2948;

    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter output, TextWriter error, CancellationToken stop)
    {
        var accounts = new Option<string>("--accounts") { Description = "Accounts file (JSON): {\"accounts\":[{\"serverId\",\"password\",\"nonce\",\"resync\",\"sessionIdFormat\"}],\"acceptVersions\":[11,12]}.", Required = true };
        var udp = new Option<int>("--udp") { Description = "UDP port (0 = any free port, reported in the ready line).", DefaultValueFactory = _ => DefaultUdpPort };
        var bind = new Option<string>("--bind") { Description = "Address to bind the UDP socket to.", DefaultValueFactory = _ => "0.0.0.0" };
        var noUdp = new Option<bool>("--no-udp") { Description = "Do not listen on UDP (modem only)." };
        var modem = new Option<string>("--modem") { Description = "Modem: tcp:HOST:PORT (e.g. ser2net) or serial:DEVICE[@BAUD] (default 115200)." };
        var profile = new Option<string>("--modem-profile") { Description = "Modem model profile: generic, sim800, sim7600, bg95 or eg91.", DefaultValueFactory = _ => "generic" };
        profile.AcceptOnlyFromAmong(ModemBearer.ProfileNames);
        var state = new Option<string>("--state") { Description = "Directory for recent sessions, so duplicates are recognised across restarts." };
        var json = new Option<bool>("--json") { Description = "One JSON object per line: ready, session, rejected, duplicate." };
        var command = new Command("listen", DmNotify.Describe("Run the notification agent: UDP port 2948 and/or a 27.005 modem; Ctrl-C or SIGTERM stops it."))
        {
            accounts, udp, bind, noUdp, modem, profile, state, json,
        };
        command.SetAction(r =>
        {
            var file = AccountsFile.Load(r.GetValue(accounts));
            if (!IPAddress.TryParse(r.GetValue(bind), out var address))
            {
                throw new UsageException($"--bind: '{r.GetValue(bind)}' is not an IP address.");
            }

            int port = r.GetValue(udp);
            if (port is < 0 or > 65535)
            {
                throw new UsageException("--udp: port 0..65535 expected.");
            }

            bool useUdp = !r.GetValue(noUdp);
            var modemEndpoint = r.GetValue(modem) is string m ? ModemEndpoint.Parse(m) : null;
            if (!useUdp && modemEndpoint == null)
            {
                throw new UsageException("--no-udp needs --modem: nothing would be listened to.");
            }

            var sessions = r.GetValue(state) is string dir ? SessionState.Open(dir, TimeSpan.FromMinutes(10), DateTime.UtcNow) : null;
            var events = new EventWriter(output, r.GetValue(json), r.GetValue(json) ? error : null);
            var host = new AgentHost(file, new SystemClock(), events, sessions);
            return Listener.Run(host, events, useUdp ? new IPEndPoint(address, port) : null, modemEndpoint, r.GetValue(profile), stop);
        });
        return command;
    }
}

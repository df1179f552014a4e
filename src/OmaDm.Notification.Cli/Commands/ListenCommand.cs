using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Net;
using System.Threading;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Cli.Store;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Cli;

/// <summary><c>dmnotify listen</c>: the firmware's notification service on a PC, fed by UDP and/or a modem, reporting each trigger.</summary>
public static class ListenCommand
{
    /// <summary>The connectionless WAP push port (OMA-TS-DM_Notification 7.1).</summary>
    public const int DefaultUdpPort = 2948;

    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter output, TextWriter error, CancellationToken stop)
    {
        var defaults = new AgentOptions();
        var accounts = new Option<string>("--accounts")
        {
            Description = "Accounts file (JSON) to import into the store, e.g. examples/accounts.json: {\"accounts\":[{...}],\"acceptVersions\":[11,12]}, each account with the keys "
                + $"{AccountSettingText.ServerIdKey} (required), {AccountSettingText.PasswordKey} (required), {AccountSettingText.NonceKey} (base64), "
                + $"{AccountSettingText.ResyncKey} ({AccountSettingText.ResyncOff}|{AccountSettingText.ResyncZeroBytes}|{AccountSettingText.ResyncZeroBytesThenAscii}), "
                + $"{AccountSettingText.SessionIdFormatKey} ({AccountSettingText.SessionIdHex}|{AccountSettingText.SessionIdDecimal}), {AccountSettingText.TryNonceTextKey} (true|false), allowEmptyPassword (true|false). "
                + "With --state it is applied once per file content, so nonces changed since (dmnotify nonce) survive restarts.",
        };
        var provision = new Option<string>("--provision") { Description = "The device's provision.txt to apply at boot (format in the README), once per file content." };
        var state = new Option<string>("--state") { Description = "State directory: the device's store (accounts, nonces, recent sessions, two-slot records). Without it the store is kept in memory." };
        var udp = new Option<int>("--udp") { Description = "UDP port (0 = any free port, reported in the ready line).", DefaultValueFactory = _ => DefaultUdpPort };
        var bind = new Option<string>("--bind") { Description = "Address to bind the UDP socket to.", DefaultValueFactory = _ => "0.0.0.0" };
        var noUdp = new Option<bool>("--no-udp") { Description = "Do not listen on UDP (modem only)." };
        var modem = new Option<string>("--modem") { Description = "Modem: tcp:HOST:PORT (e.g. ser2net) or serial:DEVICE[@BAUD] (default 115200)." };
        var profile = new Option<string>("--modem-profile") { Description = "Modem model (the firmware's modem catalog): " + string.Join(", ", ModemConnection.ProfileNames) + ".", DefaultValueFactory = _ => ModemCatalog.Generic };
        profile.AcceptOnlyFromAmong(ModemConnection.ProfileNames);
        var rateLimit = new Option<string>("--rate-limit")
        {
            Description = "Session requests allowed per server: COUNT/SECONDS; 0 turns the limit off.",
            DefaultValueFactory = _ => $"{defaults.RateLimitCount}/{defaults.RateLimitWindowMilliseconds / 1000}",
        };
        var duplicateWindow = new Option<int>("--duplicate-window")
        {
            Description = "Seconds a server + session id pair is remembered: a repeat within them is a duplicate (0 = off).",
            DefaultValueFactory = _ => defaults.DuplicateWindowMilliseconds / 1000,
        };
        var acceptMissingAppId = new Option<bool>("--accept-missing-app-id")
        {
            Description = "Accept a push with the package #0 content type but no X-WAP-Application-Id header (true or false).",
            DefaultValueFactory = _ => defaults.AcceptMissingApplicationId,
            Arity = ArgumentArity.ExactlyOne,
            HelpName = "true|false",
        };
        var bootstrapPin = new Option<string>("--bootstrap-pin") { Description = "The device's user PIN: bootstrap pushes signed USERPIN or USERNETWPIN with it are verified (never printed)." };
        var imsi = new Option<string>("--imsi") { Description = "The SIM's IMSI (digits) for NETWPIN and USERNETWPIN; with --modem it is read with AT+CIMI unless given." };
        var bootstrapSec = new Option<string>("--bootstrap-sec") { Description = "Allowed bootstrap SEC methods, comma-separated from userpin,usernetwpin,netwpin.", DefaultValueFactory = _ => "userpin,usernetwpin" };
        var bootstrapOverwrite = new Option<bool>("--bootstrap-overwrite")
        {
            Description = "Let a bootstrap replace an account whose server id the store already holds (true or false).",
            DefaultValueFactory = _ => false,
            Arity = ArgumentArity.ExactlyOne,
            HelpName = "true|false",
        };
        var json = new Option<bool>("--json") { Description = "One JSON object per line, \"event\" one of ready, session, bootstrap, rejected, duplicate, modem, error (floods summarised with a count); notes go to stderr. Without it the same events as text lines." };
        var command = new Command("listen", DmNotify.Describe(
            "Run the firmware's notification service: UDP port 2948 and/or a 27.005 modem; Ctrl-C or SIGTERM stops it. " +
            "Accounts come from --accounts, --provision or the store in --state, or over the air as a signed bootstrap (--bootstrap-pin, --imsi)."))
        {
            accounts, provision, state, udp, bind, noUdp, modem, profile, rateLimit, duplicateWindow, acceptMissingAppId,
            bootstrapPin, imsi, bootstrapSec, bootstrapOverwrite, json,
        };
        command.SetAction(r =>
        {
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

            if (r.GetValue(duplicateWindow) is < 0 or > int.MaxValue / 1000)
            {
                throw new UsageException("--duplicate-window: seconds 0..2147483 expected.");
            }

            var options = new AgentOptions
            {
                DuplicateWindowMilliseconds = r.GetValue(duplicateWindow) * 1000,
                AcceptMissingApplicationId = r.GetValue(acceptMissingAppId),
            };
            (options.RateLimitCount, options.RateLimitWindowMilliseconds) = ParseRateLimit(r.GetValue(rateLimit));

            var file = r.GetValue(accounts) is string accountsPath ? AccountsFile.Load(accountsPath, stop) : null;
            if (file != null)
            {
                options.AcceptedVersions = file.AcceptVersions;
            }

            byte[] provisionBytes = null;
            if (r.GetValue(provision) is string provisionPath)
            {
                try
                {
                    provisionBytes = InputFile.Read(provisionPath, InputFile.MaxProvisionBytes);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
                {
                    throw new UsageException($"--provision '{provisionPath}': cannot be read: {e.Message}");
                }
            }

            BootstrapPolicy bootstrap = ParseBootstrap(r.GetValue(bootstrapSec), r.GetValue(bootstrapPin), r.GetValue(imsi), r.GetValue(bootstrapOverwrite));
            using var directory = r.GetValue(state) is string dir ? StateDirectory.Open(dir, listener: true) : null;
            using var events = new EventPrinter(output, r.GetValue(json), r.GetValue(json) ? error : null);
            using var host = AgentHost.Start(new HostSetup { State = directory, Accounts = file, Provision = provisionBytes, ProvisionPath = r.GetValue(provision), Options = options, Bootstrap = bootstrap }, events);
            return Listener.Run(host, events, useUdp ? new IPEndPoint(address, port) : null, modemEndpoint, r.GetValue(profile), stop);
        });
        return command;
    }

    /// <summary>
    /// The bootstrap policy from the listen flags, or null when no secret was given (every bootstrap is then refused by
    /// name). The PIN and IMSI are checked here so a typo is a usage error, not a device that silently verifies nothing.
    /// </summary>
    public static BootstrapPolicy ParseBootstrap(string methods, string pin, string imsi, bool overwrite)
    {
        if (pin != null && !BootstrapKey.IsValidPin(pin))
        {
            throw new UsageException($"--bootstrap-pin: 1..{BootstrapKey.MaxPinLength} printable ASCII characters expected.");
        }

        if (imsi != null && !BootstrapKey.IsValidImsi(imsi))
        {
            throw new UsageException($"--imsi: 1..{BootstrapKey.MaxImsiDigits} digits expected.");
        }

        var policy = new BootstrapPolicy { UserPin = pin, Imsi = imsi, AllowOverwrite = overwrite, AllowUserPin = false, AllowUserNetworkPin = false };
        foreach (string name in (methods ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Names.TryParseSecurity(name, out BootstrapSecurity method) || method is BootstrapSecurity.None or BootstrapSecurity.UserPinMac)
            {
                throw new UsageException($"--bootstrap-sec: '{name}' is not one of userpin, usernetwpin, netwpin.");
            }

            policy.AllowNetworkPin |= method == BootstrapSecurity.NetworkPin;
            policy.AllowUserPin |= method == BootstrapSecurity.UserPin;
            policy.AllowUserNetworkPin |= method == BootstrapSecurity.UserNetworkPin;
        }

        return pin == null && imsi == null ? null : policy;
    }

    /// <summary>Parses COUNT/SECONDS (or 0 for off) into the agent's count and window.</summary>
    public static (int Count, int WindowMilliseconds) ParseRateLimit(string text)
    {
        var defaults = new AgentOptions();
        if (text == "0")
        {
            return (0, defaults.RateLimitWindowMilliseconds);
        }

        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int seconds)
            && seconds is > 0 and <= int.MaxValue / 1000)
        {
            return (count, seconds * 1000);
        }

        throw new UsageException($"--rate-limit: '{text}' must be COUNT/SECONDS (e.g. 6/3600) or 0 for no limit.");
    }
}

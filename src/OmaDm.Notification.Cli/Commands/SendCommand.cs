using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Cli;

/// <summary><c>dmnotify send</c>: builds a package #0 (correct, or signed with another nonce, or forged) and emits it.</summary>
public static class SendCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter output)
    {
        var serverId = new Option<string>("--server-id") { Description = "Server identifier (1..255 bytes).", Required = true };
        var password = new Option<string>("--password") { Description = "Server password (may be empty).", DefaultValueFactory = _ => string.Empty };
        var nonce = new Option<string>("--nonce") { Description = "Server nonce as base64 (empty by default).", DefaultValueFactory = _ => string.Empty };
        var session = new Option<string>("--session") { Description = "Session id in hex, 0..FFFF (package #0; required without --bootstrap)." };
        var bootstrap = new Option<string>("--bootstrap") { Description = "Send a bootstrap instead of package #0: cp (a Client Provisioning w7 document) or dm (a SyncML DM profile), carrying --server-id, --password, --nonce and the options below." };
        bootstrap.AcceptOnlyFromAmong("cp", "dm");
        var address = new Option<string>("--address") { Description = "Bootstrap: the DM server's address (URL)." };
        var clientName = new Option<string>("--client-name") { Description = "Bootstrap: the client's name toward the server." };
        var clientPassword = new Option<string>("--client-password") { Description = "Bootstrap: the client's password toward the server." };
        var sec = new Option<string>("--sec") { Description = "Bootstrap: the SEC method the MAC is keyed with: userpin, usernetwpin, netwpin or none (unsigned)." };
        sec.AcceptOnlyFromAmong("userpin", "usernetwpin", "netwpin", "none");
        var pin = new Option<string>("--pin") { Description = "Bootstrap: the device's user PIN (userpin, usernetwpin)." };
        var imsi = new Option<string>("--imsi") { Description = "Bootstrap: the device's IMSI digits (netwpin, usernetwpin)." };
        var uiMode = new Option<string>("--ui-mode") { Description = "not-specified, background, informative or user-interaction.", DefaultValueFactory = _ => "not-specified" };
        uiMode.AcceptOnlyFromAmong("not-specified", "background", "informative", "user-interaction");
        var initiator = new Option<string>("--initiator") { Description = "server or client.", DefaultValueFactory = _ => "server" };
        initiator.AcceptOnlyFromAmong("server", "client");
        var version = new Option<int>("--version") { Description = "The 10-bit version field (11 = 1.1, 12 = 1.2).", DefaultValueFactory = _ => 11 };
        var vendor = new Option<string>("--vendor") { Description = "Vendor-specific tail in hex (part of the digest)." };
        var digestNonce = new Option<string>("--digest-nonce") { Description = "Sign with this base64 nonce instead of --nonce (e.g. AAAAAA== for the zero-bytes resync)." };
        var forge = new Option<string>("--forge-digest") { Description = "Write this 16-byte hex digest instead of computing one." };
        var to = new Option<string>("--to") { Description = "Send the WSP push as a UDP datagram to udp:HOST:PORT." };
        var sms = new Option<bool>("--sms") { Description = "Print the SMS-DELIVER PDUs in hex, one per line (concatenated when needed), as a modem stores them." };
        var wsp = new Option<bool>("--wsp") { Description = "Print the WSP push PDU in hex." };
        var raw = new Option<bool>("--raw") { Description = "Print package #0 (digest + trigger) in hex." };
        var sender = new Option<string>("--sender") { Description = "SMS originating address for --sms.", DefaultValueFactory = _ => "+15550100" };
        var reference = new Option<int>("--reference") { Description = "Concatenation reference number for --sms, 0..65535 (above 255 the 16-bit reference element is used).", DefaultValueFactory = _ => 1 };
        var forms = new WspFormOptions();

        var command = new Command("send", DmNotify.Describe(
            "Build a package #0 trigger (or, with --bootstrap, a signed bootstrap push) and emit it with exactly one of --to, --sms, --wsp, --raw."))
        {
            serverId, password, nonce, session, uiMode, initiator, version, vendor, digestNonce, forge, to, sms, wsp, raw, sender, reference,
            bootstrap, address, clientName, clientPassword, sec, pin, imsi,
        };
        forms.AddTo(command);
        command.Validators.Add(r =>
        {
            int outputs = (r.GetValue(to) != null ? 1 : 0) + (r.GetValue(sms) ? 1 : 0) + (r.GetValue(wsp) ? 1 : 0) + (r.GetValue(raw) ? 1 : 0);
            if (outputs != 1)
            {
                r.AddError("send needs exactly one output: --to udp:HOST:PORT, --sms, --wsp or --raw.");
            }

            if (r.GetValue(bootstrap) == null && r.GetValue(session) == null)
            {
                r.AddError("send needs --session (or --bootstrap cp|dm for a bootstrap).");
            }

            if (r.GetValue(bootstrap) != null && r.GetValue(sec) == null)
            {
                r.AddError("send --bootstrap needs --sec userpin|usernetwpin|netwpin|none.");
            }
        });

        command.SetAction(r =>
        {
            if (r.GetValue(bootstrap) is string profileName)
            {
                var account = new BootstrapAccount
                {
                    ServerId = r.GetValue(serverId),
                    ServerPassword = r.GetValue(password),
                    ServerNonceBase64 = string.IsNullOrEmpty(r.GetValue(nonce)) ? null : r.GetValue(nonce),
                    ServerAddress = r.GetValue(address),
                    ClientName = r.GetValue(clientName),
                    ClientPassword = r.GetValue(clientPassword),
                };
                Base64Option(r.GetValue(nonce), "--nonce");
                Names.TryParseSecurity(r.GetValue(sec), out BootstrapSecurity method);
                byte[] push = BootstrapPush(account, profileName == "cp" ? BootstrapProfile.ClientProvisioning : BootstrapProfile.DmProfile, method, r.GetValue(pin), r.GetValue(imsi));
                if (r.GetValue(raw))
                {
                    throw new UsageException("--raw prints package #0; a bootstrap is a push: use --wsp, --sms or --to.");
                }

                return Emit(push, r.GetValue(wsp), r.GetValue(sms), r.GetValue(sender), r.GetValue(reference), r.GetValue(to), output);
            }

            var builder = new TriggerBuilder
            {
                ServerId = r.GetValue(serverId),
                Password = r.GetValue(password),
                Nonce = Base64Option(r.GetValue(nonce), "--nonce"),
                SessionId = ParseSession(r.GetValue(session)),
                Version = r.GetValue(version),
                Initiator = r.GetValue(initiator) == "client" ? Initiator.Client : Initiator.Server,
                Vendor = r.GetValue(vendor) is string v ? HexText.Parse(v, "--vendor") : [],
            };
            Names.TryParseUiMode(r.GetValue(uiMode), out var mode);
            builder.UiMode = mode;
            if (r.GetValue(digestNonce) is string dn)
            {
                builder.DigestNonce = Base64Option(dn, "--digest-nonce");
            }

            if (r.GetValue(forge) is string f)
            {
                builder.ForgedDigest = HexText.Parse(f, "--forge-digest");
                if (builder.ForgedDigest.Length != 16)
                {
                    throw new UsageException("--forge-digest: 16 bytes (32 hex digits) expected.");
                }
            }

            if (builder.Version is < 0 or > 0x3FF)
            {
                throw new UsageException("--version: 0..1023 expected.");
            }

            byte[] package0;
            try
            {
                package0 = builder.Build();
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }

            if (r.GetValue(raw))
            {
                output.WriteLine(HexText.Format(package0));
                return ExitCodes.Ok;
            }

            byte[] pdu = forms.CreateEncoder(r).Encode(package0, 0, package0.Length);
            return Emit(pdu, r.GetValue(wsp), r.GetValue(sms), r.GetValue(sender), r.GetValue(reference), r.GetValue(to), output);
        });
        return command;
    }

    /// <summary>
    /// A signed bootstrap push: the account as a CP or DM-profile document (WBXML with a string table, as real servers
    /// send it), wrapped with SEC and MAC (none: unsigned).
    /// </summary>
    public static byte[] BootstrapPush(BootstrapAccount account, BootstrapProfile profile, BootstrapSecurity method, string pin, string imsi)
    {
        if (string.IsNullOrEmpty(account.ServerId))
        {
            throw new UsageException("--server-id: a bootstrap needs a server id.");
        }

        byte[] document;
        try
        {
            document = profile == BootstrapProfile.ClientProvisioning
                ? BootstrapDocumentEncoder.EncodeClientProvisioning(account)
                : BootstrapDocumentEncoder.EncodeDmProfile(account);
            return BootstrapPushEncoder.Encode(document, profile, method, imsi, pin);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--sec {Names.Of(method)}: {e.Message} (give --pin and/or --imsi)");
        }
    }

    /// <summary>Emits a WSP push: hex (--wsp), SMS-DELIVER PDUs (--sms) or one UDP datagram (--to).</summary>
    public static int Emit(byte[] pdu, bool wsp, bool sms, string sender, int reference, string to, TextWriter output)
    {
        if (wsp)
        {
            output.WriteLine(HexText.Format(pdu));
            return ExitCodes.Ok;
        }

        if (sms)
        {
            if (reference is < 0 or > 0xFFFF)
            {
                throw new UsageException("--reference: 0..65535 expected.");
            }

            foreach (string line in SmsPdus.Encode(pdu, sender, reference))
            {
                output.WriteLine(line);
            }

            return ExitCodes.Ok;
        }

        var endpoint = ParseUdpTarget(to);
        if (pdu.Length > MaxUdpPayload)
        {
            throw new UsageException($"--to: the push is {pdu.Length} bytes, more than a UDP datagram carries ({MaxUdpPayload}); use --sms, or a shorter --vendor.");
        }

        using var client = new UdpClient(endpoint.AddressFamily);
        try
        {
            client.Send(pdu, pdu.Length, endpoint);
        }
        catch (SocketException e)
        {
            throw new UsageException($"--to {to}: cannot send {pdu.Length} bytes: {e.Message}");
        }

        output.WriteLine($"sent {pdu.Length} bytes to {endpoint}");
        return ExitCodes.Ok;
    }

    /// <summary>The largest UDP payload over IPv4 (65,535 minus the 20-byte IP and 8-byte UDP headers).</summary>
    public const int MaxUdpPayload = 65507;

    /// <summary>Parses a session id in hex (an optional 0x), 0..FFFF.</summary>
    public static int ParseSession(string text)
    {
        string s = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (!int.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int value) || value is < 0 or > 0xFFFF)
        {
            throw new UsageException($"--session: '{text}' is not a hex session id 0..FFFF.");
        }

        return value;
    }

    /// <summary>Decodes a base64 option (padding required) or throws a usage error.</summary>
    public static byte[] Base64Option(string text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var buffer = new byte[text.Length];
        if (text.Length % 4 != 0 || !Convert.TryFromBase64String(text, buffer, out int written))
        {
            throw new UsageException($"{name}: '{text}' is not base64 with '=' padding.");
        }

        return buffer[..written];
    }

    /// <summary>Parses udp:HOST:PORT (HOST may be [v6]).</summary>
    public static IPEndPoint ParseUdpTarget(string text)
    {
        const string Prefix = "udp:";
        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--to: '{text}' must look like udp:HOST:PORT.");
        }

        string rest = text[Prefix.Length..];
        int colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new UsageException($"--to: '{text}' must look like udp:HOST:PORT with a port 1..65535.");
        }

        string host = rest[..colon].Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            try
            {
                address = Array.Find(Dns.GetHostAddresses(host), a => a.AddressFamily == AddressFamily.InterNetwork) ?? Dns.GetHostAddresses(host)[0];
            }
            catch (Exception e) when (e is SocketException or ArgumentException)
            {
                throw new UsageException($"--to: cannot resolve '{(host.Length > 64 ? host[..64] + "..." : host)}': {e.Message}");
            }
        }

        return new IPEndPoint(address, port);
    }
}

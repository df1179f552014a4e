using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Cli;

/// <summary>
/// The README's run command: the agent with a sample account on loopback, fed the spec's Appendix C trigger over UDP
/// and over SMS through a simulated modem, then a forged trigger and a duplicate; each outcome said in plain words.
/// </summary>
public static class Demo
{
    /// <summary>The sample account's server id: Appendix C's.</summary>
    public const string ServerId = "com.mgmtsrv.manage";

    /// <summary>The sample password.</summary>
    public const string Password = "demo-secret";

    /// <summary>The sample server nonce (base64 of "demo-nonce").</summary>
    public const string NonceBase64 = "ZGVtby1ub25jZQ==";

    private static readonly TimeSpan OutcomeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs the demo; 0 when every step had the expected outcome.</summary>
    public static int Run(TextWriter output, CancellationToken stop)
    {
        var accounts = AccountsFile.Parse($$"""{"accounts":[{"serverId":"{{ServerId}}","password":"{{Password}}","nonce":"{{NonceBase64}}","resync":"zero-bytes"}]}""");
        var outcomes = new BlockingCollection<string>();
        using var log = new EventPrinter(TextWriter.Null, json: false);
        using var host = AgentHost.Start(new HostSetup { Accounts = accounts, Options = new AgentOptions { AcceptedVersions = accounts.AcceptVersions } }, log);
        host.SessionReported += r => outcomes.Add(
            $"ACCEPTED: the agent asked the DM client to open session {r.SessionId} with {r.ServerId} " +
            $"(bearer {Names.Of(r.Bearer)}, from {r.Source}, ui-mode {Names.Of(r.UiMode)}, initiator {Names.Of(r.Initiator)}, " +
            $"version {r.Version}, digest matched the {Names.Of(r.Nonce)} nonce).");
        host.RejectionReported += (reason, detail) => outcomes.Add(reason == ReasonCode.Duplicate
            ? $"DUPLICATE: session {detail} was already requested; the agent ignored it (one session is enough)."
            : $"REJECTED: {Names.Of(reason)}; no session was started.");

        output.WriteLine($"dmnotify demo: agent on loopback with account '{ServerId}' (password '{Password}', nonce {NonceBase64}).");
        using var udp = UdpReceiver.Start(host, log, new IPEndPoint(IPAddress.Loopback, 0));
        output.WriteLine($"Listening for WAP push on UDP 127.0.0.1:{udp.Port}.");
        using var sender = new UdpClient(AddressFamily.InterNetwork);
        var target = new IPEndPoint(IPAddress.Loopback, udp.Port);

        byte[] appendixC = AppendixC(0x1234).Build();
        byte[] push = new WspPushEncoder().Encode(appendixC, 0, appendixC.Length);
        bool ok = true;

        output.WriteLine();
        output.WriteLine($"1. The spec's Appendix C trigger (session 1234) as a WAP push over UDP: {HexText.Format(push)}");
        sender.Send(push, push.Length, target);
        ok &= Expect(output, outcomes, "ACCEPTED");

        output.WriteLine();
        output.WriteLine("2. The Appendix C trigger as a concatenated SMS through a simulated 27.005 modem (session 1235, since 1234 again would be a duplicate, and a 150-byte vendor tail so it needs two SMS):");
        ok &= DemoSms.Run(output, host, AppendixC(0x1235), outcomes, stop);

        output.WriteLine();
        var forged = AppendixC(0x1236);
        forged.Password = "wrong-password";
        byte[] forgedPackage = forged.Build();
        byte[] forgedPush = new WspPushEncoder().Encode(forgedPackage, 0, forgedPackage.Length);
        output.WriteLine("3. A forged trigger (session 1236, digest made with a wrong password) over UDP:");
        sender.Send(forgedPush, forgedPush.Length, target);
        ok &= Expect(output, outcomes, "REJECTED");

        output.WriteLine();
        output.WriteLine("4. The first trigger again (session 1234) over UDP:");
        sender.Send(push, push.Length, target);
        ok &= Expect(output, outcomes, "DUPLICATE");

        output.WriteLine();
        output.WriteLine(ok ? "Demo complete: UDP and SMS delivery, a rejection and a duplicate, as expected." : "Demo finished with unexpected outcomes (see above).");
        return ok ? ExitCodes.Ok : ExitCodes.Rejected;
    }

    /// <summary>The Appendix C trigger (version 1.1, ui-mode background, client initiated) with the demo credentials.</summary>
    public static TriggerBuilder AppendixC(int sessionId) => new()
    {
        ServerId = ServerId,
        Password = Password,
        Nonce = Convert.FromBase64String(NonceBase64),
        Version = 11,
        UiMode = UiMode.Background,
        Initiator = Initiator.Client,
        SessionId = sessionId,
    };

    internal static bool Expect(TextWriter output, BlockingCollection<string> outcomes, string expected)
    {
        if (!outcomes.TryTake(out string outcome, OutcomeTimeout))
        {
            output.WriteLine("   -> nothing happened within 10 s (the agent did not answer).");
            return false;
        }

        output.WriteLine($"   -> {outcome}");
        return outcome.StartsWith(expected, StringComparison.Ordinal);
    }
}

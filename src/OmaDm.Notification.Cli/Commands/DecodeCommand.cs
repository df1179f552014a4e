using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Cryptography;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Firmware;
using OmaDm.Notification.Trigger;
using OmaDm.Notification.Wsp;

namespace OmaDm.Notification.Cli;

/// <summary><c>dmnotify decode</c>: prints each layer of captured bytes and, with accounts, the agent's verdict.</summary>
public static class DecodeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter output, System.Threading.CancellationToken stop)
    {
        var inputs = new Argument<string[]>("HEX") { Description = "One or more messages in hex (SMS PDUs given together are reassembled).", Arity = ArgumentArity.OneOrMore };
        var kind = new Option<string>("--as") { Description = "What the hex is: auto, sms (SMS-DELIVER with SMSC address), wsp (WSP push PDU) or pkg0 (digest + trigger).", DefaultValueFactory = _ => "auto" };
        kind.AcceptOnlyFromAmong("auto", "sms", "wsp", "pkg0");
        var accounts = new Option<string>("--accounts") { Description = "Accounts file (JSON): also authenticate and give the verdict." };
        var json = new Option<bool>("--json") { Description = "One JSON object per input." };
        var pin = new Option<string>("--pin") { Description = "A bootstrap push: the user PIN to check its MAC with (USERPIN, USERNETWPIN)." };
        var imsi = new Option<string>("--imsi") { Description = "A bootstrap push: the IMSI digits to check its MAC with (NETWPIN, USERNETWPIN)." };
        var command = new Command("decode", DmNotify.Describe("Decode package #0 captures layer by layer (SMS-DELIVER, WSP push, package #0), or a bootstrap push's document and, with --pin/--imsi, its MAC verdict.")) { inputs, kind, accounts, json, pin, imsi };
        command.SetAction(r =>
        {
            var messages = new List<byte[]>();
            int index = 0;
            foreach (string hex in r.GetValue(inputs))
            {
                index++;
                messages.Add(HexText.Parse(hex, $"input {index}"));
            }

            AccountsFile file = r.GetValue(accounts) is string path ? AccountsFile.Load(path, stop) : null;
            var reports = Decode(messages, r.GetValue(kind), file, r.GetValue(pin), r.GetValue(imsi));
            bool allGood = true;
            for (int i = 0; i < reports.Count; i++)
            {
                if (r.GetValue(json))
                {
                    output.WriteLine(reports[i].ToJson(i + 1));
                }
                else
                {
                    reports[i].WriteText(output, i + 1);
                }

                allGood &= reports[i].Verdict != "rejected";
            }

            output.Flush();
            return allGood ? ExitCodes.Ok : ExitCodes.Rejected;
        });
        return command;
    }

    /// <summary>Decodes the messages; SMS inputs are fed to one receiver so concatenated parts reassemble.</summary>
    public static List<DecodeReport> Decode(List<byte[]> messages, string kind, AccountsFile accounts) => Decode(messages, kind, accounts, null, null);

    /// <summary>Decodes the messages; a bootstrap's MAC is checked with the PIN and IMSI when given.</summary>
    public static List<DecodeReport> Decode(List<byte[]> messages, string kind, AccountsFile accounts, string pin, string imsi)
    {
        var context = new DecodeContext(accounts) { BootstrapPin = pin, BootstrapImsi = imsi };
        var reports = new List<DecodeReport>();
        foreach (var message in messages)
        {
            string actual = kind == "auto" ? Detect(message, context) : kind;
            reports.Add(actual switch
            {
                "sms" => SmsDecoding.Decode(message, context),
                "pkg0" => DecodePackage0(message, 0, message.Length, context, new DecodeReport()),
                _ => DecodeWsp(message, 0, message.Length, context, new DecodeReport(), Bearer.Udp, "decode"),
            });
        }

        SmsDecoding.Finish(context);
        return reports;
    }

    private static string Detect(byte[] message, DecodeContext context)
    {
        var push = new WspPush();
        var wspReason = WspPushDecoder.Decode(message, 0, message.Length, push);
        if (wspReason is ReasonCode.None or ReasonCode.NotDmNotification or ReasonCode.DmNotificationV13 or ReasonCode.DsNotification or ReasonCode.WrongApplication)
        {
            return "wsp";
        }

        // A PDU that is exactly one whole SMS-DELIVER (text ones included) is SMS, before it can pass for a package #0.
        if (SmsDecoding.LooksLikeSms(message) || SmsDecoding.IsWholeSmsDeliver(message))
        {
            return "sms";
        }

        if (new TriggerDecoder(context.AcceptVersions).Decode(message, 0, message.Length, new NotificationTrigger()) == ReasonCode.None)
        {
            return "pkg0";
        }

        return message.Length > 1 && message[1] is 0x06 or 0x07 ? "wsp" : "pkg0";
    }

    /// <summary>Decodes a WSP push and the package #0 inside; with accounts, runs the agent for the verdict.</summary>
    internal static DecodeReport DecodeWsp(byte[] buffer, int offset, int count, DecodeContext context, DecodeReport report, Bearer bearer, string source)
    {
        var push = new WspPush();
        var reason = WspPushDecoder.Decode(buffer, offset, count, push);
        var layer = report.AddLayer("wsp");
        layer.Add(("tid", push.TransactionId));
        layer.Add(("pduType", push.PduType == WspPushEncoderNames.ConfirmedPush ? "confirmed-push" : push.PduType == WspPushEncoderNames.Push ? "push" : $"0x{push.PduType:X2}"));
        layer.Add(("contentType", push.ContentTypeCode >= 0 ? $"0x{push.ContentTypeCode:X2}" : "text"));
        layer.Add(("applicationId", push.HasApplicationId ? (push.ApplicationId >= 0 ? push.ApplicationId : "text") : "absent"));
        if (reason != ReasonCode.None)
        {
            layer.Add(("error", Names.Of(reason)));
            return Reject(report, reason);
        }

        layer.Add(("bodyLength", push.BodyLength));
        if (push.IsBootstrap)
        {
            return DecodeBootstrap(push, context, report);
        }

        // This PDU's own decode, not the report's verdict: the SMS receiver may hand on several candidate messages for
        // one report (competing parts), and an earlier candidate's rejection must not decide this one's.
        if (DecodePackage0Fields(buffer, push.BodyOffset, push.BodyLength, context, report) != ReasonCode.None || context.Agent == null)
        {
            return report;
        }

        return context.Verdict(report, context.Agent.ProcessPush(buffer, offset, count, bearer, source));
    }

    private static DecodeReport DecodePackage0(byte[] buffer, int offset, int count, DecodeContext context, DecodeReport report)
    {
        if (DecodePackage0Fields(buffer, offset, count, context, report) != ReasonCode.None || context.Agent == null)
        {
            return report;
        }

        return context.Verdict(report, context.Agent.ProcessPackage0(buffer, offset, count, Bearer.Udp, "decode"));
    }

    private static ReasonCode DecodePackage0Fields(byte[] buffer, int offset, int count, DecodeContext context, DecodeReport report)
    {
        var trigger = new NotificationTrigger();
        var reason = new TriggerDecoder(context.AcceptVersions).Decode(buffer, offset, count, trigger);
        var layer = report.AddLayer("pkg0");
        if (reason != ReasonCode.None)
        {
            layer.Add(("error", Names.Of(reason)));
            Reject(report, reason);
            return reason;
        }

        layer.Add(("digest", HexText.Format(buffer, trigger.DigestOffset, NotificationTrigger.DigestLength)));
        layer.Add(("triggerLength", trigger.TriggerLength));
        layer.Add(("reserved", trigger.Reserved));
        var account = context.Agent?.Accounts.Find(buffer, trigger.ServerIdOffset, trigger.ServerIdLength);
        report.SetTrigger(trigger, account?.SessionIdFormat ?? SessionIdFormat.Hexadecimal);
        return ReasonCode.None;
    }

    // A diagnostic view: the document is decoded whatever the MAC says (the device decodes only after the MAC matched),
    // and its passwords are not printed. The verdict is the MAC's when a PIN or IMSI was given.
    private static DecodeReport DecodeBootstrap(WspPush push, DecodeContext context, DecodeReport report)
    {
        byte[] buffer = push.Buffer;
        var layer = report.AddLayer("bootstrap");
        var profile = push.ContentTypeCode == WspPushDecoder.ContentTypeConnectivityWbxml ? BootstrapProfile.ClientProvisioning : BootstrapProfile.DmProfile;
        layer.Add(("profile", Names.Of(profile)));
        layer.Add(("sec", push.Security < 0 ? "absent" : push.Security <= (int)BootstrapSecurity.UserPinMac ? Names.Of((BootstrapSecurity)push.Security) : "unknown"));
        string mac = push.MacOffset < 0 ? null : System.Text.Encoding.ASCII.GetString(buffer, push.MacOffset, push.MacLength);
        layer.Add(("mac", mac ?? "absent"));
        ReasonCode verdict = MacVerdict(push, mac, context);
        layer.Add(("macVerdict", verdict == ReasonCode.None ? "match" : verdict == (ReasonCode)(-1) ? "not-checked" : Names.Of(verdict)));

        var account = new BootstrapAccount();
        ReasonCode decoded = BootstrapDocumentDecoder.Decode(buffer, push.BodyOffset, push.BodyLength, profile, account);
        var document = report.AddLayer("document");
        if (decoded != ReasonCode.None)
        {
            document.Add(("error", Names.Of(decoded)));
        }
        else
        {
            document.Add(("serverId", account.ServerId));
            document.Add(("name", account.Name ?? string.Empty));
            document.Add(("address", account.ServerAddress ?? string.Empty));
            document.Add(("port", account.ServerPort));
            document.Add(("authType", account.AuthType ?? string.Empty));
            document.Add(("serverNonce", account.ServerNonceBase64 ?? string.Empty));
            document.Add(("clientName", account.ClientName ?? string.Empty));
        }

        if (verdict != ReasonCode.None && verdict != (ReasonCode)(-1))
        {
            return Reject(report, verdict);
        }

        if (decoded != ReasonCode.None)
        {
            return Reject(report, decoded);
        }

        if (verdict == ReasonCode.None)
        {
            report.Verdict = "authenticated";
        }

        return report;
    }

    // The agent's checks before the MAC, then the MAC itself; -1 when there is no secret to check with.
    private static ReasonCode MacVerdict(WspPush push, string mac, DecodeContext context)
    {
        if (push.Security < 0 || mac == null)
        {
            return ReasonCode.BootstrapUnauthenticated;
        }

        if (push.Security > (int)BootstrapSecurity.UserNetworkPin)
        {
            return ReasonCode.BootstrapSecUnsupported;
        }

        if (context.BootstrapPin == null && context.BootstrapImsi == null)
        {
            return (ReasonCode)(-1);
        }

        byte[] key = new byte[BootstrapKey.MaxKeyLength];
        int length = BootstrapKey.Derive((BootstrapSecurity)push.Security, context.BootstrapImsi, context.BootstrapPin, key, 0);
        if (length < 0)
        {
            return ReasonCode.BootstrapSecNotAllowed;
        }

        var hmac = new HmacSha1();
        hmac.SetKey(key, 0, length);
        byte[] computed = new byte[HmacSha1.MacLength];
        hmac.Compute(push.Buffer, push.BodyOffset, push.BodyLength, computed, 0);
        return string.Equals(Hex.ToHex(computed, 0, computed.Length), mac, StringComparison.OrdinalIgnoreCase) ? ReasonCode.None : ReasonCode.BootstrapMacMismatch;
    }

    private static DecodeReport Reject(DecodeReport report, ReasonCode reason)
    {
        report.Verdict = "rejected";
        report.Reason = reason;
        return report;
    }

    private static class WspPushEncoderNames
    {
        public const int Push = Builders.WspPushEncoder.PduTypePush;
        public const int ConfirmedPush = Builders.WspPushEncoder.PduTypeConfirmedPush;
    }
}

/// <summary>State shared by the inputs of one decode run: the accounts, an agent for the verdict, the SMS receiver.</summary>
public sealed class DecodeContext
{
    private NonceKind? _lastNonce;

    /// <summary>Creates the context; the agent exists only with accounts.</summary>
    public DecodeContext(AccountsFile accounts)
    {
        Accounts = accounts;
        AcceptVersions = accounts?.AcceptVersions ?? [11, 12];
        if (accounts != null)
        {
            // Duplicates are not the question decode answers: give every input its own verdict.
            Agent = new NotificationAgent(accounts.CreateTable(), new SystemClock(), new AgentOptions { AcceptedVersions = AcceptVersions, DuplicateWindowMilliseconds = 0, RateLimitCount = 0 });
            Agent.SessionRequested += (_, request) =>
            {
                _lastNonce = request.Nonce;
                Agent.CompleteSession(request.ServerId, request.SessionIdValue);
            };
        }
    }

    /// <summary>The accounts, or null.</summary>
    public AccountsFile Accounts { get; }

    /// <summary>The user PIN a bootstrap's MAC is checked with, or null.</summary>
    public string BootstrapPin { get; init; }

    /// <summary>The IMSI a bootstrap's MAC is checked with, or null.</summary>
    public string BootstrapImsi { get; init; }

    /// <summary>The agent, or null without accounts.</summary>
    public NotificationAgent Agent { get; }

    /// <summary>Accepted trigger versions.</summary>
    public int[] AcceptVersions { get; }

    /// <summary>Per-run SMS reassembly state (owned by <see cref="SmsDecoding"/>).</summary>
    public object SmsState { get; set; }

    /// <summary>Sets the verdict from the agent's result.</summary>
    public DecodeReport Verdict(DecodeReport report, ReasonCode reason)
    {
        report.Verdict = reason == ReasonCode.None ? "accepted" : "rejected";
        report.Reason = reason;
        report.Nonce = reason == ReasonCode.None ? _lastNonce : null;
        _lastNonce = null;
        return report;
    }
}

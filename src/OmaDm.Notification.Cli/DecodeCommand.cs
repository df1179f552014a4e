using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using OmaDm.Notification.Authentication;
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
        var command = new Command("decode", DmNotify.Describe("Decode package #0 captures layer by layer (SMS-DELIVER, WSP push, package #0).")) { inputs, kind, accounts, json };
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
            var reports = Decode(messages, r.GetValue(kind), file);
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
    public static List<DecodeReport> Decode(List<byte[]> messages, string kind, AccountsFile accounts)
    {
        var context = new DecodeContext(accounts);
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
        DecodePackage0Fields(buffer, push.BodyOffset, push.BodyLength, context, report);
        if (report.Verdict == "rejected" || context.Agent == null)
        {
            return report;
        }

        return context.Verdict(report, context.Agent.ProcessPush(buffer, offset, count, bearer, source));
    }

    private static DecodeReport DecodePackage0(byte[] buffer, int offset, int count, DecodeContext context, DecodeReport report)
    {
        DecodePackage0Fields(buffer, offset, count, context, report);
        if (report.Verdict == "rejected" || context.Agent == null)
        {
            return report;
        }

        return context.Verdict(report, context.Agent.ProcessPackage0(buffer, offset, count, Bearer.Udp, "decode"));
    }

    private static void DecodePackage0Fields(byte[] buffer, int offset, int count, DecodeContext context, DecodeReport report)
    {
        var trigger = new NotificationTrigger();
        var reason = new TriggerDecoder(context.AcceptVersions).Decode(buffer, offset, count, trigger);
        var layer = report.AddLayer("pkg0");
        if (reason != ReasonCode.None)
        {
            layer.Add(("error", Names.Of(reason)));
            Reject(report, reason);
            return;
        }

        layer.Add(("digest", HexText.Format(buffer, trigger.DigestOffset, NotificationTrigger.DigestLength)));
        layer.Add(("triggerLength", trigger.TriggerLength));
        layer.Add(("reserved", trigger.Reserved));
        var account = context.Agent?.Accounts.Find(buffer, trigger.ServerIdOffset, trigger.ServerIdLength);
        report.SetTrigger(trigger, account?.SessionIdFormat ?? SessionIdFormat.Hexadecimal);
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

using System.Collections;
using System.Collections.Generic;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Sms;
using OmaDm.Notification.Wdp;

namespace OmaDm.Notification.Cli;

/// <summary>
/// The SMS layer of decode, with the core library's SMS-DELIVER decoder, user data header and reassembler: each PDU's
/// layers are shown; the part that completes a concatenated message carries the WSP and package #0 layers.
/// </summary>
public static class SmsDecoding
{
    /// <summary>True when the bytes parse as an SMS-DELIVER with a user data header.</summary>
    public static bool LooksLikeSms(byte[] message)
    {
        var sms = new SmsDeliver();
        return SmsDeliverDecoder.Decode(message, 0, message.Length, sms) == ReasonCode.None && sms.HasUserDataHeader;
    }

    /// <summary>
    /// True when the bytes are one SMS-DELIVER whose user data ends exactly at the end of the buffer, whatever its coding
    /// or protocol identifier: TP-UDL counts octets (8-bit, UCS2) or septets (GSM 7-bit, 3GPP TS 23.038 6.1.2.1.1).
    /// </summary>
    public static bool IsWholeSmsDeliver(byte[] message)
    {
        var sms = new SmsDeliver();
        var reason = SmsDeliverDecoder.Decode(message, 0, message.Length, sms);
        if (reason is not (ReasonCode.None or ReasonCode.UnsupportedCoding or ReasonCode.ShortMessageType0 or ReasonCode.SimDataDownload)
            || sms.UserDataOffset < 0)
        {
            return false;
        }

        int left = message.Length - sms.UserDataOffset;
        return left == sms.UserDataLength || left == (sms.UserDataLength * 7 + 7) / 8;
    }

    /// <summary>Decodes one SMS PDU; a concatenated part completes the message it belongs to.</summary>
    public static DecodeReport Decode(byte[] message, DecodeContext context)
    {
        var state = context.SmsState as State ?? (State)(context.SmsState = new State());
        var report = new DecodeReport();
        var sms = new SmsDeliver();
        var reason = SmsDeliverDecoder.Decode(message, 0, message.Length, sms);
        var layer = report.AddLayer("sms");
        if (sms.OriginatingAddress != null)
        {
            layer.Add(("sender", sms.OriginatingAddress));
            layer.Add(("dcs", $"0x{sms.DataCodingScheme:X2}"));
            layer.Add(("userDataLength", sms.UserDataLength));
        }

        if (reason != ReasonCode.None)
        {
            return Reject(report, layer, reason);
        }

        if (!sms.HasUserDataHeader)
        {
            return Reject(report, layer, ReasonCode.NotWdp);
        }

        var header = new UserDataHeader();
        reason = header.Decode(message, sms.UserDataOffset, sms.UserDataCount);
        var udh = report.AddLayer("udh");
        udh.Add(("destinationPort", header.DestinationPort));
        udh.Add(("sourcePort", header.SourcePort));
        if (header.IsConcatenated)
        {
            udh.Add(("reference", header.Reference));
            udh.Add(("part", $"{header.Sequence}/{header.TotalParts}"));
        }

        if (reason != ReasonCode.None)
        {
            return Reject(report, udh, reason);
        }

        string source = sms.OriginatingAddress;
        if (!header.IsConcatenated || header.TotalParts == 1)
        {
            if (header.DestinationPort != UserDataHeader.WapPushPort)
            {
                return Reject(report, udh, header.DestinationPort < 0 ? ReasonCode.NotWdp : ReasonCode.WrongPort);
            }

            return DecodeCommand.DecodeWsp(message, header.PayloadOffset, header.PayloadCount, context, report, Bearer.Sms, source);
        }

        var givenUp = new ArrayList();
        var status = state.Reassembler.Add(source, header, message, report, givenUp, out PendingMessage pending);
        if (status == ReassemblyStatus.Pending)
        {
            udh.Add(("reassembly", $"waiting for {pending.TotalParts - pending.ReceivedParts} more part(s)"));
            state.Waiting.Add(report);
            return report;
        }

        if (status == ReassemblyStatus.Evicted)
        {
            return Reject(report, udh, ReasonCode.Evicted);
        }

        state.Reassembler.Finish(pending);
        foreach (object token in pending.Tokens)
        {
            state.Waiting.Remove((DecodeReport)token);
        }

        if (!pending.IsWapPush)
        {
            return Reject(report, udh, pending.HasOtherPort ? ReasonCode.WrongPort : ReasonCode.NotWdp);
        }

        udh.Add(("reassembly", $"complete, {pending.TotalParts} parts"));
        byte[] payload = pending.Assemble();
        return DecodeCommand.DecodeWsp(payload, 0, payload.Length, context, report, Bearer.Sms, source);
    }

    /// <summary>Marks the parts of messages that never completed as incomplete.</summary>
    public static void Finish(DecodeContext context)
    {
        if (context.SmsState is State state)
        {
            foreach (var report in state.Waiting)
            {
                report.Verdict = "rejected";
                report.Reason = ReasonCode.Incomplete;
            }
        }
    }

    private static DecodeReport Reject(DecodeReport report, List<(string Key, object Value)> layer, ReasonCode reason)
    {
        layer.Add(("error", Names.Of(reason)));
        report.Verdict = "rejected";
        report.Reason = reason;
        return report;
    }

    private sealed class State
    {
        public ConcatenationReassembler Reassembler { get; } = new(new SystemClock(), 16, 64 * 1024, int.MaxValue);

        public List<DecodeReport> Waiting { get; } = [];
    }
}

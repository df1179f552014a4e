using System.Collections.Generic;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Firmware;
using OmaDm.Notification.Sms;
using OmaDm.Notification.Wdp;

namespace OmaDm.Notification.Cli;

/// <summary>
/// The SMS layer of decode. Each PDU goes through the device's <see cref="SmsNotificationReceiver"/> (port check,
/// reassembly with the device's bounds, the disposition a modem driver would act on); the tool only describes the
/// fields it sees and, for the PDU that completes a message, shows the WSP and package #0 layers of what the receiver
/// hands on. There is no second copy of the receive logic here.
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
        var session = context.SmsState as Session ?? (Session)(context.SmsState = new Session(context));
        var report = new DecodeReport();
        var (udh, header) = Describe(message, report);
        session.Current = report;
        session.Delivered = false;
        session.GivenUp.Clear();
        SmsReceiveResult result = session.Receiver.Receive(message, 0, message.Length, report);
        session.Current = null;

        if (result.Disposition == SmsDisposition.Pending)
        {
            udh?.Add(("reassembly", $"waiting for more of {header.TotalParts} parts"));
            session.Waiting[report] = (header.Sender, header.Reference);
        }
        else if (!session.Delivered)
        {
            Reject(report, udh ?? report.Layers[^1].Fields, result.Reason);
        }
        else if (header.Concatenated)
        {
            udh.Add(("reassembly", $"complete, {header.TotalParts} parts"));
        }

        foreach (object token in result.ReleasedTokens)
        {
            if (token is DecodeReport part && part != report && session.Waiting.Remove(part, out var key))
            {
                bool sameMessage = session.Delivered && key.Sender == header.Sender && key.Reference == header.Reference;
                if (!sameMessage)
                {
                    part.Verdict = "rejected";
                    part.Reason = session.GivenUp.Count > 0 ? session.GivenUp[0] : ReasonCode.Evicted;
                }
            }
        }

        return report;
    }

    /// <summary>Marks the parts of messages that never completed as incomplete.</summary>
    public static void Finish(DecodeContext context)
    {
        if (context.SmsState is Session session)
        {
            foreach (var report in session.Waiting.Keys)
            {
                report.Verdict = "rejected";
                report.Reason = ReasonCode.Incomplete;
            }
        }
    }

    // The fields of the SMS-DELIVER and its user data header, for the reader; decisions are the receiver's.
    private static (List<(string Key, object Value)> Udh, HeaderFacts Header) Describe(byte[] message, DecodeReport report)
    {
        var facts = new HeaderFacts();
        var sms = new SmsDeliver();
        var reason = SmsDeliverDecoder.Decode(message, 0, message.Length, sms);
        var layer = report.AddLayer("sms");
        if (sms.OriginatingAddress != null)
        {
            layer.Add(("sender", sms.OriginatingAddress));
            layer.Add(("dcs", $"0x{sms.DataCodingScheme:X2}"));
            layer.Add(("userDataLength", sms.UserDataLength));
        }

        facts.Sender = sms.OriginatingAddress;
        if (reason != ReasonCode.None || !sms.HasUserDataHeader)
        {
            return (null, facts);
        }

        var header = new UserDataHeader();
        header.Decode(message, sms.UserDataOffset, sms.UserDataCount);
        var udh = report.AddLayer("udh");
        udh.Add(("destinationPort", header.DestinationPort));
        udh.Add(("sourcePort", header.SourcePort));
        if (header.IsConcatenated)
        {
            udh.Add(("reference", header.Reference));
            udh.Add(("part", $"{header.Sequence}/{header.TotalParts}"));
            facts.Concatenated = header.TotalParts > 1;
            facts.Reference = header.Reference;
            facts.TotalParts = header.TotalParts;
        }

        return (udh, facts);
    }

    private static void Reject(DecodeReport report, List<(string Key, object Value)> layer, ReasonCode reason)
    {
        layer.Add(("error", Names.Of(reason)));
        report.Verdict = "rejected";
        report.Reason = reason;
    }

    private sealed class HeaderFacts
    {
        public string Sender;
        public bool Concatenated;
        public int Reference;
        public int TotalParts;
    }

    // One receiver per decode run, so PDUs given together reassemble; its push handler shows the layers it hands on.
    private sealed class Session
    {
        public Session(DecodeContext context)
        {
            Receiver = new SmsNotificationReceiver(
                (buffer, offset, count, bearer, source) =>
                {
                    // With competing parts the receiver hands on one candidate after another until one is accepted:
                    // each is shown and judged afresh, so the report ends with the candidate the receiver settled on.
                    if (Delivered)
                    {
                        Current.Layers.RemoveRange(LayersBeforeDelivery, Current.Layers.Count - LayersBeforeDelivery);
                        Current.Verdict = new DecodeReport().Verdict;
                        Current.Reason = ReasonCode.None;
                    }
                    else
                    {
                        LayersBeforeDelivery = Current.Layers.Count;
                    }

                    Delivered = true;
                    return DecodeCommand.DecodeWsp(buffer, offset, count, context, Current, bearer, source).Reason;
                },
                (reason, bearer, source) =>
                {
                    if (reason is ReasonCode.Evicted or ReasonCode.Incomplete)
                    {
                        GivenUp.Add(reason);
                    }
                },
                new SystemClock(),
                null);
        }

        public SmsNotificationReceiver Receiver { get; }

        public DecodeReport Current { get; set; }

        public bool Delivered { get; set; }

        public int LayersBeforeDelivery { get; set; }

        public List<ReasonCode> GivenUp { get; } = [];

        public Dictionary<DecodeReport, (string Sender, int Reference)> Waiting { get; } = [];
    }
}

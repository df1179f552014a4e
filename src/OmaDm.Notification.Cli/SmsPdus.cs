using System.Collections.Generic;

namespace OmaDm.Notification.Cli;

/// <summary>The SMS-DELIVER side of send and demo: the WSP PDU as WAP push over SMS, split into concatenated parts.</summary>
public static class SmsPdus
{
    /// <summary>Encodes <paramref name="pdu"/> as SMS-DELIVER TPDUs (hex, SMSC address first, as a modem stores them).</summary>
    public static IEnumerable<string> Encode(byte[] pdu, string sender)
    {
        // Wired to the sms branch's SmsDeliverEncoder once it is merged.
        throw new UsageException("--sms: the SMS-DELIVER encoder is not available in this build yet.");
    }
}

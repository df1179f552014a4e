using System;
using System.Collections.Generic;
using OmaDm.Notification.Builders;

namespace OmaDm.Notification.Cli;

/// <summary>The SMS-DELIVER side of send and demo: the WSP PDU as WAP push over SMS (port 2948), split when needed.</summary>
public static class SmsPdus
{
    /// <summary>Encodes <paramref name="pdu"/> as SMS-DELIVER TPDUs (hex, SMSC address first, as a modem stores them).</summary>
    public static IEnumerable<string> Encode(byte[] pdu, string sender, int reference = 1)
    {
        byte[][] parts;
        try
        {
            parts = new SmsDeliverEncoder { Sender = sender, Reference = reference, SixteenBitReference = reference > 0xFF }.Encode(pdu, 0, pdu.Length);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--sms: {e.Message}");
        }

        foreach (byte[] part in parts)
        {
            yield return HexText.Format(part);
        }
    }
}

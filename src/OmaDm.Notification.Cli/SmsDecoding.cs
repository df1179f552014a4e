namespace OmaDm.Notification.Cli;

/// <summary>The SMS layer of decode: SMS-DELIVER, user data header, reassembly (wired to the sms branch's decoder).</summary>
public static class SmsDecoding
{
    /// <summary>True when the bytes parse as an SMS-DELIVER.</summary>
    public static bool LooksLikeSms(byte[] message) => false;

    /// <summary>Decodes one SMS PDU; a concatenated part completes the message it belongs to.</summary>
    public static DecodeReport Decode(byte[] message, DecodeContext context) =>
        throw new UsageException("--as sms: the SMS-DELIVER decoder is not available in this build yet.");
}

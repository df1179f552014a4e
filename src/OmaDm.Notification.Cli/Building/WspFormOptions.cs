using System;
using System.CommandLine;
using OmaDm.Notification.Builders;

namespace OmaDm.Notification.Cli;

/// <summary>The options that choose a WSP encoding form (the forms real senders use, see <c>WspPushEncoder</c>), shared by send's UDP, SMS and --wsp outputs.</summary>
public sealed class WspFormOptions
{
    private readonly Option<string> _contentType = new("--content-type")
    {
        Description = "Content-Type form: short (C4), text, general-text (1F 24 text), general-short (1F 01 C4), short-length (01 C4), charset (03 C4 81 EA).",
        DefaultValueFactory = _ => "short",
    };

    private readonly Option<string> _contentTypeCode = new("--content-type-code")
    {
        Description = "Well-known content type code in hex for the integer forms (44; 58 or 4E to test rejections).",
        DefaultValueFactory = _ => "44",
    };

    private readonly Option<string> _appId = new("--app-id")
    {
        Description = "X-WAP-Application-ID value form: short (AF 87), long (AF 01 07), text (x-wap-application:syncml.dm), none.",
        DefaultValueFactory = _ => "short",
    };

    private readonly Option<bool> _appIdNameText = new("--app-id-name-text") { Description = "Send the header name as the text X-Wap-Application-Id instead of AF." };
    private readonly Option<bool> _pushFlag = new("--push-flag") { Description = "Put a Push-Flag header (B4 80) before the application id." };
    private readonly Option<bool> _confirmed = new("--confirmed") { Description = "ConfirmedPush (PDU type 07) instead of Push (06)." };
    private readonly Option<bool> _nonMinimal = new("--non-minimal-length") { Description = "Headers length as a non-minimal uintvar (leading 80)." };
    private readonly Option<int> _tid = new("--tid") { Description = "WSP transaction id 0..255.", DefaultValueFactory = _ => 1 };

    /// <summary>Creates the options and their validators.</summary>
    public WspFormOptions()
    {
        _contentType.AcceptOnlyFromAmong("short", "text", "general-text", "general-short", "short-length", "charset");
        _appId.AcceptOnlyFromAmong("short", "long", "text", "none");
    }

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_contentType);
        command.Options.Add(_contentTypeCode);
        command.Options.Add(_appId);
        command.Options.Add(_appIdNameText);
        command.Options.Add(_pushFlag);
        command.Options.Add(_confirmed);
        command.Options.Add(_nonMinimal);
        command.Options.Add(_tid);
    }

    /// <summary>The encoder these options describe.</summary>
    public WspPushEncoder CreateEncoder(ParseResult result)
    {
        byte[] code = HexText.Parse(result.GetValue(_contentTypeCode), "--content-type-code");
        if (code.Length != 1 || code[0] > 0x7F)
        {
            throw new UsageException("--content-type-code: one hex byte 00..7F expected, e.g. 44.");
        }

        int tid = result.GetValue(_tid);
        if (tid is < 0 or > 255)
        {
            throw new UsageException("--tid: 0..255 expected.");
        }

        return new WspPushEncoder
        {
            TransactionId = tid,
            PduType = result.GetValue(_confirmed) ? WspPushEncoder.PduTypeConfirmedPush : WspPushEncoder.PduTypePush,
            ContentTypeCode = code[0],
            ContentTypeText = code[0] switch
            {
                0x58 => "application/vnd.syncml.dm.notification",
                0x4E => "application/vnd.syncml.ds.notification",
                _ => WspPushEncoder.ContentTypeNotificationText,
            },
            ContentTypeForm = result.GetValue(_contentType) switch
            {
                "text" => WspContentTypeForm.Text,
                "general-text" => WspContentTypeForm.GeneralText,
                "general-short" => WspContentTypeForm.GeneralShortInteger,
                "short-length" => WspContentTypeForm.ShortLength,
                "charset" => WspContentTypeForm.WithCharset,
                _ => WspContentTypeForm.ShortInteger,
            },
            ApplicationIdForm = result.GetValue(_appId) switch
            {
                "long" => WspApplicationIdForm.LongInteger,
                "text" => WspApplicationIdForm.Text,
                "none" => WspApplicationIdForm.None,
                _ => WspApplicationIdForm.ShortInteger,
            },
            ApplicationIdNameAsText = result.GetValue(_appIdNameText),
            PushFlag = result.GetValue(_pushFlag),
            NonMinimalHeadersLength = result.GetValue(_nonMinimal),
        };
    }
}

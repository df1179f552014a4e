using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Cli;

/// <summary>The kebab-case names the JSON contract uses for the library's enums.</summary>
public static class Names
{
    /// <summary>"not-specified", "background", "informative", "user-interaction".</summary>
    public static string Of(UiMode mode) => mode switch
    {
        UiMode.NotSpecified => "not-specified",
        UiMode.Background => "background",
        UiMode.Informative => "informative",
        UiMode.UserInteraction => "user-interaction",
        _ => "unknown",
    };

    /// <summary>"server" or "client".</summary>
    public static string Of(Initiator initiator) => initiator == Initiator.Server ? "server" : "client";

    /// <summary>"sms" or "udp", as the device library names it.</summary>
    public static string Of(Bearer bearer) => BearerText.Name(bearer);

    /// <summary>"stored", "stored-text", "zero-bytes", "ascii-zeros" (or "none").</summary>
    public static string Of(NonceKind nonce) => nonce switch
    {
        NonceKind.Stored => "stored",
        NonceKind.StoredText => "stored-text",
        NonceKind.ZeroBytes => "zero-bytes",
        NonceKind.AsciiZeros => "ascii-zeros",
        _ => "none",
    };

    /// <summary>"cp" or "dm".</summary>
    public static string Of(BootstrapProfile profile) => profile == BootstrapProfile.ClientProvisioning ? "cp" : "dm";

    /// <summary>"netwpin", "userpin", "usernetwpin", "userpinmac" (or "none").</summary>
    public static string Of(BootstrapSecurity security) => security switch
    {
        BootstrapSecurity.NetworkPin => "netwpin",
        BootstrapSecurity.UserPin => "userpin",
        BootstrapSecurity.UserNetworkPin => "usernetwpin",
        BootstrapSecurity.UserPinMac => "userpinmac",
        _ => "none",
    };

    /// <summary>Parses a SEC method name as <see cref="Of(BootstrapSecurity)"/> writes it.</summary>
    public static bool TryParseSecurity(string text, out BootstrapSecurity security)
    {
        foreach (BootstrapSecurity candidate in new[] { BootstrapSecurity.None, BootstrapSecurity.NetworkPin, BootstrapSecurity.UserPin, BootstrapSecurity.UserNetworkPin, BootstrapSecurity.UserPinMac })
        {
            if (string.Equals(text, Of(candidate), System.StringComparison.OrdinalIgnoreCase))
            {
                security = candidate;
                return true;
            }
        }

        security = BootstrapSecurity.None;
        return false;
    }

    /// <summary>The reason in kebab-case, as the core library names it.</summary>
    public static string Of(ReasonCode reason) => ReasonCodeText.ToKebabCase(reason);

    /// <summary>Parses a ui-mode name (also 0..3).</summary>
    public static bool TryParseUiMode(string text, out UiMode mode)
    {
        switch (text)
        {
            case "not-specified" or "0": mode = UiMode.NotSpecified; return true;
            case "background" or "1": mode = UiMode.Background; return true;
            case "informative" or "2": mode = UiMode.Informative; return true;
            case "user-interaction" or "3": mode = UiMode.UserInteraction; return true;
            default: mode = UiMode.NotSpecified; return false;
        }
    }
}

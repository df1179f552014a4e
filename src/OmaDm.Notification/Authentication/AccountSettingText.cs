using OmaDm.Notification.Cryptography;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Authentication
{
    /// <summary>
    /// The one spelling of a server account's settings as text: the keys and values of the device's
    /// <c>provision.txt</c> and of the host tool's <c>accounts.json</c> are these, so an account written for one reads
    /// the same in the other.
    /// </summary>
    /// <remarks>
    /// <code>
    /// serverId         text (1..255 UTF-8 bytes)
    /// password         text
    /// nonce            base64, RFC 4648 with '=' padding, strict (<see cref="IsNonce"/>); empty for an empty nonce
    /// resync           off | zero-bytes | zero-bytes-then-ascii     (<see cref="ResyncPolicy"/>, default off)
    /// sessionIdFormat  hex | decimal                                 (<see cref="SessionIdFormat"/>, default hex)
    /// tryNonceText     true | false                                  (default false)
    /// </code>
    /// </remarks>
    public static class AccountSettingText
    {
        /// <summary>Key of the server identifier.</summary>
        public const string ServerIdKey = "serverId";

        /// <summary>Key of the server password.</summary>
        public const string PasswordKey = "password";

        /// <summary>Key of the server nonce (base64).</summary>
        public const string NonceKey = "nonce";

        /// <summary>Key of the resynchronisation policy.</summary>
        public const string ResyncKey = "resync";

        /// <summary>Key of the session id format.</summary>
        public const string SessionIdFormatKey = "sessionIdFormat";

        /// <summary>Key of the "also try the nonce's base64 text" switch.</summary>
        public const string TryNonceTextKey = "tryNonceText";

        /// <summary>Value of <see cref="ResyncPolicy.Off"/>.</summary>
        public const string ResyncOff = "off";

        /// <summary>Value of <see cref="ResyncPolicy.ZeroBytes"/>.</summary>
        public const string ResyncZeroBytes = "zero-bytes";

        /// <summary>Value of <see cref="ResyncPolicy.ZeroBytesThenAscii"/>.</summary>
        public const string ResyncZeroBytesThenAscii = "zero-bytes-then-ascii";

        /// <summary>Value of <see cref="SessionIdFormat.Hexadecimal"/>.</summary>
        public const string SessionIdHex = "hex";

        /// <summary>Value of <see cref="SessionIdFormat.Decimal"/>.</summary>
        public const string SessionIdDecimal = "decimal";

        /// <summary>Reads a resync value.</summary>
        /// <param name="text">The text.</param>
        /// <param name="policy">The policy (Off when the text is not a value).</param>
        /// <returns><c>true</c> when <paramref name="text"/> is one of the three values.</returns>
        public static bool TryParseResync(string text, out ResyncPolicy policy)
        {
            policy = ResyncPolicy.Off;
            switch (text)
            {
                case ResyncOff:
                    return true;
                case ResyncZeroBytes:
                    policy = ResyncPolicy.ZeroBytes;
                    return true;
                case ResyncZeroBytesThenAscii:
                    policy = ResyncPolicy.ZeroBytesThenAscii;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Writes a resync value.</summary>
        /// <param name="policy">The policy.</param>
        /// <returns>Its text, or <c>unknown</c> for a value that is not a member.</returns>
        public static string ResyncName(ResyncPolicy policy)
        {
            switch (policy)
            {
                case ResyncPolicy.Off: return ResyncOff;
                case ResyncPolicy.ZeroBytes: return ResyncZeroBytes;
                case ResyncPolicy.ZeroBytesThenAscii: return ResyncZeroBytesThenAscii;
                default: return "unknown";
            }
        }

        /// <summary>Reads a session id format value.</summary>
        /// <param name="text">The text.</param>
        /// <param name="format">The format (Hexadecimal when the text is not a value).</param>
        /// <returns><c>true</c> when <paramref name="text"/> is <c>hex</c> or <c>decimal</c>.</returns>
        public static bool TryParseSessionIdFormat(string text, out SessionIdFormat format)
        {
            format = SessionIdFormat.Hexadecimal;
            switch (text)
            {
                case SessionIdHex:
                    return true;
                case SessionIdDecimal:
                    format = SessionIdFormat.Decimal;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Writes a session id format value.</summary>
        /// <param name="format">The format.</param>
        /// <returns>Its text, or <c>unknown</c> for a value that is not a member.</returns>
        public static string SessionIdFormatName(SessionIdFormat format)
        {
            switch (format)
            {
                case SessionIdFormat.Hexadecimal: return SessionIdHex;
                case SessionIdFormat.Decimal: return SessionIdDecimal;
                default: return "unknown";
            }
        }

        /// <summary>
        /// Whether the text is a nonce every part of the project accepts: empty, or strict base64 (<see cref="Base64.TryDecode"/>:
        /// padding required, no blanks, zero pad bits). The one rule for the store, provisioning, the DM session layer and
        /// the host tool, so a value accepted at one entry can never be refused by the core at the next boot.
        /// </summary>
        /// <param name="text">The text.</param>
        /// <returns><c>true</c> when acceptable.</returns>
        public static bool IsNonce(string text)
        {
            return text != null && Base64.TryDecode(text, out byte[] unused);
        }
    }
}

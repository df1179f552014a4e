using OmaDm.Notification.Authentication;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Storage.Accounts
{
    /// <summary>
    /// The persisted form of a server account (OMA DM DMAcc): what <see cref="ServerAccount"/> is built from at boot.
    /// A plain value; the store copies it in and out so callers cannot change stored state behind its back.
    /// </summary>
    public sealed class AccountRecord
    {
        /// <summary>Largest server id, in UTF-8 bytes (the trigger's length field is one octet).</summary>
        public const int MaxServerIdBytes = 255;

        /// <summary>Largest password or nonce text, in UTF-8 bytes.</summary>
        public const int MaxSecretBytes = 1024;

        /// <summary>Creates a record.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="password">Server password.</param>
        /// <param name="nonceBase64">Server nonce as base64 text (empty for an empty nonce).</param>
        /// <param name="resync">Resynchronisation policy.</param>
        public AccountRecord(string serverId, string password, string nonceBase64, ResyncPolicy resync)
        {
            ServerId = serverId;
            Password = password ?? string.Empty;
            NonceBase64 = nonceBase64 ?? string.Empty;
            Resync = resync;
        }

        /// <summary>Server identifier (1..255 UTF-8 bytes).</summary>
        public string ServerId { get; set; }

        /// <summary>Server password.</summary>
        public string Password { get; set; }

        /// <summary>Server nonce as base64 text.</summary>
        public string NonceBase64 { get; set; }

        /// <summary>Resynchronisation policy.</summary>
        public ResyncPolicy Resync { get; set; }

        /// <summary>How session ids of this server are written.</summary>
        public SessionIdFormat SessionIdFormat { get; set; }

        /// <summary>Also try the undecoded base64 text of the nonce.</summary>
        public bool TryStoredNonceText { get; set; }

        /// <summary>Returns an independent copy.</summary>
        /// <returns>The copy.</returns>
        public AccountRecord Clone()
        {
            var copy = new AccountRecord(ServerId, Password, NonceBase64, Resync);
            copy.SessionIdFormat = SessionIdFormat;
            copy.TryStoredNonceText = TryStoredNonceText;
            return copy;
        }

        /// <summary>Checks the values a store accepts: id length, secret lengths, base64 nonce, enum ranges.</summary>
        /// <returns><c>true</c> when valid.</returns>
        public bool IsValid()
        {
            return Problem() == null;
        }

        /// <summary>
        /// Names the first value the store refuses, for a log line (<c>"nonce is not base64"</c>), or null when the record
        /// is valid. The nonce rule is <see cref="AccountSettingText.IsNonce"/>, the same the core applies, so a valid
        /// record always becomes a <see cref="ServerAccount"/>.
        /// </summary>
        /// <returns>The problem, or null.</returns>
        public string Problem()
        {
            if (ServerId == null || ServerId.Length == 0)
            {
                return "server id is empty";
            }

            // Counted as the store writes them (strict UTF-8), so a valid record is always one the store can read back.
            int serverIdBytes = Utf8Text.GetByteCount(ServerId);
            if (serverIdBytes < 0)
            {
                return ServerId.IndexOf('\0') >= 0 ? "server id holds U+0000 (NUL), which the store cannot keep" : "server id has no UTF-8 form (a lone surrogate)";
            }

            if (serverIdBytes > MaxServerIdBytes)
            {
                return "server id is longer than 255 bytes";
            }

            int passwordBytes = Utf8Text.GetByteCount(Password);
            if (Password == null || passwordBytes < 0)
            {
                return Password != null && Password.IndexOf('\0') >= 0 ? "password holds U+0000 (NUL), which the store cannot keep" : "password has no UTF-8 form (a lone surrogate)";
            }

            if (passwordBytes > MaxSecretBytes)
            {
                return "password is longer than 1024 bytes";
            }

            if ((int)Resync < (int)ResyncPolicy.Off || (int)Resync > (int)ResyncPolicy.ZeroBytesThenAscii)
            {
                return "resync policy is unknown";
            }

            if (SessionIdFormat != SessionIdFormat.Hexadecimal && SessionIdFormat != SessionIdFormat.Decimal)
            {
                return "session id format is unknown";
            }

            return IsNonce(NonceBase64) ? null : "nonce is not base64";
        }

        /// <summary>Builds the core account the agent authenticates with.</summary>
        /// <returns>The account.</returns>
        public ServerAccount ToServerAccount()
        {
            var account = new ServerAccount(ServerId, Password, NonceBase64, Resync);
            account.SessionIdFormat = SessionIdFormat;
            account.TryStoredNonceText = TryStoredNonceText;
            return account;
        }

        /// <summary>
        /// Whether the text is a nonce the store accepts: <see cref="AccountSettingText.IsNonce"/> (the core's strict
        /// base64) and at most <see cref="MaxSecretBytes"/> characters.
        /// </summary>
        /// <param name="text">The text.</param>
        /// <returns><c>true</c> when acceptable.</returns>
        public static bool IsNonce(string text)
        {
            return text != null && text.Length <= MaxSecretBytes && AccountSettingText.IsNonce(text);
        }
    }
}

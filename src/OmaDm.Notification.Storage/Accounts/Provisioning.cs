using System;
using System.Collections;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Storage.FileSystem;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Storage.Accounts
{
    /// <summary>
    /// Provisioning from a text file on the flash drive (<c>I:\provision.txt</c>), consumed once: its accounts replace the
    /// store's in one commit, then the file is deleted. Idempotent across a power cut: the store records the file's
    /// CRC-32 in the same commit, so a file found again after a reboot between commit and delete is recognised and only
    /// deleted (never re-applied over nonces learned since).
    /// </summary>
    /// <remarks>
    /// Grammar (one for every key; keys and values are those of <see cref="AccountSettingText"/>, the host tool's
    /// <c>accounts.json</c> spells them the same):
    /// <code>
    /// file     = *( line ( LF | CR LF ) ) [ line ]        strict UTF-8 (RFC 3629), at most 16 KiB
    /// line     = blanks [ ( "[account]" | key blanks "=" value ) ] blanks [ comment ]
    /// comment  = "#" *any                                  a '#' at the start of a line or after a blank (space, tab)
    /// blanks   = *( " " | TAB )
    /// </code>
    /// A comment runs to the end of the line, on its own line or after a value. The value is the text between the first
    /// <c>=</c> and the comment (or the line end), without surrounding blanks (space and tab only: any other character,
    /// a no-break space too, is part of the value); a <c>#</c> with no blank before it is part of the value
    /// (<c>password=p#ss</c>), inner blanks are kept (<c>password=two words</c>). So a value cannot start or end with a
    /// blank or contain a blank followed by <c>#</c>: give such a password at run time through
    /// <c>AddOrReplaceAccount</c>. A control character other than TAB (U+0000..U+001F, U+007F..U+009F) anywhere, a CR
    /// included unless it ends the line before its LF, is refused as <see cref="ProvisioningError.ControlCharacter"/>.
    /// <code>
    /// [account]                           # starts an account
    /// serverId=com.example.dms            # required, 1..255 UTF-8 bytes
    /// password=secret                     # required, may be empty, at most 1024 UTF-8 bytes
    /// nonce=AAECAw==                      # strict base64, default empty
    /// resync=zero-bytes-then-ascii        # off | zero-bytes | zero-bytes-then-ascii (default off)
    /// sessionIdFormat=hex                 # hex | decimal (default hex)
    /// tryNonceText=false                  # true | false (default false)
    /// </code>
    /// The device's own bootstrap settings (the user PIN, a per-device secret provisioned at manufacture and never
    /// logged; the allowed SEC methods; the overwrite policy) take one optional section, kept in the store's accounts
    /// record (<see cref="BootstrapSettings"/>) since the file is deleted:
    /// <code>
    /// [bootstrap]                         # at most once
    /// pin=4711                            # 1..32 printable ASCII characters, default none
    /// sec=userpin,usernetwpin             # userpin | usernetwpin | netwpin, comma-separated (this is the default)
    /// overwrite=false                     # true | false (default false): may a bootstrap replace a held server id
    /// </code>
    /// Each part the file holds replaces that part of the store, in the one commit: <c>[account]</c> sections replace
    /// every account, a <c>[bootstrap]</c> section the bootstrap settings; a part the file does not hold is kept (so a
    /// manufacture file with only <c>[bootstrap]</c> keeps the accounts, and accounts provisioned later keep the PIN).
    /// A file larger than 16 KiB (checked before it is read: the device holds it whole in a heap of about 100 KB), with no
    /// account and no <c>[bootstrap]</c>, a second <c>[bootstrap]</c>, a line outside this grammar, an unknown key, a duplicate server id or an invalid value is rejected as a
    /// whole (the line and a <see cref="ProvisioningError"/> are reported) and renamed to <see cref="RejectedFileName"/>
    /// (an older rejected file is deleted first, as Move cannot overwrite); the store is unchanged. The text is read line
    /// by line from the bytes, so no more than one line is held as a string.
    /// </remarks>
    public static class Provisioning
    {
        /// <summary>The provisioning file name on the flash drive.</summary>
        public const string DefaultFileName = "provision.txt";

        /// <summary>Where a file that does not parse is moved.</summary>
        public const string RejectedFileName = "provision.bad";

        /// <summary>Largest provisioning file, in bytes: 16 accounts with typical values take about 2 KiB.</summary>
        public const int MaxFileBytes = 16 * 1024;

        private const string AccountSection = "[account]";
        private const byte LineFeed = 0x0A;
        private const byte CarriageReturn = 0x0D;

        /// <summary>Applies the provisioning file if present.</summary>
        /// <param name="files">The file system.</param>
        /// <param name="fileName">The file name (usually <see cref="DefaultFileName"/>).</param>
        /// <param name="store">The opened store.</param>
        /// <param name="errorLine">For <see cref="ProvisioningOutcome.Invalid"/>, the 1-based line that failed (0 for the whole file).</param>
        /// <returns>What happened.</returns>
        public static ProvisioningOutcome Apply(IFlashFileSystem files, string fileName, AccountStore store, out int errorLine)
        {
            return Apply(files, fileName, store, out errorLine, out ProvisioningError unused);
        }

        /// <summary>Applies the provisioning file if present.</summary>
        /// <param name="files">The file system.</param>
        /// <param name="fileName">The file name (usually <see cref="DefaultFileName"/>).</param>
        /// <param name="store">The opened store.</param>
        /// <param name="errorLine">For <see cref="ProvisioningOutcome.Invalid"/>, the 1-based line that failed (0 for the whole file).</param>
        /// <param name="error">For <see cref="ProvisioningOutcome.Invalid"/>, why.</param>
        /// <returns>What happened.</returns>
        public static ProvisioningOutcome Apply(IFlashFileSystem files, string fileName, AccountStore store, out int errorLine, out ProvisioningError error)
        {
            errorLine = 0;
            error = ProvisioningError.None;
            long length;
            try
            {
                if (!files.Exists(fileName))
                {
                    return ProvisioningOutcome.NoFile;
                }

                length = files.GetLength(fileName);
            }
            catch (Exception)
            {
                return ProvisioningOutcome.StoreFailed;
            }

            // Before reading: a file that cannot fit the heap must be renamed, not fail the read at every boot.
            if (length > MaxFileBytes)
            {
                error = ProvisioningError.TooLarge;
                Reject(files, fileName);
                return ProvisioningOutcome.Invalid;
            }

            byte[] content;
            try
            {
                content = files.ReadAllBytes(fileName);
            }
            catch (Exception)
            {
                return ProvisioningOutcome.StoreFailed;
            }

            uint crc = Crc32.Compute(content, 0, content.Length);

            // A CRC of 0 would read as "never provisioned"; a one-bit nudge keeps the marker meaningful.
            crc = crc == 0 ? 1u : crc;
            if (crc == store.ProvisioningCrc)
            {
                TryDelete(files, fileName);
                return ProvisioningOutcome.AlreadyApplied;
            }

            AccountRecord[] accounts = null;
            BootstrapSettings bootstrap = null;
            if (content.Length > MaxFileBytes)
            {
                error = ProvisioningError.TooLarge;
            }
            else
            {
                accounts = Parse(content, out bootstrap, out errorLine, out error);
            }

            // A part the file does not hold is kept: Parse returns no account only for a file with a [bootstrap].
            if (accounts != null && accounts.Length == 0)
            {
                accounts = store.GetAccounts();
            }

            if (accounts != null && bootstrap == null)
            {
                bootstrap = store.BootstrapSettings;
            }

            if (accounts == null || store.ReplaceAll(accounts, bootstrap, crc) == StoreReason.InvalidValue)
            {
                error = error == ProvisioningError.None ? ProvisioningError.BadValue : error;
                Reject(files, fileName);
                return ProvisioningOutcome.Invalid;
            }

            if (store.ProvisioningCrc != crc)
            {
                return ProvisioningOutcome.StoreFailed;
            }

            TryDelete(files, fileName);
            return ProvisioningOutcome.Applied;
        }

        /// <summary>Returns the kebab-case name of an outcome, for the boot log (nanoFramework prints enums as numbers).</summary>
        /// <param name="outcome">The outcome.</param>
        /// <returns>The name, or <c>unknown</c> for a value that is not a member.</returns>
        public static string OutcomeName(ProvisioningOutcome outcome)
        {
            switch (outcome)
            {
                case ProvisioningOutcome.NoFile: return "no-file";
                case ProvisioningOutcome.Applied: return "applied";
                case ProvisioningOutcome.AlreadyApplied: return "already-applied";
                case ProvisioningOutcome.Invalid: return "invalid";
                case ProvisioningOutcome.StoreFailed: return "store-failed";
                default: return "unknown";
            }
        }

        /// <summary>Returns the kebab-case name of a provisioning error, for the boot log.</summary>
        /// <param name="error">The error.</param>
        /// <returns>The name, or <c>unknown</c> for a value that is not a member.</returns>
        public static string ErrorName(ProvisioningError error)
        {
            switch (error)
            {
                case ProvisioningError.None: return "none";
                case ProvisioningError.TooLarge: return "too-large";
                case ProvisioningError.InvalidUtf8: return "invalid-utf8";
                case ProvisioningError.ControlCharacter: return "control-character";
                case ProvisioningError.BadLine: return "bad-line";
                case ProvisioningError.UnknownKey: return "unknown-key";
                case ProvisioningError.BadValue: return "bad-value";
                case ProvisioningError.MissingKey: return "missing-key";
                case ProvisioningError.DuplicateServerId: return "duplicate-server-id";
                case ProvisioningError.TooManyAccounts: return "too-many-accounts";
                case ProvisioningError.NoAccount: return "no-account";
                case ProvisioningError.DuplicateSection: return "duplicate-section";
                default: return "unknown";
            }
        }

        /// <summary>Parses provisioning text.</summary>
        /// <param name="content">The file bytes (UTF-8).</param>
        /// <param name="errorLine">The 1-based line that failed, 0 if the file as a whole is wrong.</param>
        /// <returns>The accounts, or null when the text is invalid.</returns>
        public static AccountRecord[] Parse(byte[] content, out int errorLine)
        {
            return Parse(content, out errorLine, out ProvisioningError unused);
        }

        /// <summary>Parses provisioning text.</summary>
        /// <param name="content">The file bytes (UTF-8).</param>
        /// <param name="errorLine">The 1-based line that failed, 0 if the file as a whole is wrong.</param>
        /// <param name="error">Why the text is invalid (<see cref="ProvisioningError.None"/> when it is not).</param>
        /// <returns>The accounts, or null when the text is invalid.</returns>
        public static AccountRecord[] Parse(byte[] content, out int errorLine, out ProvisioningError error)
        {
            return Parse(content, out BootstrapSettings unused, out errorLine, out error);
        }

        /// <summary>Parses provisioning text with its <c>[bootstrap]</c> section.</summary>
        /// <param name="content">The file bytes (UTF-8).</param>
        /// <param name="bootstrap">The bootstrap settings, or null when the file has no <c>[bootstrap]</c> section.</param>
        /// <param name="errorLine">The 1-based line that failed, 0 if the file as a whole is wrong.</param>
        /// <param name="error">Why the text is invalid (<see cref="ProvisioningError.None"/> when it is not).</param>
        /// <returns>The accounts (none for a file with only <c>[bootstrap]</c>), or null when the text is invalid.</returns>
        public static AccountRecord[] Parse(byte[] content, out BootstrapSettings bootstrap, out int errorLine, out ProvisioningError error)
        {
            errorLine = 0;
            error = ProvisioningError.None;
            bootstrap = null;
            bool inBootstrap = false;
            var accounts = new ArrayList();
            AccountRecord current = null;
            bool hasPassword = false;
            int accountLine = 0;
            int serverIdLine = 0;
            int lineNumber = 0;
            int end = content.Length;
            int start = 0;
            while (start < end)
            {
                // Split at LF bytes (never inside a multi-byte sequence: every byte of one is 0x80 or above). A final
                // LF ends the last line; it does not begin another.
                lineNumber++;
                int lineEnd = start;
                while (lineEnd < end && content[lineEnd] != LineFeed)
                {
                    lineEnd++;
                }

                int textEnd = lineEnd < end && lineEnd > start && content[lineEnd - 1] == CarriageReturn ? lineEnd - 1 : lineEnd;
                int next = lineEnd + 1;
                error = ReadLine(content, start, textEnd - start, out string line);
                start = next;
                if (error != ProvisioningError.None)
                {
                    errorLine = lineNumber;
                    return null;
                }

                if (line.Length == 0)
                {
                    continue;
                }

                if (line == AccountSection || line == BootstrapSettings.Section)
                {
                    if (current != null)
                    {
                        error = Finish(current, hasPassword, accounts);
                        if (error != ProvisioningError.None)
                        {
                            errorLine = error == ProvisioningError.DuplicateServerId ? serverIdLine : accountLine;
                            return null;
                        }
                    }

                    current = null;
                    inBootstrap = line == BootstrapSettings.Section;
                    if (inBootstrap)
                    {
                        if (bootstrap != null)
                        {
                            errorLine = lineNumber;
                            error = ProvisioningError.DuplicateSection;
                            return null;
                        }

                        bootstrap = new BootstrapSettings();
                        continue;
                    }

                    current = new AccountRecord(null, null, null, ResyncPolicy.Off);
                    hasPassword = false;
                    accountLine = lineNumber;
                    serverIdLine = 0;
                    continue;
                }

                int eq = line.IndexOf('=');
                if ((current == null && !inBootstrap) || eq <= 0)
                {
                    errorLine = lineNumber;
                    error = ProvisioningError.BadLine;
                    return null;
                }

                // Keys and values are trimmed of surrounding blanks only; a password with inner spaces is kept.
                string key = TrimBlanks(line.Substring(0, eq));
                string value = TrimBlanks(line.Substring(eq + 1));
                if (key == AccountSettingText.PasswordKey)
                {
                    hasPassword = true;
                }
                else if (key == AccountSettingText.ServerIdKey)
                {
                    serverIdLine = lineNumber;
                }

                error = inBootstrap ? SetBootstrapField(bootstrap, key, value) : SetField(current, key, value);
                if (error != ProvisioningError.None)
                {
                    errorLine = lineNumber;
                    return null;
                }
            }

            if (current != null)
            {
                error = Finish(current, hasPassword, accounts);
                if (error != ProvisioningError.None)
                {
                    errorLine = error == ProvisioningError.DuplicateServerId ? serverIdLine : accountLine;
                    return null;
                }
            }

            if (accounts.Count == 0 && bootstrap == null)
            {
                error = ProvisioningError.NoAccount;
                return null;
            }

            var result = new AccountRecord[accounts.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (AccountRecord)accounts[i];
            }

            return result;
        }

        // One line's text without its line end, comment and surrounding blanks; refused when it is not strict UTF-8 or
        // holds a control character other than TAB (string.Trim would strip some of them, and NBSP, U+2028...).
        private static ProvisioningError ReadLine(byte[] content, int start, int count, out string line)
        {
            if (!Utf8Text.TryDecode(content, start, count, out line))
            {
                // NUL is well-formed UTF-8 that Utf8Text refuses (a device string ends at it): name it as what it is.
                return content[Utf8Text.FindInvalid(content, start, count)] == 0 ? ProvisioningError.ControlCharacter : ProvisioningError.InvalidUtf8;
            }

            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if ((c < ' ' && c != '\t') || (c >= '\u007F' && c <= '\u009F'))
                {
                    return ProvisioningError.ControlCharacter;
                }
            }

            line = TrimBlanks(WithoutComment(line));
            return ProvisioningError.None;
        }

        private static ProvisioningError Finish(AccountRecord account, bool hasPassword, ArrayList accounts)
        {
            if (account.ServerId == null || !hasPassword)
            {
                return ProvisioningError.MissingKey;
            }

            if (accounts.Count >= StoreCodec.MaxAccounts)
            {
                return ProvisioningError.TooManyAccounts;
            }

            foreach (AccountRecord other in accounts)
            {
                if (other.ServerId == account.ServerId)
                {
                    return ProvisioningError.DuplicateServerId;
                }
            }

            // Each value was checked at its line; this is the store's own rule, so nothing it refuses is committed.
            if (!account.IsValid())
            {
                return ProvisioningError.BadValue;
            }

            accounts.Add(account);
            return ProvisioningError.None;
        }

        // The line up to its comment: a '#' at the start or after a blank.
        private static string WithoutComment(string line)
        {
            for (int i = 0; i < line.Length; i++)
            {
                if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))
                {
                    return line.Substring(0, i);
                }
            }

            return line;
        }

        // Space and tab only, the grammar's blanks (string.Trim also strips VT, FF, NBSP, U+3000, U+2028, U+0085...).
        internal static string TrimBlanks(string text)
        {
            int first = 0;
            int last = text.Length - 1;
            while (first <= last && (text[first] == ' ' || text[first] == '\t'))
            {
                first++;
            }

            while (last >= first && (text[last] == ' ' || text[last] == '\t'))
            {
                last--;
            }

            return first == 0 && last == text.Length - 1 ? text : text.Substring(first, last - first + 1);
        }

        private static ProvisioningError SetField(AccountRecord account, string key, string value)
        {
            switch (key)
            {
                case AccountSettingText.ServerIdKey:
                    account.ServerId = value;
                    int idBytes = Utf8Text.GetByteCount(value);
                    return idBytes > 0 && idBytes <= AccountRecord.MaxServerIdBytes ? ProvisioningError.None : ProvisioningError.BadValue;
                case AccountSettingText.PasswordKey:
                    account.Password = value;
                    return Utf8Text.GetByteCount(value) <= AccountRecord.MaxSecretBytes ? ProvisioningError.None : ProvisioningError.BadValue;
                case AccountSettingText.NonceKey:
                    account.NonceBase64 = value;
                    return AccountRecord.IsNonce(value) ? ProvisioningError.None : ProvisioningError.BadValue;
                case AccountSettingText.ResyncKey:
                    bool resyncKnown = AccountSettingText.TryParseResync(value, out ResyncPolicy resync);
                    account.Resync = resync;
                    return resyncKnown ? ProvisioningError.None : ProvisioningError.BadValue;
                case AccountSettingText.SessionIdFormatKey:
                    bool formatKnown = AccountSettingText.TryParseSessionIdFormat(value, out SessionIdFormat format);
                    account.SessionIdFormat = format;
                    return formatKnown ? ProvisioningError.None : ProvisioningError.BadValue;
                case AccountSettingText.TryNonceTextKey:
                    if (value != "true" && value != "false")
                    {
                        return ProvisioningError.BadValue;
                    }

                    account.TryStoredNonceText = value == "true";
                    return ProvisioningError.None;
                default:
                    return ProvisioningError.UnknownKey;
            }
        }

        // The [bootstrap] keys; the PIN is checked as the key derivation takes it, so a stored PIN always keys USERPIN.
        private static ProvisioningError SetBootstrapField(BootstrapSettings bootstrap, string key, string value)
        {
            switch (key)
            {
                case BootstrapSettings.PinKey:
                    bootstrap.Pin = value;
                    return BootstrapKey.IsValidPin(value) ? ProvisioningError.None : ProvisioningError.BadValue;
                case BootstrapSettings.SecKey:
                    return bootstrap.TrySetMethods(value) ? ProvisioningError.None : ProvisioningError.BadValue;
                case BootstrapSettings.OverwriteKey:
                    if (value != "true" && value != "false")
                    {
                        return ProvisioningError.BadValue;
                    }

                    bootstrap.AllowOverwrite = value == "true";
                    return ProvisioningError.None;
                default:
                    return ProvisioningError.UnknownKey;
            }
        }

        private static void Reject(IFlashFileSystem files, string fileName)
        {
            try
            {
                files.Delete(RejectedFileName);
                files.Move(fileName, RejectedFileName);
            }
            catch (Exception)
            {
                // A power cut or full flash here leaves the file to be rejected again at the next boot.
            }
        }

        private static void TryDelete(IFlashFileSystem files, string fileName)
        {
            try
            {
                files.Delete(fileName);
            }
            catch (Exception)
            {
                // Retried at the next boot, where the CRC marker makes it a plain delete.
            }
        }
    }
}

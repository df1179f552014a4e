using System;
using System.Collections;
using System.Text;
using OmaDm.Notification.Authentication;
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
    /// file     = *( line ( LF | CR LF ) ) [ line ]        UTF-8, at most 16 KiB
    /// line     = blanks [ ( "[account]" | key blanks "=" value ) ] blanks [ comment ]
    /// comment  = "#" *any                                  a '#' at the start of a line or after a blank (space, tab)
    /// blanks   = *( " " | TAB )
    /// </code>
    /// A comment runs to the end of the line, on its own line or after a value. The value is the text between the first
    /// <c>=</c> and the comment (or the line end), without surrounding blanks; a <c>#</c> with no blank before it is part
    /// of the value (<c>password=p#ss</c>), inner blanks are kept (<c>password=two words</c>). So a value cannot start
    /// or end with a blank or contain a blank followed by <c>#</c>: give such a password at run time through
    /// <c>AddOrReplaceAccount</c>.
    /// <code>
    /// [account]                           # starts an account
    /// serverId=com.example.dms            # required, 1..255 UTF-8 bytes
    /// password=secret                     # required, may be empty
    /// nonce=AAECAw==                      # strict base64, default empty
    /// resync=zero-bytes-then-ascii        # off | zero-bytes | zero-bytes-then-ascii (default off)
    /// sessionIdFormat=hex                 # hex | decimal (default hex)
    /// tryNonceText=false                  # true | false (default false)
    /// </code>
    /// A file with no account, a line outside this grammar, an unknown key, a duplicate server id or an invalid value is
    /// rejected as a whole (the line is reported) and renamed to <see cref="RejectedFileName"/> (an older rejected file
    /// is deleted first, as Move cannot overwrite); the store is unchanged.
    /// </remarks>
    public static class Provisioning
    {
        /// <summary>The provisioning file name on the flash drive.</summary>
        public const string DefaultFileName = "provision.txt";

        /// <summary>Where a file that does not parse is moved.</summary>
        public const string RejectedFileName = "provision.bad";

        private const int MaxFileBytes = 16 * 1024;

        /// <summary>Applies the provisioning file if present.</summary>
        /// <param name="files">The file system.</param>
        /// <param name="fileName">The file name (usually <see cref="DefaultFileName"/>).</param>
        /// <param name="store">The opened store.</param>
        /// <param name="errorLine">For <see cref="ProvisioningOutcome.Invalid"/>, the 1-based line that failed (0 for the whole file).</param>
        /// <returns>What happened.</returns>
        public static ProvisioningOutcome Apply(IFlashFileSystem files, string fileName, AccountStore store, out int errorLine)
        {
            errorLine = 0;
            byte[] content;
            try
            {
                if (!files.Exists(fileName))
                {
                    return ProvisioningOutcome.NoFile;
                }

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

            AccountRecord[] accounts = content.Length > MaxFileBytes ? null : Parse(content, out errorLine);
            if (accounts == null || store.ReplaceAll(accounts, crc) == StoreReason.InvalidValue)
            {
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

        /// <summary>Parses provisioning text.</summary>
        /// <param name="content">The file bytes (UTF-8).</param>
        /// <param name="errorLine">The 1-based line that failed, 0 if the file as a whole is wrong.</param>
        /// <returns>The accounts, or null when the text is invalid.</returns>
        public static AccountRecord[] Parse(byte[] content, out int errorLine)
        {
            errorLine = 0;
            string text;
            try
            {
                text = content.Length == 0 ? string.Empty : Encoding.UTF8.GetString(content, 0, content.Length);
            }
            catch (Exception)
            {
                return null;
            }

            var accounts = new ArrayList();
            AccountRecord current = null;
            bool hasPassword = false;
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = WithoutComment(lines[i]).Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (line == "[account]")
                {
                    if (current != null && !Finish(current, hasPassword, accounts))
                    {
                        errorLine = i + 1;
                        return null;
                    }

                    current = new AccountRecord(null, null, null, ResyncPolicy.Off);
                    hasPassword = false;
                    continue;
                }

                int eq = line.IndexOf('=');
                if (current == null || eq <= 0)
                {
                    errorLine = i + 1;
                    return null;
                }

                // Keys and values are trimmed of surrounding blanks only; a password with inner spaces is kept.
                string key = line.Substring(0, eq).Trim();
                string value = line.Substring(eq + 1).Trim();
                if (key == AccountSettingText.PasswordKey)
                {
                    hasPassword = true;
                }

                if (!SetField(current, key, value))
                {
                    errorLine = i + 1;
                    return null;
                }
            }

            if (current == null || !Finish(current, hasPassword, accounts))
            {
                errorLine = lines.Length;
                return null;
            }

            var result = new AccountRecord[accounts.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (AccountRecord)accounts[i];
            }

            return result;
        }

        private static bool Finish(AccountRecord account, bool hasPassword, ArrayList accounts)
        {
            if (!hasPassword || !account.IsValid() || accounts.Count >= StoreCodec.MaxAccounts)
            {
                return false;
            }

            foreach (AccountRecord other in accounts)
            {
                if (other.ServerId == account.ServerId)
                {
                    return false;
                }
            }

            accounts.Add(account);
            return true;
        }

        // The line up to its comment: a '#' at the start or after a blank. Trim() afterwards removes the CR of CRLF.
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

        private static bool SetField(AccountRecord account, string key, string value)
        {
            switch (key)
            {
                case AccountSettingText.ServerIdKey:
                    account.ServerId = value;
                    return true;
                case AccountSettingText.PasswordKey:
                    account.Password = value;
                    return true;
                case AccountSettingText.NonceKey:
                    account.NonceBase64 = value;
                    return AccountRecord.IsNonce(value);
                case AccountSettingText.ResyncKey:
                    bool resyncKnown = AccountSettingText.TryParseResync(value, out ResyncPolicy resync);
                    account.Resync = resync;
                    return resyncKnown;
                case AccountSettingText.SessionIdFormatKey:
                    bool formatKnown = AccountSettingText.TryParseSessionIdFormat(value, out SessionIdFormat format);
                    account.SessionIdFormat = format;
                    return formatKnown;
                case AccountSettingText.TryNonceTextKey:
                    if (value != "true" && value != "false")
                    {
                        return false;
                    }

                    account.TryStoredNonceText = value == "true";
                    return true;
                default:
                    return false;
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

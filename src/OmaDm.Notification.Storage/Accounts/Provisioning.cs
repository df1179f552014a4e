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
    /// Format: UTF-8 lines; <c>#</c> starts a comment line; blank lines ignored; each <c>[account]</c> line starts an
    /// account; within it <c>key=value</c> lines (the value is everything after the first <c>=</c>, kept verbatim):
    /// <code>
    /// [account]
    /// serverId=com.example.dms          (required, 1..255 UTF-8 bytes)
    /// password=secret                   (required, may be empty)
    /// nonce=AAECAw==                    (base64, default empty)
    /// resync=off | zero | zero+ascii    (default off)
    /// sessionIdFormat=hex | decimal     (default hex)
    /// tryNonceText=true | false         (default false)
    /// </code>
    /// A file with no account, an unknown key, a duplicate server id or an invalid value is rejected as a whole and
    /// renamed to <see cref="RejectedFileName"/> (an older rejected file is deleted first, as Move cannot overwrite).
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
                string line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#')
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
                if (key == "password")
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

        private static bool SetField(AccountRecord account, string key, string value)
        {
            switch (key)
            {
                case "serverId":
                    account.ServerId = value;
                    return true;
                case "password":
                    account.Password = value;
                    return true;
                case "nonce":
                    account.NonceBase64 = value;
                    return true;
                case "resync":
                    if (value == "off")
                    {
                        account.Resync = ResyncPolicy.Off;
                    }
                    else if (value == "zero")
                    {
                        account.Resync = ResyncPolicy.ZeroBytes;
                    }
                    else if (value == "zero+ascii")
                    {
                        account.Resync = ResyncPolicy.ZeroBytesThenAscii;
                    }
                    else
                    {
                        return false;
                    }

                    return true;
                case "sessionIdFormat":
                    if (value == "hex")
                    {
                        account.SessionIdFormat = SessionIdFormat.Hexadecimal;
                    }
                    else if (value == "decimal")
                    {
                        account.SessionIdFormat = SessionIdFormat.Decimal;
                    }
                    else
                    {
                        return false;
                    }

                    return true;
                case "tryNonceText":
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

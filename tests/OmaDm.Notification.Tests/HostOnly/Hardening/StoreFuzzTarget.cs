using System;
using System.Text;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Tests.Storage;

namespace OmaDm.Notification.Tests.HostOnly.Hardening
{
    /// <summary>
    /// The <c>store</c> fuzz target: a hostile or damaged flash drive. The first input byte picks what the rest is
    /// (modulo 4): 0, <c>provision.txt</c>; 1, an accounts payload and 2, a sessions payload, each written with a valid
    /// CRC as the newer slot over a valid older one; 3, a raw accounts slot file (header and all). Each case runs on a
    /// fresh <see cref="FaultInjectingFileSystem"/> holding one account, then opens the store, provisions, commits and
    /// reopens, and checks that the store holds exactly what was written:
    /// <list type="bullet">
    /// <item>every reason is a named member; no exception escapes;</item>
    /// <item>a refused <c>provision.txt</c> is renamed <c>provision.bad</c> byte for byte, the store unchanged; an applied
    /// one holds no control character but TAB and line ends, and gives values that occur in the file as written (UTF-8
    /// bytes), with no blank at their ends;</item>
    /// <item>an accepted payload re-encodes to the same bytes (nothing loads as other text than its bytes); a refused one
    /// leaves the older slot in force;</item>
    /// <item>what loaded can be committed again, and the next boot reads back the same state.</item>
    /// </list>
    /// Returns <see cref="ReasonCode.None"/> when the hostile content was accepted, <see cref="ReasonCode.Malformed"/>
    /// when it was refused (the named store reason or provisioning error is checked, not returned).
    /// </summary>
    public static class StoreFuzzTarget
    {
        private const string KeptId = "kept.example";

        /// <summary>Runs one case over <c>buffer[offset .. offset+count)</c>.</summary>
        public static ReasonCode Run(byte[] buffer, int offset, int count)
        {
            if (count == 0)
            {
                return ReasonCode.Truncated;
            }

            byte[] rest = new byte[count - 1];
            Array.Copy(buffer, offset + 1, rest, 0, rest.Length);
            switch (buffer[offset] & 3)
            {
                case 0: return ProvisionFile(rest);
                case 1: return AccountsPayload(rest);
                case 2: return SessionsPayload(rest);
                default: return RawAccountsSlot(rest);
            }
        }

        /// <summary>The seeds: a provisioning file with every key, an accounts and a sessions payload as the store writes them, a slot file.</summary>
        public static byte[][] Seeds()
        {
            byte[] provision = Encoding.UTF8.GetBytes(
                "# seed\r\n[account]\r\nserverId=com.example.dms\r\npassword=s3cr=t \u00E9\u4E2D\U0001F600\r\nnonce=AAECAw==\r\n" +
                "resync=zero-bytes-then-ascii\r\nsessionIdFormat=decimal # c\r\ntryNonceText=true\r\n[account]\nserverId=b\npassword=\n");
            AccountRecord[] accounts =
            {
                new AccountRecord("com.example.dms", "p\u00E9\U0001F600", "AAECAw==", ResyncPolicy.ZeroBytes),
                new AccountRecord("\u4E2D", string.Empty, string.Empty, ResyncPolicy.Off),
            };
            byte[] accountsPayload = StoreCodec.EncodeAccounts(accounts, 0x12345678).ToArray();
            SessionHistoryEntry[] sessions = { new SessionHistoryEntry("com.example.dms", 0x1234, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)) };
            ReplayHistoryEntry[] replays = { new ReplayHistoryEntry(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, false, new byte[16]) };
            byte[] retired = new byte[] { 8, 7, 6, 5, 4, 3, 2, 1 };
            byte[] sessionsPayload = StoreCodec.EncodeSessions(sessions, replays, retired).ToArray();
            var files = new FaultInjectingFileSystem();
            var record = new RecordStore(files, AccountStore.AccountsRecordName, 32 * 1024);
            record.Load(null, out byte[] unused);
            record.Save(accountsPayload, 0, accountsPayload.Length);
            byte[] slot = files.GetRaw(record.SlotAName);
            return new[]
            {
                Prefixed(0, provision),
                Prefixed(1, accountsPayload),
                Prefixed(2, sessionsPayload),
                Prefixed(3, slot),
            };
        }

        private static ReasonCode ProvisionFile(byte[] file)
        {
            FaultInjectingFileSystem files = Prepared(out AccountStore store);
            files.MaxReadBytes = 64 * 1024;
            files.SetRaw(Provisioning.DefaultFileName, file);
            string before = Fingerprint(store);
            ProvisioningOutcome outcome = Provisioning.Apply(files, Provisioning.DefaultFileName, store, out int line, out ProvisioningError error);
            Check(Provisioning.OutcomeName(outcome) != "unknown" && Provisioning.ErrorName(error) != "unknown", "undefined provisioning outcome or error");
            Check(!files.Exists(Provisioning.DefaultFileName), "provision.txt left behind: " + Provisioning.OutcomeName(outcome));
            AccountStore rebooted = Reopen(files);
            if (outcome == ProvisioningOutcome.Invalid)
            {
                Check(error != ProvisioningError.None, "refused without a reason");
                Check(Same(file, files.GetRaw(Provisioning.RejectedFileName)), "provision.bad is not the file byte for byte");
                Check(Fingerprint(rebooted) == before, "a refused file changed the store");
                return ReasonCode.Malformed;
            }

            Check(outcome == ProvisioningOutcome.Applied, "unexpected outcome " + Provisioning.OutcomeName(outcome));
            Check(OnlyGrammarControls(file), "a file with a control character other than TAB and line ends was applied");
            Check(Fingerprint(rebooted) == Fingerprint(store), "the next boot reads other accounts than were committed");
            foreach (AccountRecord account in rebooted.GetAccounts())
            {
                Check(account.IsValid(), "an applied account is invalid: " + account.Problem());
                AsWritten(file, account.ServerId, "server id");
                AsWritten(file, account.Password, "password");
                AsWritten(file, account.NonceBase64, "nonce");
            }

            CommitAndReboot(files, rebooted);
            return ReasonCode.None;
        }

        private static ReasonCode AccountsPayload(byte[] payload)
        {
            FaultInjectingFileSystem files = Prepared(out AccountStore store);
            string before = Fingerprint(store);
            SaveRaw(files, AccountStore.AccountsRecordName, payload);
            AccountStore rebooted = Reopen(files);
            Named(rebooted.AccountsLoadReason);
            Named(rebooted.AccountsRecord.SlotBReason);
            Check(rebooted.AccountsLoadReason == StoreReason.None, "the older slot was lost");
            bool accepted = rebooted.AccountsRecord.SlotBReason == StoreReason.None;
            if (accepted)
            {
                byte[] again;
                try
                {
                    again = StoreCodec.EncodeAccounts(rebooted.GetAccounts(), rebooted.ProvisioningCrc).ToArray();
                }
                catch (ArgumentException)
                {
                    throw new FuzzInvariantException("an accepted accounts record cannot be written back");
                }

                Check(Same(payload, again), "accounts loaded as other values than their bytes");
            }
            else
            {
                Check(Fingerprint(rebooted) == before, "a refused newer slot did not leave the older in force");
            }

            CommitAndReboot(files, rebooted);
            return accepted ? ReasonCode.None : ReasonCode.Malformed;
        }

        private static ReasonCode SessionsPayload(byte[] payload)
        {
            FaultInjectingFileSystem files = Prepared(out AccountStore store);
            SaveRaw(files, AccountStore.SessionsRecordName, payload);
            AccountStore rebooted = Reopen(files);
            Named(rebooted.SessionsLoadReason);
            Named(rebooted.SessionsRecord.SlotBReason);
            Check(rebooted.SessionsLoadReason == StoreReason.None, "the older sessions slot was lost");
            bool accepted = rebooted.SessionsRecord.SlotBReason == StoreReason.None;
            SessionHistoryEntry[] sessions = rebooted.GetRecentSessions();
            ReplayHistoryEntry[] replays = rebooted.GetReplayHistory();
            byte[] retired = rebooted.GetRetiredReplayKeys();
            if (accepted && payload[0] == StoreCodec.SessionsPayloadVersion)
            {
                Check(Same(payload, StoreCodec.EncodeSessions(sessions, replays, retired).ToArray()), "sessions loaded as other values than their bytes");
            }

            // What loaded is saved back (as each accepted trigger does) and read back the same.
            Check(rebooted.SaveRecentSessions(sessions, replays, retired) == StoreReason.None, "loaded sessions cannot be saved back");
            AccountStore again = Reopen(files);
            Check(again.SessionsLoadReason == StoreReason.None, "saved sessions do not load");
            Check(Fingerprint(again) == Fingerprint(rebooted), "saved sessions load as other values");
            return accepted ? ReasonCode.None : ReasonCode.Malformed;
        }

        private static ReasonCode RawAccountsSlot(byte[] slot)
        {
            var files = new FaultInjectingFileSystem();
            files.SetRaw(AccountStore.AccountsRecordName + ".a", slot);
            AccountStore store = Reopen(files);
            Named(store.AccountsLoadReason);
            Named(store.AccountsRecord.SlotAReason);
            CommitAndReboot(files, store);
            return store.AccountsLoadReason == StoreReason.None ? ReasonCode.None : ReasonCode.Malformed;
        }

        // One account committed, a session saved: the older slot of each record.
        private static FaultInjectingFileSystem Prepared(out AccountStore store)
        {
            var files = new FaultInjectingFileSystem();
            store = Reopen(files);
            Check(store.AddOrReplace(new AccountRecord(KeptId, "pw", "AAECAw==", ResyncPolicy.Off)) == StoreReason.None, "setup");
            Check(store.SaveRecentSessions(new[] { new SessionHistoryEntry(KeptId, 1, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)) }) == StoreReason.None, "setup");
            return files;
        }

        // Writes the payload with a valid CRC as the newer slot of the record.
        private static void SaveRaw(FaultInjectingFileSystem files, string name, byte[] payload)
        {
            var record = new RecordStore(files, name, 64 * 1024);
            record.Load(null, out byte[] unused);
            Check(record.Save(payload, 0, payload.Length) == StoreReason.None, "setup save");
        }

        // A commit after whatever loaded (a nonce update, or an account added when there is room) must be read back.
        private static void CommitAndReboot(FaultInjectingFileSystem files, AccountStore store)
        {
            AccountRecord[] accounts = store.GetAccounts();
            StoreReason reason = accounts.Length > 0
                ? store.UpdateNonce(accounts[0].ServerId, "q83v8A==")
                : store.AddOrReplace(new AccountRecord("added", "pw", string.Empty, ResyncPolicy.Off));
            Named(reason);
            Check(reason == StoreReason.None, "a commit over loaded accounts failed: " + StoreReasonText.ToKebabCase(reason));
            AccountStore rebooted = Reopen(files);
            Check(rebooted.AccountsLoadReason == StoreReason.None && Fingerprint(rebooted) == Fingerprint(store), "the commit does not read back");
        }

        private static void AsWritten(byte[] file, string value, string what)
        {
            byte[] bytes = Utf8Text.GetBytes(value);
            Check(bytes.Length == 0 || IndexOf(file, bytes) >= 0, what + " is not in the file as written");
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                Check(c == '\t' || !(c < ' ' || (c >= '\u007F' && c <= '\u009F')), what + " holds a control character");
            }

            Check(value.Length == 0 || (value[0] != ' ' && value[0] != '\t' && value[^1] != ' ' && value[^1] != '\t'), what + " has blanks at an end");
        }

        // The README grammar's only control characters: TAB, LF, and CR right before LF (C1 controls are C2 80..C2 9F).
        private static bool OnlyGrammarControls(byte[] file)
        {
            for (int i = 0; i < file.Length; i++)
            {
                byte b = file[i];
                bool lineEnd = b == 0x0A || (b == 0x0D && i + 1 < file.Length && file[i + 1] == 0x0A);
                bool c1 = b == 0xC2 && i + 1 < file.Length && file[i + 1] >= 0x80 && file[i + 1] <= 0x9F;
                if ((b < 0x20 && b != 0x09 && !lineEnd) || b == 0x7F || c1)
                {
                    return false;
                }
            }

            return true;
        }

        private static AccountStore Reopen(FaultInjectingFileSystem files)
        {
            var store = new AccountStore(files);
            Named(store.Open());
            return store;
        }

        // The shared fingerprint (accounts and sessions) plus the replay history, which a sessions payload also carries.
        private static string Fingerprint(AccountStore store)
        {
            var text = new StringBuilder(StoreTestData.Fingerprint(store));
            foreach (ReplayHistoryEntry r in store.GetReplayHistory())
            {
                text.Append(Convert.ToHexString(r.Key)).Append('!').Append(r.IsResync).Append('!').Append(Convert.ToHexString(r.Digests)).Append(';');
            }

            text.Append(Convert.ToHexString(store.GetRetiredReplayKeys() ?? new byte[0])).Append('!').Append(store.ReplayHistoryKnown);

            return text.ToString();
        }

        private static void Named(StoreReason reason)
        {
            Check(StoreReasonText.ToKebabCase(reason) != "unknown", "undefined store reason " + (int)reason);
        }

        private static bool Same(byte[] a, byte[] b)
        {
            return a != null && b != null && a.AsSpan().SequenceEqual(b);
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            return haystack.AsSpan().IndexOf(needle);
        }

        private static byte[] Prefixed(byte mode, byte[] rest)
        {
            byte[] input = new byte[rest.Length + 1];
            input[0] = mode;
            Array.Copy(rest, 0, input, 1, rest.Length);
            return input;
        }

        private static void Check(bool condition, string message)
        {
            if (!condition)
            {
                throw new FuzzInvariantException(message);
            }
        }
    }
}

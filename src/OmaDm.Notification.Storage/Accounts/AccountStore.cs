using System;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Storage.FileSystem;
using OmaDm.Notification.Storage.Records;

namespace OmaDm.Notification.Storage.Accounts
{
    /// <summary>
    /// The device's persistent server accounts and recently handled sessions, each in its own crash-safe
    /// <see cref="RecordStore"/> (accounts change rarely, sessions on every trigger: separate records keep flash wear and
    /// the blast radius of a torn write apart). Every change is parse, verify, then commit: the new state is built and
    /// validated, written, and only then becomes the in-memory state; a refused or failed change leaves both untouched.
    /// Thread-safe.
    /// </summary>
    public sealed class AccountStore
    {
        /// <summary>Base file name of the accounts record.</summary>
        public const string AccountsRecordName = "dmaccounts";

        /// <summary>Base file name of the recent-sessions record.</summary>
        public const string SessionsRecordName = "dmsessions";

        private const int MaxPayload = 32 * 1024;

        // Sessions plus the keyed replay history: the largest state the agent can hold is about 44 KiB (StoreCodec); a
        // device writes ~1 KiB.
        /// <summary>Largest sessions payload the store writes or reads.</summary>
        public const int MaxSessionsPayload = 64 * 1024;

        private readonly object _sync = new object();
        private readonly RecordStore _accountsRecord;
        private readonly RecordStore _sessionsRecord;
        // The accounts as decoded at Open, until the first commit or ReleaseLoadedRecords; null: read the record again
        // when needed (the live table holds the accounts; their records here cost ~8 heap blocks each).
        private AccountRecord[] _accounts = new AccountRecord[0];
        // The sessions record as decoded at Open, until the first save or ReleaseLoadedRecords; null: read it again from
        // flash when asked (the agent holds the live state; a second copy here cost ~600 heap blocks after a burst).
        private SessionHistoryEntry[] _sessions = new SessionHistoryEntry[0];
        private ReplayHistoryEntry[] _replays = new ReplayHistoryEntry[0];
        private byte[] _retiredKeys = new byte[0];
        private AccountRecord[] _encodeAccounts;
        private uint _encodeCrc;
        private BootstrapSettings _encodeBootstrap;
        private byte[] _encodeFingerprints;
        private SessionHistoryEntry[] _encodeSessions;
        private ReplayHistoryEntry[] _encodeReplays;
        private byte[] _encodeRetired;
        private uint _provisioningCrc;
        private BootstrapSettings _bootstrap;
        private byte[] _bootstrapFingerprints = new byte[0];

        /// <summary>Creates a store over a file system; call <see cref="Open"/> next.</summary>
        /// <param name="files">The file system (the device's <c>I:\</c>).</param>
        public AccountStore(IFlashFileSystem files)
        {
            // One save buffer for both records: their saves run under this store's lock, one at a time.
            byte[] chunk = new byte[RecordStore.ChunkLength];
            _accountsRecord = new RecordStore(files, AccountsRecordName, MaxPayload, chunk);
            _sessionsRecord = new RecordStore(files, SessionsRecordName, MaxSessionsPayload, chunk);
        }

        /// <summary>Why the accounts record did not load at the last <see cref="Open"/> (None when it did).</summary>
        public StoreReason AccountsLoadReason { get; private set; }

        /// <summary>Why the sessions record did not load at the last <see cref="Open"/> (None when it did).</summary>
        public StoreReason SessionsLoadReason { get; private set; }

        /// <summary>
        /// False when the accepted-trigger history could not be read at the last <see cref="Open"/>: the sessions record
        /// exists but is unreadable in both slots, or was written before the history was keyed (versions 1 and 2). The
        /// agent must then fail closed (<c>NotificationAgent.MarkReplayHistoryLost</c>). True when it loaded or no record
        /// was ever written (a first boot), and after a successful save.
        /// </summary>
        public bool ReplayHistoryKnown { get; private set; } = true;

        /// <summary>
        /// True once a replay history was found lost (at an <see cref="Open"/>, or read from the sessions record, which
        /// keeps it from then on): a key set by an account add, re-provisioning or bootstrap since may have accepted
        /// triggers whose record is gone, so the host retires it at once (only a nonce update makes a trusted key).
        /// </summary>
        public bool ReplayHistoryLost { get; private set; }

        /// <summary>The accounts record (slot diagnostics).</summary>
        public RecordStore AccountsRecord => _accountsRecord;

        /// <summary>The sessions record (slot diagnostics).</summary>
        public RecordStore SessionsRecord => _sessionsRecord;

        /// <summary>CRC-32 of the provisioning file whose accounts were last committed (0 when none).</summary>
        public uint ProvisioningCrc
        {
            get
            {
                lock (_sync)
                {
                    return _provisioningCrc;
                }
            }
        }

        /// <summary>
        /// A copy of the device's bootstrap settings (the provisioned user PIN, methods and overwrite policy), or null when
        /// none were provisioned. Kept in the accounts record, committed with the accounts.
        /// </summary>
        public BootstrapSettings BootstrapSettings
        {
            get
            {
                lock (_sync)
                {
                    return _bootstrap == null ? null : _bootstrap.Clone();
                }
            }
        }

        /// <summary>Number of accounts.</summary>
        public int Count
        {
            get
            {
                lock (_sync)
                {
                    Current(out AccountRecord[] accounts);
                    return accounts.Length;
                }
            }
        }

        /// <summary>
        /// Loads both records, each from its newest valid slot. A record that is missing or unreadable in both slots
        /// starts empty (the reasons are in <see cref="AccountsLoadReason"/> and <see cref="SessionsLoadReason"/>).
        /// </summary>
        /// <returns>The accounts record's reason: None, NotFound (first boot) or the named failure.</returns>
        public StoreReason Open()
        {
            lock (_sync)
            {
                StoreReason accountsReason = _accountsRecord.Load(IsAccountsPayload, out byte[] accountsPayload);
                AccountRecord[] accounts = new AccountRecord[0];
                uint crc = 0;
                BootstrapSettings bootstrap = null;
                byte[] fingerprints = new byte[0];
                if (accountsReason == StoreReason.None)
                {
                    StoreCodec.DecodeAccounts(accountsPayload, out accounts, out crc, out bootstrap, out fingerprints);
                }

                StoreReason sessionsReason = _sessionsRecord.Load(IsSessionsPayload, out byte[] sessionsPayload);
                SessionHistoryEntry[] sessions = new SessionHistoryEntry[0];
                ReplayHistoryEntry[] replays = new ReplayHistoryEntry[0];
                byte[] retired = new byte[0];
                bool known = sessionsReason == StoreReason.NotFound;
                bool lost = false;
                if (sessionsReason == StoreReason.None)
                {
                    StoreCodec.DecodeSessions(sessionsPayload, out sessions, out replays, out retired, out known, out lost);
                }

                ReplayHistoryLost = lost || !known;
                _accounts = accounts;
                _provisioningCrc = crc;
                _bootstrap = bootstrap;
                _bootstrapFingerprints = fingerprints;
                _sessions = sessions;
                _replays = replays;
                _retiredKeys = retired;
                ReplayHistoryKnown = known;
                AccountsLoadReason = accountsReason;
                SessionsLoadReason = sessionsReason;
                return accountsReason;
            }
        }

        /// <summary>Returns copies of all accounts.</summary>
        /// <returns>The accounts.</returns>
        public AccountRecord[] GetAccounts()
        {
            lock (_sync)
            {
                Current(out AccountRecord[] accounts);
                var copy = new AccountRecord[accounts.Length];
                for (int i = 0; i < copy.Length; i++)
                {
                    copy[i] = accounts[i].Clone();
                }

                return copy;
            }
        }

        /// <summary>Returns a copy of the account with this server id.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <returns>The account, or null.</returns>
        public AccountRecord Find(string serverId)
        {
            lock (_sync)
            {
                Current(out AccountRecord[] accounts);
                int index = StoreCodec.IndexOf(accounts, accounts.Length, serverId);
                return index < 0 ? null : accounts[index].Clone();
            }
        }

        /// <summary>True when a bootstrap with this MAC was accepted (one of the last <see cref="BootstrapFingerprints.Capacity"/>). Allocates nothing.</summary>
        /// <param name="mac">Holds the MAC.</param>
        /// <param name="macOffset">Where it starts.</param>
        /// <returns><c>true</c> for a repeat.</returns>
        public bool WasBootstrapAccepted(byte[] mac, int macOffset)
        {
            lock (_sync)
            {
                return BootstrapFingerprints.Contains(_bootstrapFingerprints, mac, macOffset);
            }
        }

        /// <summary>
        /// Adds or replaces a bootstrapped account and records the bootstrap's fingerprint (the first octets of its MAC),
        /// in one commit, so a replay is refused also after a power cut or reboot.
        /// </summary>
        /// <param name="account">The account.</param>
        /// <param name="mac">Holds the bootstrap's verified MAC.</param>
        /// <param name="macOffset">Where it starts.</param>
        /// <returns>None when committed; InvalidValue, or IoError (nothing changed).</returns>
        public StoreReason AddOrReplace(AccountRecord account, byte[] mac, int macOffset)
        {
            return AddOrReplace(account, mac, macOffset, true);
        }

        /// <summary>Adds an account, or replaces the one with the same server id, and commits.</summary>
        /// <param name="account">The account.</param>
        /// <returns>None when committed; InvalidValue, or IoError (nothing changed).</returns>
        public StoreReason AddOrReplace(AccountRecord account)
        {
            return AddOrReplace(account, null, 0, false);
        }

        private StoreReason AddOrReplace(AccountRecord account, byte[] mac, int macOffset, bool bootstrapped)
        {
            if (account == null || !account.IsValid())
            {
                return StoreReason.InvalidValue;
            }

            lock (_sync)
            {
                StoreReason read = Current(out AccountRecord[] accounts);
                if (read != StoreReason.None)
                {
                    return read;
                }

                int index = StoreCodec.IndexOf(accounts, accounts.Length, account.ServerId);
                AccountRecord[] next;
                if (index >= 0)
                {
                    next = CopyAccounts(accounts, accounts.Length);
                    next[index] = account.Clone();
                }
                else
                {
                    if (accounts.Length >= StoreCodec.MaxAccounts)
                    {
                        return StoreReason.InvalidValue;
                    }

                    next = CopyAccounts(accounts, accounts.Length + 1);
                    next[accounts.Length] = account.Clone();
                }

                // A changed password must not linger in flash: scrub the previous slot too.
                bool passwordChanged = index >= 0 && accounts[index].Password != account.Password;
                byte[] fingerprints = bootstrapped ? BootstrapFingerprints.Add(_bootstrapFingerprints, mac, macOffset) : _bootstrapFingerprints;
                return CommitAccounts(next, _bootstrap, fingerprints, _provisioningCrc, passwordChanged);
            }
        }

        /// <summary>
        /// Removes the account with this server id and commits. Both slots of the accounts record are rewritten, so the
        /// removed account's password does not stay readable in the previous slot.
        /// </summary>
        /// <param name="serverId">Server identifier.</param>
        /// <returns>None when committed; UnknownAccount or IoError (nothing changed).</returns>
        public StoreReason Remove(string serverId)
        {
            lock (_sync)
            {
                StoreReason read = Current(out AccountRecord[] accounts);
                if (read != StoreReason.None)
                {
                    return read;
                }

                int index = StoreCodec.IndexOf(accounts, accounts.Length, serverId);
                if (index < 0)
                {
                    return StoreReason.UnknownAccount;
                }

                var next = new AccountRecord[accounts.Length - 1];
                for (int i = 0, j = 0; i < accounts.Length; i++)
                {
                    if (i != index)
                    {
                        next[j++] = accounts[i];
                    }
                }

                return CommitAccounts(next, _provisioningCrc, true);
            }
        }

        /// <summary>
        /// Replaces the server nonce of an account (the NextNonce of the server's &lt;Chal&gt;) and commits, so the next
        /// trigger, also after a reboot, is verified with it.
        /// </summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="nonceBase64">The new nonce as base64 text.</param>
        /// <returns>None when committed; UnknownAccount, InvalidValue (not base64) or IoError (nothing changed).</returns>
        public StoreReason UpdateNonce(string serverId, string nonceBase64)
        {
            if (!AccountRecord.IsNonce(nonceBase64))
            {
                return StoreReason.InvalidValue;
            }

            lock (_sync)
            {
                StoreReason read = Current(out AccountRecord[] accounts);
                if (read != StoreReason.None)
                {
                    return read;
                }

                int index = StoreCodec.IndexOf(accounts, accounts.Length, serverId);
                if (index < 0)
                {
                    return StoreReason.UnknownAccount;
                }

                AccountRecord[] next = CopyAccounts(accounts, accounts.Length);
                next[index] = accounts[index].Clone();
                next[index].NonceBase64 = nonceBase64;
                return CommitAccounts(next, _provisioningCrc);
            }
        }

        /// <summary>Replaces every account at once (provisioning) and records the provisioning file's CRC, in one commit; the bootstrap settings are kept.</summary>
        /// <param name="accounts">The new accounts (distinct server ids).</param>
        /// <param name="provisioningCrc">CRC-32 of the provisioning file.</param>
        /// <returns>None when committed; InvalidValue or IoError (nothing changed).</returns>
        public StoreReason ReplaceAll(AccountRecord[] accounts, uint provisioningCrc)
        {
            return ReplaceAll(accounts, BootstrapSettings, provisioningCrc);
        }

        /// <summary>
        /// Replaces every account and the bootstrap settings at once (provisioning) and records the provisioning file's
        /// CRC, in one commit. A changed PIN is scrubbed from the previous slot too.
        /// </summary>
        /// <param name="accounts">The new accounts (distinct server ids).</param>
        /// <param name="bootstrap">The bootstrap settings (valid), or null for none.</param>
        /// <param name="provisioningCrc">CRC-32 of the provisioning file.</param>
        /// <returns>None when committed; InvalidValue or IoError (nothing changed).</returns>
        public StoreReason ReplaceAll(AccountRecord[] accounts, BootstrapSettings bootstrap, uint provisioningCrc)
        {
            if (accounts == null || accounts.Length > StoreCodec.MaxAccounts || (bootstrap != null && !bootstrap.IsValid()))
            {
                return StoreReason.InvalidValue;
            }

            var next = new AccountRecord[accounts.Length];
            for (int i = 0; i < accounts.Length; i++)
            {
                if (accounts[i] == null || !accounts[i].IsValid() || StoreCodec.IndexOf(next, i, accounts[i].ServerId) >= 0)
                {
                    return StoreReason.InvalidValue;
                }

                next[i] = accounts[i].Clone();
            }

            lock (_sync)
            {
                string previousPin = _bootstrap == null ? null : _bootstrap.Pin;
                string nextPin = bootstrap == null ? null : bootstrap.Pin;
                return CommitAccounts(next, bootstrap == null ? null : bootstrap.Clone(), _bootstrapFingerprints, provisioningCrc, previousPin != null && previousPin != nextPin);
            }
        }

        /// <summary>
        /// Returns the recently handled sessions (oldest first). After a save or <see cref="ReleaseLoadedRecords"/> the
        /// store holds no copy and reads the record again; when that read fails the result is empty and
        /// <see cref="ReplayHistoryKnown"/> turns false (fail closed).
        /// </summary>
        /// <returns>The sessions.</returns>
        public SessionHistoryEntry[] GetRecentSessions()
        {
            lock (_sync)
            {
                if (_sessions == null)
                {
                    ReadSessions(out SessionHistoryEntry[] read, out ReplayHistoryEntry[] unused, out byte[] retired);
                    return read;
                }

                var copy = new SessionHistoryEntry[_sessions.Length];
                Array.Copy(_sessions, copy, copy.Length);
                return copy;
            }
        }

        /// <summary>
        /// Returns the accepted-trigger histories per key (what keeps replays refused across a reboot). Read again from
        /// the record as <see cref="GetRecentSessions"/> says; a failed read returns none and clears
        /// <see cref="ReplayHistoryKnown"/>.
        /// </summary>
        /// <returns>The histories.</returns>
        public ReplayHistoryEntry[] GetReplayHistory()
        {
            lock (_sync)
            {
                if (_replays == null)
                {
                    ReadSessions(out SessionHistoryEntry[] unused, out ReplayHistoryEntry[] read, out byte[] retired);
                    return read;
                }

                var copy = new ReplayHistoryEntry[_replays.Length];
                Array.Copy(_replays, copy, copy.Length);
                return copy;
            }
        }

        /// <summary>Returns the retired key fingerprints (triggers under them are refused); read again as <see cref="GetReplayHistory"/> says.</summary>
        /// <returns>The fingerprints, concatenated.</returns>
        public byte[] GetRetiredReplayKeys()
        {
            lock (_sync)
            {
                if (_retiredKeys == null)
                {
                    ReadSessions(out SessionHistoryEntry[] unused, out ReplayHistoryEntry[] replays, out byte[] read);
                    return read;
                }

                return (byte[])_retiredKeys.Clone();
            }
        }

        /// <summary>
        /// Drops the records as decoded at <see cref="Open"/> once their readers (the account table and the agent, at
        /// boot) have them: the getters and changes read the records again from flash when needed. A save drops its
        /// record's copy as well. The bootstrap settings and fingerprints stay (a bootstrap is checked against them).
        /// </summary>
        public void ReleaseLoadedRecords()
        {
            lock (_sync)
            {
                _accounts = null;
                _sessions = null;
                _replays = null;
                _retiredKeys = null;
            }
        }

        /// <summary>
        /// Replaces the recently handled sessions and commits, keeping the stored replay history. When more than
        /// <see cref="StoreCodec.MaxRecentSessions"/> are given, the last ones (the newest, by the agent's ordering) are kept.
        /// </summary>
        /// <param name="sessions">The sessions, oldest first.</param>
        /// <returns>None when committed; InvalidValue or IoError (nothing changed).</returns>
        public StoreReason SaveRecentSessions(SessionHistoryEntry[] sessions)
        {
            lock (_sync)
            {
                ReplayHistoryEntry[] replays = _replays;
                byte[] retired = _retiredKeys;
                if (replays == null && ReadSessions(out SessionHistoryEntry[] unused, out replays, out retired) != StoreReason.None)
                {
                    // The stored history could not be read back: writing the sessions without it would forget replays.
                    return StoreReason.IoError;
                }

                return SaveRecentSessions(sessions, replays, retired);
            }
        }

        /// <summary>
        /// Replaces the recently handled sessions and the accepted-trigger histories in one commit (one flash write per
        /// accepted trigger). Sessions beyond <see cref="StoreCodec.MaxRecentSessions"/>: the newest are kept.
        /// </summary>
        /// <param name="sessions">The sessions, oldest first.</param>
        /// <param name="replays">The key histories (at most <see cref="StoreCodec.MaxReplayKeys"/>, lists of at most <see cref="StoreCodec.MaxReplayDigests"/>).</param>
        /// <param name="retiredKeys">The retired key fingerprints (at most <see cref="StoreCodec.MaxRetiredKeys"/>).</param>
        /// <returns>None when committed; InvalidValue or IoError (nothing changed).</returns>
        public StoreReason SaveRecentSessions(SessionHistoryEntry[] sessions, ReplayHistoryEntry[] replays, byte[] retiredKeys)
        {
            if (sessions == null || replays == null || retiredKeys == null)
            {
                return StoreReason.InvalidValue;
            }

            for (int i = 0; i < replays.Length; i++)
            {
                if (replays[i] == null)
                {
                    return StoreReason.InvalidValue;
                }
            }

            int skip = sessions.Length > StoreCodec.MaxRecentSessions ? sessions.Length - StoreCodec.MaxRecentSessions : 0;
            var next = new SessionHistoryEntry[sessions.Length - skip];
            for (int i = 0; i < next.Length; i++)
            {
                SessionHistoryEntry s = sessions[skip + i];
                if (s == null || !IsStorableServerId(s.ServerId) || s.SessionId < 0 || s.SessionId > 0xFFFF)
                {
                    return StoreReason.InvalidValue;
                }

                next[i] = s;
            }

            lock (_sync)
            {
                StoreReason reason;
                _encodeSessions = next;
                _encodeReplays = replays;
                _encodeRetired = retiredKeys;
                try
                {
                    reason = _sessionsRecord.Save(EncodeSessions);
                }
                catch (ArgumentException)
                {
                    return StoreReason.InvalidValue;
                }
                finally
                {
                    _encodeSessions = null;
                    _encodeReplays = null;
                    _encodeRetired = null;
                }

                if (reason == StoreReason.None)
                {
                    // What was saved is on flash; the caller (the agent) holds the live state. No copy is kept.
                    _sessions = null;
                    _replays = null;
                    _retiredKeys = null;
                    ReplayHistoryKnown = true;
                }

                return reason;
            }
        }

        // The sessions record read again (no copy kept): None, NotFound (never saved: empty), or a failure, which returns
        // empty and clears ReplayHistoryKnown, so a host restoring from it fails closed.
        private StoreReason ReadSessions(out SessionHistoryEntry[] sessions, out ReplayHistoryEntry[] replays, out byte[] retired)
        {
            sessions = new SessionHistoryEntry[0];
            replays = new ReplayHistoryEntry[0];
            retired = new byte[0];
            StoreReason reason = _sessionsRecord.ReadCurrent(IsSessionsPayload, out byte[] payload);
            if (reason == StoreReason.None)
            {
                reason = StoreCodec.DecodeSessions(payload, out sessions, out replays, out retired, out bool known);
            }

            if (reason != StoreReason.None && reason != StoreReason.NotFound)
            {
                sessions = new SessionHistoryEntry[0];
                replays = new ReplayHistoryEntry[0];
                retired = new byte[0];
                ReplayHistoryKnown = false;
            }

            return reason == StoreReason.NotFound ? StoreReason.None : reason;
        }

        // What the sessions record reads back: 1..255 UTF-8 bytes. Checked here so a commit never writes a record
        // the next boot refuses (which would drop the replay history with it).
        private static bool IsStorableServerId(string serverId)
        {
            int bytes = Utf8Text.GetByteCount(serverId);
            return bytes > 0 && bytes <= AccountRecord.MaxServerIdBytes;
        }

        private static StoreReason IsAccountsPayload(byte[] payload)
        {
            return StoreCodec.DecodeAccounts(payload, out AccountRecord[] unused, out uint crc);
        }

        private static StoreReason IsSessionsPayload(byte[] payload)
        {
            return StoreCodec.DecodeSessions(payload, out SessionHistoryEntry[] unused);
        }

        private static AccountRecord[] CopyAccounts(AccountRecord[] accounts, int length)
        {
            var next = new AccountRecord[length];
            Array.Copy(accounts, next, accounts.Length < length ? accounts.Length : length);
            return next;
        }

        // The accounts: as loaded, or read again from the record (None; a record never written is none). A record that
        // no longer reads back gives none and IoError, so a change refuses rather than commit from a partial view.
        private StoreReason Current(out AccountRecord[] accounts)
        {
            accounts = _accounts;
            if (accounts != null)
            {
                return StoreReason.None;
            }

            accounts = new AccountRecord[0];
            StoreReason reason = _accountsRecord.ReadCurrent(IsAccountsPayload, out byte[] payload);
            if (reason == StoreReason.NotFound)
            {
                return StoreReason.None;
            }

            if (reason != StoreReason.None || StoreCodec.DecodeAccounts(payload, out accounts, out uint crc) != StoreReason.None)
            {
                accounts = new AccountRecord[0];
                return StoreReason.IoError;
            }

            return StoreReason.None;
        }

        private StoreReason CommitAccounts(AccountRecord[] next, uint provisioningCrc)
        {
            return CommitAccounts(next, _bootstrap, _bootstrapFingerprints, provisioningCrc, false);
        }

        private StoreReason CommitAccounts(AccountRecord[] next, uint provisioningCrc, bool scrubPrevious)
        {
            return CommitAccounts(next, _bootstrap, _bootstrapFingerprints, provisioningCrc, scrubPrevious);
        }

        // scrubPrevious: after the commit, save the same record again so it overwrites the other slot as well, which
        // still held the previous record (a removed account or an old password). Each save is crash-safe on its own; a
        // failed second save leaves the commit in force and only the scrub undone.
        private StoreReason CommitAccounts(AccountRecord[] next, BootstrapSettings bootstrap, byte[] fingerprints, uint provisioningCrc, bool scrubPrevious)
        {
            StoreReason reason;
            _encodeAccounts = next;
            _encodeCrc = provisioningCrc;
            _encodeBootstrap = bootstrap;
            _encodeFingerprints = fingerprints;
            try
            {
                reason = _accountsRecord.Save(EncodeAccounts);
                if (reason == StoreReason.None)
                {
                    _accounts = null; // on flash now; the live table holds the accounts
                    _provisioningCrc = provisioningCrc;
                    _bootstrap = bootstrap;
                    _bootstrapFingerprints = fingerprints;
                    if (scrubPrevious)
                    {
                        _accountsRecord.Save(EncodeAccounts);
                    }
                }
            }
            catch (ArgumentException)
            {
                // A value the reader would refuse: writing it would lose the whole record at the next boot.
                return StoreReason.InvalidValue;
            }
            finally
            {
                _encodeAccounts = null;
                _encodeBootstrap = null;
                _encodeFingerprints = null;
            }

            return reason;
        }

        // The record encoders a streamed save calls (three times each); their inputs are the fields set around the save.
        private void EncodeAccounts(PayloadWriter writer)
        {
            StoreCodec.EncodeAccounts(writer, _encodeAccounts, _encodeCrc, _encodeBootstrap, _encodeFingerprints);
        }

        private void EncodeSessions(PayloadWriter writer)
        {
            StoreCodec.EncodeSessions(writer, _encodeSessions, _encodeReplays, _encodeRetired, ReplayHistoryLost);
        }
    }
}

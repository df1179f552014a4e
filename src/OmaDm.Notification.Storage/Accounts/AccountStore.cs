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
    /// Thread-safe: the two records (<see cref="AccountsFile"/>, <see cref="SessionsFile"/>) share this store's one lock
    /// and its one save buffer.
    /// </summary>
    public sealed class AccountStore
    {
        /// <summary>Base file name of the accounts record.</summary>
        public const string AccountsRecordName = "dmaccounts";

        /// <summary>Base file name of the recent-sessions record.</summary>
        public const string SessionsRecordName = "dmsessions";

        // Sessions plus the keyed replay history: the largest state the agent can hold is about 44 KiB (StoreCodec); a
        // device writes ~1 KiB.
        /// <summary>Largest sessions payload the store writes or reads.</summary>
        public const int MaxSessionsPayload = 64 * 1024;

        private readonly object _sync = new object();
        private readonly AccountsFile _accounts;
        private readonly SessionsFile _sessions;

        /// <summary>Creates a store over a file system; call <see cref="Open"/> next.</summary>
        /// <param name="files">The file system (the device's <c>I:\</c>).</param>
        public AccountStore(IFlashFileSystem files)
        {
            // One save buffer for both records: their saves run under this store's lock, one at a time.
            byte[] chunk = new byte[RecordStore.ChunkLength];
            _accounts = new AccountsFile(files, AccountsRecordName, chunk, _sync);
            _sessions = new SessionsFile(files, SessionsRecordName, MaxSessionsPayload, chunk, _sync);
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
        public bool ReplayHistoryKnown => _sessions.ReplayHistoryKnown;

        /// <summary>
        /// True once a replay history was found lost (at an <see cref="Open"/>, or read from the sessions record, which
        /// keeps it from then on): a key set by an account add, re-provisioning or bootstrap since may have accepted
        /// triggers whose record is gone, so the host retires it at once (only a nonce update makes a trusted key).
        /// </summary>
        public bool ReplayHistoryLost => _sessions.ReplayHistoryLost;

        /// <summary>The accounts record (slot diagnostics).</summary>
        public RecordStore AccountsRecord => _accounts.Record;

        /// <summary>The sessions record (slot diagnostics).</summary>
        public RecordStore SessionsRecord => _sessions.Record;

        /// <summary>CRC-32 of the provisioning file whose accounts were last committed (0 when none).</summary>
        public uint ProvisioningCrc => _accounts.ProvisioningCrc;

        /// <summary>
        /// A copy of the device's bootstrap settings (the provisioned user PIN, methods and overwrite policy), or null when
        /// none were provisioned. Kept in the accounts record, committed with the accounts.
        /// </summary>
        public BootstrapSettings BootstrapSettings => _accounts.BootstrapSettings;

        /// <summary>Number of accounts.</summary>
        public int Count => _accounts.Count;

        /// <summary>
        /// Loads both records, each from its newest valid slot. A record that is missing or unreadable in both slots
        /// starts empty (the reasons are in <see cref="AccountsLoadReason"/> and <see cref="SessionsLoadReason"/>).
        /// </summary>
        /// <returns>The accounts record's reason: None, NotFound (first boot) or the named failure.</returns>
        public StoreReason Open()
        {
            lock (_sync)
            {
                StoreReason accountsReason = _accounts.Open();
                StoreReason sessionsReason = _sessions.Open();
                AccountsLoadReason = accountsReason;
                SessionsLoadReason = sessionsReason;
                return accountsReason;
            }
        }

        /// <summary>Returns copies of all accounts.</summary>
        /// <returns>The accounts.</returns>
        public AccountRecord[] GetAccounts()
        {
            return _accounts.GetAccounts();
        }

        /// <summary>Returns a copy of the account with this server id.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <returns>The account, or null.</returns>
        public AccountRecord Find(string serverId)
        {
            return _accounts.Find(serverId);
        }

        /// <summary>True when a bootstrap with this MAC was accepted (one of the last <see cref="BootstrapFingerprints.Capacity"/>). Allocates nothing.</summary>
        /// <param name="mac">Holds the MAC.</param>
        /// <param name="macOffset">Where it starts.</param>
        /// <returns><c>true</c> for a repeat.</returns>
        public bool WasBootstrapAccepted(byte[] mac, int macOffset)
        {
            return _accounts.WasBootstrapAccepted(mac, macOffset);
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
            return _accounts.AddOrReplace(account, mac, macOffset, true);
        }

        /// <summary>Adds an account, or replaces the one with the same server id, and commits.</summary>
        /// <param name="account">The account.</param>
        /// <returns>None when committed; InvalidValue, or IoError (nothing changed).</returns>
        public StoreReason AddOrReplace(AccountRecord account)
        {
            return _accounts.AddOrReplace(account, null, 0, false);
        }

        /// <summary>
        /// Removes the account with this server id and commits. Both slots of the accounts record are rewritten, so the
        /// removed account's password does not stay readable in the previous slot.
        /// </summary>
        /// <param name="serverId">Server identifier.</param>
        /// <returns>None when committed; UnknownAccount or IoError (nothing changed).</returns>
        public StoreReason Remove(string serverId)
        {
            return _accounts.Remove(serverId);
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
            return _accounts.UpdateNonce(serverId, nonceBase64);
        }

        /// <summary>Replaces every account at once (provisioning) and records the provisioning file's CRC, in one commit; the bootstrap settings are kept.</summary>
        /// <param name="accounts">The new accounts (distinct server ids).</param>
        /// <param name="provisioningCrc">CRC-32 of the provisioning file.</param>
        /// <returns>None when committed; InvalidValue or IoError (nothing changed).</returns>
        public StoreReason ReplaceAll(AccountRecord[] accounts, uint provisioningCrc)
        {
            return _accounts.ReplaceAll(accounts, BootstrapSettings, provisioningCrc);
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
            return _accounts.ReplaceAll(accounts, bootstrap, provisioningCrc);
        }

        /// <summary>
        /// Returns the recently handled sessions (oldest first). After a save or <see cref="ReleaseLoadedRecords"/> the
        /// store holds no copy and reads the record again; when that read fails the result is empty and
        /// <see cref="ReplayHistoryKnown"/> turns false (fail closed).
        /// </summary>
        /// <returns>The sessions.</returns>
        public SessionHistoryEntry[] GetRecentSessions()
        {
            return _sessions.GetRecentSessions();
        }

        /// <summary>
        /// Returns the accepted-trigger histories per key (what keeps replays refused across a reboot). Read again from
        /// the record as <see cref="GetRecentSessions"/> says; a failed read returns none and clears
        /// <see cref="ReplayHistoryKnown"/>.
        /// </summary>
        /// <returns>The histories.</returns>
        public ReplayHistoryEntry[] GetReplayHistory()
        {
            return _sessions.GetReplayHistory();
        }

        /// <summary>Returns the retired key fingerprints (triggers under them are refused); read again as <see cref="GetReplayHistory"/> says.</summary>
        /// <returns>The fingerprints, concatenated.</returns>
        public byte[] GetRetiredReplayKeys()
        {
            return _sessions.GetRetiredReplayKeys();
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
                _accounts.Release();
                _sessions.Release();
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
            return _sessions.Save(sessions);
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
            return _sessions.Save(sessions, replays, retiredKeys);
        }
    }
}

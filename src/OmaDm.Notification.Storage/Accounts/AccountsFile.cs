using System;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Storage.FileSystem;
using OmaDm.Notification.Storage.Records;

namespace OmaDm.Notification.Storage.Accounts
{
    /// <summary>
    /// The accounts record of an <see cref="AccountStore"/>: the server accounts, the bootstrap settings, the accepted
    /// bootstraps' fingerprints and the provisioning file's CRC, in one crash-safe <see cref="RecordStore"/>. Every change
    /// is parse, verify, then commit. Locks the store's lock object, shared with the sessions record; <see cref="Open"/>
    /// expects the caller to hold it.
    /// </summary>
    internal sealed class AccountsFile
    {
        private const int MaxPayload = 32 * 1024;

        private readonly object _sync;
        private readonly RecordStore _record;
        // The accounts as decoded at Open, until the first commit or Release; null: read the record again when needed
        // (the live table holds the accounts; their records here cost ~8 heap blocks each).
        private AccountRecord[] _accounts = new AccountRecord[0];
        private AccountRecord[] _encodeAccounts;
        private uint _encodeCrc;
        private BootstrapSettings _encodeBootstrap;
        private byte[] _encodeFingerprints;
        private uint _provisioningCrc;
        private BootstrapSettings _bootstrap;
        private byte[] _bootstrapFingerprints = new byte[0];

        /// <summary>Creates the record's part of a store.</summary>
        /// <param name="files">The file system.</param>
        /// <param name="name">Base file name of the record.</param>
        /// <param name="chunk">The save buffer shared with the sessions record (saves run one at a time under <paramref name="sync"/>).</param>
        /// <param name="sync">The store's lock object.</param>
        internal AccountsFile(IFlashFileSystem files, string name, byte[] chunk, object sync)
        {
            _sync = sync;
            _record = new RecordStore(files, name, MaxPayload, chunk);
        }

        /// <summary>The record (slot diagnostics).</summary>
        internal RecordStore Record => _record;

        /// <summary>CRC-32 of the provisioning file whose accounts were last committed (0 when none).</summary>
        internal uint ProvisioningCrc
        {
            get
            {
                lock (_sync)
                {
                    return _provisioningCrc;
                }
            }
        }

        /// <summary>A copy of the bootstrap settings, or null when none were provisioned.</summary>
        internal BootstrapSettings BootstrapSettings
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
        internal int Count
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

        /// <summary>Loads the record from its newest valid slot (empty when missing or unreadable); the caller holds the lock.</summary>
        /// <returns>None, NotFound (first boot) or the named failure.</returns>
        internal StoreReason Open()
        {
            StoreReason reason = _record.Load(IsAccountsPayload, out byte[] payload);
            AccountRecord[] accounts = new AccountRecord[0];
            uint crc = 0;
            BootstrapSettings bootstrap = null;
            byte[] fingerprints = new byte[0];
            if (reason == StoreReason.None)
            {
                StoreCodec.DecodeAccounts(payload, out accounts, out crc, out bootstrap, out fingerprints);
            }

            _accounts = accounts;
            _provisioningCrc = crc;
            _bootstrap = bootstrap;
            _bootstrapFingerprints = fingerprints;
            return reason;
        }

        /// <summary>Returns copies of all accounts.</summary>
        /// <returns>The accounts.</returns>
        internal AccountRecord[] GetAccounts()
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

        /// <summary>Returns a copy of the account with this server id, or null.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <returns>The account, or null.</returns>
        internal AccountRecord Find(string serverId)
        {
            lock (_sync)
            {
                Current(out AccountRecord[] accounts);
                int index = StoreCodec.IndexOf(accounts, accounts.Length, serverId);
                return index < 0 ? null : accounts[index].Clone();
            }
        }

        /// <summary>True when a bootstrap with this MAC was accepted. Allocates nothing.</summary>
        /// <param name="mac">Holds the MAC.</param>
        /// <param name="macOffset">Where it starts.</param>
        /// <returns><c>true</c> for a repeat.</returns>
        internal bool WasBootstrapAccepted(byte[] mac, int macOffset)
        {
            lock (_sync)
            {
                return BootstrapFingerprints.Contains(_bootstrapFingerprints, mac, macOffset);
            }
        }

        /// <summary>Adds or replaces an account and commits; a bootstrapped one records its fingerprint in the same commit.</summary>
        /// <param name="account">The account.</param>
        /// <param name="mac">Holds the bootstrap's verified MAC (bootstrapped only).</param>
        /// <param name="macOffset">Where it starts.</param>
        /// <param name="bootstrapped">Whether a bootstrap delivered the account.</param>
        /// <returns>None when committed; InvalidValue, or IoError (nothing changed).</returns>
        internal StoreReason AddOrReplace(AccountRecord account, byte[] mac, int macOffset, bool bootstrapped)
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
                return Commit(next, _bootstrap, fingerprints, _provisioningCrc, passwordChanged);
            }
        }

        /// <summary>Removes the account with this server id and commits, rewriting both slots.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <returns>None when committed; UnknownAccount or IoError (nothing changed).</returns>
        internal StoreReason Remove(string serverId)
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

                return Commit(next, _bootstrap, _bootstrapFingerprints, _provisioningCrc, true);
            }
        }

        /// <summary>Replaces the server nonce of an account and commits.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="nonceBase64">The new nonce as base64 text.</param>
        /// <returns>None when committed; UnknownAccount, InvalidValue (not base64) or IoError (nothing changed).</returns>
        internal StoreReason UpdateNonce(string serverId, string nonceBase64)
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
                return Commit(next, _bootstrap, _bootstrapFingerprints, _provisioningCrc, false);
            }
        }

        /// <summary>Replaces every account and the bootstrap settings and records the provisioning CRC, in one commit.</summary>
        /// <param name="accounts">The new accounts (distinct server ids).</param>
        /// <param name="bootstrap">The bootstrap settings (valid), or null for none.</param>
        /// <param name="provisioningCrc">CRC-32 of the provisioning file.</param>
        /// <returns>None when committed; InvalidValue or IoError (nothing changed).</returns>
        internal StoreReason ReplaceAll(AccountRecord[] accounts, BootstrapSettings bootstrap, uint provisioningCrc)
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
                return Commit(next, bootstrap == null ? null : bootstrap.Clone(), _bootstrapFingerprints, provisioningCrc, previousPin != null && previousPin != nextPin);
            }
        }

        /// <summary>Drops the accounts as decoded at <see cref="Open"/> (read again when needed); the caller holds the lock.</summary>
        internal void Release()
        {
            _accounts = null;
        }

        private static StoreReason IsAccountsPayload(byte[] payload)
        {
            return StoreCodec.DecodeAccounts(payload, out AccountRecord[] unused, out uint crc);
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
            StoreReason reason = _record.ReadCurrent(IsAccountsPayload, out byte[] payload);
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

        // scrubPrevious: after the commit, save the same record again so it overwrites the other slot as well, which
        // still held the previous record (a removed account or an old password). Each save is crash-safe on its own; a
        // failed second save leaves the commit in force and only the scrub undone.
        private StoreReason Commit(AccountRecord[] next, BootstrapSettings bootstrap, byte[] fingerprints, uint provisioningCrc, bool scrubPrevious)
        {
            StoreReason reason;
            _encodeAccounts = next;
            _encodeCrc = provisioningCrc;
            _encodeBootstrap = bootstrap;
            _encodeFingerprints = fingerprints;
            try
            {
                reason = _record.Save(Encode);
                if (reason == StoreReason.None)
                {
                    _accounts = null; // on flash now; the live table holds the accounts
                    _provisioningCrc = provisioningCrc;
                    _bootstrap = bootstrap;
                    _bootstrapFingerprints = fingerprints;
                    if (scrubPrevious)
                    {
                        _record.Save(Encode);
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

        // The encoder a streamed save calls (three times); its inputs are the fields set around the save.
        private void Encode(PayloadWriter writer)
        {
            StoreCodec.EncodeAccounts(writer, _encodeAccounts, _encodeCrc, _encodeBootstrap, _encodeFingerprints);
        }
    }
}

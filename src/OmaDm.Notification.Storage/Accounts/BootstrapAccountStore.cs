using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Storage.Records;

namespace OmaDm.Notification.Storage.Accounts
{
    /// <summary>
    /// Commits a bootstrapped account: first to the <see cref="AccountStore"/> (its crash-safe two-slot commit), then to
    /// the live <see cref="AccountTable"/>, so the account survives a reboot before it is used, and a failed write leaves
    /// both unchanged.
    /// </summary>
    /// <remarks>
    /// What is stored is what package #0 needs: the server id, the server password and the server nonce (resync off, hex
    /// session ids, as an account added without options). The client credentials and the server address are reported with
    /// the bootstrap (<c>BootstrapReport.Account</c>) but not kept by this store: the account record has no fields for
    /// them yet.
    /// </remarks>
    public sealed class BootstrapAccountStore : IBootstrapStore
    {
        private readonly AccountStore _store;
        private readonly AccountTable _accounts;

        /// <summary>Creates the committer.</summary>
        /// <param name="store">The opened account store.</param>
        /// <param name="accounts">The agent's live accounts.</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public BootstrapAccountStore(AccountStore store, AccountTable accounts)
        {
            if (store == null)
            {
                throw new System.ArgumentNullException(nameof(store));
            }

            if (accounts == null)
            {
                throw new System.ArgumentNullException(nameof(accounts));
            }

            _store = store;
            _accounts = accounts;
        }

        /// <inheritdoc/>
        public bool WasAccepted(byte[] mac, int macOffset)
        {
            return _store.WasBootstrapAccepted(mac, macOffset);
        }

        /// <inheritdoc/>
        public ReasonCode Commit(BootstrapAccount account, bool allowOverwrite, byte[] mac, int macOffset)
        {
            if (account == null)
            {
                throw new System.ArgumentNullException(nameof(account));
            }

            var record = new AccountRecord(account.ServerId, account.ServerPassword, account.ServerNonceBase64 == null ? string.Empty : account.ServerNonceBase64, ResyncPolicy.Off);
            if (!record.IsValid())
            {
                return ReasonCode.BootstrapMalformed;
            }

            bool held = _store.Find(record.ServerId) != null;
            if (held && !allowOverwrite)
            {
                return ReasonCode.BootstrapAccountExists;
            }

            if (!held && _store.Count >= StoreCodec.MaxAccounts)
            {
                return ReasonCode.BootstrapStoreFull;
            }

            // Stored first: an account that is live but not stored would vanish at the next reboot.
            // The fingerprint in the same commit: an account stored without it could be rolled back by a replay.
            if (_store.AddOrReplace(record, mac, macOffset) != StoreReason.None)
            {
                return ReasonCode.BootstrapStoreFull;
            }

            _accounts.AddOrReplace(record.ToServerAccount());
            return ReasonCode.None;
        }
    }
}

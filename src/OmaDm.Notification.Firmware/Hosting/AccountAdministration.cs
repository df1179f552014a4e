using System;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.Records;

namespace OmaDm.Notification.Firmware.Hosting
{
    /// <summary>
    /// The account changes of <see cref="NotificationService"/>: each is persisted first, then applied to the live table,
    /// so the next trigger and every trigger after a reboot see the same value; after a lost replay history, an account
    /// set by an add, provisioning, a bootstrap or another writer has its current keys retired.
    /// </summary>
    internal sealed class AccountAdministration
    {
        private readonly AccountStore _store;
        private readonly AccountTable _accounts;
        private readonly LogHandler _write;

        internal AccountAdministration(AccountStore store, AccountTable accounts, LogHandler write)
        {
            _store = store;
            _accounts = accounts;
            _write = write;
        }

        // Set at boot, once the agent exists: before that there is no history to retire keys in.
        internal NotificationAgent Agent { get; set; }

        internal StoreReason UpdateServerNonce(string serverId, string nonceBase64)
        {
            // The store validates before it commits, with the core's rule, so a committed nonce is one the live
            // account accepts too.
            StoreReason reason = _store.UpdateNonce(serverId, nonceBase64);
            if (reason == StoreReason.None)
            {
                ServerAccount live = _accounts.Find(serverId);
                if (live == null || !live.TrySetNonce(nonceBase64))
                {
                    Load(_store.Find(serverId));
                }
            }

            return reason;
        }

        internal StoreReason AddOrReplace(AccountRecord account)
        {
            StoreReason reason = _store.AddOrReplace(account);
            if (reason == StoreReason.None)
            {
                // Retired before it goes live, so no trigger slips in between.
                if (account.Problem() == null)
                {
                    RetireIfHistoryLost(account.ToServerAccount());
                }

                // The replay history is keyed by (server id, password, nonce): a changed password starts new keys, and the
                // old ones are kept in case it comes back; nothing to forget.
                Load(account);
            }

            return reason;
        }

        internal StoreReason Remove(string serverId)
        {
            StoreReason reason = _store.Remove(serverId);
            if (reason == StoreReason.None)
            {
                _accounts.Remove(serverId); // its replay history stays: re-adding it finds it
            }

            return reason;
        }

        internal StoreReason Reload()
        {
            StoreReason opened = _store.Open();
            if (opened != StoreReason.None)
            {
                _write("store: accounts not reloaded: " + StoreReasonText.ToKebabCase(opened));
                return opened;
            }

            AccountRecord[] records = _store.GetAccounts();
            _store.ReleaseLoadedRecords();
            ServerAccount[] live = _accounts.ToArray();
            for (int i = 0; i < live.Length; i++)
            {
                bool kept = false;
                for (int j = 0; j < records.Length && !kept; j++)
                {
                    kept = records[j].ServerId == live[i].ServerId;
                }

                if (!kept)
                {
                    _accounts.Remove(live[i].ServerId);
                }
            }

            for (int i = 0; i < records.Length; i++)
            {
                ServerAccount next = records[i].ToServerAccount();
                ServerAccount current = _accounts.Find(next.ServerId);
                if (current == null || current.Password != next.Password || current.NonceBase64 != next.NonceBase64)
                {
                    RetireIfHistoryLost(next); // set by another writer: not a nonce update this service made
                }

                _accounts.AddOrReplace(next);
            }

            return opened;
        }

        // One account the store holds but this firmware refuses (a value an older firmware let through) is skipped and
        // named; the others start. The DM session layer can repair it with UpdateServerNonce or AddOrReplaceAccount.
        internal void Load(AccountRecord record)
        {
            string problem = record.Problem();
            if (problem == null)
            {
                try
                {
                    _accounts.AddOrReplace(record.ToServerAccount());
                    return;
                }
                catch (ArgumentException ex)
                {
                    problem = ex.Message;
                }
            }

            _write("store: account '" + record.ServerId + "' skipped: " + problem);
        }

        // After a lost replay history (ReplayHistoryLost, kept in the sessions record), an account set by an add,
        // re-provisioning or bootstrap is not trusted: its current keys are retired and saved at once. Only a nonce update
        // (UpdateServerNonce) or a new password makes keys that are trusted again.
        internal void RetireIfHistoryLost(ServerAccount account)
        {
            NotificationAgent agent = Agent;
            if (agent == null || account == null || !_store.ReplayHistoryLost)
            {
                return;
            }

            agent.RetireCurrentKeys(account);
            _write("store: account " + account.ServerId + " set after the replay history was lost: refused (replay-history-unavailable) until the server sets a new nonce");
            agent.SaveHistory();
        }
    }
}

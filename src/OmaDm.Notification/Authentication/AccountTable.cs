using System;
using System.Collections;

namespace OmaDm.Notification.Authentication
{
    /// <summary>
    /// The provisioned server accounts, looked up by the raw server-identifier bytes of a trigger so an unknown server is
    /// rejected without decoding text or hashing anything. Thread-safe for one writer and concurrent readers.
    /// </summary>
    /// <remarks>
    /// Copy-on-write: writers (serialized by a lock) publish a new array; readers take the current array reference and
    /// search it without locking or allocating. Lookups are linear, which is right for the handful of accounts a device has.
    /// </remarks>
    public sealed class AccountTable
    {
        private readonly object _writeLock = new object();
        private ServerAccount[] _accounts = new ServerAccount[0];

        /// <summary>Number of accounts.</summary>
        public int Count => _accounts.Length;

        /// <summary>Adds or replaces the account with the same server id.</summary>
        /// <param name="account">The account.</param>
        /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
        public void AddOrReplace(ServerAccount account)
        {
            if (account == null)
            {
                throw new ArgumentNullException(nameof(account));
            }

            lock (_writeLock)
            {
                ServerAccount[] current = _accounts;
                int index = IndexOf(current, account.ServerId);
                ServerAccount[] next;
                if (index >= 0)
                {
                    next = (ServerAccount[])current.Clone();
                    next[index] = account;
                }
                else
                {
                    next = new ServerAccount[current.Length + 1];
                    Array.Copy(current, next, current.Length);
                    next[current.Length] = account;
                }

                _accounts = next;
            }
        }

        /// <summary>
        /// Adds or replaces many accounts in one step, in time linear in the table and the batch (one AddOrReplace per
        /// account copies the table each time: quadratic for a large accounts file). Later entries with the same server
        /// id replace earlier ones.
        /// </summary>
        /// <param name="accounts">The accounts.</param>
        /// <exception cref="ArgumentNullException"><paramref name="accounts"/> or one of its entries is null.</exception>
        public void AddOrReplaceAll(ServerAccount[] accounts)
        {
            if (accounts == null)
            {
                throw new ArgumentNullException(nameof(accounts));
            }

            lock (_writeLock)
            {
                ServerAccount[] current = _accounts;
                var index = new Hashtable(current.Length + accounts.Length);
                var merged = new ServerAccount[current.Length + accounts.Length];
                int count = 0;
                for (int i = 0; i < current.Length; i++)
                {
                    index[current[i].ServerId] = count;
                    merged[count++] = current[i];
                }

                for (int i = 0; i < accounts.Length; i++)
                {
                    ServerAccount account = accounts[i];
                    if (account == null)
                    {
                        throw new ArgumentNullException(nameof(accounts));
                    }

                    object at = index[account.ServerId];
                    if (at != null)
                    {
                        merged[(int)at] = account;
                    }
                    else
                    {
                        index[account.ServerId] = count;
                        merged[count++] = account;
                    }
                }

                var next = new ServerAccount[count];
                Array.Copy(merged, next, count);
                _accounts = next;
            }
        }

        /// <summary>Removes the account with this server id.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <returns><c>true</c> if one was removed.</returns>
        public bool Remove(string serverId)
        {
            lock (_writeLock)
            {
                ServerAccount[] current = _accounts;
                int index = IndexOf(current, serverId);
                if (index < 0)
                {
                    return false;
                }

                ServerAccount[] next = new ServerAccount[current.Length - 1];
                Array.Copy(current, 0, next, 0, index);
                Array.Copy(current, index + 1, next, index, current.Length - index - 1);
                _accounts = next;
                return true;
            }
        }

        /// <summary>Finds an account by server id text.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <returns>The account, or null.</returns>
        public ServerAccount Find(string serverId)
        {
            ServerAccount[] current = _accounts;
            int index = IndexOf(current, serverId);
            return index < 0 ? null : current[index];
        }

        /// <summary>Finds an account by the UTF-8 bytes of its server id, without allocating.</summary>
        /// <param name="buffer">Buffer holding the id.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The account, or null.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public ServerAccount Find(byte[] buffer, int offset, int count)
        {
            Buffers.ByteReader.CheckRange(buffer, offset, count);
            ServerAccount[] current = _accounts;
            for (int i = 0; i < current.Length; i++)
            {
                if (current[i].ServerIdEquals(buffer, offset, count))
                {
                    return current[i];
                }
            }

            return null;
        }

        /// <summary>Returns the accounts as an array (a snapshot).</summary>
        /// <returns>The accounts.</returns>
        public ServerAccount[] ToArray()
        {
            return (ServerAccount[])_accounts.Clone();
        }

        private static int IndexOf(ServerAccount[] accounts, string serverId)
        {
            for (int i = 0; i < accounts.Length; i++)
            {
                if (accounts[i].ServerId == serverId)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}

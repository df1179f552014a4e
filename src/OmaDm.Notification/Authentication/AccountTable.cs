using System;

namespace OmaDm.Notification.Authentication
{
    /// <summary>
    /// The provisioned server accounts, looked up by the raw server-identifier bytes of a trigger so an unknown server is
    /// rejected without decoding text or hashing anything. Thread-safe for one writer and concurrent readers.
    /// </summary>
    public sealed class AccountTable
    {
        /// <summary>Number of accounts.</summary>
        public int Count => throw new NotImplementedException();

        /// <summary>Adds or replaces the account with the same server id.</summary>
        /// <param name="account">The account.</param>
        public void AddOrReplace(ServerAccount account)
        {
            throw new NotImplementedException();
        }

        /// <summary>Removes the account with this server id.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <returns><c>true</c> if one was removed.</returns>
        public bool Remove(string serverId)
        {
            throw new NotImplementedException();
        }

        /// <summary>Finds an account by server id text.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <returns>The account, or null.</returns>
        public ServerAccount Find(string serverId)
        {
            throw new NotImplementedException();
        }

        /// <summary>Finds an account by the UTF-8 bytes of its server id, without allocating.</summary>
        /// <param name="buffer">Buffer holding the id.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The account, or null.</returns>
        public ServerAccount Find(byte[] buffer, int offset, int count)
        {
            throw new NotImplementedException();
        }

        /// <summary>Returns the accounts as an array (a snapshot).</summary>
        /// <returns>The accounts.</returns>
        public ServerAccount[] ToArray()
        {
            throw new NotImplementedException();
        }
    }
}

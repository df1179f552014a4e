using System;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// The triggers one account accepted while its current nonces were in force, as the agent hands them to persistent
    /// storage so a replay stays refused across a reboot (<see cref="NotificationAgent.GetReplayHistory"/>). Each trigger
    /// is remembered by the first <see cref="DigestPrefixLength"/> octets of its digest: a later trigger with the same
    /// prefix is a replay (a different genuine trigger shares it with probability 2^-64).
    /// </summary>
    /// <remarks>
    /// Two lists: triggers signed with the stored server nonce (or its base64 text), valid only while
    /// <see cref="NonceBase64"/> is the account's nonce; and triggers signed with a resynchronisation nonce
    /// (OMA-TS-DM_Notification 5.1), which never changes, so they stay refused until the password changes. Neither holds
    /// a secret: digests and nonces travel in clear.
    /// </remarks>
    public sealed class ReplayHistoryEntry
    {
        /// <summary>Octets of a digest remembered per accepted trigger.</summary>
        public const int DigestPrefixLength = 8;

        /// <summary>Creates an entry.</summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="nonceBase64">The stored nonce (base64 text) the first list was accepted under.</param>
        /// <param name="storedNonceDigests">Digest prefixes accepted under that nonce, <see cref="DigestPrefixLength"/> octets each.</param>
        /// <param name="resyncDigests">Digest prefixes accepted under a resynchronisation nonce.</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">A list is not a whole number of prefixes.</exception>
        public ReplayHistoryEntry(string serverId, string nonceBase64, byte[] storedNonceDigests, byte[] resyncDigests)
        {
            if (serverId == null || nonceBase64 == null || storedNonceDigests == null || resyncDigests == null)
            {
                throw new ArgumentNullException(serverId == null ? "serverId" : nonceBase64 == null ? "nonceBase64" : storedNonceDigests == null ? "storedNonceDigests" : "resyncDigests");
            }

            if (storedNonceDigests.Length % DigestPrefixLength != 0 || resyncDigests.Length % DigestPrefixLength != 0)
            {
                throw new ArgumentException("not a whole number of digest prefixes");
            }

            ServerId = serverId;
            NonceBase64 = nonceBase64;
            StoredNonceDigests = storedNonceDigests;
            ResyncDigests = resyncDigests;
        }

        /// <summary>The server identifier.</summary>
        public string ServerId { get; }

        /// <summary>The stored nonce the <see cref="StoredNonceDigests"/> were accepted under, as base64 text.</summary>
        public string NonceBase64 { get; }

        /// <summary>Digest prefixes of triggers accepted under the stored nonce, concatenated.</summary>
        public byte[] StoredNonceDigests { get; }

        /// <summary>Digest prefixes of triggers accepted under a resynchronisation nonce, concatenated.</summary>
        public byte[] ResyncDigests { get; }
    }
}

using System;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// The triggers accepted under one verification key, as the agent hands them to persistent storage so a replay stays
    /// refused across a reboot (<see cref="NotificationAgent.GetReplayHistory"/>). The key is a fingerprint of what a
    /// digest verifies under (server id, password and nonce bytes: the first <see cref="KeyLength"/> octets of
    /// <c>H(B64(H(serverId:password)) ":" nonce)</c>), not the account, so the history outlives account removal and
    /// finds a nonce or password that comes back. Each trigger is remembered by the first
    /// <see cref="DigestPrefixLength"/> octets of its digest: a later trigger with the same prefix is a replay (a different
    /// genuine trigger shares it with probability 2^-64).
    /// </summary>
    /// <remarks>Holds no secret: the fingerprint is one more hash over the credential hash a digest already depends on.</remarks>
    public sealed class ReplayHistoryEntry
    {
        /// <summary>Octets of a digest remembered per accepted trigger.</summary>
        public const int DigestPrefixLength = 8;

        /// <summary>Octets of a key fingerprint.</summary>
        public const int KeyLength = 8;

        /// <summary>Creates an entry.</summary>
        /// <param name="key">The key fingerprint, <see cref="KeyLength"/> octets.</param>
        /// <param name="resync">True when the key's nonce is a resynchronisation nonce (kept longest when slots run out).</param>
        /// <param name="digests">Digest prefixes accepted under it, <see cref="DigestPrefixLength"/> octets each, oldest first.</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">The key has the wrong length or the list is not a whole number of prefixes.</exception>
        public ReplayHistoryEntry(byte[] key, bool resync, byte[] digests)
        {
            if (key == null || digests == null)
            {
                throw new ArgumentNullException(key == null ? nameof(key) : nameof(digests));
            }

            if (key.Length != KeyLength || digests.Length % DigestPrefixLength != 0)
            {
                throw new ArgumentException("bad key length or not a whole number of digest prefixes");
            }

            Key = key;
            IsResync = resync;
            Digests = digests;
        }

        /// <summary>The key fingerprint.</summary>
        public byte[] Key { get; }

        /// <summary>True when the key's nonce is a resynchronisation nonce (OMA-TS-DM_Notification 5.1).</summary>
        public bool IsResync { get; }

        /// <summary>Digest prefixes of triggers accepted under the key, concatenated, oldest first.</summary>
        public byte[] Digests { get; }
    }
}

namespace OmaDm.Notification.Bootstrap
{
    /// <summary>
    /// Where an authenticated bootstrap's account goes: persistent storage with a crash-safe commit, then the live
    /// account table, so the next package #0 of that server verifies. Implemented outside the core (the storage project);
    /// the core only calls it after the MAC verified and the document decoded.
    /// </summary>
    public interface IBootstrapStore
    {
        /// <summary>
        /// Commits <paramref name="account"/> (its server id, server password and server nonce at least). Either the
        /// whole account is stored and live afterwards, or nothing changed (a power cut mid-write leaves the previous
        /// accounts).
        /// </summary>
        /// <param name="account">The decoded account; read during the call only.</param>
        /// <param name="allowOverwrite">Replace an account with the same server id; otherwise such a bootstrap is refused.</param>
        /// <param name="mac">Holds the bootstrap's verified MAC: its fingerprint is kept in the same commit as the account.</param>
        /// <param name="macOffset">Where the MAC starts.</param>
        /// <returns>
        /// <see cref="ReasonCode.None"/> when committed; <see cref="ReasonCode.BootstrapAccountExists"/> when the server id
        /// is held and overwriting is off; <see cref="ReasonCode.BootstrapStoreFull"/> when the store is at its account limit
        /// or could not be written; <see cref="ReasonCode.BootstrapMalformed"/> when a value is one the store refuses (a
        /// nonce that is not base64, a text over its length limit).
        /// </returns>
        ReasonCode Commit(BootstrapAccount account, bool allowOverwrite, byte[] mac, int macOffset);

        /// <summary>
        /// True when a bootstrap with this MAC was accepted before (its fingerprint, the MAC's first
        /// <see cref="BootstrapFingerprints.Length"/> octets, is among the last ones the store keeps). Allocates nothing.
        /// </summary>
        /// <param name="mac">Holds the verified MAC.</param>
        /// <param name="macOffset">Where it starts.</param>
        /// <returns><c>true</c> for a repeat.</returns>
        bool WasAccepted(byte[] mac, int macOffset);
    }
}

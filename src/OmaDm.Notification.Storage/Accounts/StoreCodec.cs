using System;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Storage.Accounts
{
    /// <summary>
    /// The compact binary payloads of the two records (no JSON on the device). Decoding is bounds-checked and checks the
    /// structure (lengths, flags, distinct server ids), so a payload that is not laid out as <c>Encode*</c> writes it is
    /// refused as a whole; the values of each account are checked per account by whoever uses them
    /// (<see cref="AccountRecord.Problem"/>), so one bad account never takes the others down with it.
    /// </summary>
    /// <remarks>
    /// Accounts payload (big-endian; str = 16-bit length + UTF-8):
    /// <code>
    /// u8 payload version (1) | u32 CRC-32 of the applied provisioning file (0 = none) | u8 count |
    /// count x { str serverId | str password | str nonceBase64 | u8 resync | u8 sessionIdFormat | u8 flags (bit 0 TryStoredNonceText) }
    /// </code>
    /// Recent-sessions payload (version 1 ends after the sessions; version 2 adds the accepted-trigger history that keeps
    /// replays refused across reboots, see <see cref="ReplayHistoryEntry"/>):
    /// <code>
    /// u8 payload version (2) | u16 count | count x { str serverId | u16 sessionId | i64 receivedUtc ticks } |
    /// u8 accounts | accounts x { str serverId | str nonceBase64 | u8 n | n x 8 octets stored-nonce digests |
    ///                            u8 m | m x 8 octets resync digests }
    /// </code>
    /// </remarks>
    public static class StoreCodec
    {
        /// <summary>The payload version written.</summary>
        public const int PayloadVersion = 1;

        /// <summary>Most accounts a store holds.</summary>
        public const int MaxAccounts = 16;

        /// <summary>Most recent sessions a store holds.</summary>
        public const int MaxRecentSessions = 64;

        /// <summary>The recent-sessions payload version written (with the replay history).</summary>
        public const int SessionsPayloadVersion = 2;

        /// <summary>Most accounts with a replay history a store holds.</summary>
        public const int MaxReplayAccounts = MaxAccounts;

        /// <summary>Most digests per replay list (the agent's largest capacity).</summary>
        public const int MaxReplayDigests = 64;

        private const int SessionsPayloadVersionWithoutReplays = 1;

        private const int FlagTryStoredNonceText = 0x01;
        private const int KnownFlags = FlagTryStoredNonceText;

        /// <summary>Encodes the accounts record.</summary>
        /// <param name="accounts">The accounts (valid, at most <see cref="MaxAccounts"/>).</param>
        /// <param name="provisioningCrc">CRC-32 of the provisioning file last applied.</param>
        /// <returns>The payload writer holding the bytes.</returns>
        /// <exception cref="ArgumentException">A string is above the bound <see cref="DecodeAccounts"/> reads, or has no UTF-8 form.</exception>
        public static PayloadWriter EncodeAccounts(AccountRecord[] accounts, uint provisioningCrc)
        {
            var writer = new PayloadWriter(64 + accounts.Length * 96);
            writer.WriteByte(PayloadVersion);
            writer.WriteUInt32(provisioningCrc);
            writer.WriteByte(accounts.Length);
            foreach (AccountRecord account in accounts)
            {
                writer.WriteString(account.ServerId, AccountRecord.MaxServerIdBytes);
                writer.WriteString(account.Password, AccountRecord.MaxSecretBytes);
                writer.WriteString(account.NonceBase64, AccountRecord.MaxSecretBytes);
                writer.WriteByte((int)account.Resync);
                writer.WriteByte((int)account.SessionIdFormat);
                writer.WriteByte(account.TryStoredNonceText ? FlagTryStoredNonceText : 0);
            }

            return writer;
        }

        /// <summary>Decodes the accounts record.</summary>
        /// <param name="payload">The payload.</param>
        /// <param name="accounts">The accounts, or null on failure.</param>
        /// <param name="provisioningCrc">The provisioning CRC.</param>
        /// <returns><see cref="StoreReason.None"/>, <see cref="StoreReason.InvalidUtf8"/> or <see cref="StoreReason.BadPayload"/>.</returns>
        public static StoreReason DecodeAccounts(byte[] payload, out AccountRecord[] accounts, out uint provisioningCrc)
        {
            accounts = null;
            provisioningCrc = 0;
            var reader = new PayloadReader(payload, 0, payload.Length);
            if (!reader.TryReadByte(out int version) || version != PayloadVersion
                || !reader.TryReadUInt32(out uint crc) || !reader.TryReadByte(out int count) || count > MaxAccounts)
            {
                return StoreReason.BadPayload;
            }

            var result = new AccountRecord[count];
            for (int i = 0; i < count; i++)
            {
                if (!reader.TryReadString(AccountRecord.MaxServerIdBytes, out string serverId)
                    || !reader.TryReadString(AccountRecord.MaxSecretBytes, out string password)
                    || !reader.TryReadString(AccountRecord.MaxSecretBytes, out string nonce)
                    || !reader.TryReadByte(out int resync)
                    || !reader.TryReadByte(out int format)
                    || !reader.TryReadByte(out int flags)
                    || (flags & ~KnownFlags) != 0)
                {
                    return reader.InvalidText ? StoreReason.InvalidUtf8 : StoreReason.BadPayload;
                }

                var account = new AccountRecord(serverId, password, nonce, (ResyncPolicy)resync);
                account.SessionIdFormat = (SessionIdFormat)format;
                account.TryStoredNonceText = (flags & FlagTryStoredNonceText) != 0;
                // Values are not judged here: a record whose one account holds a value this firmware refuses (a nonce
                // an older firmware let through) still loads, and the boot skips that account, not all of them.
                if (IndexOf(result, i, serverId) >= 0)
                {
                    return StoreReason.BadPayload;
                }

                result[i] = account;
            }

            if (reader.Remaining != 0)
            {
                return StoreReason.BadPayload;
            }

            accounts = result;
            provisioningCrc = crc;
            return StoreReason.None;
        }

        /// <summary>Encodes the recent-sessions record without a replay history.</summary>
        /// <param name="sessions">The sessions (at most <see cref="MaxRecentSessions"/>).</param>
        /// <returns>The payload writer holding the bytes.</returns>
        public static PayloadWriter EncodeSessions(SessionHistoryEntry[] sessions)
        {
            return EncodeSessions(sessions, new ReplayHistoryEntry[0]);
        }

        /// <summary>Encodes the recent-sessions record with the accepted-trigger history.</summary>
        /// <param name="sessions">The sessions (at most <see cref="MaxRecentSessions"/>).</param>
        /// <param name="replays">The histories (at most <see cref="MaxReplayAccounts"/>, lists of at most <see cref="MaxReplayDigests"/>).</param>
        /// <returns>The payload writer holding the bytes.</returns>
        /// <exception cref="ArgumentException">A bound is exceeded.</exception>
        public static PayloadWriter EncodeSessions(SessionHistoryEntry[] sessions, ReplayHistoryEntry[] replays)
        {
            if (replays.Length > MaxReplayAccounts)
            {
                throw new ArgumentException("replays");
            }

            var writer = new PayloadWriter(8 + sessions.Length * 32 + replays.Length * 64);
            writer.WriteByte(SessionsPayloadVersion);
            writer.WriteUInt16(sessions.Length);
            foreach (SessionHistoryEntry session in sessions)
            {
                writer.WriteString(session.ServerId);
                writer.WriteUInt16(session.SessionId);
                writer.WriteInt64(session.ReceivedUtc.Ticks);
            }

            writer.WriteByte(replays.Length);
            foreach (ReplayHistoryEntry replay in replays)
            {
                writer.WriteString(replay.ServerId);
                writer.WriteString(replay.NonceBase64);
                WriteDigests(writer, replay.StoredNonceDigests);
                WriteDigests(writer, replay.ResyncDigests);
            }

            return writer;
        }

        /// <summary>Decodes the recent-sessions record, ignoring any replay history.</summary>
        /// <param name="payload">The payload.</param>
        /// <param name="sessions">The sessions, or null on failure.</param>
        /// <returns><see cref="StoreReason.None"/> or <see cref="StoreReason.BadPayload"/>.</returns>
        public static StoreReason DecodeSessions(byte[] payload, out SessionHistoryEntry[] sessions)
        {
            return DecodeSessions(payload, out sessions, out ReplayHistoryEntry[] unused);
        }

        /// <summary>Decodes the recent-sessions record (version 1: no replay history, version 2: with it).</summary>
        /// <param name="payload">The payload.</param>
        /// <param name="sessions">The sessions, or null on failure.</param>
        /// <param name="replays">The accepted-trigger histories (empty for version 1), or null on failure.</param>
        /// <returns><see cref="StoreReason.None"/> or <see cref="StoreReason.BadPayload"/>.</returns>
        public static StoreReason DecodeSessions(byte[] payload, out SessionHistoryEntry[] sessions, out ReplayHistoryEntry[] replays)
        {
            sessions = null;
            replays = null;
            var reader = new PayloadReader(payload, 0, payload.Length);
            if (!reader.TryReadByte(out int version)
                || (version != SessionsPayloadVersionWithoutReplays && version != SessionsPayloadVersion)
                || !reader.TryReadUInt16(out int count) || count > MaxRecentSessions)
            {
                return StoreReason.BadPayload;
            }

            var result = new SessionHistoryEntry[count];
            for (int i = 0; i < count; i++)
            {
                if (!reader.TryReadString(AccountRecord.MaxServerIdBytes, out string serverId) || serverId.Length == 0
                    || !reader.TryReadUInt16(out int sessionId)
                    || !reader.TryReadInt64(out long ticks)
                    || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
                {
                    return StoreReason.BadPayload;
                }

                result[i] = new SessionHistoryEntry(serverId, sessionId, new DateTime(ticks, DateTimeKind.Utc));
            }

            var histories = new ReplayHistoryEntry[0];
            if (version == SessionsPayloadVersion && !TryReadReplays(reader, out histories))
            {
                return StoreReason.BadPayload;
            }

            if (reader.Remaining != 0)
            {
                return StoreReason.BadPayload;
            }

            sessions = result;
            replays = histories;
            return StoreReason.None;
        }

        private static bool TryReadReplays(PayloadReader reader, out ReplayHistoryEntry[] replays)
        {
            replays = null;
            if (!reader.TryReadByte(out int count) || count > MaxReplayAccounts)
            {
                return false;
            }

            var result = new ReplayHistoryEntry[count];
            for (int i = 0; i < count; i++)
            {
                if (!reader.TryReadString(AccountRecord.MaxServerIdBytes, out string serverId) || serverId.Length == 0
                    || !reader.TryReadString(AccountRecord.MaxSecretBytes, out string nonce) || !AccountSettingText.IsNonce(nonce)
                    || !TryReadDigests(reader, out byte[] stored) || !TryReadDigests(reader, out byte[] resync))
                {
                    return false;
                }

                result[i] = new ReplayHistoryEntry(serverId, nonce, stored, resync);
            }

            replays = result;
            return true;
        }

        private static void WriteDigests(PayloadWriter writer, byte[] digests)
        {
            int count = digests.Length / ReplayHistoryEntry.DigestPrefixLength;
            if (count > MaxReplayDigests)
            {
                throw new ArgumentException("digests");
            }

            writer.WriteByte(count);
            writer.WriteBytes(digests);
        }

        private static bool TryReadDigests(PayloadReader reader, out byte[] digests)
        {
            digests = null;
            return reader.TryReadByte(out int count) && count <= MaxReplayDigests
                && reader.TryReadBytes(count * ReplayHistoryEntry.DigestPrefixLength, out digests);
        }

        /// <summary>Finds an account by server id among the first <paramref name="count"/> entries.</summary>
        /// <param name="accounts">The accounts.</param>
        /// <param name="count">How many entries to search.</param>
        /// <param name="serverId">Server identifier.</param>
        /// <returns>The index, or -1.</returns>
        public static int IndexOf(AccountRecord[] accounts, int count, string serverId)
        {
            for (int i = 0; i < count; i++)
            {
                if (accounts[i] != null && accounts[i].ServerId == serverId)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}

using System;
using System.Text;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
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
    /// u8 payload version (1 or 2) | u32 CRC-32 of the applied provisioning file (0 = none) | u8 count |
    /// count x { str serverId | str password | str nonceBase64 | u8 resync | u8 sessionIdFormat | u8 flags (bit 0 TryStoredNonceText) } |
    /// version 2 only: u8 bootstrap flags (bit 0 NETWPIN, 1 USERPIN, 2 USERNETWPIN, 3 overwrite, 4 settings present) |
    ///     str user PIN (empty = none) | u8 n | n x 8 octets accepted-bootstrap fingerprint (oldest first, n at most 16)
    /// </code>
    /// Version 1 is written while the device holds neither <see cref="BootstrapSettings"/> nor a fingerprint (so such a
    /// store stays readable by the firmware before them); both are read.
    /// Recent-sessions payload, version 3 (version 1 ended after the sessions without flags; version 2 added a history
    /// per account, read now as lost, see <see cref="DecodeSessions(byte[], out SessionHistoryEntry[], out ReplayHistoryEntry[], out byte[], out bool)"/>):
    /// <code>
    /// u8 payload version (3) | u16 count | count x { str serverId | u16 sessionId | i64 receivedUtc ticks | u8 flags |
    ///     if flags bit 0 (pending): u8 bearer | str source | u8 uiMode | u8 initiator | u16 version |
    ///                               u16 vendor length | vendor | u8 nonce kind } |
    /// u8 keys | keys x { 8 octets key fingerprint | u8 flags (bit 0 resync) | u8 n | n x 8 octets digest prefixes } |
    /// u8 retired | retired x 8 octets key fingerprint | optional u8 0x01 (the history was lost once: a key set by an
    ///     account add, re-provisioning or bootstrap since is retired at once)
    /// </code>
    /// Largest: 64 sessions (4 pending with 2 KiB vendor tails), 32 keys of 64 digests, 64 retired keys: about 44 KiB,
    /// under the record's 64 KiB.
    /// </remarks>
    public static class StoreCodec
    {
        /// <summary>The payload version written when the device holds no bootstrap settings.</summary>
        public const int PayloadVersion = 1;

        /// <summary>The payload version written when it holds them (the accounts, then the settings).</summary>
        public const int PayloadVersionWithBootstrap = 2;

        /// <summary>Most accounts a store holds.</summary>
        public const int MaxAccounts = 16;

        /// <summary>Most recent sessions a store holds.</summary>
        public const int MaxRecentSessions = 64;

        /// <summary>The recent-sessions payload version written (with the keyed replay history and pending sessions).</summary>
        public const int SessionsPayloadVersion = 3;

        /// <summary>Most key histories a record holds (the agent's fixed number of keys).</summary>
        public const int MaxReplayKeys = NotificationAgent.MaxReplayKeys;

        /// <summary>Most retired key fingerprints a record holds (the agent's fixed number).</summary>
        public const int MaxRetiredKeys = NotificationAgent.MaxRetiredReplayKeys;

        /// <summary>Most digests per key (the agent's largest capacity).</summary>
        public const int MaxReplayDigests = NotificationAgent.MaxReplayHistoryCapacity;

        /// <summary>Most sessions stored as pending (not yet handed to the DM client), the agent's bound.</summary>
        public const int MaxPendingSessions = NotificationAgent.MaxPendingSessions;

        /// <summary>Longest vendor tail of a pending session kept for the handover after a restart.</summary>
        public const int MaxPendingVendorBytes = 2048;

        /// <summary>Longest source (UTF-8 bytes) of a pending session kept for the handover.</summary>
        public const int MaxSourceBytes = 255;

        private const int SessionsPayloadVersionWithoutReplays = 1;
        private const int SessionsPayloadVersionPerAccount = 2;
        private const int FlagPending = 0x01;
        private const int FlagHistoryLost = 0x01;
        private const int FlagResyncKey = 0x01;
        private const int MaxBearer = 1;
        private const int MaxUiMode = 3;
        private const int MaxInitiator = 1;

        private const int FlagTryStoredNonceText = 0x01;
        private const int KnownFlags = FlagTryStoredNonceText;

        private const int FlagNetworkPin = 0x01;
        private const int FlagUserPin = 0x02;
        private const int FlagUserNetworkPin = 0x04;
        private const int FlagOverwrite = 0x08;
        private const int FlagSettings = 0x10;
        private const int KnownBootstrapFlags = FlagNetworkPin | FlagUserPin | FlagUserNetworkPin | FlagOverwrite | FlagSettings;

        /// <summary>Encodes the accounts record.</summary>
        /// <param name="accounts">The accounts (valid, at most <see cref="MaxAccounts"/>).</param>
        /// <param name="provisioningCrc">CRC-32 of the provisioning file last applied.</param>
        /// <returns>The payload writer holding the bytes.</returns>
        /// <exception cref="ArgumentException">A string is above the bound <see cref="DecodeAccounts(byte[], out AccountRecord[], out uint)"/> reads, or has no UTF-8 form.</exception>
        public static PayloadWriter EncodeAccounts(AccountRecord[] accounts, uint provisioningCrc)
        {
            return EncodeAccounts(accounts, provisioningCrc, null, null);
        }

        /// <summary>Encodes the accounts record with the device's bootstrap settings.</summary>
        /// <param name="accounts">The accounts (valid, at most <see cref="MaxAccounts"/>).</param>
        /// <param name="provisioningCrc">CRC-32 of the provisioning file last applied.</param>
        /// <param name="bootstrap">The bootstrap settings (valid), or null for none.</param>
        /// <returns>The payload writer holding the bytes.</returns>
        public static PayloadWriter EncodeAccounts(AccountRecord[] accounts, uint provisioningCrc, BootstrapSettings bootstrap)
        {
            return EncodeAccounts(accounts, provisioningCrc, bootstrap, null);
        }

        /// <summary>Encodes the accounts record with the device's bootstrap settings and accepted-bootstrap fingerprints.</summary>
        /// <param name="accounts">The accounts (valid, at most <see cref="MaxAccounts"/>).</param>
        /// <param name="provisioningCrc">CRC-32 of the provisioning file last applied.</param>
        /// <param name="bootstrap">The bootstrap settings (valid), or null for none.</param>
        /// <param name="fingerprints">The accepted-bootstrap fingerprints (<see cref="BootstrapFingerprints"/>), or null for none.
        /// With neither, version 1 is written.</param>
        /// <returns>The payload writer holding the bytes.</returns>
        /// <exception cref="ArgumentException">A string is above the bound <see cref="DecodeAccounts(byte[], out AccountRecord[], out uint)"/> reads, or has no UTF-8 form; invalid settings; a fingerprint set out of bounds.</exception>
        public static PayloadWriter EncodeAccounts(AccountRecord[] accounts, uint provisioningCrc, BootstrapSettings bootstrap, byte[] fingerprints)
        {
            var writer = new PayloadWriter(64 + accounts.Length * 96 + (fingerprints == null ? 0 : fingerprints.Length));
            EncodeAccounts(writer, accounts, provisioningCrc, bootstrap, fingerprints);
            return writer;
        }

        /// <summary>Encodes the accounts record into a writer (a streaming one for a save).</summary>
        /// <param name="writer">The writer.</param>
        /// <param name="accounts">The accounts (valid, at most <see cref="MaxAccounts"/>).</param>
        /// <param name="provisioningCrc">CRC-32 of the provisioning file last applied.</param>
        /// <param name="bootstrap">The bootstrap settings (valid), or null for none.</param>
        /// <param name="fingerprints">The accepted-bootstrap fingerprints, or null for none. With neither, version 1 is written.</param>
        /// <exception cref="ArgumentException">A string is above the bound the decoder reads, or has no UTF-8 form; invalid settings; a fingerprint set out of bounds.</exception>
        public static void EncodeAccounts(PayloadWriter writer, AccountRecord[] accounts, uint provisioningCrc, BootstrapSettings bootstrap, byte[] fingerprints)
        {
            bool extended = bootstrap != null || (fingerprints != null && fingerprints.Length > 0);
            writer.WriteByte(extended ? PayloadVersionWithBootstrap : PayloadVersion);
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

            if (extended)
            {
                if ((bootstrap != null && !bootstrap.IsValid()) || (fingerprints != null && (fingerprints.Length % BootstrapFingerprints.Length != 0
                    || fingerprints.Length / BootstrapFingerprints.Length > BootstrapFingerprints.Capacity)))
                {
                    throw new ArgumentException("Invalid value.", nameof(bootstrap));
                }

                writer.WriteByte(bootstrap == null ? 0 : FlagSettings | (bootstrap.AllowNetworkPin ? FlagNetworkPin : 0) | (bootstrap.AllowUserPin ? FlagUserPin : 0)
                    | (bootstrap.AllowUserNetworkPin ? FlagUserNetworkPin : 0) | (bootstrap.AllowOverwrite ? FlagOverwrite : 0));
                writer.WriteString(bootstrap == null || bootstrap.Pin == null ? string.Empty : bootstrap.Pin, BootstrapKey.MaxPinLength);
                int count = fingerprints == null ? 0 : fingerprints.Length / BootstrapFingerprints.Length;
                writer.WriteByte(count);
                if (count > 0)
                {
                    writer.WriteBytes(fingerprints);
                }
            }

        }

        /// <summary>Decodes the accounts record.</summary>
        /// <param name="payload">The payload.</param>
        /// <param name="accounts">The accounts, or null on failure.</param>
        /// <param name="provisioningCrc">The provisioning CRC.</param>
        /// <returns><see cref="StoreReason.None"/>, <see cref="StoreReason.InvalidUtf8"/> or <see cref="StoreReason.BadPayload"/>.</returns>
        public static StoreReason DecodeAccounts(byte[] payload, out AccountRecord[] accounts, out uint provisioningCrc)
        {
            return DecodeAccounts(payload, out accounts, out provisioningCrc, out BootstrapSettings unused, out byte[] fingerprints);
        }

        /// <summary>Decodes the accounts record and the bootstrap settings it may hold (version 2).</summary>
        /// <param name="payload">The payload.</param>
        /// <param name="accounts">The accounts, or null on failure.</param>
        /// <param name="provisioningCrc">The provisioning CRC.</param>
        /// <param name="bootstrap">The bootstrap settings, or null (none, or on failure).</param>
        /// <returns><see cref="StoreReason.None"/>, <see cref="StoreReason.InvalidUtf8"/> or <see cref="StoreReason.BadPayload"/>.</returns>
        public static StoreReason DecodeAccounts(byte[] payload, out AccountRecord[] accounts, out uint provisioningCrc, out BootstrapSettings bootstrap)
        {
            return DecodeAccounts(payload, out accounts, out provisioningCrc, out bootstrap, out byte[] fingerprints);
        }

        /// <summary>Decodes the accounts record, the bootstrap settings and the accepted-bootstrap fingerprints (version 2).</summary>
        /// <param name="payload">The payload.</param>
        /// <param name="accounts">The accounts, or null on failure.</param>
        /// <param name="provisioningCrc">The provisioning CRC.</param>
        /// <param name="bootstrap">The bootstrap settings, or null (none, or on failure).</param>
        /// <param name="fingerprints">The fingerprints, concatenated oldest first (empty for none), or null on failure.</param>
        /// <returns><see cref="StoreReason.None"/>, <see cref="StoreReason.InvalidUtf8"/> or <see cref="StoreReason.BadPayload"/>.</returns>
        public static StoreReason DecodeAccounts(byte[] payload, out AccountRecord[] accounts, out uint provisioningCrc, out BootstrapSettings bootstrap, out byte[] fingerprints)
        {
            accounts = null;
            provisioningCrc = 0;
            bootstrap = null;
            fingerprints = null;
            var reader = new PayloadReader(payload, 0, payload.Length);
            if (!reader.TryReadByte(out int version) || (version != PayloadVersion && version != PayloadVersionWithBootstrap)
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

            BootstrapSettings settings = null;
            byte[] seen = new byte[0];
            if (version == PayloadVersionWithBootstrap)
            {
                if (!reader.TryReadByte(out int flags) || (flags & ~KnownBootstrapFlags) != 0
                    || !reader.TryReadString(BootstrapKey.MaxPinLength, out string pin)
                    || !reader.TryReadByte(out int seenCount) || seenCount > BootstrapFingerprints.Capacity
                    || !reader.TryReadBytes(seenCount * BootstrapFingerprints.Length, out seen))
                {
                    return reader.InvalidText ? StoreReason.InvalidUtf8 : StoreReason.BadPayload;
                }

                // Without the settings flag, nothing of them may be written.
                if ((flags & FlagSettings) == 0)
                {
                    if (flags != 0 || pin.Length != 0)
                    {
                        return StoreReason.BadPayload;
                    }
                }
                else
                {
                    settings = new BootstrapSettings
                {
                    Pin = pin.Length == 0 ? null : pin,
                    AllowNetworkPin = (flags & FlagNetworkPin) != 0,
                    AllowUserPin = (flags & FlagUserPin) != 0,
                    AllowUserNetworkPin = (flags & FlagUserNetworkPin) != 0,
                    AllowOverwrite = (flags & FlagOverwrite) != 0,
                    };

                    // Only ever written valid: anything else is not this layout.
                    if (!settings.IsValid())
                    {
                        return StoreReason.BadPayload;
                    }
                }
            }

            if (reader.Remaining != 0)
            {
                return StoreReason.BadPayload;
            }

            accounts = result;
            provisioningCrc = crc;
            bootstrap = settings;
            fingerprints = seen;
            return StoreReason.None;
        }

        /// <summary>Encodes the recent-sessions record without a replay history.</summary>
        /// <param name="sessions">The sessions (at most <see cref="MaxRecentSessions"/>).</param>
        /// <returns>The payload writer holding the bytes.</returns>
        public static PayloadWriter EncodeSessions(SessionHistoryEntry[] sessions)
        {
            return EncodeSessions(sessions, new ReplayHistoryEntry[0], new byte[0]);
        }

        /// <summary>
        /// Encodes the recent-sessions record with the accepted-trigger history. Every state the agent can hold fits
        /// (its bounds are these); pending sessions beyond <see cref="MaxPendingSessions"/>, or whose source or vendor
        /// tail exceeds the bounds, are written as handed over.
        /// </summary>
        /// <param name="sessions">The sessions (at most <see cref="MaxRecentSessions"/>).</param>
        /// <param name="replays">Key histories (at most <see cref="MaxReplayKeys"/>, lists of at most <see cref="MaxReplayDigests"/>).</param>
        /// <param name="retiredKeys">Retired key fingerprints (at most <see cref="MaxRetiredKeys"/>).</param>
        /// <returns>The payload writer holding the bytes.</returns>
        /// <exception cref="ArgumentException">A bound is exceeded.</exception>
        public static PayloadWriter EncodeSessions(SessionHistoryEntry[] sessions, ReplayHistoryEntry[] replays, byte[] retiredKeys)
        {
            return EncodeSessions(sessions, replays, retiredKeys, false);
        }

        /// <summary>As <see cref="EncodeSessions(SessionHistoryEntry[], ReplayHistoryEntry[], byte[])"/>, with the history-lost mark.</summary>
        /// <param name="sessions">The sessions.</param>
        /// <param name="replays">Key histories.</param>
        /// <param name="retiredKeys">Retired key fingerprints.</param>
        /// <param name="historyLost">True once a replay history was lost (written as one trailing octet).</param>
        /// <returns>The payload writer holding the bytes.</returns>
        /// <exception cref="ArgumentException">A bound is exceeded.</exception>
        public static PayloadWriter EncodeSessions(SessionHistoryEntry[] sessions, ReplayHistoryEntry[] replays, byte[] retiredKeys, bool historyLost)
        {
            var writer = new PayloadWriter(16 + sessions.Length * 32 + replays.Length * 64 + retiredKeys.Length);
            EncodeSessions(writer, sessions, replays, retiredKeys, historyLost);
            return writer;
        }

        /// <summary>Encodes the recent-sessions record into a writer (a streaming one for a save); see <see cref="EncodeSessions(SessionHistoryEntry[], ReplayHistoryEntry[], byte[], bool)"/>.</summary>
        /// <param name="writer">The writer.</param>
        /// <param name="sessions">The sessions (at most <see cref="MaxRecentSessions"/>).</param>
        /// <param name="replays">Key histories (at most <see cref="MaxReplayKeys"/>, lists of at most <see cref="MaxReplayDigests"/>).</param>
        /// <param name="retiredKeys">Retired key fingerprints (at most <see cref="MaxRetiredKeys"/>).</param>
        /// <param name="historyLost">True once a replay history was lost (written as one trailing octet).</param>
        /// <exception cref="ArgumentException">A bound is exceeded.</exception>
        public static void EncodeSessions(PayloadWriter writer, SessionHistoryEntry[] sessions, ReplayHistoryEntry[] replays, byte[] retiredKeys, bool historyLost)
        {
            if (sessions.Length > MaxRecentSessions || replays.Length > MaxReplayKeys
                || retiredKeys.Length % ReplayHistoryEntry.KeyLength != 0 || retiredKeys.Length / ReplayHistoryEntry.KeyLength > MaxRetiredKeys)
            {
                throw new ArgumentException("A bound is exceeded.");
            }

            writer.WriteByte(SessionsPayloadVersion);
            writer.WriteUInt16(sessions.Length);
            int pendingLeft = 0;
            for (int i = 0; i < sessions.Length; i++)
            {
                pendingLeft += sessions[i].IsPending ? 1 : 0;
            }

            foreach (SessionHistoryEntry session in sessions)
            {
                writer.WriteString(session.ServerId);
                writer.WriteUInt16(session.SessionId);
                writer.WriteInt64(session.ReceivedUtc.Ticks);

                // The newest pending ones are kept (the oldest first exceed the bound: sessions come oldest first).
                bool pending = session.IsPending && pendingLeft-- <= MaxPendingSessions
                    && session.Vendor.Length <= MaxPendingVendorBytes && Encoding.UTF8.GetBytes(session.Source).Length <= MaxSourceBytes;
                writer.WriteByte(pending ? FlagPending : 0);
                if (pending)
                {
                    writer.WriteByte((int)session.Bearer);
                    writer.WriteString(session.Source);
                    writer.WriteByte((int)session.UiMode);
                    writer.WriteByte((int)session.Initiator);
                    writer.WriteUInt16(session.Version);
                    writer.WriteUInt16(session.Vendor.Length);
                    writer.WriteBytes(session.Vendor);
                    writer.WriteByte((int)session.Nonce);
                }
            }

            writer.WriteByte(replays.Length);
            foreach (ReplayHistoryEntry replay in replays)
            {
                int count = replay.Digests.Length / ReplayHistoryEntry.DigestPrefixLength;
                if (count > MaxReplayDigests)
                {
                    throw new ArgumentException("A replay list exceeds its bound.", nameof(replays));
                }

                writer.WriteBytes(replay.Key);
                writer.WriteByte(replay.IsResync ? FlagResyncKey : 0);
                writer.WriteByte(count);
                writer.WriteBytes(replay.Digests);
            }

            writer.WriteByte(retiredKeys.Length / ReplayHistoryEntry.KeyLength);
            writer.WriteBytes(retiredKeys);
            if (historyLost)
            {
                writer.WriteByte(FlagHistoryLost);
            }
        }

        /// <summary>Decodes the recent-sessions record, ignoring any replay history.</summary>
        /// <param name="payload">The payload.</param>
        /// <param name="sessions">The sessions, or null on failure.</param>
        /// <returns><see cref="StoreReason.None"/> or <see cref="StoreReason.BadPayload"/>.</returns>
        public static StoreReason DecodeSessions(byte[] payload, out SessionHistoryEntry[] sessions)
        {
            return DecodeSessions(payload, out sessions, out ReplayHistoryEntry[] unused, out byte[] retired, out bool known);
        }

        /// <summary>
        /// Decodes the recent-sessions record. Versions 1 and 2 (written before the history was keyed by what a digest
        /// verifies under) load their sessions with <paramref name="replayHistoryKnown"/> false: the history is treated as
        /// lost, so the boot fails closed for the current keys.
        /// </summary>
        /// <param name="payload">The payload.</param>
        /// <param name="sessions">The sessions, or null on failure.</param>
        /// <param name="replays">The key histories (empty before version 3), or null on failure.</param>
        /// <param name="retiredKeys">The retired key fingerprints (empty before version 3), or null on failure.</param>
        /// <param name="replayHistoryKnown">True for a version 3 record.</param>
        /// <returns><see cref="StoreReason.None"/> or <see cref="StoreReason.BadPayload"/>.</returns>
        public static StoreReason DecodeSessions(byte[] payload, out SessionHistoryEntry[] sessions, out ReplayHistoryEntry[] replays, out byte[] retiredKeys, out bool replayHistoryKnown)
        {
            return DecodeSessions(payload, out sessions, out replays, out retiredKeys, out replayHistoryKnown, out bool unused);
        }

        /// <summary>As the overload without <paramref name="historyLost"/>, also reading the history-lost mark.</summary>
        /// <param name="payload">The payload.</param>
        /// <param name="sessions">The sessions, or null on failure.</param>
        /// <param name="replays">The key histories, or null on failure.</param>
        /// <param name="retiredKeys">The retired key fingerprints, or null on failure.</param>
        /// <param name="replayHistoryKnown">True for a version 3 record.</param>
        /// <param name="historyLost">True when the record carries the history-lost mark.</param>
        /// <returns><see cref="StoreReason.None"/> or <see cref="StoreReason.BadPayload"/>.</returns>
        public static StoreReason DecodeSessions(byte[] payload, out SessionHistoryEntry[] sessions, out ReplayHistoryEntry[] replays, out byte[] retiredKeys, out bool replayHistoryKnown, out bool historyLost)
        {
            historyLost = false;
            sessions = null;
            replays = null;
            retiredKeys = null;
            replayHistoryKnown = false;
            var reader = new PayloadReader(payload, 0, payload.Length);
            if (!reader.TryReadByte(out int version)
                || version < SessionsPayloadVersionWithoutReplays || version > SessionsPayloadVersion
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

                var received = new DateTime(ticks, DateTimeKind.Utc);
                int flags = 0;
                if (version == SessionsPayloadVersion && (!reader.TryReadByte(out flags) || (flags & ~FlagPending) != 0))
                {
                    return StoreReason.BadPayload;
                }

                if (flags == 0)
                {
                    result[i] = new SessionHistoryEntry(serverId, sessionId, received);
                }
                else if (!reader.TryReadByte(out int bearer) || bearer > MaxBearer
                    || !reader.TryReadString(MaxSourceBytes, out string source)
                    || !reader.TryReadByte(out int uiMode) || uiMode > MaxUiMode
                    || !reader.TryReadByte(out int initiator) || initiator > MaxInitiator
                    || !reader.TryReadUInt16(out int triggerVersion) || triggerVersion > TriggerDecoder.MaxVersion
                    || !reader.TryReadUInt16(out int vendorLength) || vendorLength > MaxPendingVendorBytes
                    || !reader.TryReadBytes(vendorLength, out byte[] vendor)
                    || !reader.TryReadByte(out int nonce) || nonce < (int)NonceKind.Stored || nonce > (int)NonceKind.AsciiZeros)
                {
                    return StoreReason.BadPayload;
                }
                else
                {
                    result[i] = new SessionHistoryEntry(serverId, sessionId, received, (Bearer)bearer, source, (UiMode)uiMode, (Initiator)initiator, triggerVersion, vendor, (NonceKind)nonce);
                }
            }

            var histories = new ReplayHistoryEntry[0];
            byte[] retired = new byte[0];
            if (version == SessionsPayloadVersionPerAccount && !TrySkipPerAccountReplays(reader))
            {
                return StoreReason.BadPayload;
            }

            if (version == SessionsPayloadVersion && !TryReadReplays(reader, out histories, out retired))
            {
                return StoreReason.BadPayload;
            }

            if (version == SessionsPayloadVersion && reader.Remaining == 1)
            {
                if (!reader.TryReadByte(out int mark) || mark != FlagHistoryLost)
                {
                    return StoreReason.BadPayload;
                }

                historyLost = true;
            }

            if (reader.Remaining != 0)
            {
                return StoreReason.BadPayload;
            }

            sessions = result;
            replays = histories;
            retiredKeys = retired;
            replayHistoryKnown = version == SessionsPayloadVersion;
            return StoreReason.None;
        }

        private static bool TryReadReplays(PayloadReader reader, out ReplayHistoryEntry[] replays, out byte[] retired)
        {
            replays = null;
            retired = null;
            if (!reader.TryReadByte(out int count) || count > MaxReplayKeys)
            {
                return false;
            }

            var result = new ReplayHistoryEntry[count];
            for (int i = 0; i < count; i++)
            {
                if (!reader.TryReadBytes(ReplayHistoryEntry.KeyLength, out byte[] key)
                    || !reader.TryReadByte(out int keyFlags) || (keyFlags & ~FlagResyncKey) != 0
                    || !reader.TryReadByte(out int digests) || digests > MaxReplayDigests
                    || !reader.TryReadBytes(digests * ReplayHistoryEntry.DigestPrefixLength, out byte[] list))
                {
                    return false;
                }

                for (int j = 0; j < i; j++)
                {
                    if (SameBytes(result[j].Key, key))
                    {
                        return false;
                    }
                }

                result[i] = new ReplayHistoryEntry(key, keyFlags != 0, list);
            }

            if (!reader.TryReadByte(out int retiredCount) || retiredCount > MaxRetiredKeys
                || !reader.TryReadBytes(retiredCount * ReplayHistoryEntry.KeyLength, out retired))
            {
                return false;
            }

            replays = result;
            return true;
        }

        // Version 2: u8 accounts | accounts x { str serverId | str nonceBase64 | u8 n | n x 8 | u8 m | m x 8 }. Read for
        // its structure only: that history was kept per account, not per key, and is treated as lost.
        private static bool TrySkipPerAccountReplays(PayloadReader reader)
        {
            if (!reader.TryReadByte(out int count) || count > MaxAccounts)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (!reader.TryReadString(AccountRecord.MaxServerIdBytes, out string serverId) || serverId.Length == 0
                    || !reader.TryReadString(AccountRecord.MaxSecretBytes, out string nonce)
                    || !reader.TryReadByte(out int stored) || stored > MaxReplayDigests
                    || !reader.TryReadBytes(stored * ReplayHistoryEntry.DigestPrefixLength, out byte[] unused)
                    || !reader.TryReadByte(out int resync) || resync > MaxReplayDigests
                    || !reader.TryReadBytes(resync * ReplayHistoryEntry.DigestPrefixLength, out unused))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
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

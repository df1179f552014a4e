using System;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Storage.FileSystem;
using OmaDm.Notification.Storage.Records;

namespace OmaDm.Notification.Storage.Accounts
{
    /// <summary>
    /// The sessions record of an <see cref="AccountStore"/>: the recently handled sessions, the accepted-trigger histories
    /// per key, the retired keys and the history-lost mark, in one crash-safe <see cref="RecordStore"/>. Locks the store's
    /// lock object, shared with the accounts record; <see cref="Open"/> and <see cref="Release"/> expect the caller to hold it.
    /// </summary>
    internal sealed class SessionsFile
    {
        private readonly object _sync;
        private readonly RecordStore _record;
        // The record as decoded at Open, until the first save or Release; null: read it again from flash when asked (the
        // agent holds the live state; a second copy here cost ~600 heap blocks after a burst).
        private SessionHistoryEntry[] _sessions = new SessionHistoryEntry[0];
        private ReplayHistoryEntry[] _replays = new ReplayHistoryEntry[0];
        private byte[] _retiredKeys = new byte[0];
        private SessionHistoryEntry[] _encodeSessions;
        private ReplayHistoryEntry[] _encodeReplays;
        private byte[] _encodeRetired;

        /// <summary>Creates the record's part of a store.</summary>
        /// <param name="files">The file system.</param>
        /// <param name="name">Base file name of the record.</param>
        /// <param name="maxPayload">Largest payload written or read.</param>
        /// <param name="chunk">The save buffer shared with the accounts record (saves run one at a time under <paramref name="sync"/>).</param>
        /// <param name="sync">The store's lock object.</param>
        internal SessionsFile(IFlashFileSystem files, string name, int maxPayload, byte[] chunk, object sync)
        {
            _sync = sync;
            _record = new RecordStore(files, name, maxPayload, chunk);
        }

        /// <summary>The record (slot diagnostics).</summary>
        internal RecordStore Record => _record;

        /// <summary>False when the accepted-trigger history could not be read (see <see cref="AccountStore.ReplayHistoryKnown"/>).</summary>
        internal bool ReplayHistoryKnown { get; private set; } = true;

        /// <summary>True once a replay history was found lost (see <see cref="AccountStore.ReplayHistoryLost"/>).</summary>
        internal bool ReplayHistoryLost { get; private set; }

        /// <summary>Loads the record from its newest valid slot (empty when missing or unreadable); the caller holds the lock.</summary>
        /// <returns>None, NotFound (never written) or the named failure.</returns>
        internal StoreReason Open()
        {
            StoreReason reason = _record.Load(IsSessionsPayload, out byte[] payload);
            SessionHistoryEntry[] sessions = new SessionHistoryEntry[0];
            ReplayHistoryEntry[] replays = new ReplayHistoryEntry[0];
            byte[] retired = new byte[0];
            bool known = reason == StoreReason.NotFound;
            bool lost = false;
            if (reason == StoreReason.None)
            {
                StoreCodec.DecodeSessions(payload, out sessions, out replays, out retired, out known, out lost);
            }

            // Once seen, the mark stays for this instance: a record gone since is no proof the history is whole.
            ReplayHistoryLost = ReplayHistoryLost || lost || !known;
            _sessions = sessions;
            _replays = replays;
            _retiredKeys = retired;
            ReplayHistoryKnown = known;
            return reason;
        }

        /// <summary>Returns the recently handled sessions (oldest first), read again when no copy is held.</summary>
        /// <returns>The sessions.</returns>
        internal SessionHistoryEntry[] GetRecentSessions()
        {
            lock (_sync)
            {
                if (_sessions == null)
                {
                    ReadSessions(out SessionHistoryEntry[] read, out ReplayHistoryEntry[] unused, out byte[] retired);
                    return read;
                }

                var copy = new SessionHistoryEntry[_sessions.Length];
                Array.Copy(_sessions, copy, copy.Length);
                return copy;
            }
        }

        /// <summary>Returns the accepted-trigger histories per key, read again when no copy is held.</summary>
        /// <returns>The histories.</returns>
        internal ReplayHistoryEntry[] GetReplayHistory()
        {
            lock (_sync)
            {
                if (_replays == null)
                {
                    ReadSessions(out SessionHistoryEntry[] unused, out ReplayHistoryEntry[] read, out byte[] retired);
                    return read;
                }

                var copy = new ReplayHistoryEntry[_replays.Length];
                Array.Copy(_replays, copy, copy.Length);
                return copy;
            }
        }

        /// <summary>Returns the retired key fingerprints, read again when no copy is held.</summary>
        /// <returns>The fingerprints, concatenated.</returns>
        internal byte[] GetRetiredReplayKeys()
        {
            lock (_sync)
            {
                if (_retiredKeys == null)
                {
                    ReadSessions(out SessionHistoryEntry[] unused, out ReplayHistoryEntry[] replays, out byte[] read);
                    return read;
                }

                return (byte[])_retiredKeys.Clone();
            }
        }

        /// <summary>Drops the record as decoded at <see cref="Open"/> (read again when needed); the caller holds the lock.</summary>
        internal void Release()
        {
            _sessions = null;
            _replays = null;
            _retiredKeys = null;
        }

        /// <summary>Replaces the sessions and commits, keeping the stored replay history.</summary>
        /// <param name="sessions">The sessions, oldest first.</param>
        /// <returns>None when committed; InvalidValue or IoError (nothing changed).</returns>
        internal StoreReason Save(SessionHistoryEntry[] sessions)
        {
            lock (_sync)
            {
                ReplayHistoryEntry[] replays = _replays;
                byte[] retired = _retiredKeys;
                if (replays == null && ReadSessions(out SessionHistoryEntry[] unused, out replays, out retired) != StoreReason.None)
                {
                    // The stored history could not be read back: writing the sessions without it would forget replays.
                    return StoreReason.IoError;
                }

                return Save(sessions, replays, retired);
            }
        }

        /// <summary>Replaces the sessions and the accepted-trigger histories in one commit.</summary>
        /// <param name="sessions">The sessions, oldest first (the newest <see cref="StoreCodec.MaxRecentSessions"/> are kept).</param>
        /// <param name="replays">The key histories.</param>
        /// <param name="retiredKeys">The retired key fingerprints.</param>
        /// <returns>None when committed; InvalidValue or IoError (nothing changed).</returns>
        internal StoreReason Save(SessionHistoryEntry[] sessions, ReplayHistoryEntry[] replays, byte[] retiredKeys)
        {
            if (sessions == null || replays == null || retiredKeys == null)
            {
                return StoreReason.InvalidValue;
            }

            for (int i = 0; i < replays.Length; i++)
            {
                if (replays[i] == null)
                {
                    return StoreReason.InvalidValue;
                }
            }

            int skip = sessions.Length > StoreCodec.MaxRecentSessions ? sessions.Length - StoreCodec.MaxRecentSessions : 0;
            var next = new SessionHistoryEntry[sessions.Length - skip];
            for (int i = 0; i < next.Length; i++)
            {
                SessionHistoryEntry s = sessions[skip + i];
                if (s == null || !IsStorableServerId(s.ServerId) || s.SessionId < 0 || s.SessionId > 0xFFFF)
                {
                    return StoreReason.InvalidValue;
                }

                next[i] = s;
            }

            lock (_sync)
            {
                StoreReason reason;
                _encodeSessions = next;
                _encodeReplays = replays;
                _encodeRetired = retiredKeys;
                try
                {
                    reason = _record.Save(Encode);
                }
                catch (ArgumentException)
                {
                    return StoreReason.InvalidValue;
                }
                finally
                {
                    _encodeSessions = null;
                    _encodeReplays = null;
                    _encodeRetired = null;
                }

                if (reason == StoreReason.None)
                {
                    // What was saved is on flash; the caller (the agent) holds the live state. No copy is kept.
                    _sessions = null;
                    _replays = null;
                    _retiredKeys = null;
                    ReplayHistoryKnown = true;
                }

                return reason;
            }
        }

        // The record read again (no copy kept): None, NotFound (never saved: empty), or a failure, which returns empty
        // and clears ReplayHistoryKnown, so a host restoring from it fails closed.
        private StoreReason ReadSessions(out SessionHistoryEntry[] sessions, out ReplayHistoryEntry[] replays, out byte[] retired)
        {
            sessions = new SessionHistoryEntry[0];
            replays = new ReplayHistoryEntry[0];
            retired = new byte[0];
            StoreReason reason = _record.ReadCurrent(IsSessionsPayload, out byte[] payload);
            if (reason == StoreReason.None)
            {
                reason = StoreCodec.DecodeSessions(payload, out sessions, out replays, out retired, out bool known);
            }

            if (reason != StoreReason.None && reason != StoreReason.NotFound)
            {
                sessions = new SessionHistoryEntry[0];
                replays = new ReplayHistoryEntry[0];
                retired = new byte[0];
                ReplayHistoryKnown = false;
            }

            return reason == StoreReason.NotFound ? StoreReason.None : reason;
        }

        // What the record reads back: 1..255 UTF-8 bytes. Checked here so a commit never writes a record the next boot
        // refuses (which would drop the replay history with it).
        private static bool IsStorableServerId(string serverId)
        {
            int bytes = Utf8Text.GetByteCount(serverId);
            return bytes > 0 && bytes <= AccountRecord.MaxServerIdBytes;
        }

        private static StoreReason IsSessionsPayload(byte[] payload)
        {
            return StoreCodec.DecodeSessions(payload, out SessionHistoryEntry[] unused);
        }

        // The encoder a streamed save calls (three times); its inputs are the fields set around the save.
        private void Encode(PayloadWriter writer)
        {
            StoreCodec.EncodeSessions(writer, _encodeSessions, _encodeReplays, _encodeRetired, ReplayHistoryLost);
        }
    }
}

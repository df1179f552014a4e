using System;
using OmaDm.Notification.Authentication;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// The digests of the triggers one account accepted, kept as long as the nonce each was signed with is current: the
    /// stored-nonce list until the account's nonce or password changes, the resynchronisation list until the password
    /// changes (the default nonce of OMA-TS-DM_Notification 5.1 never does). Fixed memory: two lists of
    /// <c>capacity</c> prefixes of <see cref="ReplayHistoryEntry.DigestPrefixLength"/> octets. A full list is not
    /// wrapped (that would let its oldest trigger be replayed): the account refuses further triggers under that nonce
    /// until it changes. Used by <see cref="NotificationAgent"/> under its lock.
    /// </summary>
    internal sealed class AccountReplayHistory
    {
        private const int Prefix = ReplayHistoryEntry.DigestPrefixLength;

        private readonly int _capacity;
        private readonly byte[] _stored;
        private readonly byte[] _resync;
        private int _storedCount;
        private int _resyncCount;
        private string _nonceText;

        // The credential hash both lists were accepted under (RAM only, never persisted); null until first compared.
        private byte[] _credential;

        public AccountReplayHistory(int capacity, string nonceText)
        {
            _capacity = capacity;
            _stored = new byte[capacity * Prefix];
            _resync = new byte[capacity * Prefix];
            _nonceText = nonceText;
        }

        /// <summary>
        /// The verdict of the history on a trigger the account's current credentials verified: None, Replayed (accepted
        /// before under the same nonce) or NonceExhausted (the list for that nonce is full). Reads only.
        /// </summary>
        public ReasonCode Check(ServerAccount account, bool resync, byte[] buffer, int digestOffset)
        {
            if (!SameCredential(account))
            {
                return ReasonCode.None;
            }

            if (resync)
            {
                return Find(_resync, _resyncCount, buffer, digestOffset);
            }

            return _nonceText == account.NonceBase64 ? Find(_stored, _storedCount, buffer, digestOffset) : ReasonCode.None;
        }

        /// <summary>Remembers an accepted trigger (after <see cref="Check"/> returned None), first forgetting lists whose nonce is no longer current.</summary>
        public void Add(ServerAccount account, bool resync, byte[] buffer, int digestOffset)
        {
            if (_credential == null || !SameCredential(account))
            {
                _storedCount = _credential == null ? _storedCount : 0;
                _resyncCount = _credential == null ? _resyncCount : 0;
                _credential = CopyOf(account.CredentialBase64);
            }

            if (_nonceText != account.NonceBase64)
            {
                _storedCount = 0;
                _nonceText = account.NonceBase64;
            }

            if (resync)
            {
                Array.Copy(buffer, digestOffset, _resync, _resyncCount * Prefix, Prefix);
                _resyncCount++;
            }
            else
            {
                Array.Copy(buffer, digestOffset, _stored, _storedCount * Prefix, Prefix);
                _storedCount++;
            }
        }

        /// <summary>A snapshot for storage.</summary>
        public ReplayHistoryEntry ToEntry(string serverId)
        {
            return new ReplayHistoryEntry(serverId, _nonceText ?? string.Empty, CopyOf(_stored, _storedCount * Prefix), CopyOf(_resync, _resyncCount * Prefix));
        }

        /// <summary>Rebuilds a history from storage; beyond the capacity the newest prefixes of each list are kept.</summary>
        public static AccountReplayHistory FromEntry(ReplayHistoryEntry entry, int capacity)
        {
            var history = new AccountReplayHistory(capacity, entry.NonceBase64);
            history._storedCount = Load(entry.StoredNonceDigests, history._stored, capacity);
            history._resyncCount = Load(entry.ResyncDigests, history._resync, capacity);
            return history;
        }

        private ReasonCode Find(byte[] list, int count, byte[] buffer, int digestOffset)
        {
            for (int i = 0; i < count; i++)
            {
                if (SamePrefix(list, i * Prefix, buffer, digestOffset))
                {
                    return ReasonCode.Replayed;
                }
            }

            return count == _capacity ? ReasonCode.NonceExhausted : ReasonCode.None;
        }

        private bool SameCredential(ServerAccount account)
        {
            byte[] current = account.CredentialBase64;
            return _credential == null || SamePrefix(_credential, 0, current, 0, current.Length);
        }

        private static bool SamePrefix(byte[] list, int listOffset, byte[] buffer, int offset)
        {
            return SamePrefix(list, listOffset, buffer, offset, Prefix);
        }

        private static bool SamePrefix(byte[] list, int listOffset, byte[] buffer, int offset, int length)
        {
            for (int i = 0; i < length; i++)
            {
                if (list[listOffset + i] != buffer[offset + i])
                {
                    return false;
                }
            }

            return true;
        }

        private static int Load(byte[] source, byte[] list, int capacity)
        {
            int count = source.Length / Prefix;
            int skip = count > capacity ? count - capacity : 0;
            Array.Copy(source, skip * Prefix, list, 0, (count - skip) * Prefix);
            return count - skip;
        }

        private static byte[] CopyOf(byte[] source)
        {
            return CopyOf(source, source.Length);
        }

        private static byte[] CopyOf(byte[] source, int length)
        {
            byte[] copy = new byte[length];
            Array.Copy(source, copy, length);
            return copy;
        }
    }
}

using System.Text;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.FileSystem;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Tests.Storage
{
    /// <summary>Shared fixtures of the storage tests: accounts and a state fingerprint.</summary>
    public static class StoreTestData
    {
        // Nonces as a DM server would send in <Chal><Meta><NextNonce> (base64, OMA-TS-DM_Security 5.2).
        public const string NonceInitial = "AAECAw==";
        public const string NonceFirst = "EjRWeA==";
        public const string NonceSecond = "q83v8A==";
        public const string NonceThird = "ZGVhZGJlZWY=";

        // Base64 that Convert.FromBase64String accepts and the core's strict decoder (RFC 4648) refuses: non-zero pad
        // bits (3.5), a blank inside, an unpadded group (Convert rejects it too, the old store allowed none of these
        // to be tested). Each one, once stored, used to stop every later boot.
        public static readonly string[] NoncesTheCoreRefuses = new string[]
        {
            "QR==",
            "AAEC Aw==",
            "AAECAw",
            " AAECAw==",
        };

        /// <summary>
        /// Writes an accounts record holding <paramref name="accounts"/> as they are, as an older firmware with a looser
        /// nonce check could have committed them.
        /// </summary>
        public static void WriteAccountsBypassingValidation(IFlashFileSystem files, params AccountRecord[] accounts)
        {
            var record = new RecordStore(files, AccountStore.AccountsRecordName, 32 * 1024);
            record.Load(null, out byte[] unused);
            PayloadWriter payload = StoreCodec.EncodeAccounts(accounts, 0);
            record.Save(payload.Buffer, 0, payload.Length);
        }

        /// <summary>Asserts two store reasons are the same, comparing and showing their names.</summary>
        public static void AreEqual(StoreReason expected, StoreReason actual, string message = "")
        {
            Assert.AreEqual(StoreReasonText.ToKebabCase(expected), StoreReasonText.ToKebabCase(actual), message);
        }

        /// <summary>Asserts two provisioning outcomes are the same, comparing and showing their names.</summary>
        public static void AreEqual(ProvisioningOutcome expected, ProvisioningOutcome actual, string message = "")
        {
            Assert.AreEqual(Provisioning.OutcomeName(expected), Provisioning.OutcomeName(actual), message);
        }

        public static AccountRecord Account(string serverId, string nonce)
        {
            var account = new AccountRecord(serverId, "pa:ss word", nonce, ResyncPolicy.ZeroBytes);
            return account;
        }

        /// <summary>A text fingerprint of everything the store holds, so two states compare with one AreEqual.</summary>
        public static string Fingerprint(AccountStore store)
        {
            var text = new StringBuilder();
            text.Append(store.ProvisioningCrc.ToString("X8")).Append('/');
            foreach (AccountRecord a in store.GetAccounts())
            {
                text.Append(a.ServerId).Append('|').Append(a.Password).Append('|').Append(a.NonceBase64).Append('|')
                    .Append((int)a.Resync).Append('|').Append((int)a.SessionIdFormat).Append('|')
                    .Append(a.TryStoredNonceText ? '1' : '0').Append(';');
            }

            text.Append('/');
            foreach (SessionHistoryEntry s in store.GetRecentSessions())
            {
                text.Append(s.ServerId).Append('#').Append(s.SessionId).Append('@').Append(s.ReceivedUtc.Ticks).Append(';');
            }

            return text.ToString();
        }

        /// <summary>Opens a fresh store over the files, as a reboot does.</summary>
        public static AccountStore Reopen(IFlashFileSystem files)
        {
            var store = new AccountStore(files);
            store.Open();
            return store;
        }
    }
}

// The bootstrap path (OMA-TS-DM_Bootstrap 1.3 5.3, OMA-WAP-TS-ProvBoot 1.1 5.3), beside package #0's:
//
//   WSP push (0xB6 / 0xC2) ──SEC and MAC present?──> SEC allowed, key known? ──MAC: 40 hex digits?──>
//        HMAC-SHA1(key, body) == MAC (constant time) ──BootstrapDocumentDecoder──> account
//        ──server id held and overwrite off?──> MAC accepted before (replay)?──> IBootstrapStore.Commit (crash-safe,
//        the MAC's fingerprint with the account) ──> report
//
// Verify before decode: nothing of the body is read before the MAC matched, so a forged bootstrap costs one HMAC over
// its body, allocates nothing, and changes nothing. Checks that need no hashing come first (no SEC or MAC, a method
// that is off or has no secret, a MAC that is not 40 hex digits), so those cost no HMAC at all.
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Cryptography;
using OmaDm.Notification.Wsp;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>
    /// Verifies, decodes and commits bootstrap pushes under a <see cref="BootstrapPolicy"/>. The
    /// <see cref="NotificationAgent"/> routes bootstrap pushes here (set <see cref="NotificationAgent.Bootstrap"/>) and
    /// reports its verdicts through its own events. Allocates nothing on any rejection before the document is decoded.
    /// </summary>
    /// <remarks>Not thread-safe on its own: the notification agent calls it under its lock.</remarks>
    public sealed class BootstrapAgent
    {
        private const int MacHexLength = 2 * HmacSha1.MacLength;
        private const int MethodCount = 3;
        private const int NibbleBits = 4;

        private readonly IBootstrapStore _store;
        private readonly AccountTable _accounts;
        private readonly bool[] _allowed = new bool[MethodCount];
        private readonly byte[][] _keys = new byte[MethodCount][];
        private readonly bool _allowOverwrite;
        private readonly BootstrapPolicy _policy;
        private bool _canVerify;
        private readonly HmacSha1 _hmac = new HmacSha1();
        private readonly byte[] _computed = new byte[HmacSha1.MacLength];
        private readonly byte[] _sent = new byte[HmacSha1.MacLength];
        private readonly BootstrapAccount _account = new BootstrapAccount();

        /// <summary>Creates the bootstrap path. The keys are derived once here from the policy's IMSI and PIN.</summary>
        /// <param name="policy">Allowed methods, overwrite, and the secrets; read once.</param>
        /// <param name="store">Where accepted accounts are committed.</param>
        /// <param name="accounts">The live accounts (to refuse a held server id before committing).</param>
        /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
        public BootstrapAgent(BootstrapPolicy policy, IBootstrapStore store, AccountTable accounts)
        {
            if (policy == null)
            {
                throw new System.ArgumentNullException(nameof(policy));
            }

            if (store == null)
            {
                throw new System.ArgumentNullException(nameof(store));
            }

            if (accounts == null)
            {
                throw new System.ArgumentNullException(nameof(accounts));
            }

            _store = store;
            _accounts = accounts;
            _allowOverwrite = policy.AllowOverwrite;

            // A copy: the caller's policy object may change later, the agent's must not.
            _policy = new BootstrapPolicy
            {
                AllowNetworkPin = policy.AllowNetworkPin,
                AllowUserPin = policy.AllowUserPin,
                AllowUserNetworkPin = policy.AllowUserNetworkPin,
                AllowOverwrite = policy.AllowOverwrite,
                Imsi = policy.Imsi,
                UserPin = policy.UserPin,
            };
            for (int method = 0; method < MethodCount; method++)
            {
                _allowed[method] = policy.Allows((BootstrapSecurity)method);
            }

            DeriveKeys();
        }

        /// <summary>
        /// Sets the IMSI once the modem has read it (<c>AT+CIMI</c> at set-up) and derives the NETWPIN and USERNETWPIN keys
        /// again. May be called from the modem's thread while pushes are processed: each key is replaced whole.
        /// </summary>
        /// <param name="imsi">The IMSI digits; an invalid one leaves those methods without a key.</param>
        public void SetImsi(string imsi)
        {
            _policy.Imsi = imsi;
            DeriveKeys();
        }

        private void DeriveKeys()
        {
            byte[] scratch = new byte[BootstrapKey.MaxKeyLength];
            for (int method = 0; method < MethodCount; method++)
            {
                int length = BootstrapKey.Derive((BootstrapSecurity)method, _policy.Imsi, _policy.UserPin, scratch, 0);
                byte[] key = null;
                if (length >= 0)
                {
                    key = new byte[length];
                    System.Array.Copy(scratch, 0, key, 0, length);
                }

                _keys[method] = key;
            }

            System.Array.Clear(scratch, 0, scratch.Length);
            _canVerify = _policy.CanVerify;
        }

        /// <summary>True when at least one allowed method has its secret, so some bootstrap could be accepted.</summary>
        public bool CanVerify => _canVerify;

        /// <summary>
        /// The verdict on a push that <see cref="WspPushDecoder"/> routed as a bootstrap, when no bootstrap path is
        /// configured: unsigned pushes are named as such, signed ones as a method the device does not allow.
        /// </summary>
        /// <param name="push">The decoded push.</param>
        /// <returns>BootstrapUnauthenticated or BootstrapSecNotAllowed.</returns>
        public static ReasonCode WithoutPolicy(WspPush push)
        {
            return push.Security < 0 || push.MacOffset < 0 ? ReasonCode.BootstrapUnauthenticated : ReasonCode.BootstrapSecNotAllowed;
        }

        /// <summary>Verifies the push's MAC, then decodes and commits its account.</summary>
        /// <param name="push">The decoded push (<see cref="WspPush.IsBootstrap"/>); its body is read only after the MAC matched.</param>
        /// <param name="bearer">The bearer, for the report.</param>
        /// <param name="source">The source, for the report.</param>
        /// <param name="report">The report when accepted, else null.</param>
        /// <returns>None when committed, else the reason (the bootstrap reasons of <see cref="ReasonCode"/>).</returns>
        public ReasonCode Process(WspPush push, Bearer bearer, string source, out BootstrapReport report)
        {
            report = null;
            int method = push.Security;
            if (method < 0 || push.MacOffset < 0)
            {
                return ReasonCode.BootstrapUnauthenticated;
            }

            if (method >= MethodCount)
            {
                return ReasonCode.BootstrapSecUnsupported;
            }

            byte[] key = _keys[method];
            if (!_allowed[method] || key == null)
            {
                return ReasonCode.BootstrapSecNotAllowed;
            }

            byte[] buffer = push.Buffer;
            if (!TryParseMac(buffer, push.MacOffset, push.MacLength, _sent))
            {
                return ReasonCode.BootstrapMacMismatch;
            }

            _hmac.SetKey(key, 0, key.Length);
            _hmac.Compute(buffer, push.BodyOffset, push.BodyLength, _computed, 0);
            _hmac.ClearKey();
            if (!HmacSha1.FixedTimeEquals(_computed, 0, _sent, 0, HmacSha1.MacLength))
            {
                return ReasonCode.BootstrapMacMismatch;
            }

            // Authenticated: from here on the body is trusted to be the server's, and may be decoded.
            BootstrapProfile profile = push.ContentTypeCode == WspPushDecoder.ContentTypeConnectivityWbxml
                ? BootstrapProfile.ClientProvisioning
                : BootstrapProfile.DmProfile;
            BootstrapAccount account = _account;
            account.Clear();
            ReasonCode reason = BootstrapDocumentDecoder.Decode(buffer, push.BodyOffset, push.BodyLength, profile, account);
            if (reason != ReasonCode.None)
            {
                account.Clear();
                return reason;
            }

            ServerAccount previous = _accounts.Find(account.ServerId);
            bool held = previous != null;
            if (held && !_allowOverwrite)
            {
                account.Clear();
                return ReasonCode.BootstrapAccountExists;
            }

            // A bootstrap carries nothing fresh: a repeat of an accepted one (with overwrite on, a rollback of the
            // account to its credentials) is told by its MAC, whose fingerprint the store keeps with the account.
            if (_store.WasAccepted(_computed, 0))
            {
                account.Clear();
                return ReasonCode.BootstrapReplayed;
            }

            try
            {
                reason = _store.Commit(account, _allowOverwrite, _computed, 0);
                if (reason == ReasonCode.None)
                {
                    report = new BootstrapReport
                    {
                        ServerId = account.ServerId,
                        Profile = profile,
                        Security = (BootstrapSecurity)method,
                        Replaced = held,
                        PasswordChanged = held && previous.Password != account.ServerPassword,
                        Bearer = bearer,
                        Source = source,
                        Account = Copy(account),
                    };
                }
            }
            finally
            {
                // Also when the store runs out of memory (the receive path names it and reads the push again): the
                // pushed password is never left behind in the reused decode target.
                account.Clear();
            }

            return reason;
        }

        // 40 hex digits of either case into 20 bytes; anything else is no MAC this device could match.
        private static bool TryParseMac(byte[] buffer, int offset, int length, byte[] into)
        {
            if (length != MacHexLength)
            {
                return false;
            }

            for (int i = 0; i < HmacSha1.MacLength; i++)
            {
                int high = Hex.DigitValue((char)buffer[offset + (2 * i)]);
                int low = Hex.DigitValue((char)buffer[offset + (2 * i) + 1]);
                if (high < 0 || low < 0)
                {
                    return false;
                }

                into[i] = (byte)((high << NibbleBits) | low);
            }

            return true;
        }

        private static BootstrapAccount Copy(BootstrapAccount account)
        {
            var copy = new BootstrapAccount();
            copy.ServerId = account.ServerId;
            copy.Name = account.Name;
            copy.ServerAddress = account.ServerAddress;
            copy.ServerPort = account.ServerPort;
            copy.ServerPassword = account.ServerPassword;
            copy.ServerNonceBase64 = account.ServerNonceBase64;
            copy.ClientName = account.ClientName;
            copy.ClientPassword = account.ClientPassword;
            copy.ClientNonceBase64 = account.ClientNonceBase64;
            copy.AuthType = account.AuthType;
            return copy;
        }
    }
}

using System;
using System.Text;
using System.Threading;
using OmaDm.Notification.Cryptography;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Authentication
{
    /// <summary>
    /// A management server the device trusts: its identifier, the shared password, the server nonce and the policies
    /// that decide how its notifications are verified. The credential hash <c>B64(H(serverId:password))</c> is computed
    /// once here, not per message.
    /// </summary>
    /// <remarks>
    /// Thread-safe: the password with its credential hash, and the nonce with its forms, are each swapped as one
    /// immutable object, so a verifier on another thread sees either the old or the new value, never a mix.
    /// </remarks>
    public sealed class ServerAccount
    {
        /// <summary>Longest server identifier the trigger's 8-bit length field can carry (OMA-TS-DM_Notification 6.2.11).</summary>
        public const int MaxServerIdLength = 255;

        /// <summary>Length of <c>B64(H(...))</c>: 16 hash bytes as padded base64.</summary>
        internal const int HashBase64Length = 24;

        // The three policies in one field (a heap block per field on nanoCLR): Resync in bits 0-7, SessionIdFormat in bits
        // 8-15 (both stored as one octet each), TryStoredNonceText in bit 16.
        private const int ByteMask = 0xFF;
        private const int FormatShift = 8;
        private const int TryTextBit = 1 << 16;

        private readonly byte[] _serverIdBytes;
        private Credential _credential;
        private NonceForms _nonce;
        private int _policies;

        /// <summary>Creates an account.</summary>
        /// <param name="serverId">Server identifier as sent in the trigger (1..255 UTF-8 bytes).</param>
        /// <param name="password">The server password (may be empty; the ':' separator is kept).</param>
        /// <param name="nonceBase64">The server nonce as provisioned base64 text (DMAcc AAuthData, or a &lt;Chal&gt; NextNonce); empty for an empty nonce.</param>
        /// <param name="resync">Which resynchronisation nonces are accepted.</param>
        /// <exception cref="ArgumentNullException">The server id, password or nonce is null.</exception>
        /// <exception cref="ArgumentException">The server id is empty or longer than 255 bytes, or the nonce is not base64.</exception>
        public ServerAccount(string serverId, string password, string nonceBase64, ResyncPolicy resync)
        {
            if (serverId == null)
            {
                throw new ArgumentNullException(nameof(serverId));
            }

            if (password == null)
            {
                throw new ArgumentNullException(nameof(password));
            }

            if (nonceBase64 == null)
            {
                throw new ArgumentNullException(nameof(nonceBase64));
            }

            byte[] idBytes = Encoding.UTF8.GetBytes(serverId);
            if (idBytes.Length == 0 || idBytes.Length > MaxServerIdLength)
            {
                throw new ArgumentException("The server id must be 1..255 UTF-8 bytes.", nameof(serverId));
            }

            NonceForms nonce = NonceForms.TryCreate(nonceBase64);
            if (nonce == null)
            {
                throw new ArgumentException("The nonce is not base64.", nameof(nonceBase64));
            }

            ServerId = serverId;
            _serverIdBytes = idBytes;
            _credential = new Credential(idBytes, password);
            _nonce = nonce;
            _policies = (int)resync & ByteMask; // SessionIdFormat.Hexadecimal (0), not trying the text
        }

        /// <summary>The server identifier.</summary>
        public string ServerId { get; }

        /// <summary>The server password. Setting it recomputes the cached credential hash.</summary>
        /// <exception cref="ArgumentNullException">Set to null.</exception>
        public string Password
        {
            get => _credential.Password;
            set
            {
                if (value == null)
                {
                    throw new ArgumentNullException(nameof(value));
                }

                _credential = new Credential(_serverIdBytes, value);
            }
        }

        /// <summary>The resynchronisation policy (stored as one octet).</summary>
        public ResyncPolicy Resync
        {
            get => (ResyncPolicy)(_policies & ByteMask);
            set => SetPolicies(ByteMask, (int)value & ByteMask);
        }

        /// <summary>How session ids from this server are written (hexadecimal by default; stored as one octet).</summary>
        public SessionIdFormat SessionIdFormat
        {
            get => (SessionIdFormat)((_policies >> FormatShift) & ByteMask);
            set => SetPolicies(ByteMask << FormatShift, ((int)value & ByteMask) << FormatShift);
        }

        /// <summary>Also try the nonce's undecoded base64 text after the decoded bytes (off by default).</summary>
        public bool TryStoredNonceText
        {
            get => (_policies & TryTextBit) != 0;
            set => SetPolicies(TryTextBit, value ? TryTextBit : 0);
        }

        /// <summary>The server nonce as base64 text.</summary>
        public string NonceBase64 => _nonce.Text;

        /// <summary>The UTF-8 server identifier, as the trigger carries it. Not to be modified.</summary>
        internal byte[] ServerIdBytes => _serverIdBytes;

        /// <summary>The cached <c>B64(H(serverId ":" password))</c> as 24 ASCII bytes. Not to be modified.</summary>
        internal byte[] CredentialBase64 => _credential.HashBase64;

        /// <summary>The current nonce in all its forms (one consistent snapshot).</summary>
        internal NonceForms Nonce => _nonce;

        /// <summary>Returns a copy of the server nonce bytes.</summary>
        /// <returns>The nonce bytes.</returns>
        public byte[] GetNonce()
        {
            byte[] bytes = _nonce.Bytes;
            byte[] copy = new byte[bytes.Length];
            Array.Copy(bytes, copy, bytes.Length);
            return copy;
        }

        /// <summary>Replaces the server nonce (from the server's &lt;Chal&gt; NextNonce). Returns false, changing nothing, if the text is not base64.</summary>
        /// <param name="nonceBase64">The new nonce as base64 text.</param>
        /// <returns><c>true</c> when updated.</returns>
        public bool TrySetNonce(string nonceBase64)
        {
            NonceForms nonce = NonceForms.TryCreate(nonceBase64);
            if (nonce == null)
            {
                return false;
            }

            _nonce = nonce;
            return true;
        }

        /// <summary>True when <c>buffer[offset .. offset+count)</c> is this account's server id (no allocation).</summary>
        internal bool ServerIdEquals(byte[] buffer, int offset, int count)
        {
            byte[] id = _serverIdBytes;
            if (count != id.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (buffer[offset + i] != id[i])
                {
                    return false;
                }
            }

            return true;
        }

        // Replaces the bits under mask, atomically, so setting one policy never undoes another set on another thread.
        private void SetPolicies(int mask, int bits)
        {
            int seen;
            do
            {
                seen = _policies;
            }
            while (Interlocked.CompareExchange(ref _policies, (seen & ~mask) | bits, seen) != seen);
        }

        /// <summary>A password and its credential hash, replaced together.</summary>
        private sealed class Credential
        {
            public Credential(byte[] serverIdBytes, string password)
            {
                Password = password;
                HashBase64 = new byte[HashBase64Length];
                DigestVerifier.HashBase64(new Md5(), serverIdBytes, Encoding.UTF8.GetBytes(password), HashBase64);
            }

            public string Password { get; }

            public byte[] HashBase64 { get; }
        }

        /// <summary>The server nonce as provisioned text, as decoded bytes, and as the text's ASCII bytes.</summary>
        internal sealed class NonceForms
        {
            // Made at its first use: only an account that tries the stored nonce text (off by default) needs it, and the
            // text is held anyway. Two threads may both make it: the same bytes, either one kept.
            private byte[] _textBytes;

            private NonceForms(string text, byte[] bytes)
            {
                Text = text;
                Bytes = bytes;
            }

            /// <summary>The base64 text.</summary>
            public string Text { get; }

            /// <summary>The decoded nonce (the normal reading).</summary>
            public byte[] Bytes { get; }

            /// <summary>The undecoded text as bytes (the fallback reading); allocated at the first call, then the same array.</summary>
            public byte[] TextBytes
            {
                get
                {
                    byte[] bytes = _textBytes;
                    if (bytes == null)
                    {
                        bytes = Encoding.UTF8.GetBytes(Text);
                        _textBytes = bytes;
                    }

                    return bytes;
                }
            }

            public static NonceForms TryCreate(string text)
            {
                if (text == null || !Base64.TryDecode(text, out byte[] bytes))
                {
                    return null;
                }

                return new NonceForms(text, bytes);
            }
        }
    }
}

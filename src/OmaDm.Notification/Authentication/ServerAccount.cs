using System;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Authentication
{
    /// <summary>
    /// A management server the device trusts: its identifier, the shared password, the server nonce and the policies
    /// that decide how its notifications are verified. The credential hash <c>B64(H(serverId:password))</c> is computed
    /// once here, not per message.
    /// </summary>
    public sealed class ServerAccount
    {
        /// <summary>Creates an account.</summary>
        /// <param name="serverId">Server identifier as sent in the trigger (1..255 UTF-8 bytes).</param>
        /// <param name="password">The server password (may be empty; the ':' separator is kept).</param>
        /// <param name="nonceBase64">The server nonce as provisioned base64 text (DMAcc AAuthData, or a &lt;Chal&gt; NextNonce); empty for an empty nonce.</param>
        /// <param name="resync">Which resynchronisation nonces are accepted.</param>
        /// <exception cref="ArgumentException">The server id is empty or longer than 255 bytes, or the nonce is not base64.</exception>
        public ServerAccount(string serverId, string password, string nonceBase64, ResyncPolicy resync)
        {
            throw new NotImplementedException();
        }

        /// <summary>The server identifier.</summary>
        public string ServerId { get; }

        /// <summary>The server password.</summary>
        public string Password { get; }

        /// <summary>The resynchronisation policy.</summary>
        public ResyncPolicy Resync { get; set; }

        /// <summary>How session ids from this server are written (hexadecimal by default).</summary>
        public SessionIdFormat SessionIdFormat { get; set; }

        /// <summary>Also try the nonce's undecoded base64 text after the decoded bytes (off by default).</summary>
        public bool TryStoredNonceText { get; set; }

        /// <summary>The server nonce as base64 text.</summary>
        public string NonceBase64 { get; }

        /// <summary>Returns a copy of the server nonce bytes.</summary>
        /// <returns>The nonce bytes.</returns>
        public byte[] GetNonce()
        {
            throw new NotImplementedException();
        }

        /// <summary>Replaces the server nonce (from the server's &lt;Chal&gt; NextNonce). Returns false, changing nothing, if the text is not base64.</summary>
        /// <param name="nonceBase64">The new nonce as base64 text.</param>
        /// <returns><c>true</c> when updated.</returns>
        public bool TrySetNonce(string nonceBase64)
        {
            throw new NotImplementedException();
        }
    }
}

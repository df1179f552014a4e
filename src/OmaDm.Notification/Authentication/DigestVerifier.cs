// Package #0 digest (OMA-TS-DM_Notification 6.2.2, nonce resynchronisation 5.1):
//
//   message = | digest (16 bytes) | trigger (every following byte: header, server id, vendor tail) |
//
//   digest  = H( B64(H(server-identifier ":" password)) ":" nonce ":" B64(H(trigger)) )
//
// H is MD5 (RFC 1321); B64 is base64 WITH '=' padding, so each B64(H(...)) is 24 characters; the nonce is raw bytes;
// the ':' separators are kept even when the password or the nonce is empty. Captured Nokia traffic verifies only so.
//
// Nonce readings, tried in this order until one matches (each is one more MD5 over ~60 bytes):
//   1. the stored server nonce, decoded from its provisioned base64;
//   2. if the account enables it, the stored nonce's base64 text itself (a fallback one major client uses);
//   3. if the resync policy allows it, four zero bytes 00 00 00 00 (the "0x00000000" of 5.1, as Android and Samsung read it);
//   4. if the policy is ZeroBytesThenAscii, the ten ASCII characters "0x00000000" (as libdmclient reads it).

using System;
using System.Text;
using OmaDm.Notification.Cryptography;

namespace OmaDm.Notification.Authentication
{
    /// <summary>
    /// Verifies the MD5 digest of a package #0 against a server account, trying the nonce readings its policy allows.
    /// Allocates nothing per message: every scratch buffer is created by the constructor.
    /// </summary>
    /// <remarks>
    /// Not thread-safe: one instance holds the scratch state of one verification. Give each thread its own instance, or
    /// serialize calls (the <see cref="Dispatch.NotificationAgent"/> calls it under its lock). Accounts may be changed
    /// concurrently: each verification reads one consistent snapshot of the credential and of the nonce.
    /// </remarks>
    public sealed class DigestVerifier
    {
        /// <summary>Length of the digest that opens a package #0.</summary>
        public const int DigestLength = Md5.HashLength;

        private const byte Separator = (byte)':';

        // OMA-TS-DM_Notification 5.1: the default nonce "0x00000000", read as four zero bytes...
        private static readonly byte[] ResyncZeroBytes = new byte[] { 0x00, 0x00, 0x00, 0x00 };

        // ...or as its ten ASCII characters. Spelled out rather than Encoding.UTF8.GetBytes: nanoCLR runs static
        // initialisers assembly by assembly in link order, so one that reads another assembly's statics can see
        // null. (mscorlib 1.17's Encoding.UTF8 happens to build a new encoding per call, but nothing promises that.)
        private static readonly byte[] ResyncAsciiZeros = new byte[]
        {
            (byte)'0', (byte)'x', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0',
        };

        private readonly Md5 _md5 = new Md5();
        private readonly byte[] _hash = new byte[Md5.HashLength];
        private readonly byte[] _triggerHashBase64 = new byte[ServerAccount.HashBase64Length];

        // The outer digest's input, B64(H(id:pw)) ":" nonce ":" B64(H(trigger)), laid out in one buffer so each nonce
        // reading is one MD5 append. Grows (once) only when an account's nonce is longer than any before.
        private byte[] _digestInput = new byte[DigestInputLength(16)];

        /// <summary>
        /// The credential hash <c>B64(H(serverId:password))</c> the last successful <see cref="Verify"/> matched under
        /// (the snapshot it read, shared: not to be modified); null after a mismatch.
        /// </summary>
        internal byte[] MatchedCredential { get; private set; }

        /// <summary>The nonce bytes the last successful <see cref="Verify"/> matched under (shared: not to be modified); null after a mismatch.</summary>
        internal byte[] MatchedNonce { get; private set; }

        /// <summary>
        /// Checks the digest of <c>buffer[offset .. offset+count)</c>, a whole package #0 (digest then trigger).
        /// </summary>
        /// <param name="account">The account the trigger's server id names.</param>
        /// <param name="buffer">The message.</param>
        /// <param name="offset">Index of the first digest byte.</param>
        /// <param name="count">Length of the message; the trigger is every byte after the digest.</param>
        /// <returns>Which nonce reading matched, or <see cref="NonceKind.None"/> when none did (or the message is shorter than a digest).</returns>
        /// <exception cref="ArgumentNullException"><paramref name="account"/> or <paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public NonceKind Verify(ServerAccount account, byte[] buffer, int offset, int count)
        {
            if (account == null)
            {
                throw new ArgumentNullException(nameof(account));
            }

            Buffers.ByteReader.CheckRange(buffer, offset, count);
            if (count < DigestLength)
            {
                return NonceKind.None;
            }

            // B64(H(trigger)) once per message, whatever number of nonces is tried.
            _md5.Append(buffer, offset + DigestLength, count - DigestLength);
            _md5.Finish(_hash, 0);
            Base64.Encode(_hash, 0, Md5.HashLength, _triggerHashBase64, 0);

            byte[] credential = account.CredentialBase64;
            ServerAccount.NonceForms nonce = account.Nonce;
            MatchedCredential = credential;

            if (Matches(credential, nonce.Bytes, buffer, offset))
            {
                MatchedNonce = nonce.Bytes;
                return NonceKind.Stored;
            }

            // An empty nonce has identical text and byte forms: no second try needed.
            if (account.TryStoredNonceText && nonce.Text.Length > 0 && Matches(credential, nonce.TextBytes, buffer, offset))
            {
                MatchedNonce = nonce.TextBytes;
                return NonceKind.StoredText;
            }

            ResyncPolicy policy = account.Resync;
            if (policy == ResyncPolicy.ZeroBytes || policy == ResyncPolicy.ZeroBytesThenAscii)
            {
                if (Matches(credential, ResyncZeroBytes, buffer, offset))
                {
                    MatchedNonce = ResyncZeroBytes;
                    return NonceKind.ZeroBytes;
                }

                if (policy == ResyncPolicy.ZeroBytesThenAscii && Matches(credential, ResyncAsciiZeros, buffer, offset))
                {
                    MatchedNonce = ResyncAsciiZeros;
                    return NonceKind.AsciiZeros;
                }
            }

            MatchedCredential = null;
            MatchedNonce = null;
            return NonceKind.None;
        }

        /// <summary>True when <paramref name="kind"/> is a resynchronisation nonce (the session must use the default nonce, 5.1 step 3).</summary>
        /// <param name="kind">The nonce that matched.</param>
        /// <returns><c>true</c> for <see cref="NonceKind.ZeroBytes"/> and <see cref="NonceKind.AsciiZeros"/>.</returns>
        public static bool IsResync(NonceKind kind)
        {
            return kind == NonceKind.ZeroBytes || kind == NonceKind.AsciiZeros;
        }

        /// <summary>
        /// The nonce bytes of every reading <paramref name="account"/> accepts now, in the order <see cref="Verify"/>
        /// tries them (for whoever must name every key a digest could verify under). Allocates the array only.
        /// </summary>
        /// <param name="account">The account.</param>
        /// <returns>One to four shared nonce arrays (not to be modified).</returns>
        internal static byte[][] CurrentNonces(ServerAccount account)
        {
            ServerAccount.NonceForms nonce = account.Nonce;
            bool text = account.TryStoredNonceText && nonce.Text.Length > 0;
            ResyncPolicy policy = account.Resync;
            bool zero = policy == ResyncPolicy.ZeroBytes || policy == ResyncPolicy.ZeroBytesThenAscii;
            bool ascii = policy == ResyncPolicy.ZeroBytesThenAscii;
            byte[][] nonces = new byte[1 + (text ? 1 : 0) + (zero ? 1 : 0) + (ascii ? 1 : 0)][];
            int at = 0;
            nonces[at++] = nonce.Bytes;
            if (text)
            {
                nonces[at++] = nonce.TextBytes;
            }

            if (zero)
            {
                nonces[at++] = ResyncZeroBytes;
            }

            if (ascii)
            {
                nonces[at++] = ResyncAsciiZeros;
            }

            return nonces;
        }

        /// <summary>
        /// Computes the digest a server would send, for encoders, tools and tests. Allocates; not for the receive path.
        /// </summary>
        /// <param name="serverId">Server identifier.</param>
        /// <param name="password">Server password (may be empty).</param>
        /// <param name="nonce">Nonce bytes (may be empty).</param>
        /// <param name="trigger">Buffer holding the trigger (the bytes after the digest).</param>
        /// <param name="triggerOffset">First trigger byte.</param>
        /// <param name="triggerCount">Trigger length.</param>
        /// <param name="output">Receives the 16-byte digest.</param>
        /// <param name="outputOffset">Index of the first digest byte.</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A range lies outside its buffer.</exception>
        public static void ComputeDigest(
            string serverId,
            string password,
            byte[] nonce,
            byte[] trigger,
            int triggerOffset,
            int triggerCount,
            byte[] output,
            int outputOffset)
        {
            if (serverId == null || password == null || nonce == null)
            {
                throw new ArgumentNullException(serverId == null ? nameof(serverId) : password == null ? nameof(password) : nameof(nonce));
            }

            Buffers.ByteReader.CheckRange(trigger, triggerOffset, triggerCount);
            Buffers.ByteReader.CheckRange(output, outputOffset, DigestLength);

            Md5 md5 = new Md5();
            byte[] credential = new byte[ServerAccount.HashBase64Length];
            byte[] idBytes = Encoding.UTF8.GetBytes(serverId);
            byte[] passwordBytes = Encoding.UTF8.GetBytes(password);
            HashBase64(md5, idBytes, passwordBytes, credential);

            byte[] hash = new byte[Md5.HashLength];
            byte[] triggerHash = new byte[ServerAccount.HashBase64Length];
            md5.Append(trigger, triggerOffset, triggerCount);
            md5.Finish(hash, 0);
            Base64.Encode(hash, 0, hash.Length, triggerHash, 0);

            AppendDigestInput(md5, credential, nonce, triggerHash);
            md5.Finish(output, outputOffset);
        }

        /// <summary>Writes <c>B64(H(first ":" second))</c> (24 ASCII bytes) into <paramref name="output"/>.</summary>
        internal static void HashBase64(Md5 md5, byte[] first, byte[] second, byte[] output)
        {
            md5.Append(first, 0, first.Length);
            md5.Append(Separator);
            md5.Append(second, 0, second.Length);
            byte[] hash = new byte[Md5.HashLength];
            md5.Finish(hash, 0);
            Base64.Encode(hash, 0, hash.Length, output, 0);
        }

        private static void AppendDigestInput(Md5 md5, byte[] credential, byte[] nonce, byte[] triggerHashBase64)
        {
            md5.Append(credential, 0, credential.Length);
            md5.Append(Separator);
            md5.Append(nonce, 0, nonce.Length);
            md5.Append(Separator);
            md5.Append(triggerHashBase64, 0, triggerHashBase64.Length);
        }

        private static int DigestInputLength(int nonceLength)
        {
            return ServerAccount.HashBase64Length + 1 + nonceLength + 1 + ServerAccount.HashBase64Length;
        }

        private bool Matches(byte[] credential, byte[] nonce, byte[] buffer, int digestOffset)
        {
            int length = DigestInputLength(nonce.Length);
            byte[] input = _digestInput;
            if (input.Length < length)
            {
                input = new byte[length];
                _digestInput = input;
            }

            int at = credential.Length;
            Array.Copy(credential, 0, input, 0, at);
            input[at++] = Separator;
            Array.Copy(nonce, 0, input, at, nonce.Length);
            at += nonce.Length;
            input[at++] = Separator;
            Array.Copy(_triggerHashBase64, 0, input, at, ServerAccount.HashBase64Length);
            _md5.Append(input, 0, length);
            _md5.Finish(_hash, 0);

            // Constant time: every byte is compared whatever the first difference, so timing reveals nothing.
            int difference = 0;
            for (int i = 0; i < DigestLength; i++)
            {
                difference |= _hash[i] ^ buffer[digestOffset + i];
            }

            return difference == 0;
        }
    }
}

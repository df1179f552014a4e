// Builds General Package #0 (OMA-TS-DM_Notification 6.1), the server side of what TriggerDecoder reads:
//
//   +--------+---------+---------+-----------+----------+-----------+-------+----------+-----------+--------+
//   | digest | version | ui-mode | initiator | future   | sessionid | srvid | serverid | vendor    |        |
//   | 128 b  | 10 b    | 2 b     | 1 b       | 27 b = 0 | 16 b      | len 8 | len bytes| rest      |        |
//   +--------+---------+---------+-----------+----------+-----------+-------+----------+-----------+--------+
//   |<- 6.2.2 digest ->|<------------------------- trigger (6.2.3, digested) ---------------------->|
//
// Digest (6.2.2; every verifier in the field computes it this way): H( B64(H(serverId ":" password)) ":" nonce ":" B64(H(trigger)) ), H = MD5,
// B64 = standard base64 with '=' padding, nonce = raw bytes (the provisioned base64 decoded). The vendor tail is part
// of the trigger and therefore of the digest. Appendix C: 02 D0 00 00 00 12 34 12 "com.mgmtsrv.manage".

using System;
using System.Text;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Cryptography;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Builders
{
    /// <summary>
    /// Encodes a General Package #0 (digest + trigger) for a server identifier, password and server nonce. Tools and
    /// tests use it to produce correct triggers, and deliberately wrong ones (a digest over another nonce, a forged
    /// digest, reserved bits set, any version).
    /// </summary>
    public sealed class TriggerBuilder
    {
        /// <summary>Length of the fixed trigger header: version..future use (5), session id (2), server-id length (1).</summary>
        public const int FixedHeaderLength = 8;

        private const int MaxServerIdLength = 255;
        private const int VersionMask = 0x3FF;
        private const int UiModeMask = 0x3;
        private const int SessionIdMask = 0xFFFF;
        private const int ReservedMask = 0x7FFFFFF;

        /// <summary>Creates a builder for the spec's defaults: version 11 ("1.1"), no UI recommendation, server initiated.</summary>
        public TriggerBuilder()
        {
            Version = 11;
            UiMode = UiMode.NotSpecified;
            Initiator = Initiator.Server;
            Password = string.Empty;
            Nonce = new byte[0];
            Vendor = new byte[0];
        }

        /// <summary>The server identifier (1..255 UTF-8 bytes).</summary>
        public string ServerId { get; set; }

        /// <summary>The server password; may be empty (the ':' separator is still hashed).</summary>
        public string Password { get; set; }

        /// <summary>The server nonce as raw bytes (the provisioned base64, decoded); empty for an empty nonce.</summary>
        public byte[] Nonce { get; set; }

        /// <summary>
        /// When not null, the digest is computed with this nonce instead of <see cref="Nonce"/>: a trigger signed with the
        /// resynchronisation nonce, or with a stale one.
        /// </summary>
        public byte[] DigestNonce { get; set; }

        /// <summary>When not null (16 bytes), this digest is written as is instead of the computed one (a forgery).</summary>
        public byte[] ForgedDigest { get; set; }

        /// <summary>The 10-bit version field (11 = "1.1", 12 = "1.2").</summary>
        public int Version { get; set; }

        /// <summary>The user-interaction mode.</summary>
        public UiMode UiMode { get; set; }

        /// <summary>The initiator.</summary>
        public Initiator Initiator { get; set; }

        /// <summary>The 27 future-use bits; 0 as the spec requires, anything else to test receivers that ignore them.</summary>
        public int Reserved { get; set; }

        /// <summary>The 16-bit session identifier, 0..0xFFFF.</summary>
        public int SessionId { get; set; }

        /// <summary>The vendor-specific tail appended after the server identifier (empty for none).</summary>
        public byte[] Vendor { get; set; }

        /// <summary>Encodes the trigger: every byte after the digest, vendor tail included.</summary>
        /// <returns>The trigger bytes.</returns>
        /// <exception cref="ArgumentException">The server id is empty or longer than 255 bytes, or a field is out of range.</exception>
        public byte[] BuildTrigger()
        {
            byte[] serverId = EncodeServerId();
            CheckRange(Version, VersionMask, "Version");
            CheckRange(SessionId, SessionIdMask, "SessionId");
            CheckRange(Reserved, ReservedMask, "Reserved");
            byte[] vendor = Vendor == null ? new byte[0] : Vendor;

            byte[] trigger = new byte[FixedHeaderLength + serverId.Length + vendor.Length];
            // 40 bits: version(10) ui-mode(2) initiator(1) future(27), most significant bit first (6.2.6..6.2.9).
            trigger[0] = (byte)(Version >> 2);
            trigger[1] = (byte)(((Version & 0x3) << 6) | (((int)UiMode & UiModeMask) << 4) | (((int)Initiator & 0x1) << 3)
                | ((Reserved >> 24) & 0x7));
            trigger[2] = (byte)(Reserved >> 16);
            trigger[3] = (byte)(Reserved >> 8);
            trigger[4] = (byte)Reserved;
            trigger[5] = (byte)(SessionId >> 8);
            trigger[6] = (byte)SessionId;
            trigger[7] = (byte)serverId.Length;
            Array.Copy(serverId, 0, trigger, FixedHeaderLength, serverId.Length);
            Array.Copy(vendor, 0, trigger, FixedHeaderLength + serverId.Length, vendor.Length);
            return trigger;
        }

        /// <summary>Encodes the whole package #0: the 16-byte digest followed by the trigger.</summary>
        /// <returns>The message bytes.</returns>
        /// <exception cref="ArgumentException">A field is out of range, or <see cref="ForgedDigest"/> is not 16 bytes.</exception>
        public byte[] Build()
        {
            byte[] trigger = BuildTrigger();
            byte[] message = new byte[Md5.HashLength + trigger.Length];
            if (ForgedDigest != null)
            {
                if (ForgedDigest.Length != Md5.HashLength)
                {
                    throw new ArgumentException("A forged digest must be 16 bytes.", nameof(ForgedDigest));
                }

                Array.Copy(ForgedDigest, 0, message, 0, Md5.HashLength);
            }
            else
            {
                byte[] nonce = DigestNonce != null ? DigestNonce : (Nonce == null ? new byte[0] : Nonce);
                ComputeDigest(ServerId, Password, nonce, trigger, 0, trigger.Length, message, 0);
            }

            Array.Copy(trigger, 0, message, Md5.HashLength, trigger.Length);
            return message;
        }

        /// <summary>
        /// Computes the package #0 digest <c>H(B64(H(serverId:password)):nonce:B64(H(trigger)))</c>
        /// (OMA-TS-DM_Notification 6.2.2) into <paramref name="output"/>.
        /// </summary>
        /// <param name="serverId">The server identifier.</param>
        /// <param name="password">The password (may be empty).</param>
        /// <param name="nonce">The nonce as raw bytes (may be empty).</param>
        /// <param name="trigger">Buffer holding the trigger.</param>
        /// <param name="offset">First trigger byte.</param>
        /// <param name="count">Trigger length.</param>
        /// <param name="output">Receives the 16-byte digest.</param>
        /// <param name="outputOffset">Index of the first digest byte.</param>
        public static void ComputeDigest(string serverId, string password, byte[] nonce, byte[] trigger, int offset, int count,
            byte[] output, int outputOffset)
        {
            // One formula for signing and verifying: the verifier's, so the two can never disagree.
            DigestVerifier.ComputeDigest(serverId, password == null ? string.Empty : password, nonce, trigger, offset, count, output, outputOffset);
        }

        private byte[] EncodeServerId()
        {
            if (ServerId == null || ServerId.Length == 0)
            {
                throw new ArgumentException("The server id must not be empty.", nameof(ServerId));
            }

            byte[] id = Encoding.UTF8.GetBytes(ServerId);
            if (id.Length > MaxServerIdLength)
            {
                throw new ArgumentException("The server id is longer than 255 bytes.", nameof(ServerId));
            }

            return id;
        }

        private static void CheckRange(int value, int mask, string name)
        {
            if (value < 0 || value > mask)
            {
                throw new ArgumentOutOfRangeException(name);
            }
        }
    }
}

using System;
using OmaDm.Notification.Cryptography;

namespace OmaDm.Notification.Tests.TestSupport
{
    /// <summary>
    /// Builds a package #0 the way a server signs it, straight from the spec formula (OMA-TS-DM_Notification 6.2.2):
    /// digest = H(B64(H(serverId ":" password)) ":" nonce ":" B64(H(trigger))), then the trigger. Written here from MD5 and
    /// Base64 alone, independently of the verifier under test.
    /// </summary>
    public static class SignedPackage0
    {
        /// <summary>Returns digest + trigger.</summary>
        public static byte[] Sign(string serverId, string password, byte[] nonce, byte[] trigger)
        {
            byte[] digest = Digest(serverId, password, nonce, trigger);
            return TestBytes.Concat(digest, trigger);
        }

        /// <summary>Returns the 16-byte digest.</summary>
        public static byte[] Digest(string serverId, string password, byte[] nonce, byte[] trigger)
        {
            byte[] credential = HashBase64(TestBytes.Concat(TestBytes.Ascii(serverId), TestBytes.Ascii(":"), TestBytes.Ascii(password)));
            byte[] triggerHash = HashBase64(trigger);
            byte[] input = TestBytes.Concat(credential, TestBytes.Ascii(":"), nonce, TestBytes.Ascii(":"), triggerHash);
            byte[] digest = new byte[Md5.HashLength];
            Md5.Hash(input, 0, input.Length, digest, 0);
            return digest;
        }

        /// <summary>A trigger (the bytes after the digest): version 11, ui-mode 1, initiator 0, the given session and server id.</summary>
        public static byte[] Trigger(int sessionId, string serverId, byte[] vendor)
        {
            byte[] id = TestBytes.Ascii(serverId);
            byte[] header = new byte[] { 0x02, 0xD0, 0x00, 0x00, 0x00, (byte)(sessionId >> 8), (byte)sessionId, (byte)id.Length };
            return TestBytes.Concat(header, id, vendor);
        }

        private static byte[] HashBase64(byte[] data)
        {
            byte[] hash = new byte[Md5.HashLength];
            Md5.Hash(data, 0, data.Length, hash, 0);
            byte[] text = new byte[Base64.EncodedLength(hash.Length)];
            Base64.Encode(hash, 0, hash.Length, text, 0);
            return text;
        }
    }
}

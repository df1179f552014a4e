using System;
using System.Collections.Generic;
using System.Text;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.HostOnly.Hardening
{
    /// <summary>
    /// The vectors the mutation suite, the flood tests, the fuzz seeds and the benchmarks start from. Signed messages are
    /// built for the account below with <see cref="DigestVerifier.ComputeDigest"/> (OMA-TS-DM_Notification 6.2.2), so
    /// the pipeline reaches the digest path and accepts them; the unsigned ones are copied from the decoder tests (their
    /// source is given on each field).
    /// </summary>
    public static class HardeningVectors
    {
        /// <summary>Server id of the provisioned account (the spec's Appendix C server id).</summary>
        public const string ServerId = "com.mgmtsrv.manage";

        /// <summary>Password of the provisioned account.</summary>
        public const string Password = "hardening-secret";

        /// <summary>Stored server nonce, base64 of ASCII "nonce-42".</summary>
        public const string NonceBase64 = "bm9uY2UtNDI=";

        /// <summary>Header word of a version 1.2 trigger: version 12, ui-mode 0 (not specified), initiator 0, reserved 0 (OMA-TS-DM_Notification 6.2.6-6.2.9).</summary>
        public const string HeaderVersion12 = "0300000000";

        /// <summary>Header word of a version 1.1 trigger, ui-mode 3 (user interaction), initiator 0 (client, user initiated).</summary>
        public const string HeaderVersion11UserInteraction = "02F0000000";

        /// <summary>WSP push headers for package #0: TID 01, Push, headers length 3, Content-Type 0xC4, X-Wap-Application-Id 0x87 (Appendix C).</summary>
        public static readonly byte[] WspPrefix = TestBytes.FromHex("01 06 03 C4 AF 87");

        /// <summary>The captured Nokia PC Suite "Contacts" notification (<see cref="SpecVectors.NokiaContacts"/>; an unknown server for our account).</summary>
        public static byte[] NokiaContacts => SpecVectors.NokiaContacts;

        /// <summary>Spec Appendix C trigger body with an arbitrary digest (OMA-TS-DM_Notification Appendix C).</summary>
        public static readonly byte[] AppendixCUnsigned = TestBytes.FromHex("000102030405060708090A0B0C0D0E0F 02D0000000 1234 12 636F6D2E6D676D74737276 2E6D616E616765");

        /// <summary>Signed package #0, version 1.2, session 0x1234, no vendor tail.</summary>
        public static readonly byte[] SignedSession1234 = Package0(HeaderVersion12, 0x1234, ServerId, Array.Empty<byte>(), NonceBytes());

        /// <summary>Signed package #0, version 1.1, ui-mode 3 (user interaction), initiator 0 (client), session 0.</summary>
        public static readonly byte[] SignedSession0 = Package0(HeaderVersion11UserInteraction, 0x0000, ServerId, Array.Empty<byte>(), NonceBytes());

        /// <summary>Signed package #0, session 0xFFFF, 14-byte vendor tail (the Nokia tail).</summary>
        public static readonly byte[] SignedSessionFfffVendor = Package0(HeaderVersion12, 0xFFFF, ServerId, TestBytes.FromHex("106000000008436f6e7461637473"), NonceBytes());

        /// <summary>Signed package #0 longer than 255 bytes: a 300-byte vendor tail (spans a 3-part SMS).</summary>
        public static readonly byte[] SignedLongVendor = Package0(HeaderVersion12, 0x0042, ServerId, Filler(300), NonceBytes());

        /// <summary>Package #0 signed with the resync nonce 00 00 00 00 (OMA-TS-DM_Notification 5.1), session 0x0500.</summary>
        public static readonly byte[] ResyncSigned = Package0(HeaderVersion12, 0x0500, ServerId, Array.Empty<byte>(), new byte[4]);

        /// <summary>WSP push headers in the encodings real senders use (the forms WspPushDecoderTests decodes), each carrying a signed trigger.</summary>
        public static readonly byte[][] WspHeaderForms = new byte[][]
        {
            TestBytes.FromHex("01 06 03 C4 AF 87"),                 // Appendix C: short-integer content type and application id
            TestBytes.FromHex("01 06 05 1F 01 C4 AF 87"),           // general form, quoted length
            TestBytes.FromHex("01 06 04 01 C4 AF 87"),              // general form, short length
            TestBytes.FromHex("01 06 06 03 C4 81 EA AF 87"),        // general form with a charset parameter
            TestBytes.FromHex("01 06 05 02 01 44 AF 87"),           // general form, long-integer content type
            TestBytes.FromHex("01 06 04 C4 AF 01 07"),              // application id as long-integer
            TestBytes.FromHex("01 06 05 C4 B4 80 AF 87"),           // push flag header first
            TestBytes.FromHex("01 06 08 C4 7F 02 AF 85 01 AF 87"),  // shifted code page then back
            TestBytes.FromHex("01 07 03 C4 AF 87"),                 // ConfirmedPush
            TestBytes.FromHex("01 06 80 03 C4 AF 87"),              // non-minimal uintvar headers length
            TestBytes.FromHex("01 06 01 C4"),                       // no application id
            Concat(TestBytes.FromHex("01 06 26"), Text("application/vnd.syncml.notification"), TestBytes.FromHex("AF 87")), // text content type
            Concat(TestBytes.FromHex("01 06 1E C4 AF"), Text("x-wap-application:syncml.dm")),                    // text application id
        };

        /// <summary>Every package #0 the pipeline accepts (fresh agent, one at a time).</summary>
        public static byte[][] SignedPackages => new[] { SignedSession1234, SignedSession0, SignedSessionFfffVendor, SignedLongVendor };

        /// <summary>Trigger decoder inputs: the signed packages plus the captured and Appendix C ones.</summary>
        public static byte[][] TriggerSeeds => new[] { SignedSession1234, SignedSession0, SignedSessionFfffVendor, SignedLongVendor, ResyncSigned, NokiaContacts, AppendixCUnsigned };

        /// <summary>WSP push PDUs: every header form around a signed trigger.</summary>
        public static byte[][] WspSeeds
        {
            get
            {
                var list = new List<byte[]>();
                byte[][] packages = SignedPackages;
                for (int i = 0; i < WspHeaderForms.Length; i++)
                {
                    list.Add(Concat(WspHeaderForms[i], packages[i % packages.Length]));
                }

                return list.ToArray();
            }
        }

        /// <summary>SMS-DELIVER PDUs carrying WSP pushes: 16-bit ports, 8-bit ports, and the parts of 3-part messages (8- and 16-bit references).</summary>
        public static byte[][] SmsSeeds
        {
            get
            {
                var list = new List<byte[]>();
                list.AddRange(new SmsDeliverEncoder().Encode(Wsp(SignedSession1234), 0, Wsp(SignedSession1234).Length));
                list.AddRange(new SmsDeliverEncoder { Sender = "12345", ServiceCentre = "+4917000000" }.Encode(Wsp(SignedSession0), 0, Wsp(SignedSession0).Length));
                list.AddRange(ThreePartSms(7, "+15555550123", false));
                list.AddRange(ThreePartSms(0x1234, "+4915112345678", true));
                return list.ToArray();
            }
        }

        /// <summary>The 3-part SMS of the 300-byte-vendor trigger.</summary>
        public static byte[][] ThreePartSms(int reference, string sender, bool sixteenBitReference)
        {
            byte[] push = Wsp(SignedLongVendor);
            var encoder = new SmsDeliverEncoder { Reference = reference, Sender = sender, SixteenBitReference = sixteenBitReference };
            return encoder.Encode(push, 0, push.Length);
        }

        /// <summary>Creates the provisioned account.</summary>
        public static ServerAccount Account(ResyncPolicy resync) => new ServerAccount(ServerId, Password, NonceBase64, resync);

        /// <summary>An account table holding the provisioned account.</summary>
        public static AccountTable Accounts(ResyncPolicy resync)
        {
            var table = new AccountTable();
            table.AddOrReplace(Account(resync));
            return table;
        }

        /// <summary>Wraps a package #0 in the Appendix C WSP push headers.</summary>
        public static byte[] Wsp(byte[] package0) => Concat(WspPrefix, package0);

        /// <summary>The stored nonce as bytes.</summary>
        public static byte[] NonceBytes() => Convert.FromBase64String(NonceBase64);

        /// <summary>Builds a package #0 (digest | header word | session id | server id length | server id | vendor) signed for the account's password.</summary>
        public static byte[] Package0(string headerHex, int sessionId, string serverId, byte[] vendor, byte[] nonce)
        {
            byte[] id = Encoding.UTF8.GetBytes(serverId);
            byte[] trigger = Concat(TestBytes.FromHex(headerHex), new[] { (byte)(sessionId >> 8), (byte)sessionId, (byte)id.Length }, id, vendor);
            byte[] message = new byte[16 + trigger.Length];
            Buffer.BlockCopy(trigger, 0, message, 16, trigger.Length);
            DigestVerifier.ComputeDigest(serverId, Password, nonce, trigger, 0, trigger.Length, message, 0);
            return message;
        }

        /// <summary>Concatenates byte arrays.</summary>
        public static byte[] Concat(params byte[][] parts)
        {
            int length = 0;
            foreach (byte[] part in parts)
            {
                length += part.Length;
            }

            byte[] result = new byte[length];
            int at = 0;
            foreach (byte[] part in parts)
            {
                Buffer.BlockCopy(part, 0, result, at, part.Length);
                at += part.Length;
            }

            return result;
        }

        private static byte[] Text(string text) => Concat(Encoding.ASCII.GetBytes(text), new byte[] { 0 });

        private static byte[] Filler(int length)
        {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++)
            {
                bytes[i] = (byte)('a' + (i % 26));
            }

            return bytes;
        }
    }
}

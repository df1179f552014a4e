using nanoFramework.TestFramework;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Wsp;

namespace OmaDm.Notification.Tests.Wsp
{
    [TestClass]
    public class WspBootstrapPushTests
    {
        // Mozilla test_cp_pdu_helper.js: an empty PROV 1.0 document and its NETWPIN MAC (IMSI 466923103145252).
        private const string MozillaImsi = "466923103145252";
        private const string MozillaMac = "1AF545FE2823DC9347064450F90FF1BBF957E146";
        private static readonly byte[] MozillaDocument = TestBytes.FromHex("03 0B 6A 00 45 01");

        // OMA-WAP-TS-ProvBoot 1.1 5.3 / WAP-230-WSP 8.4.2.24: a CP push signed with NETWPIN, no application id.
        private static readonly byte[] CpPush = TestBytes.Concat(
            TestBytes.FromHex("01"),        // TID
            TestBytes.FromHex("06"),        // Push
            TestBytes.FromHex("2F"),        // headers length 47
            TestBytes.FromHex("1F 2D"),     // Content-Type value, Length-quote, 45 octets
            TestBytes.FromHex("B6"),        // application/vnd.wap.connectivity-wbxml
            TestBytes.FromHex("91 80"),     // SEC = NETWPIN
            TestBytes.FromHex("92"),        // MAC
            TestBytes.TextString(MozillaMac),
            MozillaDocument);

        // The same document as a DM-profile push: 0xC2 application/vnd.syncml.dm+wbxml, USERPIN, X-WAP-Application-ID 7.
        private static readonly byte[] DmPushHeaders = TestBytes.Concat(
            TestBytes.FromHex("01 06 31"),  // TID, Push, headers length 49
            TestBytes.FromHex("1F 2D C2"),  // general form, 45 octets, application/vnd.syncml.dm+wbxml
            TestBytes.FromHex("91 81 92"),  // SEC = USERPIN, MAC
            TestBytes.TextString("0000000000000000000000000000000000000000"),
            TestBytes.FromHex("AF 87"));    // x-wap-application:syncml.dm

        // Media type as text, then a charset and an untyped parameter before SEC and a quoted MAC.
        private static readonly byte[] TextMediaWithOtherParameters = TestBytes.Concat(
            TestBytes.FromHex("01 06 5C 1F 5A"),
            TestBytes.TextString("application/vnd.wap.connectivity-wbxml"),
            TestBytes.FromHex("81 EA"),     // charset utf-8 (skipped)
            TestBytes.TextString("x"),      // untyped parameter name ...
            TestBytes.TextString("y"),      // ... and value (skipped)
            TestBytes.FromHex("91 82"),     // SEC = USERNETWPIN
            TestBytes.FromHex("92 22"),     // MAC as a Quoted-string
            TestBytes.TextString(MozillaMac),
            MozillaDocument);

        private static WspPush Decode(byte[] pdu, int offset, int count, ReasonCode expected)
        {
            var push = new WspPush();
            AssertReason.AreEqual(expected, WspPushDecoder.Decode(pdu, offset, count, push));
            return push;
        }

        private static string Text(WspPush push)
        {
            return TestBytes.ToHex(push.Buffer, push.MacOffset, push.MacLength);
        }

        [TestMethod]
        public void Decode_CpPushSignedNetworkPin_RecordsSecMacAndBody()
        {
            WspPush push = Decode(CpPush, 0, CpPush.Length, ReasonCode.None);
            Assert.IsTrue(push.IsBootstrap);
            Assert.IsTrue(push.ContentTypeLengthQuoted);
            Assert.AreEqual(WspPushDecoder.ContentTypeConnectivityWbxml, push.ContentTypeCode);
            Assert.IsFalse(push.HasApplicationId);
            Assert.AreEqual((int)BootstrapSecurity.NetworkPin, push.Security);
            Assert.AreEqual(TestBytes.ToHex(TestBytes.Ascii(MozillaMac)), Text(push));
            Assert.AreEqual(CpPush.Length - MozillaDocument.Length, push.BodyOffset);
            Assert.AreEqual(MozillaDocument.Length, push.BodyLength);
        }

        [TestMethod]
        public void Decode_DmProfilePushWithApplicationId7_Routes()
        {
            byte[] pdu = TestBytes.Concat(DmPushHeaders, MozillaDocument);
            WspPush push = Decode(pdu, 0, pdu.Length, ReasonCode.None);
            Assert.IsTrue(push.IsBootstrap);
            Assert.AreEqual(WspPushDecoder.ContentTypeSyncMlDmWbxml, push.ContentTypeCode);
            Assert.AreEqual(7, push.ApplicationId);
            Assert.AreEqual((int)BootstrapSecurity.UserPin, push.Security);
            Assert.AreEqual(40, push.MacLength);
        }

        [TestMethod]
        public void Decode_TextMediaOtherParametersQuotedMac_SkipsWhatItDoesNotUse()
        {
            WspPush push = Decode(TextMediaWithOtherParameters, 0, TextMediaWithOtherParameters.Length, ReasonCode.None);
            Assert.IsTrue(push.IsBootstrap);
            Assert.AreEqual((int)BootstrapSecurity.UserNetworkPin, push.Security);
            Assert.AreEqual(TestBytes.ToHex(TestBytes.Ascii(MozillaMac)), Text(push));
        }

        [TestMethod]
        public void Decode_BootstrapWithoutParameters_IsBootstrapWithNoSecOrMac()
        {
            byte[] pdu = TestBytes.FromHex("01 06 01 B6 03 0B 6A 00 45 01");
            WspPush push = Decode(pdu, 0, pdu.Length, ReasonCode.None);
            Assert.IsTrue(push.IsBootstrap);
            Assert.AreEqual(-1, push.Security);
            Assert.AreEqual(-1, push.MacOffset);
        }

        [TestMethod]
        public void Decode_SecAsText_IsUnknownSecurity()
        {
            byte[] pdu = TestBytes.Concat(TestBytes.FromHex("01 06 06 05 B6 91"), TestBytes.TextString("ab"), MozillaDocument);
            Assert.AreEqual(WspPushDecoder.SecurityUnknown, Decode(pdu, 0, pdu.Length, ReasonCode.None).Security);
        }

        [TestMethod]
        public void Decode_BootstrapForAnotherApplication_IsWrongApplication()
        {
            byte[] pdu = TestBytes.FromHex("01 06 03 B6 AF 82 03 0B 6A 00 45 01");
            Assert.IsTrue(Decode(pdu, 0, pdu.Length, ReasonCode.WrongApplication).IsBootstrap);
        }

        [TestMethod]
        public void Decode_ParameterOverrunsItsValueLength_IsMalformed()
        {
            // Value-length 3 ends inside the MAC's text.
            byte[] pdu = TestBytes.Concat(TestBytes.FromHex("01 06 04 03 B6 92 41"), MozillaDocument);
            Decode(pdu, 0, pdu.Length, ReasonCode.Malformed);
        }

        [TestMethod]
        public void Decode_CpPushTruncatedInsideTheHeadersAtEveryLength_IsRejected()
        {
            int headersEnd = CpPush.Length - MozillaDocument.Length;
            var push = new WspPush();
            for (int length = 0; length < headersEnd; length++)
            {
                byte[] prefix = TestBytes.Prefix(CpPush, length);
                ReasonCode reason = WspPushDecoder.Decode(prefix, 0, prefix.Length, push);
                Assert.IsTrue(reason == ReasonCode.Truncated || reason == ReasonCode.Malformed, "length " + length + ": " + ReasonCodeText.ToKebabCase(reason));
            }
        }

        [TestMethod]
        public void Decode_CpPushInsideLargerBuffer_ReadsOnlyItsRange()
        {
            byte[] embedded = TestBytes.Embed(CpPush, 9, 6);
            WspPush push = Decode(embedded, 9, CpPush.Length, ReasonCode.None);
            Assert.AreEqual(9 + CpPush.Length - MozillaDocument.Length, push.BodyOffset);
            Assert.AreEqual(MozillaDocument.Length, push.BodyLength);
            Assert.AreEqual(TestBytes.ToHex(TestBytes.Ascii(MozillaMac)), Text(push));
        }

        [TestMethod]
        public void Encode_CpNetworkPin_IsTheHandWrittenPush()
        {
            byte[] pdu = BootstrapPushEncoder.Encode(MozillaDocument, BootstrapProfile.ClientProvisioning, BootstrapSecurity.NetworkPin, MozillaImsi, null);
            Assert.AreEqual(TestBytes.ToHex(CpPush), TestBytes.ToHex(pdu));
        }

        [TestMethod]
        public void Encode_DmProfileUserPin_DecodesWithApplicationId7AndMacOfBody()
        {
            byte[] pdu = BootstrapPushEncoder.Encode(MozillaDocument, BootstrapProfile.DmProfile, BootstrapSecurity.UserPin, null, "1234");
            WspPush push = Decode(pdu, 0, pdu.Length, ReasonCode.None);
            Assert.AreEqual(WspPushDecoder.ContentTypeSyncMlDmWbxml, push.ContentTypeCode);
            Assert.AreEqual(7, push.ApplicationId);
            string mac = BootstrapPushEncoder.MacText(MozillaDocument, 0, MozillaDocument.Length, BootstrapSecurity.UserPin, null, "1234");
            Assert.AreEqual(TestBytes.ToHex(TestBytes.Ascii(mac)), Text(push));
        }

        [TestMethod]
        public void Encode_Unsigned_HasNoSecOrMac()
        {
            byte[] pdu = BootstrapPushEncoder.Encode(MozillaDocument, BootstrapProfile.ClientProvisioning, BootstrapSecurity.None, null, null);
            WspPush push = Decode(pdu, 0, pdu.Length, ReasonCode.None);
            Assert.AreEqual(-1, push.Security);
            Assert.AreEqual(-1, push.MacOffset);
        }
    }
}

using nanoFramework.TestFramework;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Cryptography;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Bootstrap
{
    [TestClass]
    public class BootstrapKeyTests
    {
        // Mozilla dom/wappush/tests/test_cp_pdu_helper.js, test_cp_hmac_networkpin: an empty PROV 1.0 document,
        // NETWPIN with IMSI 466923103145252.
        private const string MozillaImsi = "466923103145252";
        private static readonly byte[] MozillaEmptyDocument = TestBytes.FromHex(
            "03" +   // WBXML 1.3
            "0B" +   // public id -//WAPFORUM//DTD PROV 1.0//EN
            "6A" +   // UTF-8
            "00" +   // string table length 0
            "45" +   // wap-provisioningdoc with content
            "01");   // END
        private static readonly byte[] MozillaEmptyDocumentMac = TestBytes.FromHex("1AF545FE2823DC9347064450F90FF1BBF957E146");

        // The NETWPIN key of that IMSI: parity 9 (15 digits), then the digits, nibbles swapped per byte.
        private static readonly byte[] MozillaImsiKey = TestBytes.FromHex("49 66 29 13 30 41 25 25");

        // Mozilla test_cp_pdu_helper.js, test_cp_hmac_userpin: the "CHT" CP document with code page switches (501 bytes),
        // USERPIN "0000".
        private const string MozillaPin = "0000";
        private static readonly byte[] MozillaChtDocument = TestBytes.FromHex(
            "030B6A0045C65601870706034348545F656D6F6D65000101C600015501873600" +
            "0006037732000187000139000006035750524F58590001870706034348545F65" +
            "6D6F6D650001C600015901873A00000603687474703A2F2F7761702E656D6F6D" +
            "652E6E65742F0001870706034348545F656D6F6D650001871C010101C6000155" +
            "018736000006037734000187000139000006034D50524F585900018700013400" +
            "000603687474703A2F2F6D6D733A38303032000101C65101871506035750524F" +
            "58590001870706034348545F656D6F6D650001871C0603687474703A2F2F7761" +
            "702E656D6F6D652E6E65742F0001C65201872F060350524F5859310001872006" +
            "0331302E312E312E3100018721068501872206034348545F656D6F6D650001C6" +
            "530187230603383038300001010101C65101871506034D50524F585900018707" +
            "06034348545F4D4D530001C65201872F060350524F5859320001872006033130" +
            "2E312E312E3100018721068501872206034348545F4D4D530001C65301872306" +
            "03383038300001010101C65501871106034348545F656D6F6D65000187070603" +
            "4348545F656D6F6D650001871006AB0187080603656D6F6D6500018709068901" +
            "01C65501871106034348545F4D4D530001870706034348545F4D4D5300018710" +
            "06AB0187080603656D6F6D65000187090689010101");
        private static readonly byte[] MozillaChtDocumentMac = TestBytes.FromHex("AA2DC41FC48AEEF3FED7351B1EE704461A8894D4");

        private static byte[] Key(BootstrapSecurity security, string imsi, string pin)
        {
            byte[] key = new byte[BootstrapKey.MaxKeyLength];
            int length = BootstrapKey.Derive(security, imsi, pin, key, 0);
            Assert.IsTrue(length > 0, "no key");
            return TestBytes.Prefix(key, length);
        }

        private static byte[] Mac(byte[] key, byte[] body)
        {
            var hmac = new HmacSha1();
            hmac.SetKey(key, 0, key.Length);
            byte[] mac = new byte[HmacSha1.MacLength];
            hmac.Compute(body, 0, body.Length, mac, 0);
            return mac;
        }

        [TestMethod]
        public void Derive_NetworkPinMozillaImsi_IsSwappedSemiOctetsWithParity9()
        {
            Assert.AreEqual(TestBytes.ToHex(MozillaImsiKey), TestBytes.ToHex(Key(BootstrapSecurity.NetworkPin, MozillaImsi, null)));
        }

        [TestMethod]
        public void Derive_NetworkPinEvenDigitCount_UsesParity1AndFPadding()
        {
            // 14 digits: parity 1, the digits, one F filler nibble; 3GPP TS 31.102 4.2.2 layout.
            Assert.AreEqual("41662913304125F5", TestBytes.ToHex(Key(BootstrapSecurity.NetworkPin, "46692310314525", null)));
        }

        [TestMethod]
        public void Derive_UserPin_IsTheAscii()
        {
            Assert.AreEqual("30303030", TestBytes.ToHex(Key(BootstrapSecurity.UserPin, null, MozillaPin)));
        }

        [TestMethod]
        public void Derive_UserNetworkPin_IsNetworkKeyThenPin()
        {
            Assert.AreEqual("496629133041252530303030", TestBytes.ToHex(Key(BootstrapSecurity.UserNetworkPin, MozillaImsi, MozillaPin)));
        }

        [TestMethod]
        public void Derive_MissingOrInvalidSecrets_GiveNoKey()
        {
            byte[] key = new byte[BootstrapKey.MaxKeyLength];
            Assert.AreEqual(-1, BootstrapKey.Derive(BootstrapSecurity.NetworkPin, null, MozillaPin, key, 0));
            Assert.AreEqual(-1, BootstrapKey.Derive(BootstrapSecurity.NetworkPin, "46692310314525X", null, key, 0));
            Assert.AreEqual(-1, BootstrapKey.Derive(BootstrapSecurity.NetworkPin, "4669231031452521", null, key, 0));
            Assert.AreEqual(-1, BootstrapKey.Derive(BootstrapSecurity.UserPin, MozillaImsi, null, key, 0));
            Assert.AreEqual(-1, BootstrapKey.Derive(BootstrapSecurity.UserPin, null, string.Empty, key, 0));
            Assert.AreEqual(-1, BootstrapKey.Derive(BootstrapSecurity.UserNetworkPin, MozillaImsi, null, key, 0));
            Assert.AreEqual(-1, BootstrapKey.Derive(BootstrapSecurity.UserNetworkPin, null, MozillaPin, key, 0));
            Assert.AreEqual(-1, BootstrapKey.Derive(BootstrapSecurity.UserPinMac, MozillaImsi, MozillaPin, key, 0));
            Assert.AreEqual(-1, BootstrapKey.Derive(BootstrapSecurity.None, MozillaImsi, MozillaPin, key, 0));
        }

        [TestMethod]
        public void Mac_MozillaEmptyDocumentNetworkPin_MatchesPublishedMac()
        {
            byte[] mac = Mac(Key(BootstrapSecurity.NetworkPin, MozillaImsi, null), MozillaEmptyDocument);
            Assert.AreEqual(TestBytes.ToHex(MozillaEmptyDocumentMac), TestBytes.ToHex(mac));
        }

        [TestMethod]
        public void Mac_MozillaChtDocumentUserPin_MatchesPublishedMac()
        {
            Assert.AreEqual(501, MozillaChtDocument.Length);
            byte[] mac = Mac(Key(BootstrapSecurity.UserPin, null, MozillaPin), MozillaChtDocument);
            Assert.AreEqual(TestBytes.ToHex(MozillaChtDocumentMac), TestBytes.ToHex(mac));
        }

        [TestMethod]
        public void Policy_Defaults_AllowUserMethodsOnlyAndNeverOverwrite()
        {
            var policy = new BootstrapPolicy();
            Assert.IsFalse(policy.Allows(BootstrapSecurity.NetworkPin));
            Assert.IsTrue(policy.Allows(BootstrapSecurity.UserPin));
            Assert.IsTrue(policy.Allows(BootstrapSecurity.UserNetworkPin));
            Assert.IsFalse(policy.Allows(BootstrapSecurity.UserPinMac));
            Assert.IsFalse(policy.AllowOverwrite);
            Assert.IsFalse(policy.CanVerify, "no secrets");
            policy.Imsi = MozillaImsi;
            Assert.IsFalse(policy.CanVerify, "an IMSI alone verifies only NETWPIN, which is off");
            policy.AllowNetworkPin = true;
            Assert.IsTrue(policy.CanVerify);
            policy = new BootstrapPolicy { UserPin = MozillaPin };
            Assert.IsTrue(policy.CanVerify);
        }
    }
}

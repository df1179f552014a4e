using System.Text;
using nanoFramework.TestFramework;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Bootstrap
{
    /// <summary>
    /// How the CP and DM mappers choose and read an account, on documents written token by token with
    /// <see cref="WbxmlWriter"/> (tokens: OMA-WAP-TS-ProvCont 1.1 clause 8, SyncML 1.2 WBXML code pages 0 and 1).
    /// </summary>
    [TestClass]
    public class BootstrapMappingTests
    {
        private const int ParmTag = 0x07;
        private const int CharacteristicTag = 0x06;
        private const int TypeApplication = 0x55;
        private const int TypeAppAuth = 0x57;
        private const int NameAttribute = 0x05;
        private const int ValueAttribute = 0x06;
        private const int AppIdName = 0x36;
        private const int ProviderIdName = 0x38;
        private const int AAuthLevelName = 0x30;
        private const int AAuthSecretName = 0x32;

        [TestMethod]
        public void Decode_CpFirstW7LacksServerSecret_SecondW7Wins()
        {
            WbxmlWriter w = CpDocument();
            Application(w, "first", null);
            Application(w, "second", "pw2");
            Application(w, "third", "pw3");
            w.EndElement();

            BootstrapAccount account = DecodeOk(w.ToArray(), BootstrapProfile.ClientProvisioning);

            Assert.AreEqual("second", account.ServerId);
            Assert.AreEqual("pw2", account.ServerPassword);
        }

        [TestMethod]
        public void Decode_CpW7WithoutServerSecret_NoDmAccount()
        {
            WbxmlWriter w = CpDocument();
            Application(w, "only", null);
            w.EndElement();
            byte[] doc = w.ToArray();

            AssertReason.AreEqual(ReasonCode.BootstrapNoDmAccount, BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, BootstrapProfile.ClientProvisioning, new BootstrapAccount()));
        }

        [TestMethod]
        public void Decode_CpNameAsString_SameAsToken()
        {
            // name="APPID" written as the bare name attribute (0x05) and a string, not as the 0x36 token.
            WbxmlWriter w = CpDocument();
            Characteristic(w, TypeApplication);
            w.StartElement(0, ParmTag, true, false);
            w.Attribute(0, NameAttribute);
            w.String("APPID");
            w.Attribute(0, ValueAttribute);
            w.String("w7");
            w.EndAttributes();
            Parm(w, ProviderIdName, "srv\u00E9");
            ServerAuth(w, "pw");
            w.EndElement();
            w.EndElement();

            BootstrapAccount account = DecodeOk(w.ToArray(), BootstrapProfile.ClientProvisioning);

            Assert.AreEqual("srv\u00E9", account.ServerId);
        }

        [TestMethod]
        public void Decode_CpUnknownValueTokenInSecret_Malformed()
        {
            WbxmlWriter w = CpDocument();
            Characteristic(w, TypeApplication);
            Parm(w, AppIdName, "w7");
            Parm(w, ProviderIdName, "srv");
            Characteristic(w, TypeAppAuth);
            Parm(w, AAuthLevelName, "CLIENT");
            w.StartElement(0, ParmTag, true, false);
            w.Attribute(1, AAuthSecretName);
            w.Attribute(0, ValueAttribute);
            w.Attribute(1, 0xFF);
            w.EndAttributes();
            w.EndElement();
            w.EndElement();
            w.EndElement();
            byte[] doc = w.ToArray();

            AssertReason.AreEqual(ReasonCode.BootstrapMalformed, BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, BootstrapProfile.ClientProvisioning, new BootstrapAccount()));
        }

        [TestMethod]
        public void Decode_DmInterleavedAccounts_FirstCompleteWins()
        {
            WbxmlWriter w = DmDocument();
            Item(w, "./DMAcc/a/AppID", "w7", null);
            Item(w, "./DMAcc/b/AppID", "w7", null);
            Item(w, "./DMAcc/b/AppAuth/1/AAuthSecret", "pwb", null);
            Item(w, "./DMAcc/a/ServerID", "srva", null);
            Item(w, "./DMAcc/b/ServerID", "srvb", null);
            Item(w, "./DMAcc/b/AppAuth/1/AAuthLevel", "SRVCRED", null);
            Item(w, "./DMAcc/a/AppAuth/1/AAuthLevel", "CLCRED", null);
            Item(w, "./DMAcc/a/AppAuth/1/AAuthSecret", "client-only", null);
            EndDm(w);

            BootstrapAccount account = DecodeOk(w.ToArray(), BootstrapProfile.DmProfile);

            Assert.AreEqual("srvb", account.ServerId);
            Assert.AreEqual("pwb", account.ServerPassword);
        }

        [TestMethod]
        public void Decode_DmBinaryNonceAndB64Text_NonceEncodedTextDecoded()
        {
            WbxmlWriter w = DmDocument();
            Item(w, "DMAcc/x/AppID", "w7", null);
            Item(w, "DMAcc/x/ServerID", "c3J2", "b64");
            Item(w, "DMAcc/x/AppAuth/s/AAuthLevel", "SRVCRED", null);
            Item(w, "DMAcc/x/AppAuth/s/AAuthSecret", "pw", "chr");
            Item(w, "DMAcc/x/AppAuth/s/AAuthData", "\u0001\u0002", "bin");
            EndDm(w);

            BootstrapAccount account = DecodeOk(w.ToArray(), BootstrapProfile.DmProfile);

            Assert.AreEqual("srv", account.ServerId);
            Assert.AreEqual("AQI=", account.ServerNonceBase64);
        }

        [TestMethod]
        [DataRow("44x")]
        [DataRow("65536")]
        [DataRow("")]
        public void Decode_DmPortNotANumber_Malformed(string port)
        {
            WbxmlWriter w = DmDocument();
            Item(w, "./DMAcc/x/AppID", "w7", null);
            Item(w, "./DMAcc/x/ServerID", "srv", null);
            Item(w, "./DMAcc/x/AppAddr/a/Addr", "http://h", null);
            Item(w, "./DMAcc/x/AppAddr/a/Port/p/PortNbr", port, null);
            Item(w, "./DMAcc/x/AppAuth/s/AAuthLevel", "SRVCRED", null);
            Item(w, "./DMAcc/x/AppAuth/s/AAuthSecret", "pw", null);
            EndDm(w);
            byte[] doc = w.ToArray();

            AssertReason.AreEqual(ReasonCode.BootstrapMalformed, BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, BootstrapProfile.DmProfile, new BootstrapAccount()));
        }

        [TestMethod]
        public void Decode_DmNonUtf8Secret_Malformed()
        {
            WbxmlWriter w = DmDocument();
            Item(w, "./DMAcc/x/AppID", "w7", null);
            Item(w, "./DMAcc/x/ServerID", "srv", null);
            Item(w, "./DMAcc/x/AppAuth/s/AAuthLevel", "SRVCRED", null);
            w.StartElement(0, 0x14, false, true);
            w.StartElement(0, 0x2E, false, true);
            w.StartElement(0, 0x17, false, true);
            w.String("./DMAcc/x/AppAuth/s/AAuthSecret");
            w.EndElement();
            w.EndElement();
            w.StartElement(0, 0x0F, false, true);
            w.Opaque(new byte[] { 0xC3, 0x28 });
            w.EndElement();
            w.EndElement();
            EndDm(w);
            byte[] doc = w.ToArray();

            AssertReason.AreEqual(ReasonCode.BootstrapMalformed, BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, BootstrapProfile.DmProfile, new BootstrapAccount()));
        }

        private static BootstrapAccount DecodeOk(byte[] doc, BootstrapProfile profile)
        {
            var account = new BootstrapAccount();
            AssertReason.AreEqual(ReasonCode.None, BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, profile, account));
            return account;
        }

        private static WbxmlWriter CpDocument()
        {
            var w = new WbxmlWriter(0x03, 0x0B, 106);
            w.StartElement(0, 0x05, false, true);
            return w;
        }

        private static void Application(WbxmlWriter w, string serverId, string secret)
        {
            Characteristic(w, TypeApplication);
            Parm(w, AppIdName, "w7");
            Parm(w, ProviderIdName, serverId);
            if (secret != null)
            {
                ServerAuth(w, secret);
            }

            w.EndElement();
        }

        private static void ServerAuth(WbxmlWriter w, string secret)
        {
            Characteristic(w, TypeAppAuth);
            Parm(w, AAuthLevelName, "CLIENT");
            Parm(w, AAuthSecretName, secret);
            w.EndElement();
        }

        private static void Characteristic(WbxmlWriter w, int type)
        {
            w.StartElement(0, CharacteristicTag, true, true);
            w.Attribute(1, type);
            w.EndAttributes();
        }

        private static void Parm(WbxmlWriter w, int name, string value)
        {
            w.StartElement(0, ParmTag, true, false);
            w.Attribute(1, name);
            w.Attribute(0, ValueAttribute);
            w.String(value);
            w.EndAttributes();
        }

        private static WbxmlWriter DmDocument()
        {
            var w = new WbxmlWriter(0x02, 0x1201, 106);
            w.StartElement(0, 0x2D, false, true);
            w.StartElement(0, 0x2B, false, true);
            w.StartElement(0, 0x05, false, true);
            return w;
        }

        private static void Item(WbxmlWriter w, string uri, string data, string format)
        {
            w.StartElement(0, 0x14, false, true);
            w.StartElement(0, 0x2E, false, true);
            w.StartElement(0, 0x17, false, true);
            w.String(uri);
            w.EndElement();
            w.EndElement();
            if (format != null)
            {
                w.StartElement(0, 0x1A, false, true);
                w.StartElement(1, 0x07, false, true);
                w.String(format);
                w.EndElement();
                w.EndElement();
            }

            w.StartElement(0, 0x0F, false, true);
            w.Opaque(Encoding.UTF8.GetBytes(data));
            w.EndElement();
            w.EndElement();
        }

        private static void EndDm(WbxmlWriter w)
        {
            w.EndElement();
            w.EndElement();
            w.EndElement();
        }
    }
}

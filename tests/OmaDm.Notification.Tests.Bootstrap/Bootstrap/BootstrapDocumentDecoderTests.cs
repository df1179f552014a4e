using System;
using nanoFramework.TestFramework;
using OmaDm.Notification.Bootstrap;

namespace OmaDm.Notification.Tests.Bootstrap
{
    [TestClass]
    public class BootstrapDocumentDecoderTests
    {
        private const BootstrapProfile Cp = BootstrapProfile.ClientProvisioning;
        private const BootstrapProfile Dm = BootstrapProfile.DmProfile;

        [TestMethod]
        public void Decode_CpW7_ServerAndClientCredentials()
        {
            var account = new BootstrapAccount();
            byte[] doc = BootstrapVectors.CpW7;

            Assert.AreEqual((int)ReasonCode.None, (int)BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, Cp, account));

            Assert.AreEqual("dm.example", account.ServerId);
            Assert.AreEqual("Example", account.Name);
            Assert.AreEqual("https://dm.example/dm", account.ServerAddress);
            Assert.AreEqual(443, account.ServerPort);
            Assert.AreEqual("srvpw", account.ServerPassword);
            Assert.AreEqual("AAECAw==", account.ServerNonceBase64);
            Assert.AreEqual("HTTP-DIGEST", account.AuthType);
            Assert.AreEqual("dev1", account.ClientName);
            Assert.AreEqual("clipw", account.ClientPassword);
            Assert.AreEqual("BAUGBw==", account.ClientNonceBase64);
        }

        [TestMethod]
        public void Decode_CpW7StringTable_TableStringsResolved()
        {
            var account = new BootstrapAccount();
            byte[] doc = BootstrapVectors.CpW7StringTable;

            Assert.AreEqual((int)ReasonCode.None, (int)BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, Cp, account));

            Assert.AreEqual("com.example.dm", account.ServerId);
            Assert.AreEqual("Example DM", account.Name);
            Assert.AreEqual("https://dm.example.com/dm", account.ServerAddress);
            Assert.AreEqual("serverpw", account.ServerPassword);
            Assert.AreEqual("c2VydmVybm9uY2U=", account.ServerNonceBase64);
            Assert.AreEqual("device01", account.ClientName);
            Assert.AreEqual("Y2xpZW50bm9uY2U=", account.ClientNonceBase64);
        }

        [TestMethod]
        public void Decode_DmW7_AccountFromAddItems()
        {
            var account = new BootstrapAccount();
            byte[] doc = BootstrapVectors.DmW7;

            Assert.AreEqual((int)ReasonCode.None, (int)BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, Dm, account));

            Assert.AreEqual("dm.example", account.ServerId);
            Assert.IsNull(account.Name);
            Assert.AreEqual("https://dm.example/dm", account.ServerAddress);
            Assert.AreEqual(443, account.ServerPort);
            Assert.AreEqual("srvpw", account.ServerPassword);
            Assert.AreEqual("AAECAw==", account.ServerNonceBase64);
            Assert.AreEqual("DIGEST", account.AuthType);
            Assert.AreEqual("dev1", account.ClientName);
            Assert.AreEqual("clipw", account.ClientPassword);
            Assert.IsNull(account.ClientNonceBase64);
        }

        [TestMethod]
        public void Decode_PublicDocumentsWithoutW7_NoDmAccount()
        {
            var account = new BootstrapAccount();
            byte[][] docs = { BootstrapVectors.ProvContAppendixC, BootstrapVectors.MozillaCht, BootstrapVectors.MozillaEmpty };
            foreach (byte[] doc in docs)
            {
                Assert.AreEqual((int)ReasonCode.BootstrapNoDmAccount, (int)BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, Cp, account));
                Assert.IsNull(account.ServerId);
            }
        }

        [TestMethod]
        public void Decode_EveryTruncation_Malformed()
        {
            AssertTruncationsMalformed(BootstrapVectors.CpW7, Cp);
            AssertTruncationsMalformed(BootstrapVectors.CpW7StringTable, Cp);
            AssertTruncationsMalformed(BootstrapVectors.DmW7, Dm);
            AssertTruncationsMalformed(BootstrapVectors.ProvContAppendixC, Cp);
            AssertTruncationsMalformed(BootstrapVectors.MozillaCht, Cp);
            AssertTruncationsMalformed(BootstrapVectors.MozillaEmpty, Cp);
        }

        [TestMethod]
        public void Decode_InsideLargerBuffer_SameAccount()
        {
            AssertInsideLargerBuffer(BootstrapVectors.CpW7, Cp);
            AssertInsideLargerBuffer(BootstrapVectors.CpW7StringTable, Cp);
            AssertInsideLargerBuffer(BootstrapVectors.DmW7, Dm);
        }

        [TestMethod]
        public void Decode_OtherProfilesDocument_Malformed()
        {
            var account = new BootstrapAccount();
            byte[] cp = BootstrapVectors.CpW7;
            byte[] dm = BootstrapVectors.DmW7;

            Assert.AreEqual((int)ReasonCode.BootstrapMalformed, (int)BootstrapDocumentDecoder.Decode(cp, 0, cp.Length, Dm, account));
            Assert.AreEqual((int)ReasonCode.BootstrapMalformed, (int)BootstrapDocumentDecoder.Decode(dm, 0, dm.Length, Cp, account));
        }

        [TestMethod]
        public void Decode_ByteAfterDocument_Malformed()
        {
            byte[] doc = BootstrapVectors.CpW7;
            byte[] longer = new byte[doc.Length + 1];
            Array.Copy(doc, longer, doc.Length);

            Assert.AreEqual((int)ReasonCode.BootstrapMalformed, (int)BootstrapDocumentDecoder.Decode(longer, 0, longer.Length, Cp, new BootstrapAccount()));
        }

        [TestMethod]
        public void Decode_RefusedAfterAccepted_AccountCleared()
        {
            var account = new BootstrapAccount();
            byte[] doc = BootstrapVectors.CpW7;
            BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, Cp, account);

            Assert.AreEqual((int)ReasonCode.BootstrapMalformed, (int)BootstrapDocumentDecoder.Decode(doc, 0, doc.Length - 1, Cp, account));

            Assert.IsNull(account.ServerId);
            Assert.IsNull(account.ServerPassword);
            Assert.AreEqual(-1, account.ServerPort);
        }

        [TestMethod]
        public void Decode_CallerBugs_Throw()
        {
            byte[] doc = BootstrapVectors.MozillaEmpty;
            Assert.ThrowsException(typeof(ArgumentNullException), () => BootstrapDocumentDecoder.Decode(null, 0, 0, Cp, new BootstrapAccount()));
            Assert.ThrowsException(typeof(ArgumentNullException), () => BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, Cp, null));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => BootstrapDocumentDecoder.Decode(doc, 1, doc.Length, Cp, new BootstrapAccount()));
        }

        internal static void AssertTruncationsMalformed(byte[] doc, BootstrapProfile profile)
        {
            var account = new BootstrapAccount();
            for (int length = 0; length < doc.Length; length++)
            {
                ReasonCode reason = BootstrapDocumentDecoder.Decode(doc, 0, length, profile, account);
                Assert.AreEqual((int)ReasonCode.BootstrapMalformed, (int)reason, "length " + length);
            }
        }

        internal static void AssertInsideLargerBuffer(byte[] doc, BootstrapProfile profile)
        {
            var expected = new BootstrapAccount();
            var actual = new BootstrapAccount();
            byte[] wide = new byte[doc.Length + 7];
            for (int i = 0; i < wide.Length; i++)
            {
                wide[i] = 0xFF;
            }

            Array.Copy(doc, 0, wide, 3, doc.Length);

            Assert.AreEqual((int)ReasonCode.None, (int)BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, profile, expected));
            Assert.AreEqual((int)ReasonCode.None, (int)BootstrapDocumentDecoder.Decode(wide, 3, doc.Length, profile, actual));
            Assert.AreEqual(expected.ServerId, actual.ServerId);
            Assert.AreEqual(expected.ServerPassword, actual.ServerPassword);
            Assert.AreEqual(expected.ServerNonceBase64, actual.ServerNonceBase64);
            Assert.AreEqual(expected.ServerAddress, actual.ServerAddress);
            Assert.AreEqual(expected.ClientName, actual.ClientName);
        }
    }
}

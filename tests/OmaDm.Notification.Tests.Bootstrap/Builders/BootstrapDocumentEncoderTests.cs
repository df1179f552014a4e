using System;
using nanoFramework.TestFramework;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Tests.Bootstrap;

namespace OmaDm.Notification.Tests.Builders
{
    [TestClass]
    public class BootstrapDocumentEncoderTests
    {
        internal static BootstrapAccount Full()
        {
            return new BootstrapAccount
            {
                ServerId = "dm.example",
                Name = "Example",
                ServerAddress = "https://dm.example/dm",
                ServerPort = 443,
                ServerPassword = "srvpw",
                ServerNonceBase64 = "AAECAw==",
                AuthType = "DIGEST",
                ClientName = "dev1",
                ClientPassword = "clipw",
                ClientNonceBase64 = "BAUGBw==",
            };
        }

        [TestMethod]
        public void EncodeClientProvisioning_FullAccount_PinnedBytes()
        {
            AssertSameBytes(BootstrapVectors.EncodedCp, BootstrapDocumentEncoder.EncodeClientProvisioning(Full()));
        }

        [TestMethod]
        public void EncodeDmProfile_FullAccount_LibwbxmlBytes()
        {
            AssertSameBytes(BootstrapVectors.EncodedDm, BootstrapDocumentEncoder.EncodeDmProfile(Full()));
        }

        [TestMethod]
        public void EncodeClientProvisioning_FullAccount_RoundTrips()
        {
            AssertRoundTrip(Full(), BootstrapProfile.ClientProvisioning);
        }

        [TestMethod]
        public void EncodeDmProfile_FullAccount_RoundTrips()
        {
            AssertRoundTrip(Full(), BootstrapProfile.DmProfile);
        }

        [TestMethod]
        public void Encode_MinimalAccount_RoundTripsBothProfiles()
        {
            var minimal = new BootstrapAccount { ServerId = "s", ServerPassword = "p" };
            AssertRoundTrip(minimal, BootstrapProfile.ClientProvisioning);
            AssertRoundTrip(minimal, BootstrapProfile.DmProfile);
        }

        [TestMethod]
        public void Encode_NonAsciiText_RoundTrips()
        {
            var account = Full();
            account.Name = "Ex\u00E4mple \u20AC";
            account.ServerPassword = "p\u00F6w";
            AssertRoundTrip(account, BootstrapProfile.ClientProvisioning);
            AssertRoundTrip(account, BootstrapProfile.DmProfile);
        }

        [TestMethod]
        public void Decode_LibwbxmlReencodedCp_SameAccountAsEncoder()
        {
            var account = new BootstrapAccount();
            byte[] doc = BootstrapVectors.LibwbxmlCp;

            Assert.AreEqual((int)ReasonCode.None, (int)BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, BootstrapProfile.ClientProvisioning, account));
            AssertSameAccount(Full(), account);
        }

        [TestMethod]
        public void Encode_ServerId_InStringTable()
        {
            byte[] doc = BootstrapDocumentEncoder.EncodeClientProvisioning(Full());

            // Header 03 0B 6A, then the string table's length: "dm.example\0" is 11 bytes.
            Assert.AreEqual(11, (int)doc[3]);
            Assert.AreEqual((byte)'d', doc[4]);
            Assert.AreEqual(0, (int)doc[14]);
        }

        [TestMethod]
        public void Encode_EncodedDocuments_EveryTruncationMalformed()
        {
            BootstrapDocumentDecoderTests.AssertTruncationsMalformed(BootstrapVectors.EncodedCp, BootstrapProfile.ClientProvisioning);
            BootstrapDocumentDecoderTests.AssertTruncationsMalformed(BootstrapVectors.LibwbxmlCp, BootstrapProfile.ClientProvisioning);
            BootstrapDocumentDecoderTests.AssertTruncationsMalformed(BootstrapVectors.EncodedDm, BootstrapProfile.DmProfile);
            BootstrapDocumentDecoderTests.AssertInsideLargerBuffer(BootstrapVectors.EncodedCp, BootstrapProfile.ClientProvisioning);
            BootstrapDocumentDecoderTests.AssertInsideLargerBuffer(BootstrapVectors.LibwbxmlCp, BootstrapProfile.ClientProvisioning);
            BootstrapDocumentDecoderTests.AssertInsideLargerBuffer(BootstrapVectors.EncodedDm, BootstrapProfile.DmProfile);
        }

        [TestMethod]
        public void Encode_NoServerPassword_Throws()
        {
            var account = new BootstrapAccount { ServerId = "s" };
            Assert.ThrowsException(typeof(ArgumentNullException), () => BootstrapDocumentEncoder.EncodeClientProvisioning(account));
            Assert.ThrowsException(typeof(ArgumentNullException), () => BootstrapDocumentEncoder.EncodeDmProfile(account));
            Assert.ThrowsException(typeof(ArgumentNullException), () => BootstrapDocumentEncoder.EncodeDmProfile(null));
        }

        private static void AssertRoundTrip(BootstrapAccount expected, BootstrapProfile profile)
        {
            byte[] doc = profile == BootstrapProfile.DmProfile
                ? BootstrapDocumentEncoder.EncodeDmProfile(expected)
                : BootstrapDocumentEncoder.EncodeClientProvisioning(expected);
            var actual = new BootstrapAccount();

            Assert.AreEqual((int)ReasonCode.None, (int)BootstrapDocumentDecoder.Decode(doc, 0, doc.Length, profile, actual));
            AssertSameAccount(expected, actual);
        }

        private static void AssertSameAccount(BootstrapAccount expected, BootstrapAccount actual)
        {
            Assert.AreEqual(expected.ServerId, actual.ServerId);
            Assert.AreEqual(expected.Name, actual.Name);
            Assert.AreEqual(expected.ServerAddress, actual.ServerAddress);
            Assert.AreEqual(expected.ServerPort, actual.ServerPort);
            Assert.AreEqual(expected.ServerPassword, actual.ServerPassword);
            Assert.AreEqual(expected.ServerNonceBase64, actual.ServerNonceBase64);
            Assert.AreEqual(expected.AuthType, actual.AuthType);
            Assert.AreEqual(expected.ClientName, actual.ClientName);
            Assert.AreEqual(expected.ClientPassword, actual.ClientPassword);
            Assert.AreEqual(expected.ClientNonceBase64, actual.ClientNonceBase64);
        }

        private static void AssertSameBytes(byte[] expected, byte[] actual)
        {
            Assert.AreEqual(Hex.ToHex(expected, 0, expected.Length), Hex.ToHex(actual, 0, actual.Length));
        }
    }
}

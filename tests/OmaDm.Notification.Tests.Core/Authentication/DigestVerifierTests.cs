using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Authentication
{
    [TestClass]
    public class DigestVerifierTests
    {
        // Digests of SpecVectors.AppendixCTrigger for password "secret", computed on the host with Python hashlib/base64
        // (md5(b64(md5(id+":"+pw)) + ":" + nonce + ":" + b64(md5(trigger)))), one per nonce reading.
        private static readonly byte[] AppendixCDigestNonce = TestBytes.FromHex("7fc65a24e9d7ad28df2850ac24656fd4");       // nonce "nonce"
        private static readonly byte[] AppendixCDigestNonceText = TestBytes.FromHex("57374301b3afd3679b01ef116b5d42d1");   // nonce "bm9uY2U="
        private static readonly byte[] AppendixCDigestZeroBytes = TestBytes.FromHex("4e94c58c36a8c50aabcdbe0c296b2ba7");   // nonce 00 00 00 00
        private static readonly byte[] AppendixCDigestAsciiZeros = TestBytes.FromHex("ed2be65e9e73d7dc3826b3141edf462f");  // nonce "0x00000000"

        private const string Password = "secret";
        private const string NonceBase64 = "bm9uY2U="; // "nonce"

        private static ServerAccount AppendixCAccount(ResyncPolicy policy, bool tryText)
        {
            var account = new ServerAccount(SpecVectors.AppendixCServer, Password, NonceBase64, policy);
            account.TryStoredNonceText = tryText;
            return account;
        }

        private static NonceKind Verify(ServerAccount account, byte[] message)
        {
            return new DigestVerifier().Verify(account, message, 0, message.Length);
        }

        [TestMethod]
        public void Verify_AppendixCWithPinnedDigest_MatchesStoredNonce()
        {
            byte[] message = TestBytes.Concat(AppendixCDigestNonce, SpecVectors.AppendixCTrigger);
            Assert.AreEqual((int)NonceKind.Stored, (int)Verify(AppendixCAccount(ResyncPolicy.Off, false), message));
        }

        [TestMethod]
        public void SignHelper_AppendixC_EqualsPinnedHostDigest()
        {
            byte[] digest = SignedPackage0.Digest(SpecVectors.AppendixCServer, Password, TestBytes.Ascii("nonce"), SpecVectors.AppendixCTrigger);
            Assert.AreEqual(TestBytes.ToHex(AppendixCDigestNonce), TestBytes.ToHex(digest));
        }

        [TestMethod]
        public void ComputeDigest_AppendixC_EqualsPinnedHostDigest()
        {
            byte[] digest = new byte[16];
            DigestVerifier.ComputeDigest(SpecVectors.AppendixCServer, Password, TestBytes.Ascii("nonce"), SpecVectors.AppendixCTrigger, 0, SpecVectors.AppendixCTrigger.Length, digest, 0);
            Assert.AreEqual(TestBytes.ToHex(AppendixCDigestNonce), TestBytes.ToHex(digest));
        }

        [TestMethod]
        public void Verify_NokiaContactsCapture_MatchesWithEmptyPasswordAndNonce()
        {
            var account = new ServerAccount(SpecVectors.NokiaServer, "", "", ResyncPolicy.Off);
            Assert.AreEqual((int)NonceKind.Stored, (int)Verify(account, SpecVectors.NokiaContacts));
        }

        [TestMethod]
        public void Verify_NokiaCalendarCapture_MatchesWithEmptyPasswordAndNonce()
        {
            var account = new ServerAccount(SpecVectors.NokiaServer, "", "", ResyncPolicy.Off);
            Assert.AreEqual((int)NonceKind.Stored, (int)Verify(account, SpecVectors.NokiaCalendar));
        }

        [TestMethod]
        public void Verify_NokiaCaptureAtOffsetInLargerBuffer_Matches()
        {
            var account = new ServerAccount(SpecVectors.NokiaServer, "", "", ResyncPolicy.Off);
            byte[] buffer = TestBytes.Embed(SpecVectors.NokiaCalendar, 9, 4);
            Assert.AreEqual((int)NonceKind.Stored, (int)new DigestVerifier().Verify(account, buffer, 9, SpecVectors.NokiaCalendar.Length));
        }

        [TestMethod]
        public void Verify_NokiaCaptureWithVendorTailByteChanged_Mismatch()
        {
            var account = new ServerAccount(SpecVectors.NokiaServer, "", "", ResyncPolicy.ZeroBytesThenAscii);
            byte[] message = TestBytes.Concat(SpecVectors.NokiaContacts);
            message[message.Length - 1] ^= 0x01;
            Assert.AreEqual((int)NonceKind.None, (int)Verify(account, message));
        }

        // Each reading's digest under each policy: [digest index, policy, tryText] -> expected kind.
        [TestMethod]
        [DataRow(0, 0, false, 1)]
        [DataRow(0, 2, true, 1)]
        [DataRow(1, 0, false, 0)]
        [DataRow(1, 0, true, 2)]
        [DataRow(1, 2, false, 0)]
        [DataRow(2, 0, false, 0)]
        [DataRow(2, 0, true, 0)]
        [DataRow(2, 1, false, 3)]
        [DataRow(2, 2, false, 3)]
        [DataRow(3, 0, true, 0)]
        [DataRow(3, 1, true, 0)]
        [DataRow(3, 2, false, 4)]
        public void Verify_NonceReadingUnderPolicy_MatchesOnlyWhenAllowed(int reading, int policy, bool tryText, int expected)
        {
            byte[][] digests = new byte[][] { AppendixCDigestNonce, AppendixCDigestNonceText, AppendixCDigestZeroBytes, AppendixCDigestAsciiZeros };
            byte[] message = TestBytes.Concat(digests[reading], SpecVectors.AppendixCTrigger);
            NonceKind kind = Verify(AppendixCAccount((ResyncPolicy)policy, tryText), message);
            Assert.AreEqual(expected, (int)kind);
            Assert.AreEqual(expected >= (int)NonceKind.ZeroBytes, DigestVerifier.IsResync(kind));
        }

        [TestMethod]
        public void Verify_EveryDigestByteFlipped_Mismatch()
        {
            ServerAccount account = AppendixCAccount(ResyncPolicy.ZeroBytesThenAscii, true);
            var verifier = new DigestVerifier();
            for (int i = 0; i < 16; i++)
            {
                byte[] message = TestBytes.Concat(AppendixCDigestNonce, SpecVectors.AppendixCTrigger);
                message[i] ^= 0x80;
                Assert.AreEqual((int)NonceKind.None, (int)verifier.Verify(account, message, 0, message.Length), "byte " + i);
            }
        }

        [TestMethod]
        public void Verify_WrongPassword_Mismatch()
        {
            var account = new ServerAccount(SpecVectors.AppendixCServer, "Secret", NonceBase64, ResyncPolicy.ZeroBytesThenAscii);
            Assert.AreEqual((int)NonceKind.None, (int)Verify(account, TestBytes.Concat(AppendixCDigestNonce, SpecVectors.AppendixCTrigger)));
        }

        [TestMethod]
        public void Verify_ShorterThanDigest_Mismatch()
        {
            ServerAccount account = AppendixCAccount(ResyncPolicy.Off, false);
            Assert.AreEqual((int)NonceKind.None, (int)new DigestVerifier().Verify(account, AppendixCDigestNonce, 0, 15));
        }

        [TestMethod]
        public void PasswordSet_RecomputesCredential()
        {
            ServerAccount account = AppendixCAccount(ResyncPolicy.Off, false);
            byte[] message = TestBytes.Concat(AppendixCDigestNonce, SpecVectors.AppendixCTrigger);
            account.Password = "changed";
            Assert.AreEqual((int)NonceKind.None, (int)Verify(account, message));
            byte[] resigned = SignedPackage0.Sign(SpecVectors.AppendixCServer, "changed", TestBytes.Ascii("nonce"), SpecVectors.AppendixCTrigger);
            Assert.AreEqual((int)NonceKind.Stored, (int)Verify(account, resigned));
            account.Password = Password;
            Assert.AreEqual((int)NonceKind.Stored, (int)Verify(account, message));
        }

        [TestMethod]
        public void TrySetNonce_NewNonce_UsedForTheNextVerification()
        {
            ServerAccount account = AppendixCAccount(ResyncPolicy.Off, false);
            Assert.IsTrue(account.TrySetNonce("AAAAAA=="));
            Assert.AreEqual((int)NonceKind.None, (int)Verify(account, TestBytes.Concat(AppendixCDigestNonce, SpecVectors.AppendixCTrigger)));
            Assert.AreEqual((int)NonceKind.Stored, (int)Verify(account, TestBytes.Concat(AppendixCDigestZeroBytes, SpecVectors.AppendixCTrigger)));
        }

        [TestMethod]
        public void TrySetNonce_BadBase64_ReturnsFalseAndKeepsNonce()
        {
            ServerAccount account = AppendixCAccount(ResyncPolicy.Off, false);
            Assert.IsFalse(account.TrySetNonce("bm9uY2U"));
            Assert.IsFalse(account.TrySetNonce(null));
            Assert.AreEqual(NonceBase64, account.NonceBase64);
            Assert.AreEqual((int)NonceKind.Stored, (int)Verify(account, TestBytes.Concat(AppendixCDigestNonce, SpecVectors.AppendixCTrigger)));
        }
    }
}

using nanoFramework.TestFramework;
using OmaDm.Notification.Cryptography;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Cryptography
{
    [TestClass]
    public class Md5Tests
    {
        // RFC 1321 appendix A.5 (test suite): input text and its MD5.
        private const string SuiteEmpty = "";
        private const string SuiteA = "a";
        private const string SuiteAbc = "abc";
        private const string SuiteMessageDigest = "message digest";
        private const string SuiteAlphabet = "abcdefghijklmnopqrstuvwxyz";
        private const string SuiteAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        private const string SuiteDigits = "12345678901234567890123456789012345678901234567890123456789012345678901234567890";

        // RFC 1321 appendix A.5: the expected hashes, in the same order.
        private static readonly byte[] HashEmpty = TestBytes.FromHex("d41d8cd98f00b204e9800998ecf8427e");
        private static readonly byte[] HashA = TestBytes.FromHex("0cc175b9c0f1b6a831c399e269772661");
        private static readonly byte[] HashAbc = TestBytes.FromHex("900150983cd24fb0d6963f7d28e17f72");
        private static readonly byte[] HashMessageDigest = TestBytes.FromHex("f96b697d7cb7938d525a2f31aaf161d0");
        private static readonly byte[] HashAlphabet = TestBytes.FromHex("c3fcd3d76192e4007dfb496cca67e13b");
        private static readonly byte[] HashAlphanumeric = TestBytes.FromHex("d174ab98d277d9f5a5611c2c9f419d9f");
        private static readonly byte[] HashDigits = TestBytes.FromHex("57edf4a22be3c955ac49da2e2107b67a");

        private static void AssertSuiteVector(string text, byte[] expected)
        {
            byte[] input = TestBytes.Ascii(text);
            byte[] output = new byte[Md5.HashLength];
            Md5.Hash(input, 0, input.Length, output, 0);
            Assert.AreEqual(TestBytes.ToHex(expected), TestBytes.ToHex(output), "MD5(\"" + text + "\")");
        }

        [TestMethod]
        public void Hash_Rfc1321SuiteEmpty_MatchesAppendixA5() => AssertSuiteVector(SuiteEmpty, HashEmpty);

        [TestMethod]
        public void Hash_Rfc1321SuiteA_MatchesAppendixA5() => AssertSuiteVector(SuiteA, HashA);

        [TestMethod]
        public void Hash_Rfc1321SuiteAbc_MatchesAppendixA5() => AssertSuiteVector(SuiteAbc, HashAbc);

        [TestMethod]
        public void Hash_Rfc1321SuiteMessageDigest_MatchesAppendixA5() => AssertSuiteVector(SuiteMessageDigest, HashMessageDigest);

        [TestMethod]
        public void Hash_Rfc1321SuiteAlphabet_MatchesAppendixA5() => AssertSuiteVector(SuiteAlphabet, HashAlphabet);

        [TestMethod]
        public void Hash_Rfc1321SuiteAlphanumeric_MatchesAppendixA5() => AssertSuiteVector(SuiteAlphanumeric, HashAlphanumeric);

        [TestMethod]
        public void Hash_Rfc1321SuiteDigits_MatchesAppendixA5() => AssertSuiteVector(SuiteDigits, HashDigits);

        [TestMethod]
        public void Append_SplitAtEveryPosition_MatchesOneShot()
        {
            // 80 bytes crosses the block boundary at 64 and needs the extra padding block; 62 (alphanumeric) does too.
            string[] texts = new string[] { SuiteDigits, SuiteAlphanumeric, SuiteMessageDigest };
            byte[][] expected = new byte[][] { HashDigits, HashAlphanumeric, HashMessageDigest };
            Md5 md5 = new Md5();
            byte[] output = new byte[Md5.HashLength];
            for (int t = 0; t < texts.Length; t++)
            {
                byte[] input = TestBytes.Ascii(texts[t]);
                for (int split = 0; split <= input.Length; split++)
                {
                    md5.Append(input, 0, split);
                    md5.Append(input, split, input.Length - split);
                    md5.Finish(output, 0);
                    Assert.IsTrue(TestBytes.RangeEquals(expected[t], output, 0, Md5.HashLength), "text " + t + " split at " + split);
                }
            }
        }

        [TestMethod]
        public void Append_ByteByByte_MatchesOneShot()
        {
            byte[] input = TestBytes.Ascii(SuiteDigits);
            Md5 md5 = new Md5();
            for (int i = 0; i < input.Length; i++)
            {
                md5.Append(input[i]);
            }

            byte[] output = new byte[Md5.HashLength];
            md5.Finish(output, 0);
            Assert.IsTrue(TestBytes.RangeEquals(HashDigits, output, 0, Md5.HashLength));
        }

        [TestMethod]
        public void Append_InsideLargerBufferAtOffset_HashesOnlyTheRange()
        {
            byte[] input = TestBytes.Embed(TestBytes.Ascii(SuiteAlphanumeric), 7, 5);
            byte[] output = new byte[Md5.HashLength + 3];
            Md5.Hash(input, 7, SuiteAlphanumeric.Length, output, 3);
            Assert.IsTrue(TestBytes.RangeEquals(HashAlphanumeric, output, 3, Md5.HashLength));
        }

        [TestMethod]
        public void Finish_ResetsForTheNextHash()
        {
            byte[] abc = TestBytes.Ascii(SuiteAbc);
            Md5 md5 = new Md5();
            byte[] output = new byte[Md5.HashLength];
            md5.Append(abc, 0, abc.Length);
            md5.Finish(output, 0);
            md5.Append(abc, 0, abc.Length);
            md5.Finish(output, 0);
            Assert.IsTrue(TestBytes.RangeEquals(HashAbc, output, 0, Md5.HashLength));
        }

        [TestMethod]
        public void Reset_DiscardsAppendedBytes()
        {
            byte[] abc = TestBytes.Ascii(SuiteAbc);
            Md5 md5 = new Md5();
            md5.Append(abc, 0, abc.Length);
            md5.Reset();
            byte[] output = new byte[Md5.HashLength];
            md5.Finish(output, 0);
            Assert.IsTrue(TestBytes.RangeEquals(HashEmpty, output, 0, Md5.HashLength));
        }

        [TestMethod]
        public void Append_RangeOutsideBuffer_Throws()
        {
            Md5 md5 = new Md5();
            byte[] input = new byte[4];
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => md5.Append(input, 2, 3));
            Assert.ThrowsException(typeof(System.ArgumentNullException), () => md5.Append(null, 0, 0));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => md5.Finish(input, 0));
        }
    }
}

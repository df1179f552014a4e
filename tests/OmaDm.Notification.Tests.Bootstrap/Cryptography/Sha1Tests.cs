using nanoFramework.TestFramework;
using OmaDm.Notification.Cryptography;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Cryptography
{
    [TestClass]
    public class Sha1Tests
    {
        // RFC 3174 section 7.3 (TEST1, TEST2, TEST4) and FIPS 180-4's examples: input text and its SHA-1.
        private const string Test1 = "abc";
        private const string Test2 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        private const string Test4Unit = "0123456701234567012345670123456701234567012345670123456701234567";
        private const int Test4Repeat = 10;

        private static readonly byte[] Hash1 = TestBytes.FromHex("A9993E364706816ABA3E25717850C26C9CD0D89D");
        private static readonly byte[] Hash2 = TestBytes.FromHex("84983E441C3BD26EBAAE4AA1F95129E5E54670F1");
        private static readonly byte[] Hash4 = TestBytes.FromHex("DEA356A2CDDD90C7A7ECEDC5EBB563934F460452");

        // SHA-1 of the empty message (FIPS 180-4 padding of zero bits; the value every SHA-1 implementation publishes).
        private static readonly byte[] HashEmpty = TestBytes.FromHex("DA39A3EE5E6B4B0D3255BFEF95601890AFD80709");

        private static byte[] Test4() => TestBytes.Ascii(Repeat(Test4Unit, Test4Repeat));

        private static string Repeat(string unit, int times)
        {
            string text = string.Empty;
            for (int i = 0; i < times; i++)
            {
                text += unit;
            }

            return text;
        }

        private static void AssertHash(byte[] input, byte[] expected, string name)
        {
            byte[] output = new byte[Sha1.HashLength];
            Sha1.Hash(input, 0, input.Length, output, 0);
            Assert.AreEqual(TestBytes.ToHex(expected), TestBytes.ToHex(output), name);
        }

        [TestMethod]
        public void Hash_Rfc3174Test1_Matches() => AssertHash(TestBytes.Ascii(Test1), Hash1, "TEST1");

        [TestMethod]
        public void Hash_Rfc3174Test2_Matches() => AssertHash(TestBytes.Ascii(Test2), Hash2, "TEST2");

        [TestMethod]
        public void Hash_Rfc3174Test4_Matches() => AssertHash(Test4(), Hash4, "TEST4");

        [TestMethod]
        public void Hash_Empty_Matches() => AssertHash(new byte[0], HashEmpty, "empty");

        [TestMethod]
        public void Append_SplitAtEveryPosition_MatchesOneShot()
        {
            // 56 bytes (TEST2) needs the extra padding block; 640 bytes crosses ten block boundaries.
            byte[][] inputs = new byte[][] { TestBytes.Ascii(Test2), Test4() };
            byte[][] expected = new byte[][] { Hash2, Hash4 };
            Sha1 sha1 = new Sha1();
            byte[] output = new byte[Sha1.HashLength];
            for (int t = 0; t < inputs.Length; t++)
            {
                byte[] input = inputs[t];
                for (int split = 0; split <= input.Length; split += t == 0 ? 1 : 13)
                {
                    sha1.Append(input, 0, split);
                    sha1.Append(input, split, input.Length - split);
                    sha1.Finish(output, 0);
                    Assert.IsTrue(TestBytes.RangeEquals(expected[t], output, 0, Sha1.HashLength), "input " + t + " split at " + split);
                }
            }
        }

        [TestMethod]
        public void Hash_InsideLargerBuffer_ReadsOnlyItsRange()
        {
            byte[] embedded = TestBytes.Embed(TestBytes.Ascii(Test1), 7, 5);
            byte[] output = new byte[Sha1.HashLength + 3];
            Sha1.Hash(embedded, 7, Test1.Length, output, 3);
            Assert.IsTrue(TestBytes.RangeEquals(Hash1, output, 3, Sha1.HashLength));
        }
    }
}

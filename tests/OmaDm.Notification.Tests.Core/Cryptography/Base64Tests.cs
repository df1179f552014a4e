using nanoFramework.TestFramework;
using OmaDm.Notification.Cryptography;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Cryptography
{
    [TestClass]
    public class Base64Tests
    {
        // RFC 4648 section 10 (test vectors): BASE64("") .. BASE64("foobar").
        private static readonly string[] Rfc4648Inputs = new string[] { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
        private static readonly string[] Rfc4648Outputs = new string[] { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };

        // The edges of the alphabet: FB FF BF -> "+/+/" (62, 63, 62, 63), 00 10 83 -> "ABCD" (0, 1, 2, 3).
        private static readonly byte[] AlphabetEdges = new byte[] { 0xFB, 0xFF, 0xBF, 0x00, 0x10, 0x83 };
        private const string AlphabetEdgesText = "+/+/ABCD";

        [TestMethod]
        public void Encode_Rfc4648Section10_MatchesVectors()
        {
            byte[] output = new byte[16];
            for (int i = 0; i < Rfc4648Inputs.Length; i++)
            {
                byte[] input = TestBytes.Ascii(Rfc4648Inputs[i]);
                int written = Base64.Encode(input, 0, input.Length, output, 0);
                Assert.AreEqual(Base64.EncodedLength(input.Length), written);
                Assert.AreEqual(TestBytes.ToHex(TestBytes.Ascii(Rfc4648Outputs[i])), TestBytes.ToHex(output, 0, written), Rfc4648Inputs[i]);
            }
        }

        [TestMethod]
        public void TryDecode_Rfc4648Section10_MatchesVectors()
        {
            for (int i = 0; i < Rfc4648Outputs.Length; i++)
            {
                Assert.IsTrue(Base64.TryDecode(Rfc4648Outputs[i], out byte[] bytes), Rfc4648Outputs[i]);
                Assert.AreEqual(TestBytes.ToHex(TestBytes.Ascii(Rfc4648Inputs[i])), TestBytes.ToHex(bytes));
            }
        }

        [TestMethod]
        public void EncodeThenDecode_PlusAndSlash_RoundTrip()
        {
            byte[] output = new byte[8];
            int written = Base64.Encode(AlphabetEdges, 0, AlphabetEdges.Length, output, 0);
            Assert.AreEqual(8, written);
            string text = new string(System.Text.Encoding.UTF8.GetChars(output, 0, written));
            Assert.AreEqual(AlphabetEdgesText, text);
            Assert.IsTrue(Base64.TryDecode(text, out byte[] bytes));
            Assert.AreEqual(TestBytes.ToHex(AlphabetEdges), TestBytes.ToHex(bytes));
        }

        [TestMethod]
        public void Encode_AtOffsets_WritesOnlyTheRange()
        {
            byte[] input = TestBytes.Embed(TestBytes.Ascii("fooba"), 3, 2);
            byte[] output = TestBytes.Embed(new byte[8], 2, 2);
            int written = Base64.Encode(input, 3, 5, output, 2);
            Assert.AreEqual(8, written);
            Assert.AreEqual(TestBytes.ToHex(TestBytes.Ascii("Zm9vYmE=")), TestBytes.ToHex(output, 2, 8));
            Assert.AreEqual((byte)0xA5, output[1]);
            Assert.AreEqual((byte)0xA5, output[10]);
        }

        [TestMethod]
        public void EncodedLength_SixteenBytes_IsTwentyFour()
        {
            Assert.AreEqual(24, Base64.EncodedLength(16));
            Assert.AreEqual(0, Base64.EncodedLength(0));
            Assert.AreEqual(4, Base64.EncodedLength(1));
            Assert.AreEqual(4, Base64.EncodedLength(3));
            Assert.AreEqual(8, Base64.EncodedLength(4));
        }

        [TestMethod]
        public void Encode_OutputTooSmall_Throws()
        {
            byte[] input = new byte[4];
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => Base64.Encode(input, 0, 4, new byte[7], 0));
        }

        [TestMethod]
        [DataRow("Zg")]          // missing padding
        [DataRow("Zg=")]         // wrong length
        [DataRow("Z===")]        // too much padding
        [DataRow("Zg=a")]        // data after padding
        [DataRow("Z=g=")]        // padding inside
        [DataRow("Zm9v YmFy")]   // whitespace
        [DataRow("Zm9v\nYmE=")]  // line break
        [DataRow("Zm9-")]        // URL-safe alphabet is not accepted
        [DataRow("Zm9_")]
        [DataRow("Zh==")]        // non-zero pad bits (RFC 4648 3.5)
        [DataRow("Zm9=")]        // non-zero pad bits
        [DataRow("====")]
        [DataRow("Zm9v\u00C4===")]
        public void TryDecode_BadText_ReturnsFalseAndNull(string text)
        {
            Assert.IsFalse(Base64.TryDecode(text, out byte[] bytes), text);
            Assert.IsNull(bytes);
        }

        [TestMethod]
        public void TryDecode_Null_ReturnsFalse()
        {
            Assert.IsFalse(Base64.TryDecode(null, out byte[] bytes));
            Assert.IsNull(bytes);
        }
    }
}

using nanoFramework.TestFramework;
using OmaDm.Notification.Sms;

namespace OmaDm.Notification.Tests.Sms
{
    [TestClass]
    public class GsmAlphabetTests
    {
        // The classic packing example: "hellohello", 10 septets in 9 octets (3GPP TS 23.038 6.1.2.1.1 packing).
        private static readonly byte[] HelloHelloPacked = new byte[] { 0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9, 0xEC, 0x37 };

        // "Op[DM]": 'O' 'p' ESC '<' 'D' 'M' ESC '>' (23.038 6.2.1.1 extension table), packed.
        private static readonly byte[] OpDmPacked = new byte[] { 0x4F, 0xF8, 0x86, 0x47, 0x6C, 0x6E, 0x7C };

        // Every basic-table code except the escape, with characters from all rows (23.038 6.2.1).
        private static readonly byte[] BasicSample = new byte[] { 0x00, 0x01, 0x02, 0x10, 0x11, 0x20, 0x24, 0x40, 0x5F, 0x60, 0x7F };

        [TestMethod]
        public void Decode_HelloHello_Unpacks()
        {
            Assert.AreEqual("hellohello", GsmAlphabet.Decode(HelloHelloPacked, 0, 10));
        }

        [TestMethod]
        public void Decode_ExtensionCharacters_UseExtensionTable()
        {
            Assert.AreEqual("Op[DM]", GsmAlphabet.Decode(OpDmPacked, 0, 8));
        }

        [TestMethod]
        public void Decode_BasicSample_MapsTableRows()
        {
            string text = GsmAlphabet.Decode(GsmAlphabet.Pack(BasicSample), 0, BasicSample.Length);
            Assert.AreEqual("@\u00A3$\u0394_ \u00A4\u00A1\u00A7\u00BF\u00E0", text);
        }

        [TestMethod]
        public void Decode_EscapeWithoutExtensionCharacter_ShowsBasicCharacter()
        {
            byte[] septets = new byte[] { 0x1B, 0x41 };
            Assert.AreEqual("A", GsmAlphabet.Decode(GsmAlphabet.Pack(septets), 0, 2));
        }

        [TestMethod]
        public void Decode_TrailingEscape_DecodesToNothing()
        {
            byte[] septets = new byte[] { 0x41, 0x1B };
            Assert.AreEqual("A", GsmAlphabet.Decode(GsmAlphabet.Pack(septets), 0, 2));
        }

        [TestMethod]
        public void TryEncode_RoundTripsThroughPack()
        {
            Assert.IsTrue(GsmAlphabet.TryEncode("Op[DM] \u20AC{}", out byte[] septets));
            Assert.AreEqual(15, septets.Length);
            Assert.AreEqual("Op[DM] \u20AC{}", GsmAlphabet.Decode(GsmAlphabet.Pack(septets), 0, septets.Length));
        }

        [TestMethod]
        public void Pack_HelloHello_MatchesKnownOctets()
        {
            Assert.IsTrue(GsmAlphabet.TryEncode("hellohello", out byte[] septets));
            byte[] packed = GsmAlphabet.Pack(septets);
            Assert.AreEqual(HelloHelloPacked.Length, packed.Length);
            for (int i = 0; i < packed.Length; i++)
            {
                Assert.AreEqual(HelloHelloPacked[i], packed[i]);
            }
        }

        [TestMethod]
        public void TryEncode_CharacterOutsideAlphabet_False()
        {
            Assert.IsFalse(GsmAlphabet.TryEncode("\u4E2D", out byte[] septets));
            Assert.IsNull(septets);
        }

        [TestMethod]
        public void PackedLength_SeptetCounts_RoundUp()
        {
            Assert.AreEqual(0, GsmAlphabet.PackedLength(0));
            Assert.AreEqual(1, GsmAlphabet.PackedLength(1));
            Assert.AreEqual(7, GsmAlphabet.PackedLength(8));
            Assert.AreEqual(8, GsmAlphabet.PackedLength(9));
        }
    }
}

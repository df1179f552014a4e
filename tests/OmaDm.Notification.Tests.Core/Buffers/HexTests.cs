using nanoFramework.TestFramework;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Buffers
{
    [TestClass]
    public class HexTests
    {
        // OMA-TS-DM_Notification Appendix C: the WDP header as hex, as a modem prints it in PDU mode.
        private static readonly byte[] AppendixCHeader = new byte[] { 0x06, 0x05, 0x04, 0x0B, 0x84, 0xC0, 0x02 };

        [TestMethod]
        public void ToHex_Range_UpperCaseNoSeparators()
        {
            Assert.AreEqual("0B84C0", Hex.ToHex(AppendixCHeader, 3, 3));
            Assert.AreEqual(string.Empty, Hex.ToHex(AppendixCHeader, 7, 0));
        }

        [TestMethod]
        public void TryParse_MixedCase_Parses()
        {
            Assert.IsTrue(Hex.TryParse("0605040b84C002", out byte[] bytes));
            Assert.AreEqual(AppendixCHeader.Length, bytes.Length);
            Assert.AreEqual(Hex.ToHex(AppendixCHeader, 0, AppendixCHeader.Length), Hex.ToHex(bytes, 0, bytes.Length));
        }

        [TestMethod]
        [DataRow("0")]
        [DataRow("0G")]
        [DataRow("0B 84")]
        [DataRow("0x0B")]
        public void TryParse_NotHex_FalseNoThrow(string text)
        {
            Assert.IsFalse(Hex.TryParse(text, out byte[] bytes));
            Assert.IsNull(bytes);
        }

        [TestMethod]
        public void TryParseIntoBuffer_FitsExactly_BytesFromIndexZero()
        {
            byte[] output = new byte[AppendixCHeader.Length];
            Assert.IsTrue(Hex.TryParse("0605040b84C002", output, out int count));
            Assert.AreEqual(AppendixCHeader.Length, count);
            Assert.AreEqual(Hex.ToHex(AppendixCHeader, 0, AppendixCHeader.Length), Hex.ToHex(output, 0, count));
        }

        [TestMethod]
        [DataRow("0605040b84C00203")]
        [DataRow("0")]
        [DataRow("0G")]
        public void TryParseIntoBuffer_TooLongOrNotHex_FalseZero(string text)
        {
            Assert.IsFalse(Hex.TryParse(text, new byte[AppendixCHeader.Length], out int count));
            Assert.AreEqual(0, count);
        }

        [TestMethod]
        public void TryParse_NullOrEmpty_NullFalseEmptyTrue()
        {
            Assert.IsFalse(Hex.TryParse(null, out byte[] none));
            Assert.IsNull(none);
            Assert.IsTrue(Hex.TryParse(string.Empty, out byte[] empty));
            Assert.AreEqual(0, empty.Length);
        }

        [TestMethod]
        public void ToHex_RangeOutsideBuffer_Throws()
        {
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => Hex.ToHex(AppendixCHeader, 5, 3));
        }

        [TestMethod]
        public void TestBytes_HexHelpers_SameAnswersAsTheCoreEmptyIncluded()
        {
            Assert.AreEqual(0, TestBytes.FromHex("").Length);
            Assert.AreEqual(string.Empty, TestBytes.ToHex(new byte[0]));
            Assert.AreEqual(Hex.ToHex(AppendixCHeader, 0, AppendixCHeader.Length), TestBytes.ToHex(TestBytes.FromHex("06 05 04 0b 84 C0 02")));
            Assert.ThrowsException(typeof(System.ArgumentException), () => TestBytes.FromHex("0"));
            Assert.ThrowsException(typeof(System.ArgumentException), () => TestBytes.FromHex("0G"));
        }
    }
}

using nanoFramework.TestFramework;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification;
using OmaDm.Notification.Buffers;

namespace OmaDm.Notification.Tests.Buffers
{
    [TestClass]
    public class ByteReaderTests
    {
        // WAP-230-WSP 8.1.2: uintvar examples.
        private static readonly byte[] UintvarOneOctet = new byte[] { 0x7F };
        private static readonly byte[] UintvarTwoOctets = new byte[] { 0x81, 0x00 };                    // 128
        private static readonly byte[] UintvarNonMinimal = new byte[] { 0x80, 0x80, 0x03 };             // 3, legal
        private static readonly byte[] UintvarMaximum = new byte[] { 0x8F, 0xFF, 0xFF, 0xFF, 0x7F };    // 2^32-1
        private static readonly byte[] UintvarOverflow = new byte[] { 0x90, 0x80, 0x80, 0x80, 0x00 };   // 2^32
        private static readonly byte[] UintvarSixOctets = new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 };

        [TestMethod]
        public void TryReadUintvar_OneOctet_ReadsValue()
        {
            var reader = new ByteReader(UintvarOneOctet, 0, UintvarOneOctet.Length);
            AssertReason.AreEqual(ReasonCode.None, reader.TryReadUintvar(out uint value));
            Assert.AreEqual(0x7Fu, value);
            Assert.AreEqual(0, reader.Remaining);
        }

        [TestMethod]
        public void TryReadUintvar_TwoOctets_Reads128()
        {
            var reader = new ByteReader(UintvarTwoOctets, 0, UintvarTwoOctets.Length);
            AssertReason.AreEqual(ReasonCode.None, reader.TryReadUintvar(out uint value));
            Assert.AreEqual(128u, value);
        }

        [TestMethod]
        public void TryReadUintvar_NonMinimalLeadingZeroOctets_Accepted()
        {
            var reader = new ByteReader(UintvarNonMinimal, 0, UintvarNonMinimal.Length);
            AssertReason.AreEqual(ReasonCode.None, reader.TryReadUintvar(out uint value));
            Assert.AreEqual(3u, value);
        }

        [TestMethod]
        public void TryReadUintvar_FiveOctetMaximum_ReadsUInt32Max()
        {
            var reader = new ByteReader(UintvarMaximum, 0, UintvarMaximum.Length);
            AssertReason.AreEqual(ReasonCode.None, reader.TryReadUintvar(out uint value));
            Assert.AreEqual(0xFFFFFFFFu, value);
        }

        [TestMethod]
        public void TryReadUintvar_ValueAbove32Bits_Malformed()
        {
            var reader = new ByteReader(UintvarOverflow, 0, UintvarOverflow.Length);
            AssertReason.AreEqual(ReasonCode.Malformed, reader.TryReadUintvar(out uint _));
            Assert.AreEqual(0, reader.Consumed);
        }

        [TestMethod]
        public void TryReadUintvar_SixOctets_Malformed()
        {
            var reader = new ByteReader(UintvarSixOctets, 0, UintvarSixOctets.Length);
            AssertReason.AreEqual(ReasonCode.Malformed, reader.TryReadUintvar(out uint _));
        }

        [TestMethod]
        public void TryReadUintvar_TruncatedAtEveryLength_TruncatedWithoutMoving()
        {
            for (int length = 0; length < UintvarMaximum.Length; length++)
            {
                var reader = new ByteReader(UintvarMaximum, 0, length);
                AssertReason.AreEqual(ReasonCode.Truncated, reader.TryReadUintvar(out uint _), "length " + length);
                Assert.AreEqual(0, reader.Consumed);
            }
        }

        [TestMethod]
        public void TryReadUintvar_InsideLargerBuffer_ReadsOnlyItsRange()
        {
            byte[] framed = new byte[] { 0xEE, 0x81, 0x00, 0xEE };
            var reader = new ByteReader(framed, 1, 2);
            AssertReason.AreEqual(ReasonCode.None, reader.TryReadUintvar(out uint value));
            Assert.AreEqual(128u, value);
            Assert.IsFalse(reader.TryReadByte(out byte _));
        }

        [TestMethod]
        public void Constructor_RangeOutsideBuffer_Throws()
        {
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new ByteReader(new byte[2], 1, 2));
            Assert.ThrowsException(typeof(System.ArgumentNullException), () => new ByteReader(null, 0, 0));
        }

        [TestMethod]
        public void TrySlice_PastEnd_FailsWithoutMoving()
        {
            var reader = new ByteReader(new byte[] { 1, 2, 3 }, 0, 3);
            var nested = new ByteReader();
            Assert.IsFalse(reader.TrySlice(4, nested));
            Assert.AreEqual(0, nested.Remaining);
            Assert.IsTrue(reader.TrySlice(2, nested));
            Assert.AreEqual(2, nested.Remaining);
            Assert.AreEqual(1, reader.Remaining);
        }

        [TestMethod]
        public void Reset_AfterReading_ReadsTheNewRangeFromItsStart()
        {
            var reader = new ByteReader(new byte[] { 1, 2, 3 }, 0, 3);
            reader.TryReadByte(out byte _);
            byte[] other = new byte[] { 9, 8, 7, 6 };
            reader.Reset(other, 1, 2);
            Assert.AreEqual(0, reader.Consumed);
            Assert.AreEqual(2, reader.Remaining);
            Assert.IsTrue(reader.TryReadByte(out byte first));
            Assert.AreEqual((byte)8, first);
        }

        [TestMethod]
        public void TryReadNullTerminated_NoTerminator_FailsWithoutMoving()
        {
            var reader = new ByteReader(new byte[] { 0x41, 0x42 }, 0, 2);
            Assert.IsFalse(reader.TryReadNullTerminated(out int _, out int _));
            Assert.AreEqual(0, reader.Consumed);
        }
    }
}

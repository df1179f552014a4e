using nanoFramework.TestFramework;
using OmaDm.Notification;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Wdp;

namespace OmaDm.Notification.Tests.Wdp
{
    [TestClass]
    public class UserDataHeaderTests
    {
        // OMA-TS-DM_Notification Appendix C: UDH with 16-bit ports (3GPP TS 23.040 9.2.3.24.4), then the WSP PDU start.
        private static readonly byte[] AppendixCUserData = new byte[]
        {
            0x06,                               // UDHL 6
            0x05, 0x04, 0x0B, 0x84, 0xC0, 0x02, // IE 0x05, length 4, destination 2948, source 49154
            0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87, // WSP
        };

        // 16-bit ports then 8-bit concatenation (9.2.3.24.1).
        private static readonly byte[] PortsConcat8 = new byte[]
        {
            0x0B,                               // UDHL 11
            0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, // ports 2948 / 9200
            0x00, 0x03, 0x2A, 0x03, 0x02,       // reference 42, 3 parts, part 2
            0xAA, 0xBB,                         // payload
        };

        // 16-bit concatenation reference (9.2.3.24.8) with an unknown element (0x24, national single shift) before it.
        private static readonly byte[] UnknownThenConcat16 = new byte[]
        {
            0x09,                               // UDHL 9
            0x24, 0x01, 0x01,                   // IE 0x24 (not read here), length 1: skipped by length
            0x08, 0x04, 0x12, 0x34, 0x02, 0x01, // reference 0x1234, 2 parts, part 1
            0xCC,                               // payload
        };

        // 8-bit ports (9.2.3.24.3).
        private static readonly byte[] Ports8 = new byte[] { 0x04, 0x04, 0x02, 0xF5, 0xF0, 0x01 };

        // Malformed headers (9.2.3.24): each one field wrong.
        private static readonly byte[] ElementPastHeader = new byte[] { 0x06, 0x05, 0x06, 0x0B, 0x84, 0xC0, 0x02, 0x01 };
        private static readonly byte[] HeaderPastUserData = new byte[] { 0x06, 0x05, 0x04, 0x0B, 0x84 };
        private static readonly byte[] LoneIdentifier = new byte[] { 0x07, 0x05, 0x04, 0x0B, 0x84, 0xC0, 0x02, 0x00 };
        private static readonly byte[] PortLengthWrong = new byte[] { 0x05, 0x05, 0x03, 0x0B, 0x84, 0xC0 };
        private static readonly byte[] Concat16LengthWrong = new byte[] { 0x05, 0x08, 0x03, 0x12, 0x02, 0x01 };

        // Concatenation elements the receiver must ignore (3GPP TS 23.040 9.2.3.24.1 and .8: "If the value is zero
        // [or greater than the maximum number] then the receiving entity shall ignore the whole Information Element").
        // Each: ports 2948 / 9200, then the element, then one payload octet.
        private static readonly byte[] TotalZero = new byte[]
        {
            0x0B,                               // UDHL 11
            0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, // ports 2948 / 9200
            0x00, 0x03, 0x2A, 0x00, 0x00,       // reference 42, 0 parts, part 0
            0xAA,                               // payload
        };

        private static readonly byte[] SequenceZero = new byte[]
        {
            0x0B,                               // UDHL 11
            0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, // ports 2948 / 9200
            0x00, 0x03, 0x2A, 0x03, 0x00,       // reference 42, 3 parts, part 0
            0xAA,                               // payload
        };

        private static readonly byte[] SequenceAboveTotal = new byte[]
        {
            0x0B,                               // UDHL 11
            0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, // ports 2948 / 9200
            0x00, 0x03, 0x2A, 0x03, 0x04,       // reference 42, 3 parts, part 4
            0xAA,                               // payload
        };

        private static readonly byte[] Concat16SequenceAboveTotal = new byte[]
        {
            0x0C,                                     // UDHL 12
            0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0,       // ports 2948 / 9200
            0x08, 0x04, 0x12, 0x34, 0x02, 0x03,       // reference 0x1234, 2 parts, part 3
            0xAA,                                     // payload
        };

        // A valid 8-bit concatenation element, then an invalid one: the invalid one is ignored, the valid one stands.
        private static readonly byte[] ValidThenIgnoredConcat = new byte[]
        {
            0x0A,                               // UDHL 10
            0x00, 0x03, 0x2A, 0x03, 0x02,       // reference 42, 3 parts, part 2
            0x00, 0x03, 0x2B, 0x00, 0x01,       // reference 43, 0 parts: ignored
            0xAA,                               // payload
        };

        [TestMethod]
        public void Decode_AppendixC_PortsAndPayload()
        {
            var header = new UserDataHeader();
            AssertReason.AreEqual(ReasonCode.None, header.Decode(AppendixCUserData, 0, AppendixCUserData.Length));
            Assert.AreEqual(2948, header.DestinationPort);
            Assert.AreEqual(49154, header.SourcePort);
            Assert.AreEqual(16, header.PortBits);
            Assert.IsFalse(header.IsConcatenated);
            Assert.AreEqual(7, header.PayloadOffset);
            Assert.AreEqual(6, header.PayloadCount);
        }

        [TestMethod]
        public void Decode_PortsAndConcat8_AllFields()
        {
            var header = new UserDataHeader();
            AssertReason.AreEqual(ReasonCode.None, header.Decode(PortsConcat8, 0, PortsConcat8.Length));
            Assert.AreEqual(2948, header.DestinationPort);
            Assert.AreEqual(9200, header.SourcePort);
            Assert.IsTrue(header.IsConcatenated);
            Assert.AreEqual(42, header.Reference);
            Assert.AreEqual(8, header.ReferenceBits);
            Assert.AreEqual(3, header.TotalParts);
            Assert.AreEqual(2, header.Sequence);
            Assert.AreEqual(2, header.PayloadCount);
        }

        [TestMethod]
        public void Decode_UnknownElementThenConcat16_SkipsUnknownNoPort()
        {
            var header = new UserDataHeader();
            AssertReason.AreEqual(ReasonCode.None, header.Decode(UnknownThenConcat16, 0, UnknownThenConcat16.Length));
            Assert.AreEqual(-1, header.DestinationPort);
            Assert.AreEqual(0, header.PortBits);
            Assert.AreEqual(0x1234, header.Reference);
            Assert.AreEqual(16, header.ReferenceBits);
            Assert.AreEqual(2, header.TotalParts);
            Assert.AreEqual(1, header.Sequence);
            Assert.AreEqual(10, header.PayloadOffset);
            Assert.AreEqual(1, header.PayloadCount);
        }

        [TestMethod]
        public void Decode_EightBitPorts_ReadsBothPorts()
        {
            var header = new UserDataHeader();
            AssertReason.AreEqual(ReasonCode.None, header.Decode(Ports8, 0, Ports8.Length));
            Assert.AreEqual(245, header.DestinationPort);
            Assert.AreEqual(240, header.SourcePort);
            Assert.AreEqual(8, header.PortBits);
        }

        [TestMethod]
        public void Decode_MalformedHeaders_Malformed()
        {
            byte[][] vectors = new byte[][]
            {
                ElementPastHeader, HeaderPastUserData, LoneIdentifier, PortLengthWrong, Concat16LengthWrong,
            };
            var header = new UserDataHeader();
            for (int i = 0; i < vectors.Length; i++)
            {
                AssertReason.AreEqual(ReasonCode.Malformed, header.Decode(vectors[i], 0, vectors[i].Length), "vector " + i.ToString());
            }
        }

        [TestMethod]
        public void Decode_ConcatenationTotalOrSequenceOutOfRange_ElementIgnoredUnconcatenated()
        {
            byte[][] vectors = new byte[][] { TotalZero, SequenceZero, SequenceAboveTotal, Concat16SequenceAboveTotal };
            var header = new UserDataHeader();
            for (int i = 0; i < vectors.Length; i++)
            {
                Assert.AreEqual((int)ReasonCode.None, (int)header.Decode(vectors[i], 0, vectors[i].Length), "vector " + i.ToString());
                Assert.IsFalse(header.IsConcatenated, "vector " + i.ToString());
                Assert.AreEqual(2948, header.DestinationPort);
                Assert.AreEqual(vectors[i].Length - 1, header.PayloadOffset);
                Assert.AreEqual(1, header.PayloadCount);
            }
        }

        [TestMethod]
        public void Decode_ValidThenIgnoredConcatenation_ValidElementKept()
        {
            var header = new UserDataHeader();
            Assert.AreEqual((int)ReasonCode.None, (int)header.Decode(ValidThenIgnoredConcat, 0, ValidThenIgnoredConcat.Length));
            Assert.IsTrue(header.IsConcatenated);
            Assert.AreEqual(42, header.Reference);
            Assert.AreEqual(3, header.TotalParts);
            Assert.AreEqual(2, header.Sequence);
        }

        [TestMethod]
        public void Decode_PortBeforeMalformedElement_PortStillReported()
        {
            var header = new UserDataHeader();
            AssertReason.AreEqual(ReasonCode.Malformed, header.Decode(LoneIdentifier, 0, LoneIdentifier.Length));
            Assert.AreEqual(2948, header.DestinationPort);
        }

        [TestMethod]
        public void Decode_EveryTruncationOfAcceptedHeaders_MalformedOrShorterPayload()
        {
            byte[][] vectors = new byte[][] { AppendixCUserData, PortsConcat8, UnknownThenConcat16, Ports8 };
            var header = new UserDataHeader();
            for (int v = 0; v < vectors.Length; v++)
            {
                int headerEnd = vectors[v][0] + 1;
                for (int length = 0; length < vectors[v].Length; length++)
                {
                    ReasonCode reason = header.Decode(TestBytes.Prefix(vectors[v], length), 0, length);
                    // Cut inside the header: the header runs past the user data. Cut in the payload: a shorter payload.
                    int expected = length < headerEnd ? (int)ReasonCode.Malformed : (int)ReasonCode.None;
                    Assert.AreEqual(expected, (int)reason, "vector " + v.ToString() + " cut at " + length.ToString());
                    if (reason == ReasonCode.None)
                    {
                        Assert.AreEqual(length - headerEnd, header.PayloadCount);
                    }
                }
            }
        }

        [TestMethod]
        public void Decode_InsideLargerBuffer_AbsoluteOffsets()
        {
            byte[] embedded = TestBytes.Embed(PortsConcat8, 17, 4);
            var header = new UserDataHeader();
            AssertReason.AreEqual(ReasonCode.None, header.Decode(embedded, 17, PortsConcat8.Length));
            Assert.AreEqual(17 + 12, header.PayloadOffset);
            Assert.AreEqual(2, header.PayloadCount);
            Assert.AreEqual(3, header.TotalParts);
        }

        [TestMethod]
        public void Decode_ReusedInstance_ResetsPreviousFields()
        {
            var header = new UserDataHeader();
            header.Decode(PortsConcat8, 0, PortsConcat8.Length);
            header.Decode(UnknownThenConcat16, 0, UnknownThenConcat16.Length);
            Assert.AreEqual(-1, header.DestinationPort);
            Assert.AreEqual(-1, header.SourcePort);
        }
    }
}

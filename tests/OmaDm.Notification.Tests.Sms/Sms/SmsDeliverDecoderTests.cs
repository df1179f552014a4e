using nanoFramework.TestFramework;
using OmaDm.Notification;
using OmaDm.Notification.Sms;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Sms
{
    [TestClass]
    public class SmsDeliverDecoderTests
    {
        // 23.038 clause 4: one octet per coding group family.
        private static readonly int[] EightBitCodings = new int[] { 0x04, 0x14, 0x44, 0x54, 0xF4, 0xF5, 0xF6, 0xF7 };
        private static readonly int[] OtherCodings = new int[] { 0x00, 0x08, 0x0C, 0x24, 0x64, 0x80, 0xB4, 0xC4, 0xD4, 0xE4, 0xF0, 0xF1 };

        [TestMethod]
        public void Decode_AppendixCSingle_FillsEveryField()
        {
            var sms = new SmsDeliver();
            byte[] pdu = SmsVectors.AppendixCSingle;
            AssertReason.AreEqual(ReasonCode.None, SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, sms));
            Assert.AreEqual("+447785016005", sms.ServiceCentreAddress);
            Assert.AreEqual(SmsDeliver.MessageTypeDeliver, sms.MessageTypeIndicator);
            Assert.IsTrue(sms.HasUserDataHeader);
            Assert.IsFalse(sms.MoreMessagesWaiting);
            Assert.IsFalse(sms.StatusReportIndication);
            Assert.IsFalse(sms.ReplyPath);
            Assert.AreEqual(SmsVectors.Sender, sms.OriginatingAddress);
            Assert.AreEqual(0x91, sms.OriginatingAddressType);
            Assert.AreEqual(0, sms.ProtocolIdentifier);
            Assert.AreEqual(0x04, sms.DataCodingScheme);
            Assert.AreEqual(26, sms.Year);
            Assert.AreEqual(10, sms.Month);
            Assert.AreEqual(1, sms.Day);
            Assert.AreEqual(12, sms.Hour);
            Assert.AreEqual(34, sms.Minute);
            Assert.AreEqual(56, sms.Second);
            Assert.AreEqual(8, sms.TimeZoneQuarterHours);
            Assert.AreEqual(55, sms.UserDataLength);
            Assert.AreEqual(pdu.Length - 55, sms.UserDataOffset);
            Assert.AreEqual(55, sms.UserDataCount);
        }

        [TestMethod]
        public void Decode_AlphanumericSenderWithoutSmsc_DecodesSenderAndNegativeZone()
        {
            var sms = new SmsDeliver();
            byte[] pdu = SmsVectors.AppendixCAlphanumericF5;
            AssertReason.AreEqual(ReasonCode.None, SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, sms));
            Assert.AreEqual(string.Empty, sms.ServiceCentreAddress);
            Assert.AreEqual("Op[DM]", sms.OriginatingAddress);
            Assert.AreEqual(0xF5, sms.DataCodingScheme);
            Assert.IsTrue(sms.MoreMessagesWaiting);
            Assert.AreEqual(-8, sms.TimeZoneQuarterHours);
            Assert.AreEqual(55, sms.UserDataCount);
        }

        [TestMethod]
        public void Decode_NationalSender_NoPlusSign()
        {
            var sms = new SmsDeliver();
            byte[] pdu = SmsVectors.TextSevenBit;
            SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, sms);
            Assert.AreEqual("0123", sms.OriginatingAddress);
            Assert.AreEqual(0xA1, sms.OriginatingAddressType);
        }

        [TestMethod]
        public void Decode_SevenBitText_UnsupportedCoding()
        {
            var sms = new SmsDeliver();
            byte[] pdu = SmsVectors.TextSevenBit;
            AssertReason.AreEqual(ReasonCode.UnsupportedCoding, SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, sms));
            Assert.AreEqual(0x00, sms.DataCodingScheme);
        }

        [TestMethod]
        public void Decode_Ucs2Text_UnsupportedCoding()
        {
            var sms = new SmsDeliver();
            byte[] pdu = SmsVectors.TextUcs2;
            AssertReason.AreEqual(ReasonCode.UnsupportedCoding, SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, sms));
            Assert.AreEqual("0123", sms.OriginatingAddress);
        }

        [TestMethod]
        public void Decode_StatusReport_NotSmsDeliver()
        {
            var sms = new SmsDeliver();
            byte[] pdu = SmsVectors.StatusReport;
            AssertReason.AreEqual(ReasonCode.NotSmsDeliver, SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, sms));
            Assert.AreEqual(SmsDeliver.MessageTypeStatusReport, sms.MessageTypeIndicator);
        }

        [TestMethod]
        public void Decode_Submit_NotSmsDeliver()
        {
            var sms = new SmsDeliver();
            byte[] pdu = SmsVectors.Submit;
            AssertReason.AreEqual(ReasonCode.NotSmsDeliver, SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, sms));
            Assert.AreEqual(SmsDeliver.MessageTypeSubmit, sms.MessageTypeIndicator);
        }

        [TestMethod]
        public void Decode_ReservedMessageType_NotSmsDeliver()
        {
            var sms = new SmsDeliver();
            byte[] pdu = (byte[])SmsVectors.AppendixCSingle.Clone();
            pdu[8] = 0x47; // TP-MTI 11 (reserved)
            AssertReason.AreEqual(ReasonCode.NotSmsDeliver, SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, sms));
            Assert.AreEqual(SmsDeliver.MessageTypeReserved, sms.MessageTypeIndicator);
        }

        [TestMethod]
        public void Decode_ProtocolIdentifierType0_ShortMessageType0FieldsFilled()
        {
            var sms = new SmsDeliver();
            Assert.AreEqual((int)ReasonCode.ShortMessageType0, (int)SmsDeliverDecoder.Decode(SmsVectors.AppendixCType0, 0, SmsVectors.AppendixCType0.Length, sms));
            Assert.AreEqual(0x40, sms.ProtocolIdentifier);
            Assert.AreEqual(SmsVectors.Sender, sms.OriginatingAddress);
        }

        [TestMethod]
        public void Decode_ProtocolIdentifierSimDataDownload_SimDataDownload()
        {
            var sms = new SmsDeliver();
            Assert.AreEqual((int)ReasonCode.SimDataDownload, (int)SmsDeliverDecoder.Decode(SmsVectors.SimDataDownload, 0, SmsVectors.SimDataDownload.Length, sms));
            Assert.AreEqual(0x7F, sms.ProtocolIdentifier);
        }

        [TestMethod]
        public void Decode_ServiceCentreLengthAboveEleven_Malformed()
        {
            var sms = new SmsDeliver();
            byte[] pdu = (byte[])SmsVectors.AppendixCSingle.Clone();
            pdu[0] = 12;
            AssertReason.AreEqual(ReasonCode.Malformed, SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, sms));
        }

        [TestMethod]
        public void Decode_AddressLongerThanTwentyDigits_Malformed()
        {
            var sms = new SmsDeliver();
            byte[] pdu = (byte[])SmsVectors.Concat8Part1.Clone();
            pdu[2] = 21;
            AssertReason.AreEqual(ReasonCode.Malformed, SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, sms));
        }

        [TestMethod]
        public void Decode_UserDataLengthAbove140_Malformed()
        {
            var sms = new SmsDeliver();
            byte[] pdu = TestBytes.Concat(TestBytes.Prefix(SmsVectors.EightBitNoHeader, 19), new byte[] { 141 }, new byte[141]);
            AssertReason.AreEqual(ReasonCode.Malformed, SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, sms));
        }

        [TestMethod]
        public void Decode_EveryTruncationOfAcceptedVectors_TruncatedNeverThrows()
        {
            var sms = new SmsDeliver();
            byte[][] vectors = AcceptedVectors();
            for (int v = 0; v < vectors.Length; v++)
            {
                for (int length = 0; length < vectors[v].Length; length++)
                {
                    byte[] cut = TestBytes.Prefix(vectors[v], length);
                    ReasonCode reason = SmsDeliverDecoder.Decode(cut, 0, cut.Length, sms);
                    AssertReason.AreEqual(ReasonCode.Truncated, reason, "vector " + v.ToString() + " cut at " + length.ToString());
                }
            }
        }

        [TestMethod]
        public void Decode_TruncatedInsideUserData_ReportsPresentOctets()
        {
            var sms = new SmsDeliver();
            byte[] pdu = SmsVectors.AppendixCSingle;
            AssertReason.AreEqual(ReasonCode.Truncated, SmsDeliverDecoder.Decode(pdu, 0, pdu.Length - 10, sms));
            Assert.AreEqual(45, sms.UserDataCount);
            Assert.AreEqual(55, sms.UserDataLength);
        }

        [TestMethod]
        public void Decode_InsideLargerBuffer_SameFieldsAbsoluteOffsets()
        {
            var sms = new SmsDeliver();
            byte[][] vectors = AcceptedVectors();
            for (int v = 0; v < vectors.Length; v++)
            {
                byte[] embedded = TestBytes.Embed(vectors[v], 9, 5);
                AssertReason.AreEqual(ReasonCode.None, SmsDeliverDecoder.Decode(embedded, 9, vectors[v].Length, sms));
                int userData = sms.UserDataLength;
                Assert.AreEqual(9 + vectors[v].Length - userData, sms.UserDataOffset);
                Assert.IsTrue(TestBytes.RangeEquals(Tail(vectors[v], userData), embedded, sms.UserDataOffset, sms.UserDataCount));
            }
        }

        [TestMethod]
        public void IsEightBitData_EightBitGeneralAndMessageClassGroups_True()
        {
            for (int i = 0; i < EightBitCodings.Length; i++)
            {
                Assert.IsTrue(SmsDeliverDecoder.IsEightBitData(EightBitCodings[i]), "DCS " + EightBitCodings[i].ToString("X2"));
            }
        }

        [TestMethod]
        public void IsEightBitData_SevenBitUcs2CompressedReservedAndWaitingGroups_False()
        {
            for (int i = 0; i < OtherCodings.Length; i++)
            {
                Assert.IsFalse(SmsDeliverDecoder.IsEightBitData(OtherCodings[i]), "DCS " + OtherCodings[i].ToString("X2"));
            }
        }

        [TestMethod]
        public void Decode_NullResult_Throws()
        {
            Assert.ThrowsException(typeof(System.ArgumentNullException), () => SmsDeliverDecoder.Decode(SmsVectors.Submit, 0, 1, null));
        }

        private static byte[][] AcceptedVectors()
        {
            return new byte[][]
            {
                SmsVectors.AppendixCSingle, SmsVectors.AppendixCAlphanumericF5, SmsVectors.Concat8Part1, SmsVectors.Concat16Part2,
                SmsVectors.CdmaPart3, SmsVectors.EightBitNoHeader, SmsVectors.WrongPort,
            };
        }

        private static byte[] Tail(byte[] vector, int count)
        {
            var tail = new byte[count];
            System.Array.Copy(vector, vector.Length - count, tail, 0, count);
            return tail;
        }
    }
}

using nanoFramework.TestFramework;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Sms;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Wdp;

namespace OmaDm.Notification.Tests.Sms
{
    [TestClass]
    public class SmsDeliverEncoderTests
    {
        [TestMethod]
        public void Encode_AppendixCWithSmscAndStandardFields_EqualsHandWrittenVector()
        {
            var encoder = new SmsDeliverEncoder();
            encoder.ServiceCentre = "+447785016005";
            encoder.Sender = SmsVectors.Sender;
            encoder.SourcePort = 0xC002;
            encoder.TimeStamp = SmsDeliverEncoder.EncodeTimeStamp(26, 10, 1, 12, 34, 56, 8);
            byte[][] parts = encoder.Encode(SmsVectors.AppendixCWsp, 0, SmsVectors.AppendixCWsp.Length);
            Assert.AreEqual(1, parts.Length);
            Assert.AreEqual(TestBytes.ToHex(SmsVectors.AppendixCSingle), TestBytes.ToHex(parts[0]));
        }

        [TestMethod]
        public void Encode_AlphanumericF5NegativeZone_EqualsHandWrittenVector()
        {
            var encoder = new SmsDeliverEncoder();
            encoder.Sender = "Op[DM]";
            encoder.DataCodingScheme = 0xF5;
            encoder.SourcePort = 0xC002;
            encoder.TimeStamp = SmsDeliverEncoder.EncodeTimeStamp(26, 10, 1, 12, 34, 56, -8);
            byte[] pdu = encoder.Encode(SmsVectors.AppendixCWsp, 0, SmsVectors.AppendixCWsp.Length)[0];
            byte[] expected = (byte[])SmsVectors.AppendixCAlphanumericF5.Clone();
            expected[1] |= 0x04; // the encoder sets TP-MMS (no more messages); the vector has it clear
            Assert.AreEqual(TestBytes.ToHex(expected), TestBytes.ToHex(pdu));
        }

        [TestMethod]
        public void Encode_LongPayload_PartsFitAndCarryConcatenation()
        {
            var encoder = new SmsDeliverEncoder();
            encoder.SixteenBitReference = true;
            encoder.Reference = 0x1234;
            encoder.PortsInFirstSegmentOnly = true;
            byte[] payload = new byte[400];
            byte[][] parts = encoder.Encode(payload, 0, payload.Length);
            var sms = new SmsDeliver();
            var header = new UserDataHeader();
            int total = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                AssertReason.AreEqual(ReasonCode.None, SmsDeliverDecoder.Decode(parts[i], 0, parts[i].Length, sms));
                Assert.IsTrue(sms.UserDataLength <= SmsDeliverEncoder.MaxUserDataOctets);
                AssertReason.AreEqual(ReasonCode.None, header.Decode(parts[i], sms.UserDataOffset, sms.UserDataCount));
                Assert.AreEqual(0x1234, header.Reference);
                Assert.AreEqual(parts.Length, header.TotalParts);
                Assert.AreEqual(i + 1, header.Sequence);
                Assert.AreEqual(i == 0 ? 2948 : -1, header.DestinationPort);
                total += header.PayloadCount;
            }

            Assert.AreEqual(400, total);
            Assert.AreEqual(4, parts.Length); // 127 + 133 + 133 octets do not hold 400
        }

        [TestMethod]
        public void Encode_EightBitPortsNationalSender_DecodesBack()
        {
            var encoder = new SmsDeliverEncoder();
            encoder.Sender = "0123";
            encoder.EightBitPorts = true;
            encoder.DestinationPort = 245;
            encoder.SourcePort = 245;
            byte[] pdu = encoder.Encode(new byte[] { 1, 2 }, 0, 2)[0];
            var sms = new SmsDeliver();
            var header = new UserDataHeader();
            AssertReason.AreEqual(ReasonCode.None, SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, sms));
            Assert.AreEqual("0123", sms.OriginatingAddress);
            header.Decode(pdu, sms.UserDataOffset, sms.UserDataCount);
            Assert.AreEqual(8, header.PortBits);
            Assert.AreEqual(245, header.DestinationPort);
        }

        [TestMethod]
        public void Encode_OmitPorts_NoUserDataHeader()
        {
            var encoder = new SmsDeliverEncoder();
            encoder.OmitPorts = true;
            byte[] pdu = encoder.Encode(new byte[] { 1, 2, 3 }, 0, 3)[0];
            var sms = new SmsDeliver();
            SmsDeliverDecoder.Decode(pdu, 0, pdu.Length, sms);
            Assert.IsFalse(sms.HasUserDataHeader);
            Assert.AreEqual(3, sms.UserDataCount);
        }

        [TestMethod]
        public void Encode_InvalidSettings_Throw()
        {
            var encoder = new SmsDeliverEncoder();
            encoder.Sender = "An alphanumeric name too long";
            Assert.ThrowsException(typeof(System.ArgumentException), () => encoder.Encode(new byte[1], 0, 1));
            encoder.Sender = "+1";
            encoder.EightBitPorts = true;
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => encoder.Encode(new byte[1], 0, 1));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => SmsDeliverEncoder.EncodeTimeStamp(26, 13, 1, 0, 0, 0, 0));
        }
    }
}

using System;
using nanoFramework.TestFramework;
using OmaDm.Notification;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Tests.Trigger
{
    [TestClass]
    public class TriggerDecoderTests
    {
        // Any 16 bytes: decoding does not look at the digest (verification is the authentication layer's job).
        private static readonly byte[] ArbitraryDigest = TestBytes.FromHex("000102030405060708090A0B0C0D0E0F");

        // Appendix C header with every one of the 27 future-use bits set (6.2.9 says send 0; receivers ignore them).
        private static readonly byte[] ReservedAllOnes = TestBytes.FromHex("02D7FFFFFF 1234 01 41");

        // Appendix C header with future-use bits 100 0000...0001 (the top of the 27 and the last).
        private static readonly byte[] ReservedEnds = TestBytes.FromHex("02D4000001 1234 01 41");

        // Version 10 ("1.0", 6.2.6), not in the default accepted set.
        private static readonly byte[] Version10 = TestBytes.FromHex("0290000000 1234 01 41");

        // Version 1023, the largest 10-bit value, with ui-mode 3 and initiator 1.
        private static readonly byte[] Version1023 = TestBytes.FromHex("FFF8000000 0001 01 41");

        // Server-identifier length 0 (6.2.11): malformed.
        private static readonly byte[] ServerIdLengthZero = TestBytes.FromHex("02D0000000 1234 00 41");

        // Server-identifier length 18 but 17 octets follow: malformed.
        private static readonly byte[] ServerIdPastEnd = TestBytes.FromHex("02D0000000 1234 12 636F6D2E6D676D74737276 2E6D616E6167");

        // Server identifier "é" in UTF-8 (C3 A9).
        private static readonly byte[] ServerIdUtf8 = TestBytes.FromHex("02D0000000 1234 02 C3A9");

        private static readonly TriggerDecoder DefaultDecoder = new TriggerDecoder();

        private static byte[] WithDigest(byte[] trigger)
        {
            return TestBytes.Concat(ArbitraryDigest, trigger);
        }

        // Version 11, background, client; the given session id, server identifier length and vendor tail length.
        private static byte[] Compose(int sessionId, int serverIdLength, int vendorLength)
        {
            var trigger = new byte[8 + serverIdLength + vendorLength];
            trigger[0] = 0x02;
            trigger[1] = 0xD0;
            trigger[5] = (byte)(sessionId >> 8);
            trigger[6] = (byte)sessionId;
            trigger[7] = (byte)serverIdLength;
            for (int i = 0; i < serverIdLength; i++)
            {
                trigger[8 + i] = (byte)('a' + (i % 26));
            }

            for (int i = 0; i < vendorLength; i++)
            {
                trigger[8 + serverIdLength + i] = (byte)i;
            }

            return WithDigest(trigger);
        }

        private static NotificationTrigger DecodeAccepted(byte[] message)
        {
            var trigger = new NotificationTrigger();
            AssertReason.AreEqual(ReasonCode.None, DefaultDecoder.Decode(message, 0, message.Length, trigger));
            return trigger;
        }

        [TestMethod]
        public void Decode_AppendixC_ReadsEveryField()
        {
            byte[] message = WithDigest(SpecVectors.AppendixCTrigger);
            NotificationTrigger trigger = DecodeAccepted(message);
            Assert.AreSame(message, trigger.Buffer);
            Assert.AreEqual(0, trigger.DigestOffset);
            Assert.AreEqual(16, trigger.TriggerOffset);
            Assert.AreEqual(26, trigger.TriggerLength);
            Assert.AreEqual(11, trigger.Version);
            Assert.AreEqual((int)UiMode.Background, (int)trigger.UiMode);
            Assert.AreEqual((int)Initiator.Client, (int)trigger.Initiator);
            Assert.AreEqual(0, trigger.Reserved);
            Assert.AreEqual(0x1234, trigger.SessionId);
            Assert.AreEqual(24, trigger.ServerIdOffset);
            Assert.AreEqual(18, trigger.ServerIdLength);
            Assert.AreEqual("com.mgmtsrv.manage", trigger.GetServerId());
            Assert.AreEqual(42, trigger.VendorOffset);
            Assert.AreEqual(0, trigger.VendorLength);
            Assert.AreEqual(0, trigger.CopyVendor().Length);
            Assert.AreEqual("1234", SessionIdText.Format(trigger.SessionId, SessionIdFormat.Hexadecimal));
        }

        [TestMethod]
        public void Decode_NokiaContactsCapture_ReadsVersion12SessionZeroAndDsTail()
        {
            NotificationTrigger trigger = DecodeAccepted(SpecVectors.NokiaContacts);
            Assert.AreEqual(12, trigger.Version);
            Assert.AreEqual((int)UiMode.Background, (int)trigger.UiMode);
            Assert.AreEqual((int)Initiator.Server, (int)trigger.Initiator);
            Assert.AreEqual(0, trigger.Reserved);
            Assert.AreEqual(0, trigger.SessionId);
            Assert.AreEqual("0", SessionIdText.Format(trigger.SessionId, SessionIdFormat.Hexadecimal));
            Assert.AreEqual("PC Suite Data Sync", trigger.GetServerId());
            Assert.AreEqual(SpecVectors.NokiaContacts.Length - 16, trigger.TriggerLength);
            Assert.IsTrue(TestBytes.RangeEquals(SpecVectors.NokiaContactsTail, trigger.Buffer, trigger.VendorOffset, trigger.VendorLength));
            Assert.IsTrue(TestBytes.RangeEquals(SpecVectors.NokiaContactsTail, trigger.CopyVendor(), 0, SpecVectors.NokiaContactsTail.Length));
        }

        [TestMethod]
        public void Decode_NokiaCalendarCapture_ReadsServerIdAndCalendarTail()
        {
            NotificationTrigger trigger = DecodeAccepted(SpecVectors.NokiaCalendar);
            Assert.AreEqual(12, trigger.Version);
            Assert.AreEqual(0, trigger.SessionId);
            Assert.AreEqual("PC Suite Data Sync", trigger.GetServerId());
            Assert.AreEqual(14, trigger.VendorLength);
            byte[] tail = trigger.CopyVendor();
            Assert.AreEqual(0x10, (int)tail[0]);
            Assert.AreEqual((int)'r', (int)tail[13]);
        }

        [TestMethod]
        [DataRow(0, "0", "0")]
        [DataRow(1, "1", "1")]
        [DataRow(0xFF, "FF", "255")]
        [DataRow(0xFFFF, "FFFF", "65535")]
        public void Decode_SessionIdBoundary_ReadsValueAndFormatsText(int sessionId, string hex, string dec)
        {
            NotificationTrigger trigger = DecodeAccepted(Compose(sessionId, 1, 0));
            Assert.AreEqual(sessionId, trigger.SessionId);
            Assert.AreEqual(hex, SessionIdText.Format(trigger.SessionId, SessionIdFormat.Hexadecimal));
            Assert.AreEqual(dec, SessionIdText.Format(trigger.SessionId, SessionIdFormat.Decimal));
        }

        [TestMethod]
        public void Decode_VendorTailBeyond255OctetTrigger_KeepsWholeTail()
        {
            byte[] message = Compose(0x1234, 18, 300);
            NotificationTrigger trigger = DecodeAccepted(message);
            Assert.AreEqual(8 + 18 + 300, trigger.TriggerLength);
            Assert.AreEqual(300, trigger.VendorLength);
            Assert.AreEqual(16 + 8 + 18, trigger.VendorOffset);
            byte[] tail = trigger.CopyVendor();
            Assert.AreEqual(300, tail.Length);
            Assert.AreEqual(299 & 0xFF, (int)tail[299]);
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(127)]
        [DataRow(128)]
        [DataRow(255)]
        public void Decode_ServerIdLengthInRange_Accepted(int length)
        {
            NotificationTrigger trigger = DecodeAccepted(Compose(1, length, 0));
            Assert.AreEqual(length, trigger.ServerIdLength);
            Assert.AreEqual(length, trigger.GetServerId().Length);
            Assert.AreEqual(8 + length, trigger.TriggerLength);
        }

        [TestMethod]
        public void Decode_ServerIdLengthZero_Malformed()
        {
            byte[] message = WithDigest(ServerIdLengthZero);
            AssertReason.AreEqual(ReasonCode.Malformed, DefaultDecoder.Decode(message, 0, message.Length, new NotificationTrigger()));
        }

        [TestMethod]
        public void Decode_ServerIdLengthPastEnd_Malformed()
        {
            byte[] message = WithDigest(ServerIdPastEnd);
            AssertReason.AreEqual(ReasonCode.Malformed, DefaultDecoder.Decode(message, 0, message.Length, new NotificationTrigger()));
        }

        [TestMethod]
        public void Decode_Utf8ServerId_DecodesText()
        {
            NotificationTrigger trigger = DecodeAccepted(WithDigest(ServerIdUtf8));
            Assert.AreEqual("\u00E9", trigger.GetServerId());
        }

        [TestMethod]
        public void Decode_AllReservedBitsSet_AcceptedAndReported()
        {
            NotificationTrigger trigger = DecodeAccepted(WithDigest(ReservedAllOnes));
            Assert.AreEqual(0x7FFFFFF, trigger.Reserved);
            Assert.AreEqual(11, trigger.Version);
            Assert.AreEqual((int)UiMode.Background, (int)trigger.UiMode);
            Assert.AreEqual((int)Initiator.Client, (int)trigger.Initiator);
            Assert.AreEqual(0x1234, trigger.SessionId);
        }

        [TestMethod]
        public void Decode_FirstAndLastReservedBitsSet_ReportedInPlace()
        {
            NotificationTrigger trigger = DecodeAccepted(WithDigest(ReservedEnds));
            Assert.AreEqual((1 << 26) | 1, trigger.Reserved);
            Assert.AreEqual((int)Initiator.Client, (int)trigger.Initiator);
        }

        [TestMethod]
        [DataRow(0x00, 0, 0)]
        [DataRow(0x18, 1, 1)]
        [DataRow(0x20, 2, 0)]
        [DataRow(0x38, 3, 1)]
        public void Decode_UiModeAndInitiatorBits_Read(int secondOctetLow, int uiMode, int initiator)
        {
            // Version 11 keeps its two low bits (11) in the top of the second octet.
            byte[] message = WithDigest(TestBytes.FromHex("02C0000000 0001 01 41"));
            message[17] = (byte)(0xC0 | secondOctetLow);
            NotificationTrigger trigger = DecodeAccepted(message);
            Assert.AreEqual(11, trigger.Version);
            Assert.AreEqual(uiMode, (int)trigger.UiMode);
            Assert.AreEqual(initiator, (int)trigger.Initiator);
            Assert.AreEqual(0, trigger.Reserved);
        }

        [TestMethod]
        public void Decode_Version10WithDefaultSet_UnsupportedVersion()
        {
            byte[] message = WithDigest(Version10);
            AssertReason.AreEqual(ReasonCode.UnsupportedVersion, DefaultDecoder.Decode(message, 0, message.Length, new NotificationTrigger()));
        }

        [TestMethod]
        public void Decode_ConfiguredVersionSet_AcceptsOnlyThoseVersions()
        {
            var decoder = new TriggerDecoder(new int[] { 10, 1023 });
            byte[] version10 = WithDigest(Version10);
            byte[] version1023 = WithDigest(Version1023);
            byte[] version11 = WithDigest(SpecVectors.AppendixCTrigger);
            var trigger = new NotificationTrigger();
            AssertReason.AreEqual(ReasonCode.None, decoder.Decode(version10, 0, version10.Length, trigger));
            Assert.AreEqual(10, trigger.Version);
            AssertReason.AreEqual(ReasonCode.None, decoder.Decode(version1023, 0, version1023.Length, trigger));
            Assert.AreEqual(1023, trigger.Version);
            Assert.AreEqual((int)UiMode.UserInteraction, (int)trigger.UiMode);
            Assert.AreEqual((int)Initiator.Server, (int)trigger.Initiator);
            AssertReason.AreEqual(ReasonCode.UnsupportedVersion, decoder.Decode(version11, 0, version11.Length, trigger));
        }

        [TestMethod]
        public void Decode_UnsupportedVersionWithBadServerIdLength_VersionReportedFirst()
        {
            // A version we do not know may lay its fields out differently; its "length" is not ours to judge.
            byte[] message = WithDigest(Version10);
            message[23] = 0;
            AssertReason.AreEqual(ReasonCode.UnsupportedVersion, DefaultDecoder.Decode(message, 0, message.Length, new NotificationTrigger()));
        }

        [TestMethod]
        public void Constructor_NullVersions_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => new TriggerDecoder(null));
        }

        [TestMethod]
        public void Constructor_VersionAbove10Bits_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new TriggerDecoder(new int[] { 1024 }));
        }

        [TestMethod]
        public void Decode_RangeOutsideBuffer_Throws()
        {
            byte[] message = WithDigest(SpecVectors.AppendixCTrigger);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => DefaultDecoder.Decode(message, 1, message.Length, new NotificationTrigger()));
            Assert.ThrowsException(typeof(ArgumentNullException), () => DefaultDecoder.Decode(null, 0, 0, new NotificationTrigger()));
            Assert.ThrowsException(typeof(ArgumentNullException), () => DefaultDecoder.Decode(message, 0, message.Length, null));
        }

        [TestMethod]
        public void Decode_AppendixCTruncatedAtEveryLength_TruncatedMalformedOrShorterTail()
        {
            CheckEveryTruncation(WithDigest(SpecVectors.AppendixCTrigger), 18);
        }

        [TestMethod]
        public void Decode_NokiaContactsTruncatedAtEveryLength_TruncatedMalformedOrShorterTail()
        {
            CheckEveryTruncation(SpecVectors.NokiaContacts, 18);
        }

        [TestMethod]
        public void Decode_NokiaCalendarTruncatedAtEveryLength_TruncatedMalformedOrShorterTail()
        {
            CheckEveryTruncation(SpecVectors.NokiaCalendar, 18);
        }

        [TestMethod]
        public void Decode_LongVendorTailTruncatedAtEveryLength_TruncatedMalformedOrShorterTail()
        {
            CheckEveryTruncation(Compose(0xFFFF, 255, 40), 255);
        }

        [TestMethod]
        public void Decode_ReservedBitsTruncatedAtEveryLength_TruncatedMalformedOrShorterTail()
        {
            CheckEveryTruncation(WithDigest(ReservedAllOnes), 1);
        }

        [TestMethod]
        public void Decode_AppendixCInsideLargerBuffer_SameFieldsAtOffset()
        {
            CheckEmbedded(WithDigest(SpecVectors.AppendixCTrigger));
        }

        [TestMethod]
        public void Decode_NokiaContactsInsideLargerBuffer_SameFieldsAtOffset()
        {
            CheckEmbedded(SpecVectors.NokiaContacts);
        }

        [TestMethod]
        public void Decode_NokiaCalendarInsideLargerBuffer_SameFieldsAtOffset()
        {
            CheckEmbedded(SpecVectors.NokiaCalendar);
        }

        [TestMethod]
        public void Decode_LongVendorTailInsideLargerBuffer_SameFieldsAtOffset()
        {
            CheckEmbedded(Compose(0xFFFF, 255, 40));
        }

        [TestMethod]
        public void Decode_ReservedBitsInsideLargerBuffer_SameFieldsAtOffset()
        {
            CheckEmbedded(WithDigest(ReservedAllOnes));
        }

        // Below the fixed part: Truncated. Inside the server identifier: Malformed (its length runs past the message).
        // From the end of the server identifier on: accepted, the vendor tail simply shorter (it has no length field;
        // the digest over the whole trigger catches the loss).
        private static void CheckEveryTruncation(byte[] message, int serverIdLength)
        {
            int serverIdEnd = TriggerDecoder.FixedLength + serverIdLength;
            var trigger = new NotificationTrigger();
            for (int length = 0; length < message.Length; length++)
            {
                byte[] cut = TestBytes.Prefix(message, length);
                ReasonCode reason = DefaultDecoder.Decode(cut, 0, cut.Length, trigger);
                string at = "length " + length.ToString();
                if (length < TriggerDecoder.FixedLength)
                {
                    AssertReason.AreEqual(ReasonCode.Truncated, reason, at);
                }
                else if (length < serverIdEnd)
                {
                    AssertReason.AreEqual(ReasonCode.Malformed, reason, at);
                }
                else
                {
                    AssertReason.AreEqual(ReasonCode.None, reason, at);
                    Assert.AreEqual(length - serverIdEnd, trigger.VendorLength, at);
                    Assert.AreEqual(length - 16, trigger.TriggerLength, at);
                }
            }
        }

        private static void CheckEmbedded(byte[] message)
        {
            NotificationTrigger alone = DecodeAccepted(message);
            const int Offset = 7;
            byte[] larger = TestBytes.Embed(message, Offset, 9);
            var trigger = new NotificationTrigger();
            AssertReason.AreEqual(ReasonCode.None, DefaultDecoder.Decode(larger, Offset, message.Length, trigger));
            Assert.AreSame(larger, trigger.Buffer);
            Assert.AreEqual(Offset, trigger.DigestOffset);
            Assert.AreEqual(Offset + 16, trigger.TriggerOffset);
            Assert.AreEqual(alone.TriggerLength, trigger.TriggerLength);
            Assert.AreEqual(alone.Version, trigger.Version);
            Assert.AreEqual((int)alone.UiMode, (int)trigger.UiMode);
            Assert.AreEqual((int)alone.Initiator, (int)trigger.Initiator);
            Assert.AreEqual(alone.Reserved, trigger.Reserved);
            Assert.AreEqual(alone.SessionId, trigger.SessionId);
            Assert.AreEqual(alone.ServerIdOffset + Offset, trigger.ServerIdOffset);
            Assert.AreEqual(alone.GetServerId(), trigger.GetServerId());
            Assert.AreEqual(alone.VendorOffset + Offset, trigger.VendorOffset);
            Assert.AreEqual(alone.VendorLength, trigger.VendorLength);
            byte[] vendor = alone.CopyVendor();
            Assert.IsTrue(TestBytes.RangeEquals(vendor, trigger.CopyVendor(), 0, vendor.Length));
        }
    }
}

using System;
using nanoFramework.TestFramework;
using OmaDm.Notification;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Wsp;

namespace OmaDm.Notification.Tests.Wsp
{
    [TestClass]
    public class WspPushDecoderTests
    {
        // A stand-in body: the WSP layer neither reads nor bounds it.
        private static readonly byte[] Body = TestBytes.FromHex("DEADBEEF");

        // OMA-TS-DM_Notification Appendix C: TID 01, Push, headers length 3, Content-Type C4, X-WAP-Application-ID AF 87.
        private static readonly byte[] AppendixC = TestBytes.FromHex("01 06 03 C4 AF 87 DEADBEEF");

        // Seen from real senders: Content-Type as text; headers length 0x26 = 36 (text + NUL) + 2.
        private static readonly byte[] ContentTypeText = TestBytes.Concat(TestBytes.FromHex("01 06 26"), TestBytes.TextString("application/vnd.syncml.notification"), TestBytes.FromHex("AF 87"), Body);

        // The same text in capitals: media types compare case-insensitively (RFC 2045 5.1).
        private static readonly byte[] ContentTypeTextCapitals = TestBytes.Concat(TestBytes.FromHex("01 06 26"), TestBytes.TextString("APPLICATION/VND.SYNCML.NOTIFICATION"), TestBytes.FromHex("AF 87"), Body);

        // WAP-230-WSP 8.4.2.1: text introduced by the Quote octet 0x7F.
        private static readonly byte[] ContentTypeQuotedText = TestBytes.Concat(TestBytes.FromHex("01 06 27 7F"), TestBytes.TextString("application/vnd.syncml.notification"), TestBytes.FromHex("AF 87"), Body);

        // As smsj writes it: general form with the length quote, 1F 24 <text>.
        private static readonly byte[] GeneralQuotedText = TestBytes.Concat(TestBytes.FromHex("01 06 28 1F 24"), TestBytes.TextString("application/vnd.syncml.notification"), TestBytes.FromHex("AF 87"), Body);

        // Seen from a US carrier: general form 1F 01 C4.
        private static readonly byte[] GeneralQuotedShortInteger = TestBytes.FromHex("01 06 05 1F 01 C4 AF 87 DEADBEEF");

        // Seen from real senders: short-length general form 01 C4.
        private static readonly byte[] GeneralShortLength = TestBytes.FromHex("01 06 04 01 C4 AF 87 DEADBEEF");

        // Seen from real senders, with a charset parameter: Value-length 3, C4, Charset (well-known parameter 0x01 written 81), utf-8 (106 = EA).
        private static readonly byte[] GeneralWithCharset = TestBytes.FromHex("01 06 06 03 C4 81 EA AF 87 DEADBEEF");

        // WAP-230-WSP 8.4.2.24: Well-known-media as a Long-integer, 02 01 44.
        private static readonly byte[] GeneralLongInteger = TestBytes.FromHex("01 06 05 02 01 44 AF 87 DEADBEEF");

        // Long-integer with a leading zero octet, 03 02 00 44.
        private static readonly byte[] GeneralLongIntegerTwoOctets = TestBytes.FromHex("01 06 06 03 02 00 44 AF 87 DEADBEEF");

        // Seen from real senders: X-WAP-Application-ID as a Long-integer, AF 01 07.
        private static readonly byte[] ApplicationIdLongInteger = TestBytes.FromHex("01 06 04 C4 AF 01 07 DEADBEEF");

        // X-WAP-Application-ID as a two-octet Long-integer, AF 02 00 07.
        private static readonly byte[] ApplicationIdLongIntegerTwoOctets = TestBytes.FromHex("01 06 05 C4 AF 02 00 07 DEADBEEF");

        // Seen from real senders: X-WAP-Application-ID as text; headers length 0x1E = 1 + 1 + 28.
        private static readonly byte[] ApplicationIdText = TestBytes.Concat(TestBytes.FromHex("01 06 1E C4 AF"), TestBytes.TextString("x-wap-application:syncml.dm"), Body);

        // Seen from real senders: the header name itself as text, value 87; headers length 0x17 = 1 + 21 + 1.
        private static readonly byte[] ApplicationIdNameText = TestBytes.Concat(TestBytes.FromHex("01 06 17 C4"), TestBytes.TextString("X-Wap-Application-Id"), TestBytes.FromHex("87"), Body);

        // Header name and value both as text (WAP-230-WSP 8.4.2.6 Application-header); headers length 0x32 = 1 + 21 + 28.
        private static readonly byte[] ApplicationIdNameAndValueText = TestBytes.Concat(TestBytes.FromHex("01 06 32 C4"), TestBytes.TextString("x-wap-application-id"), TestBytes.TextString("X-WAP-Application:SyncML.DM"), Body);

        // Seen from real senders: Push-Flag (0x34 written B4, value 80) before the application id.
        private static readonly byte[] PushFlagFirst = TestBytes.FromHex("01 06 05 C4 B4 80 AF 87 DEADBEEF");

        // Other headers skipped by encoding: a short-length value (A9 03 ...), a quoted-length value (DB 1F 02 ...),
        // a text header with text value (X-Note: hi), then the application id.
        private static readonly byte[] OtherHeadersFirst = TestBytes.Concat(TestBytes.FromHex("01 06 17 C4 A9 03 01 02 03 DB 1F 02 AA BB"), TestBytes.TextString("X-Note"), TestBytes.TextString("hi"), TestBytes.FromHex("AF 87"), Body);

        // WAP-230-WSP 8.4.2.6: a Shift-delimiter to page 2 (where AF is another field), a short-cut shift back to page 1.
        private static readonly byte[] ShiftedPageThenBack = TestBytes.FromHex("01 06 08 C4 7F 02 AF 85 01 AF 87 DEADBEEF");

        // WAP-230-WSP table 34 (accepted by Android, rejected by Samsung): ConfirmedPush (0x07).
        private static readonly byte[] ConfirmedPush = TestBytes.FromHex("01 07 03 C4 AF 87 DEADBEEF");

        // Seen from real senders: a non-minimal uintvar headers length 80 03 is legal.
        private static readonly byte[] NonMinimalHeadersLength = TestBytes.FromHex("01 06 80 03 C4 AF 87 DEADBEEF");

        // Headers of 0x83 = 131 octets need a two-octet uintvar (81 03): C4, X-Pad: 125 x 'p', AF 87.
        private static readonly byte[] TwoOctetHeadersLength = TestBytes.Concat(TestBytes.FromHex("01 06 81 03 C4"), TestBytes.TextString("X-Pad"), TestBytes.TextString(new string('p', 121)), TestBytes.FromHex("AF 87"), Body);

        // The right Content-Type and no application id: accepted, flagged (the agent decides by option).
        private static readonly byte[] NoApplicationId = TestBytes.FromHex("01 06 01 C4 DEADBEEF");

        // An empty body: the WSP layer accepts it; the trigger decoder will call it truncated.
        private static readonly byte[] EmptyBody = TestBytes.FromHex("01 06 03 C4 AF 87");

        // Rejections.
        private static readonly byte[] NotPushType = TestBytes.FromHex("01 04 03 C4 AF 87 DEADBEEF");
        private static readonly byte[] HeadersLengthOverflow = TestBytes.FromHex("01 06 90 80 80 80 00 C4 AF 87");
        private static readonly byte[] HeadersLengthSixOctets = TestBytes.FromHex("01 06 80 80 80 80 80 03 C4 AF 87");
        private static readonly byte[] HeadersPastPdu = TestBytes.FromHex("01 06 10 C4 AF 87 DEADBEEF");
        private static readonly byte[] EmptyHeaders = TestBytes.FromHex("01 06 00 DEADBEEF");
        private static readonly byte[] DmV13ShortInteger = TestBytes.FromHex("01 06 03 D8 AF 87 DEADBEEF");
        private static readonly byte[] DmV13Text = TestBytes.Concat(TestBytes.FromHex("01 06 29"), TestBytes.TextString("application/vnd.syncml.dm.notification"), TestBytes.FromHex("AF 87"), Body);
        private static readonly byte[] DsShortInteger = TestBytes.FromHex("01 06 03 CE AF 87 DEADBEEF");
        private static readonly byte[] DsText = TestBytes.Concat(TestBytes.FromHex("01 06 29"), TestBytes.TextString("application/vnd.syncml.ds.notification"), TestBytes.FromHex("AF 87"), Body);
        private static readonly byte[] UnknownShortInteger = TestBytes.FromHex("01 06 03 C5 AF 87 DEADBEEF");
        private static readonly byte[] UnknownText = TestBytes.Concat(TestBytes.FromHex("01 06 0D"), TestBytes.TextString("text/plain"), TestBytes.FromHex("AF 87"), Body);
        private static readonly byte[] UnknownHugeLongInteger = TestBytes.FromHex("01 06 09 06 05 01 00 00 00 44 AF 87 DEADBEEF");
        private static readonly byte[] WrongApplicationShortInteger = TestBytes.FromHex("01 06 03 C4 AF 88 DEADBEEF");
        private static readonly byte[] WrongApplicationLongInteger = TestBytes.FromHex("01 06 05 C4 AF 02 01 07 DEADBEEF");
        private static readonly byte[] WrongApplicationText = TestBytes.Concat(TestBytes.FromHex("01 06 1B C4 AF"), TestBytes.TextString("x-wap-application:wml.ua"), Body);
        private static readonly byte[] ApplicationIdPastHeaders = TestBytes.FromHex("01 06 04 C4 AF 02 00 07 DEADBEEF");
        private static readonly byte[] ContentTypeLengthPastHeaders = TestBytes.FromHex("01 06 03 05 C4 AF 87 DEADBEEF");
        private static readonly byte[] ContentTypeTextUnterminated = TestBytes.Concat(TestBytes.FromHex("01 06 04"), TestBytes.Ascii("abcd"), Body);
        private static readonly byte[] HeaderStartsWithZero = TestBytes.FromHex("01 06 03 C4 00 87 DEADBEEF");
        private static readonly byte[] ApplicationIdEmpty = TestBytes.FromHex("01 06 03 C4 AF 00 DEADBEEF");
        private static readonly byte[] ApplicationIdValueMissing = TestBytes.FromHex("01 06 02 C4 AF 87 DEADBEEF");
        private static readonly byte[] ShiftWithoutPage = TestBytes.FromHex("01 06 02 C4 7F 02 DEADBEEF");
        private static readonly byte[] ShiftedPageOnly = TestBytes.FromHex("01 06 04 C4 02 AF 87 DEADBEEF");

        private static readonly byte[][] Accepting = new byte[][]
        {
            AppendixC, ContentTypeText, ContentTypeTextCapitals, ContentTypeQuotedText, GeneralQuotedText,
            GeneralQuotedShortInteger, GeneralShortLength, GeneralWithCharset, GeneralLongInteger,
            GeneralLongIntegerTwoOctets, ApplicationIdLongInteger, ApplicationIdLongIntegerTwoOctets, ApplicationIdText,
            ApplicationIdNameText, ApplicationIdNameAndValueText, PushFlagFirst, OtherHeadersFirst, ShiftedPageThenBack,
            ConfirmedPush, NonMinimalHeadersLength, TwoOctetHeadersLength, NoApplicationId, EmptyBody, ShiftedPageOnly,
        };

        private static WspPush DecodeAccepted(byte[] pdu)
        {
            var push = new WspPush();
            AssertReason.AreEqual(ReasonCode.None, WspPushDecoder.Decode(pdu, 0, pdu.Length, push));
            Assert.AreEqual(WspPushDecoder.ContentTypeDmNotification, push.ContentTypeCode);
            Assert.AreSame(pdu, push.Buffer);
            return push;
        }

        private static void AssertRejected(byte[] pdu, ReasonCode expected)
        {
            AssertReason.AreEqual(expected, WspPushDecoder.Decode(pdu, 0, pdu.Length, new WspPush()));
        }

        // The body is the last four octets of every vector built with Body.
        private static void AssertBody(WspPush push, byte[] pdu)
        {
            Assert.AreEqual(pdu.Length - Body.Length, push.BodyOffset);
            Assert.IsTrue(TestBytes.RangeEquals(Body, pdu, push.BodyOffset, push.BodyLength));
        }

        [TestMethod]
        public void Decode_AppendixC_ShortIntegerContentTypeAndApplicationId()
        {
            WspPush push = DecodeAccepted(AppendixC);
            Assert.AreEqual(1, push.TransactionId);
            Assert.AreEqual(WspPushDecoder.PduTypePush, push.PduType);
            Assert.AreEqual(3, push.HeadersOffset);
            Assert.AreEqual(3, push.HeadersLength);
            Assert.AreEqual((int)WspValueEncoding.ShortInteger, (int)push.ContentTypeEncoding);
            Assert.IsFalse(push.ContentTypeGeneralForm);
            Assert.IsTrue(push.HasApplicationId);
            Assert.AreEqual(7, push.ApplicationId);
            Assert.AreEqual((int)WspValueEncoding.ShortInteger, (int)push.ApplicationIdEncoding);
            Assert.IsFalse(push.ApplicationIdNameAsText);
            Assert.AreEqual(6, push.BodyOffset);
            Assert.AreEqual(4, push.BodyLength);
            AssertBody(push, AppendixC);
        }

        [TestMethod]
        public void Decode_ContentTypeText_MapsToPackageZero()
        {
            WspPush push = DecodeAccepted(ContentTypeText);
            Assert.AreEqual((int)WspValueEncoding.Text, (int)push.ContentTypeEncoding);
            Assert.AreEqual(3, push.ContentTypeTextOffset);
            Assert.AreEqual(35, push.ContentTypeTextLength);
            Assert.AreEqual(7, push.ApplicationId);
            AssertBody(push, ContentTypeText);
        }

        [TestMethod]
        public void Decode_ContentTypeTextInCapitals_ComparedCaseInsensitively()
        {
            AssertBody(DecodeAccepted(ContentTypeTextCapitals), ContentTypeTextCapitals);
        }

        [TestMethod]
        public void Decode_ContentTypeTextAfterQuote_SkipsQuote()
        {
            WspPush push = DecodeAccepted(ContentTypeQuotedText);
            Assert.AreEqual(4, push.ContentTypeTextOffset);
            AssertBody(push, ContentTypeQuotedText);
        }

        [TestMethod]
        public void Decode_GeneralFormQuotedLengthText_Accepted()
        {
            WspPush push = DecodeAccepted(GeneralQuotedText);
            Assert.IsTrue(push.ContentTypeGeneralForm);
            Assert.IsTrue(push.ContentTypeLengthQuoted);
            Assert.AreEqual((int)WspValueEncoding.Text, (int)push.ContentTypeEncoding);
            Assert.AreEqual(0, push.ContentTypeParametersLength);
            AssertBody(push, GeneralQuotedText);
        }

        [TestMethod]
        public void Decode_GeneralFormQuotedLengthShortInteger_Accepted()
        {
            WspPush push = DecodeAccepted(GeneralQuotedShortInteger);
            Assert.IsTrue(push.ContentTypeGeneralForm);
            Assert.IsTrue(push.ContentTypeLengthQuoted);
            Assert.AreEqual((int)WspValueEncoding.ShortInteger, (int)push.ContentTypeEncoding);
            AssertBody(push, GeneralQuotedShortInteger);
        }

        [TestMethod]
        public void Decode_GeneralFormShortLength_Accepted()
        {
            WspPush push = DecodeAccepted(GeneralShortLength);
            Assert.IsTrue(push.ContentTypeGeneralForm);
            Assert.IsFalse(push.ContentTypeLengthQuoted);
            AssertBody(push, GeneralShortLength);
        }

        [TestMethod]
        public void Decode_GeneralFormWithCharsetParameter_ParameterSkipped()
        {
            WspPush push = DecodeAccepted(GeneralWithCharset);
            Assert.AreEqual(2, push.ContentTypeParametersLength);
            Assert.AreEqual(7, push.ApplicationId);
            AssertBody(push, GeneralWithCharset);
        }

        [TestMethod]
        public void Decode_GeneralFormLongInteger_Accepted()
        {
            WspPush push = DecodeAccepted(GeneralLongInteger);
            Assert.AreEqual((int)WspValueEncoding.LongInteger, (int)push.ContentTypeEncoding);
            AssertBody(push, GeneralLongInteger);
        }

        [TestMethod]
        public void Decode_GeneralFormTwoOctetLongInteger_Accepted()
        {
            AssertBody(DecodeAccepted(GeneralLongIntegerTwoOctets), GeneralLongIntegerTwoOctets);
        }

        [TestMethod]
        public void Decode_ApplicationIdLongInteger_Accepted()
        {
            WspPush push = DecodeAccepted(ApplicationIdLongInteger);
            Assert.AreEqual(7, push.ApplicationId);
            Assert.AreEqual((int)WspValueEncoding.LongInteger, (int)push.ApplicationIdEncoding);
            AssertBody(push, ApplicationIdLongInteger);
        }

        [TestMethod]
        public void Decode_ApplicationIdTwoOctetLongInteger_Accepted()
        {
            WspPush push = DecodeAccepted(ApplicationIdLongIntegerTwoOctets);
            Assert.AreEqual(7, push.ApplicationId);
            AssertBody(push, ApplicationIdLongIntegerTwoOctets);
        }

        [TestMethod]
        public void Decode_ApplicationIdText_MapsToSeven()
        {
            WspPush push = DecodeAccepted(ApplicationIdText);
            Assert.AreEqual(7, push.ApplicationId);
            Assert.AreEqual((int)WspValueEncoding.Text, (int)push.ApplicationIdEncoding);
            Assert.AreEqual(5, push.ApplicationIdTextOffset);
            Assert.AreEqual(27, push.ApplicationIdTextLength);
            AssertBody(push, ApplicationIdText);
        }

        [TestMethod]
        public void Decode_ApplicationIdHeaderNameAsText_Recognised()
        {
            WspPush push = DecodeAccepted(ApplicationIdNameText);
            Assert.IsTrue(push.HasApplicationId);
            Assert.IsTrue(push.ApplicationIdNameAsText);
            Assert.AreEqual(7, push.ApplicationId);
            AssertBody(push, ApplicationIdNameText);
        }

        [TestMethod]
        public void Decode_ApplicationIdNameAndValueAsText_Recognised()
        {
            WspPush push = DecodeAccepted(ApplicationIdNameAndValueText);
            Assert.IsTrue(push.ApplicationIdNameAsText);
            Assert.AreEqual((int)WspValueEncoding.Text, (int)push.ApplicationIdEncoding);
            Assert.AreEqual(7, push.ApplicationId);
            AssertBody(push, ApplicationIdNameAndValueText);
        }

        [TestMethod]
        public void Decode_PushFlagBeforeApplicationId_Skipped()
        {
            WspPush push = DecodeAccepted(PushFlagFirst);
            Assert.AreEqual(7, push.ApplicationId);
            AssertBody(push, PushFlagFirst);
        }

        [TestMethod]
        public void Decode_OtherHeadersOfEveryValueForm_SkippedByLength()
        {
            WspPush push = DecodeAccepted(OtherHeadersFirst);
            Assert.AreEqual(7, push.ApplicationId);
            AssertBody(push, OtherHeadersFirst);
        }

        [TestMethod]
        public void Decode_ShiftedCodePage_FieldCodeOnlyCountsOnPageOne()
        {
            WspPush push = DecodeAccepted(ShiftedPageThenBack);
            Assert.AreEqual(7, push.ApplicationId);
            AssertBody(push, ShiftedPageThenBack);
        }

        [TestMethod]
        public void Decode_ShortCutShiftAwayFromPageOne_ApplicationIdNotSeen()
        {
            WspPush push = DecodeAccepted(ShiftedPageOnly);
            Assert.IsFalse(push.HasApplicationId);
            AssertBody(push, ShiftedPageOnly);
        }

        [TestMethod]
        public void Decode_ConfirmedPush_Accepted()
        {
            WspPush push = DecodeAccepted(ConfirmedPush);
            Assert.AreEqual(WspPushDecoder.PduTypeConfirmedPush, push.PduType);
            AssertBody(push, ConfirmedPush);
        }

        [TestMethod]
        public void Decode_NonMinimalHeadersLength_Accepted()
        {
            WspPush push = DecodeAccepted(NonMinimalHeadersLength);
            Assert.AreEqual(4, push.HeadersOffset);
            Assert.AreEqual(3, push.HeadersLength);
            AssertBody(push, NonMinimalHeadersLength);
        }

        [TestMethod]
        public void Decode_TwoOctetHeadersLength_BodyAfter131HeaderOctets()
        {
            WspPush push = DecodeAccepted(TwoOctetHeadersLength);
            Assert.AreEqual(131, push.HeadersLength);
            Assert.AreEqual(4 + 131, push.BodyOffset);
            Assert.AreEqual(7, push.ApplicationId);
            AssertBody(push, TwoOctetHeadersLength);
        }

        [TestMethod]
        public void Decode_NoApplicationId_AcceptedAndFlagged()
        {
            WspPush push = DecodeAccepted(NoApplicationId);
            Assert.IsFalse(push.HasApplicationId);
            Assert.AreEqual(-1, push.ApplicationId);
            Assert.AreEqual((int)WspValueEncoding.None, (int)push.ApplicationIdEncoding);
            AssertBody(push, NoApplicationId);
        }

        [TestMethod]
        public void Decode_EmptyBody_AcceptedWithZeroLength()
        {
            WspPush push = DecodeAccepted(EmptyBody);
            Assert.AreEqual(6, push.BodyOffset);
            Assert.AreEqual(0, push.BodyLength);
        }

        [TestMethod]
        public void Decode_OtherPduType_NotPush()
        {
            AssertRejected(NotPushType, ReasonCode.NotPush);
        }

        [TestMethod]
        public void Decode_HeadersLengthAbove32Bits_Malformed()
        {
            AssertRejected(HeadersLengthOverflow, ReasonCode.Malformed);
        }

        [TestMethod]
        public void Decode_HeadersLengthSixOctets_Malformed()
        {
            AssertRejected(HeadersLengthSixOctets, ReasonCode.Malformed);
        }

        [TestMethod]
        public void Decode_HeadersLengthPastPdu_Truncated()
        {
            AssertRejected(HeadersPastPdu, ReasonCode.Truncated);
        }

        [TestMethod]
        public void Decode_EmptyHeaders_Malformed()
        {
            AssertRejected(EmptyHeaders, ReasonCode.Malformed);
        }

        [TestMethod]
        public void Decode_DmNotificationV13Code_OwnReason()
        {
            AssertRejected(DmV13ShortInteger, ReasonCode.DmNotificationV13);
        }

        [TestMethod]
        public void Decode_DmNotificationV13Text_OwnReason()
        {
            AssertRejected(DmV13Text, ReasonCode.DmNotificationV13);
        }

        [TestMethod]
        public void Decode_DsNotificationCode_OwnReason()
        {
            AssertRejected(DsShortInteger, ReasonCode.DsNotification);
        }

        [TestMethod]
        public void Decode_DsNotificationText_OwnReason()
        {
            AssertRejected(DsText, ReasonCode.DsNotification);
        }

        [TestMethod]
        public void Decode_UnknownContentTypeCode_NotDmNotification()
        {
            var push = new WspPush();
            AssertReason.AreEqual(ReasonCode.NotDmNotification, WspPushDecoder.Decode(UnknownShortInteger, 0, UnknownShortInteger.Length, push));
            Assert.AreEqual(0x45, push.ContentTypeCode);
        }

        [TestMethod]
        public void Decode_UnknownContentTypeText_NotDmNotification()
        {
            var push = new WspPush();
            AssertReason.AreEqual(ReasonCode.NotDmNotification, WspPushDecoder.Decode(UnknownText, 0, UnknownText.Length, push));
            Assert.AreEqual(-1, push.ContentTypeCode);
            Assert.AreEqual(10, push.ContentTypeTextLength);
        }

        [TestMethod]
        public void Decode_ContentTypeLongIntegerBeyondInt_NotDmNotification()
        {
            // 01 00 00 00 44 ends in 0x44 but is 2^32 + 0x44: not our code, and no overflow into it.
            AssertRejected(UnknownHugeLongInteger, ReasonCode.NotDmNotification);
        }

        [TestMethod]
        public void Decode_OtherApplicationIdCode_WrongApplication()
        {
            AssertRejected(WrongApplicationShortInteger, ReasonCode.WrongApplication);
        }

        [TestMethod]
        public void Decode_OtherApplicationIdLongInteger_WrongApplication()
        {
            AssertRejected(WrongApplicationLongInteger, ReasonCode.WrongApplication);
        }

        [TestMethod]
        public void Decode_OtherApplicationIdText_WrongApplication()
        {
            var push = new WspPush();
            AssertReason.AreEqual(ReasonCode.WrongApplication, WspPushDecoder.Decode(WrongApplicationText, 0, WrongApplicationText.Length, push));
            Assert.AreEqual(-1, push.ApplicationId);
            Assert.IsTrue(push.HasApplicationId);
        }

        [TestMethod]
        public void Decode_ApplicationIdRunningPastHeaders_Malformed()
        {
            AssertRejected(ApplicationIdPastHeaders, ReasonCode.Malformed);
        }

        [TestMethod]
        public void Decode_ContentTypeLengthPastHeaders_Malformed()
        {
            AssertRejected(ContentTypeLengthPastHeaders, ReasonCode.Malformed);
        }

        [TestMethod]
        public void Decode_ContentTypeTextWithoutTerminator_Malformed()
        {
            AssertRejected(ContentTypeTextUnterminated, ReasonCode.Malformed);
        }

        [TestMethod]
        public void Decode_HeaderStartingWithZeroOctet_Malformed()
        {
            AssertRejected(HeaderStartsWithZero, ReasonCode.Malformed);
        }

        [TestMethod]
        public void Decode_EmptyApplicationId_Malformed()
        {
            AssertRejected(ApplicationIdEmpty, ReasonCode.Malformed);
        }

        [TestMethod]
        public void Decode_ApplicationIdWithoutValue_Malformed()
        {
            AssertRejected(ApplicationIdValueMissing, ReasonCode.Malformed);
        }

        [TestMethod]
        public void Decode_ShiftDelimiterWithoutPage_Malformed()
        {
            AssertRejected(ShiftWithoutPage, ReasonCode.Malformed);
        }

        [TestMethod]
        public void Decode_RangeOutsideBuffer_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => WspPushDecoder.Decode(AppendixC, 1, AppendixC.Length, new WspPush()));
            Assert.ThrowsException(typeof(ArgumentNullException), () => WspPushDecoder.Decode(null, 0, 0, new WspPush()));
            Assert.ThrowsException(typeof(ArgumentNullException), () => WspPushDecoder.Decode(AppendixC, 0, AppendixC.Length, null));
        }

        // Cut inside the fixed part or the declared headers: Truncated (the PDU ended). From the end of the headers on:
        // accepted with a shorter body, because WSP gives the body no length of its own.
        [TestMethod]
        public void Decode_EveryAcceptingVectorTruncatedAtEveryLength_TruncatedOrShorterBody()
        {
            var push = new WspPush();
            for (int v = 0; v < Accepting.Length; v++)
            {
                byte[] pdu = Accepting[v];
                WspPush whole = DecodeAccepted(pdu);
                int headersEnd = whole.BodyOffset;
                for (int length = 0; length < pdu.Length; length++)
                {
                    byte[] cut = TestBytes.Prefix(pdu, length);
                    ReasonCode reason = WspPushDecoder.Decode(cut, 0, cut.Length, push);
                    string at = "vector " + v.ToString() + " length " + length.ToString();
                    if (length < headersEnd)
                    {
                        AssertReason.AreEqual(ReasonCode.Truncated, reason, at);
                    }
                    else
                    {
                        AssertReason.AreEqual(ReasonCode.None, reason, at);
                        Assert.AreEqual(headersEnd, push.BodyOffset, at);
                        Assert.AreEqual(length - headersEnd, push.BodyLength, at);
                    }
                }
            }
        }

        [TestMethod]
        public void Decode_EveryAcceptingVectorInsideLargerBuffer_SameResultAtOffset()
        {
            const int Offset = 5;
            for (int v = 0; v < Accepting.Length; v++)
            {
                byte[] pdu = Accepting[v];
                string at = "vector " + v.ToString();
                WspPush alone = DecodeAccepted(pdu);
                byte[] larger = TestBytes.Embed(pdu, Offset, 7);
                var push = new WspPush();
                AssertReason.AreEqual(ReasonCode.None, WspPushDecoder.Decode(larger, Offset, pdu.Length, push), at);
                Assert.AreSame(larger, push.Buffer, at);
                Assert.AreEqual(alone.TransactionId, push.TransactionId, at);
                Assert.AreEqual(alone.PduType, push.PduType, at);
                Assert.AreEqual(alone.HeadersOffset + Offset, push.HeadersOffset, at);
                Assert.AreEqual(alone.HeadersLength, push.HeadersLength, at);
                Assert.AreEqual(alone.ContentTypeCode, push.ContentTypeCode, at);
                Assert.AreEqual((int)alone.ContentTypeEncoding, (int)push.ContentTypeEncoding, at);
                Assert.AreEqual(alone.ContentTypeGeneralForm, push.ContentTypeGeneralForm, at);
                Assert.AreEqual(alone.ContentTypeParametersLength, push.ContentTypeParametersLength, at);
                Assert.AreEqual(alone.HasApplicationId, push.HasApplicationId, at);
                Assert.AreEqual(alone.ApplicationId, push.ApplicationId, at);
                Assert.AreEqual((int)alone.ApplicationIdEncoding, (int)push.ApplicationIdEncoding, at);
                Assert.AreEqual(alone.ApplicationIdNameAsText, push.ApplicationIdNameAsText, at);
                Assert.AreEqual(alone.BodyOffset + Offset, push.BodyOffset, at);
                Assert.AreEqual(alone.BodyLength, push.BodyLength, at);
            }
        }
    }
}

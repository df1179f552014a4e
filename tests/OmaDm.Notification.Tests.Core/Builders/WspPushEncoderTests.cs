using nanoFramework.TestFramework;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Builders
{
    [TestClass]
    public class WspPushEncoderTests
    {
        // A two-byte body stands for package #0: the encoder copies it after the headers untouched.
        private static readonly byte[] Body = TestBytes.FromHex("ABCD");

        // OMA-TS-DM_Notification Appendix C WSP layer: TID 01, Push, headers length 3, C4, AF 87.
        private static readonly byte[] AppendixC = TestBytes.FromHex("01 06 03 C4 AF 87 ABCD");

        // Text content type: "application/vnd.syncml.notification\0", then AF 87.
        private static readonly byte[] TextContentType = TestBytes.Concat(TestBytes.FromHex("01 06 26"), TestBytes.Ascii("application/vnd.syncml.notification"), TestBytes.FromHex("00 AF 87 ABCD"));

        // General form with text media, length-quote 1F and uintvar 24 (as smsj writes it).
        private static readonly byte[] GeneralText = TestBytes.Concat(TestBytes.FromHex("01 06 28 1F 24"), TestBytes.Ascii("application/vnd.syncml.notification"), TestBytes.FromHex("00 AF 87 ABCD"));

        // General form 1F 01 C4 (seen from a US carrier).
        private static readonly byte[] GeneralShort = TestBytes.FromHex("01 06 05 1F 01 C4 AF 87 ABCD");

        // Short-length general form 01 C4.
        private static readonly byte[] ShortLength = TestBytes.FromHex("01 06 04 01 C4 AF 87 ABCD");

        // Content type with a charset parameter: 03 C4 81 EA (Charset 0x01, utf-8 = 106; WAP-230-WSP 8.4.2.24).
        private static readonly byte[] Charset = TestBytes.FromHex("01 06 06 03 C4 81 EA AF 87 ABCD");

        // Long-integer application id AF 01 07.
        private static readonly byte[] LongAppId = TestBytes.FromHex("01 06 04 C4 AF 01 07 ABCD");

        // Text application id AF "x-wap-application:syncml.dm\0".
        private static readonly byte[] TextAppId = TestBytes.Concat(TestBytes.FromHex("01 06 1E C4 AF"), TestBytes.Ascii("x-wap-application:syncml.dm"), TestBytes.FromHex("00 ABCD"));

        // Header name as text "X-Wap-Application-Id\0" with value 87 (the Android decoder misses it).
        // The name as Token-text makes it an application header, whose value is a Text-string (WAP-230-WSP 8.4.2.6):
        // C4, "X-Wap-Application-Id" 00, "x-wap-application:syncml.dm" 00 = 1 + 21 + 28 = 50 (0x32) header octets.
        private static readonly byte[] NameAsText = TestBytes.Concat(
            TestBytes.FromHex("01 06 32 C4"),
            TestBytes.Ascii("X-Wap-Application-Id"),
            TestBytes.FromHex("00"),
            TestBytes.Ascii("x-wap-application:syncml.dm"),
            TestBytes.FromHex("00 ABCD"));

        // Push-Flag B4 80 before the application id.
        private static readonly byte[] PushFlag = TestBytes.FromHex("01 06 05 C4 B4 80 AF 87 ABCD");

        // ConfirmedPush, PDU type 07 (accepted by Android, rejected by Samsung).
        private static readonly byte[] Confirmed = TestBytes.FromHex("01 07 03 C4 AF 87 ABCD");

        // Non-minimal uintvar headers length 80 03 (legal, WAP-230-WSP 8.1.2).
        private static readonly byte[] NonMinimal = TestBytes.FromHex("01 06 80 03 C4 AF 87 ABCD");

        // No application id: only the content type routes it.
        private static readonly byte[] NoAppId = TestBytes.FromHex("01 06 01 C4 ABCD");

        [TestMethod]
        public void Encode_Defaults_AppendixCForm()
        {
            AssertBytes(AppendixC, Encode(new WspPushEncoder()));
        }

        [TestMethod]
        public void Encode_EachContentTypeForm_ExpectedBytes()
        {
            AssertBytes(TextContentType, Encode(new WspPushEncoder { ContentTypeForm = WspContentTypeForm.Text }));
            AssertBytes(GeneralText, Encode(new WspPushEncoder { ContentTypeForm = WspContentTypeForm.GeneralText }));
            AssertBytes(GeneralShort, Encode(new WspPushEncoder { ContentTypeForm = WspContentTypeForm.GeneralShortInteger }));
            AssertBytes(ShortLength, Encode(new WspPushEncoder { ContentTypeForm = WspContentTypeForm.ShortLength }));
            AssertBytes(Charset, Encode(new WspPushEncoder { ContentTypeForm = WspContentTypeForm.WithCharset }));
        }

        [TestMethod]
        public void Encode_EachApplicationIdForm_ExpectedBytes()
        {
            AssertBytes(LongAppId, Encode(new WspPushEncoder { ApplicationIdForm = WspApplicationIdForm.LongInteger }));
            AssertBytes(TextAppId, Encode(new WspPushEncoder { ApplicationIdForm = WspApplicationIdForm.Text }));
            AssertBytes(NameAsText, Encode(new WspPushEncoder { ApplicationIdNameAsText = true }));
            AssertBytes(NoAppId, Encode(new WspPushEncoder { ApplicationIdForm = WspApplicationIdForm.None }));
        }

        [TestMethod]
        public void Encode_ApplicationIdNameAsTextWithIntegerForms_ValueIsTextString()
        {
            // WAP-230-WSP 8.4.2.6: Application-header = Token-text Application-specific-value (a Text-string); an integer
            // after a textual name is not a legal header (tshark flags it).
            AssertBytes(NameAsText, Encode(new WspPushEncoder { ApplicationIdNameAsText = true, ApplicationIdForm = WspApplicationIdForm.ShortInteger }));
            AssertBytes(NameAsText, Encode(new WspPushEncoder { ApplicationIdNameAsText = true, ApplicationIdForm = WspApplicationIdForm.LongInteger }));
            AssertBytes(NameAsText, Encode(new WspPushEncoder { ApplicationIdNameAsText = true, ApplicationIdForm = WspApplicationIdForm.Text }));
        }

        [TestMethod]
        public void Encode_PushFlagConfirmedNonMinimal_ExpectedBytes()
        {
            AssertBytes(PushFlag, Encode(new WspPushEncoder { PushFlag = true }));
            AssertBytes(Confirmed, Encode(new WspPushEncoder { PduType = WspPushEncoder.PduTypeConfirmedPush }));
            AssertBytes(NonMinimal, Encode(new WspPushEncoder { NonMinimalHeadersLength = true }));
        }

        [TestMethod]
        public void WriteUintvar_Values_MinimalOctets()
        {
            var output = new byte[6];
            Assert.AreEqual(1, WspPushEncoder.WriteUintvar(0x7F, output, 0, false));
            Assert.AreEqual((byte)0x7F, output[0]);
            Assert.AreEqual(2, WspPushEncoder.WriteUintvar(0x80, output, 0, false));
            Assert.AreEqual((byte)0x81, output[0]);
            Assert.AreEqual((byte)0x00, output[1]);
            Assert.AreEqual(5, WspPushEncoder.WriteUintvar(int.MaxValue, output, 0, false));
            Assert.AreEqual((byte)0x87, output[0]);
        }

        private static byte[] Encode(WspPushEncoder encoder)
        {
            return encoder.Encode(Body, 0, Body.Length);
        }

        private static void AssertBytes(byte[] expected, byte[] actual)
        {
            Assert.AreEqual(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], actual[i], "byte " + i.ToString());
            }
        }
    }
}

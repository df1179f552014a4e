// Builds a connectionless WSP Push PDU (WAP-230-WSP 8.2.4.1) around a body, in every encoding form real senders use
// (the forms below: servers, carriers' gateways and generators such as smsj write each of them), so a receiver can be
// tested against each:
//
//   +-----+------+------------------+--------------+----------------------------------+------+
//   | TID | type | headers length   | Content-Type | headers (Push-Flag, X-WAP-App-Id) | body |
//   | 1   | 1    | uintvar 1..5     | |<----------- headers length ---------------->| |      |
//   +-----+------+------------------+--------------+----------------------------------+------+
//
// Content-Type (8.4.2.24): short-integer C4 | text "application/vnd.syncml.notification\0" | general form
// 1F <uintvar> <value> (length-quote, 8.4.2.2) | short-length general form 01 C4 | with a charset parameter
// (03 C4 81 EA: Charset 0x01 -> 0x81, utf-8 = 106 -> 0xEA).
// X-WAP-Application-ID (8.4.2.54): name AF (0x2F | 0x80) with value short-integer 87, long-integer 01 07 (8.4.2.1) or
// the text "x-wap-application:syncml.dm\0"; or the name as the text "X-Wap-Application-Id\0", an application header
// (8.4.2.6) whose value is always a Text-string, so then always the text form. Push-Flag (8.4.2.46): B4 80.

using System;
using System.Text;

namespace OmaDm.Notification.Builders
{
    /// <summary>How the Content-Type is encoded (WAP-230-WSP 8.4.2.24).</summary>
    public enum WspContentTypeForm
    {
        /// <summary>Short-integer well-known media, e.g. <c>C4</c>.</summary>
        ShortInteger = 0,

        /// <summary>Constrained media as text, e.g. <c>application/vnd.syncml.notification\0</c>.</summary>
        Text = 1,

        /// <summary>General form, length-quote and uintvar length, text media: <c>1F 24 application/...\0</c>.</summary>
        GeneralText = 2,

        /// <summary>General form, length-quote and uintvar length, well-known media: <c>1F 01 C4</c>.</summary>
        GeneralShortInteger = 3,

        /// <summary>General form with a short length: <c>01 C4</c>.</summary>
        ShortLength = 4,

        /// <summary>General form with a charset parameter (utf-8): <c>03 C4 81 EA</c>.</summary>
        WithCharset = 5,

        /// <summary>
        /// General form, length-quote and uintvar length, well-known media and the bootstrap parameters SEC and MAC when
        /// set (OMA-WAP-TS-ProvBoot 1.1 5.3): <c>1F 2D B6 91 81 92 &lt;40 hex digits&gt; 00</c>.
        /// </summary>
        WithSecurity = 6,
    }

    /// <summary>How the X-WAP-Application-ID value is encoded (WAP-230-WSP 8.4.2.54), or whether it is sent at all.</summary>
    public enum WspApplicationIdForm
    {
        /// <summary>Short-integer: <c>87</c> for application 7.</summary>
        ShortInteger = 0,

        /// <summary>Long-integer: <c>01 07</c>.</summary>
        LongInteger = 1,

        /// <summary>The application URI as text: <c>x-wap-application:syncml.dm\0</c>.</summary>
        Text = 2,

        /// <summary>No X-WAP-Application-ID header (the receiver routes on the Content-Type alone).</summary>
        None = 3,
    }

    /// <summary>
    /// Encodes a connectionless WSP Push (or ConfirmedPush) PDU around a body, in a chosen encoding of each header, so
    /// the variants of real senders can be reproduced. Defaults give the spec's Appendix C form
    /// <c>01 06 03 C4 AF 87</c>.
    /// </summary>
    public sealed class WspPushEncoder
    {
        /// <summary>PDU type Push (WAP-230-WSP table 34).</summary>
        public const int PduTypePush = 0x06;

        /// <summary>PDU type ConfirmedPush.</summary>
        public const int PduTypeConfirmedPush = 0x07;

        /// <summary>Well-known content type <c>application/vnd.syncml.notification</c> (package #0).</summary>
        public const int ContentTypeNotification = 0x44;

        /// <summary>Well-known application id <c>x-wap-application:syncml.dm</c>.</summary>
        public const int ApplicationIdSyncmlDm = 0x07;

        /// <summary>The text of content type 0x44.</summary>
        public const string ContentTypeNotificationText = "application/vnd.syncml.notification";

        /// <summary>The text of application id 7.</summary>
        public const string ApplicationIdSyncmlDmText = "x-wap-application:syncml.dm";

        /// <summary>The X-WAP-Application-ID header name as text.</summary>
        public const string ApplicationIdHeaderNameText = "X-Wap-Application-Id";

        private const int ShortIntegerFlag = 0x80;
        private const int LengthQuote = 0x1F;
        private const int HeaderApplicationId = 0x2F;
        private const int HeaderPushFlag = 0x34;
        private const int ParameterCharset = 0x01;
        private const int CharsetUtf8 = 106;
        private const int ParameterSec = 0x11;
        private const int ParameterMac = 0x12;
        private const int MaxHeaderBytes = 1024;

        /// <summary>Creates an encoder for the Appendix C form: TID 1, Push, C4, AF 87.</summary>
        public WspPushEncoder()
        {
            TransactionId = 1;
            PduType = PduTypePush;
            ContentTypeCode = ContentTypeNotification;
            ContentTypeText = ContentTypeNotificationText;
            ContentTypeForm = WspContentTypeForm.ShortInteger;
            ApplicationId = ApplicationIdSyncmlDm;
            ApplicationIdText = ApplicationIdSyncmlDmText;
            ApplicationIdForm = WspApplicationIdForm.ShortInteger;
        }

        /// <summary>The transaction identifier, 0..255.</summary>
        public int TransactionId { get; set; }

        /// <summary>The PDU type: <see cref="PduTypePush"/> or <see cref="PduTypeConfirmedPush"/> (any byte, for negative tests).</summary>
        public int PduType { get; set; }

        /// <summary>The well-known content type code used by the integer forms (0x44; 0x58 or 0x4E for negative tests).</summary>
        public int ContentTypeCode { get; set; }

        /// <summary>The content type text used by the text forms.</summary>
        public string ContentTypeText { get; set; }

        /// <summary>How the Content-Type is encoded.</summary>
        public WspContentTypeForm ContentTypeForm { get; set; }

        /// <summary>The application id code used by the integer forms (7).</summary>
        public int ApplicationId { get; set; }

        /// <summary>The application id text used by the text form.</summary>
        public string ApplicationIdText { get; set; }

        /// <summary>How the X-WAP-Application-ID value is encoded, or None to leave the header out.</summary>
        public WspApplicationIdForm ApplicationIdForm { get; set; }

        /// <summary>
        /// Send the header name as the text <c>X-Wap-Application-Id\0</c> instead of the well-known code AF. The value is
        /// then the Text-string <see cref="ApplicationIdText"/> (WAP-230-WSP 8.4.2.6), whatever <see cref="ApplicationIdForm"/> says
        /// (except None).
        /// </summary>
        public bool ApplicationIdNameAsText { get; set; }

        /// <summary>Put a Push-Flag header (<c>B4 80</c>) before the application id.</summary>
        public bool PushFlag { get; set; }

        /// <summary>Write the headers length as a non-minimal uintvar with a leading 0x80 octet (legal, WAP-230-WSP 8.1.2).</summary>
        public bool NonMinimalHeadersLength { get; set; }

        /// <summary>
        /// The SEC parameter's value (0 NETWPIN .. 3 USERPINMAC) written by <see cref="WspContentTypeForm.WithSecurity"/>,
        /// or -1 to leave SEC out.
        /// </summary>
        public int Security { get; set; } = -1;

        /// <summary>The MAC parameter's text (40 hex digits) written by <see cref="WspContentTypeForm.WithSecurity"/>, or null to leave MAC out.</summary>
        public string MacText { get; set; }

        /// <summary>Encodes the PDU around <c>body[offset .. offset+count)</c>.</summary>
        /// <param name="body">Buffer holding the body (package #0).</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="count">Body length.</param>
        /// <returns>The PDU bytes.</returns>
        public byte[] Encode(byte[] body, int offset, int count)
        {
            if (body == null)
            {
                throw new ArgumentNullException(nameof(body));
            }

            if (offset < 0 || count < 0 || offset > body.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            byte[] headers = new byte[MaxHeaderBytes];
            int length = WriteContentType(headers, 0);
            if (PushFlag)
            {
                headers[length++] = (byte)(HeaderPushFlag | ShortIntegerFlag);
                // Push-Flag value 0 (no flags) as a short-integer (B4 80), as senders that write a Push-Flag do.
                headers[length++] = ShortIntegerFlag;
            }

            length = WriteApplicationId(headers, length);

            byte[] headersLength = new byte[6];
            int headersLengthSize = WriteUintvar(length, headersLength, 0, NonMinimalHeadersLength);

            byte[] pdu = new byte[2 + headersLengthSize + length + count];
            pdu[0] = (byte)TransactionId;
            pdu[1] = (byte)PduType;
            Array.Copy(headersLength, 0, pdu, 2, headersLengthSize);
            Array.Copy(headers, 0, pdu, 2 + headersLengthSize, length);
            Array.Copy(body, offset, pdu, 2 + headersLengthSize + length, count);
            return pdu;
        }

        /// <summary>Writes <paramref name="value"/> as a WSP uintvar (WAP-230-WSP 8.1.2): 7 bits per octet, high bit = more.</summary>
        /// <param name="value">The value (non-negative).</param>
        /// <param name="output">Destination (at least 6 bytes free).</param>
        /// <param name="offset">First output byte.</param>
        /// <param name="nonMinimal">Prefix a redundant 0x80 octet.</param>
        /// <returns>Number of octets written.</returns>
        public static int WriteUintvar(int value, byte[] output, int offset, bool nonMinimal)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            int groups = 1;
            while ((value >> (7 * groups)) != 0 && groups < 5)
            {
                groups++;
            }

            int position = offset;
            if (nonMinimal)
            {
                output[position++] = 0x80;
            }

            for (int group = groups - 1; group >= 0; group--)
            {
                int septet = (value >> (7 * group)) & 0x7F;
                output[position++] = (byte)(group > 0 ? septet | 0x80 : septet);
            }

            return position - offset;
        }

        private int WriteContentType(byte[] output, int position)
        {
            switch (ContentTypeForm)
            {
                case WspContentTypeForm.Text:
                    return WriteText(ContentTypeText, output, position);
                case WspContentTypeForm.GeneralText:
                {
                    int textLength = Encoding.UTF8.GetBytes(ContentTypeText).Length + 1;
                    output[position++] = LengthQuote;
                    position += WriteUintvar(textLength, output, position, false);
                    return WriteText(ContentTypeText, output, position);
                }

                case WspContentTypeForm.GeneralShortInteger:
                    output[position++] = LengthQuote;
                    output[position++] = 0x01;
                    output[position++] = (byte)(ContentTypeCode | ShortIntegerFlag);
                    return position;
                case WspContentTypeForm.ShortLength:
                    output[position++] = 0x01;
                    output[position++] = (byte)(ContentTypeCode | ShortIntegerFlag);
                    return position;
                case WspContentTypeForm.WithCharset:
                    output[position++] = 0x03;
                    output[position++] = (byte)(ContentTypeCode | ShortIntegerFlag);
                    output[position++] = (byte)(ParameterCharset | ShortIntegerFlag);
                    output[position++] = (byte)(CharsetUtf8 | ShortIntegerFlag);
                    return position;
                case WspContentTypeForm.WithSecurity:
                    return WriteWithSecurity(output, position);
                default:
                    output[position++] = (byte)(ContentTypeCode | ShortIntegerFlag);
                    return position;
            }
        }

        // 1F <uintvar length> <media | 0x80> [91 <SEC | 0x80>] [92 <MAC text> 00]: always the Length-quote form, as the
        // value with a MAC is longer than a short length can say (WAP-230-WSP 8.4.2.2).
        private int WriteWithSecurity(byte[] output, int position)
        {
            byte[] value = new byte[MaxHeaderBytes];
            int length = 0;
            value[length++] = (byte)(ContentTypeCode | ShortIntegerFlag);
            if (Security >= 0)
            {
                value[length++] = (byte)(ParameterSec | ShortIntegerFlag);
                value[length++] = (byte)(Security | ShortIntegerFlag);
            }

            if (MacText != null)
            {
                value[length++] = (byte)(ParameterMac | ShortIntegerFlag);
                length = WriteText(MacText, value, length);
            }

            output[position++] = LengthQuote;
            position += WriteUintvar(length, output, position, false);
            Array.Copy(value, 0, output, position, length);
            return position + length;
        }

        private int WriteApplicationId(byte[] output, int position)
        {
            if (ApplicationIdForm == WspApplicationIdForm.None)
            {
                return position;
            }

            if (ApplicationIdNameAsText)
            {
                // An application header (Token-text name) carries a Text-string value (WAP-230-WSP 8.4.2.6), whatever
                // integer form the well-known name would take: the application id is written as its URN text.
                position = WriteText(ApplicationIdHeaderNameText, output, position);
                return WriteText(ApplicationIdText, output, position);
            }
            else
            {
                output[position++] = (byte)(HeaderApplicationId | ShortIntegerFlag);
            }

            switch (ApplicationIdForm)
            {
                case WspApplicationIdForm.LongInteger:
                    output[position++] = 0x01;
                    output[position++] = (byte)ApplicationId;
                    return position;
                case WspApplicationIdForm.Text:
                    return WriteText(ApplicationIdText, output, position);
                default:
                    output[position++] = (byte)(ApplicationId | ShortIntegerFlag);
                    return position;
            }
        }

        private static int WriteText(string text, byte[] output, int position)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text == null ? string.Empty : text);
            if (position + bytes.Length + 1 > output.Length)
            {
                throw new ArgumentException("Header text too long.", nameof(text));
            }

            Array.Copy(bytes, 0, output, position, bytes.Length);
            output[position + bytes.Length] = 0;
            return position + bytes.Length + 1;
        }
    }
}

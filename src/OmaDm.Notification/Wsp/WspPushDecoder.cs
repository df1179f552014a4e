// Connectionless WSP Push PDU carrying package #0 (WAP-230-WSP 8.2.4.1 and 8.4; routing rules OMA-TS-DM_Notification 7.1).
//
//   +-----+------+------------------+------------------------------------------+------------------------+
//   | TID | Type | HeadersLen       | Content-Type | Headers ...               | Body (package #0)     |
//   | 1   | 1    | uintvar 1..5 oct.| <------------ HeadersLen octets ------->  | to the end of the PDU  |
//   +-----+------+------------------+------------------------------------------+------------------------+
//   Type: 0x06 Push, 0x07 ConfirmedPush (8.2.4.1, table 34). Appendix C: 01 06 03 C4 AF 87 <body>.
//   The body starts at header start + HeadersLen, whatever the headers turned out to hold (8.2.4.1: HeadersLen
//   delimits the headers; fixed-offset parsers that assume three header octets break on real senders).
//
// What an octet means depends on where it stands (8.4.1.2, 8.4.2.1):
//   value position:   0..30 short length, that many octets follow     31 (Length-quote) uintvar length follows
//                     32..127 Text-string to a 0 octet (127 = Quote)   128..255 Short-integer, value = octet & 0x7F
//   header position:  128..255 well-known field name, a value follows (8.4.2.6)
//                     32..126 Token-text field name to a 0 octet, a value follows
//                     127 + page octet: Shift-delimiter; 1..31: Short-cut-shift to that page (8.4.2.6); page 1 default
//
// Content-Type (8.4.2.24):  Short-integer (C4)  |  Text (application/vnd.syncml.notification\0)
//                         | Value-length Media-type *Parameter, Value-length = short (01 C4) or quoted (1F 01 C4),
//                           Media-type = Short-integer | Long-integer (02 01 44) | Text; parameters skipped, bounded
//                           by the length.
//   0x44 application/vnd.syncml.notification: package #0; 0x58 application/vnd.syncml.dm.notification (DM 1.3) and
//   0x4E application/vnd.syncml.ds.notification get their own reasons; anything else NotDmNotification.
//   Bootstrap (OMA-TS-DM_Bootstrap 1.3 5.3, OMA-WAP-TS-ProvBoot 1.1 5.3): 0x36 application/vnd.wap.connectivity-wbxml (a
//   Client Provisioning document) and 0x42 application/vnd.syncml.dm+wbxml (a DM-profile SyncML message) are routed
//   too, with IsBootstrap set. Their parameters are read (8.4.2.4): Typed-parameter = Integer-value token, Typed-value;
//   Untyped-parameter = Token-text, Integer-value | Text-value. SEC = token 0x11 (sent 0x91), Short-integer 0x80..0x83;
//   MAC = token 0x12 (sent 0x92), Text-value of 40 hex digits (a leading 0x22 quote skipped). The value with both is
//   longer than 30 octets, so its Value-length is the Length-quote form:  1F 2D B6 91 81 92 <40 digits> 00.
// X-WAP-Application-ID (8.4.2.54, field 0x2F written AF, or the Token-text name): Short-integer (87),
//   Long-integer (01 07, 02 00 07) or Uri text (x-wap-application:syncml.dm\0); 7 = the DM client.
//
// Decisions:
// - HeadersLen beyond the PDU: Truncated (the PDU ended). Inside the declared headers, anything that overruns them,
//   or a value encoding that cannot stand where it does, is Malformed.
// - Content-Type is routed before the other headers are read, so a DM 1.3 or DS push is named as such even when a
//   header we do not understand follows.
// - The first X-WAP-Application-ID decides; a later one is skipped like any other header. A shifted code page makes
//   well-known codes mean other fields, so 0x2F is only the application id on page 1.
// - A push with the right Content-Type and no application id is accepted with HasApplicationId false: the agent
//   decides by option (the spec routes on both).
// - Text is compared as ASCII, case-insensitively, in place: decoding creates no strings.
using System;
using OmaDm.Notification.Buffers;

namespace OmaDm.Notification.Wsp
{
    /// <summary>Decodes a connectionless WSP push and routes on Content-Type and X-WAP-Application-ID (OMA-TS-DM_Notification 7.1).</summary>
    public static class WspPushDecoder
    {
        /// <summary>PDU type of a Push (WAP-230-WSP table 34).</summary>
        public const int PduTypePush = 0x06;

        /// <summary>PDU type of a ConfirmedPush (WAP-230-WSP table 34); accepted like a Push.</summary>
        public const int PduTypeConfirmedPush = 0x07;

        /// <summary>Content-Type code of application/vnd.syncml.notification, package #0 (OMA-TS-DM_Notification 6).</summary>
        public const int ContentTypeDmNotification = 0x44;

        /// <summary>Content-Type code of application/vnd.syncml.ds.notification (Data Synchronisation alert).</summary>
        public const int ContentTypeDsNotification = 0x4E;

        /// <summary>Content-Type code of application/vnd.syncml.dm.notification (the OMA DM 1.3 notification format).</summary>
        public const int ContentTypeDmNotificationV13 = 0x58;

        /// <summary>X-WAP-Application-ID code of x-wap-application:syncml.dm (OMA-TS-DM_Notification 7.1).</summary>
        public const int ApplicationIdSyncMlDm = 0x07;

        /// <summary>Well-known field code of X-WAP-Application-ID (WAP-230-WSP table 39), sent as 0xAF.</summary>
        public const int FieldXWapApplicationId = 0x2F;

        /// <summary>Content-Type code of application/vnd.wap.connectivity-wbxml, a Client Provisioning bootstrap (sent 0xB6).</summary>
        public const int ContentTypeConnectivityWbxml = 0x36;

        /// <summary>Content-Type code of application/vnd.syncml.dm+wbxml, a DM-profile bootstrap (sent 0xC2).</summary>
        public const int ContentTypeSyncMlDmWbxml = 0x42;

        /// <summary>Well-known parameter token SEC (OMA-WAP-TS-ProvBoot 1.1 5.3), sent 0x91.</summary>
        public const int ParameterSec = 0x11;

        /// <summary>Well-known parameter token MAC (OMA-WAP-TS-ProvBoot 1.1 5.3), sent 0x92.</summary>
        public const int ParameterMac = 0x12;

        /// <summary>The SEC value recorded when the parameter came as text or a long integer no ProvBoot method has.</summary>
        public const int SecurityUnknown = 0x7FFF;

        private const int ShortIntegerFlag = 0x80;
        private const byte QuotedStringStart = 0x22;
        private const int ShortIntegerMask = 0x7F;
        private const int ShortLengthMax = 30;
        private const int LengthQuote = 31;
        private const int TextMin = 32;
        private const int TextQuote = 127;
        private const int ShiftDelimiter = 127;
        private const int ShortCutShiftMax = 31;
        private const int DefaultCodePage = 1;

        // A long integer may carry up to 30 octets; values above this cannot be shifted by 8 more bits inside an int.
        private const int LongIntegerShiftLimit = 0x7FFFFF;

        // Lower-case ASCII bytes, not const strings: on nanoCLR every use of a const string creates a string object.
        private static readonly byte[] DmNotificationText = Ascii("application/vnd.syncml.notification");
        private static readonly byte[] DmNotificationV13Text = Ascii("application/vnd.syncml.dm.notification");
        private static readonly byte[] DsNotificationText = Ascii("application/vnd.syncml.ds.notification");
        private static readonly byte[] ConnectivityWbxmlText = Ascii("application/vnd.wap.connectivity-wbxml");
        private static readonly byte[] SyncMlDmWbxmlText = Ascii("application/vnd.syncml.dm+wbxml");
        private static readonly byte[] XWapApplicationIdName = Ascii("x-wap-application-id");
        private static readonly byte[] SyncMlDmApplicationText = Ascii("x-wap-application:syncml.dm");

        /// <summary>Decodes <c>buffer[offset .. offset+count)</c> into <paramref name="into"/>.</summary>
        /// <param name="buffer">The WSP PDU.</param>
        /// <param name="offset">Index of the TID octet.</param>
        /// <param name="count">Length of the PDU.</param>
        /// <param name="into">Receives the result.</param>
        /// <returns>
        /// <see cref="ReasonCode.None"/> when the body is package #0 for the DM client, or a bootstrap for it
        /// (<see cref="WspPush.IsBootstrap"/>; its SEC and MAC, if any, recorded); otherwise Truncated, Malformed,
        /// NotPush, NotDmNotification, DmNotificationV13, DsNotification or WrongApplication.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> or <paramref name="into"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public static ReasonCode Decode(byte[] buffer, int offset, int count, WspPush into)
        {
            if (into == null)
            {
                throw new ArgumentNullException(nameof(into));
            }

            // The readers are the result object's, reused for every message: nothing is allocated per decode.
            ByteReader reader = into.Reader;
            reader.Reset(buffer, offset, count);
            into.Reset(buffer);
            if (!reader.TryReadByte(out byte transactionId))
            {
                return ReasonCode.Truncated;
            }

            into.TransactionId = transactionId;
            if (!reader.TryReadByte(out byte pduType))
            {
                return ReasonCode.Truncated;
            }

            into.PduType = pduType;
            if (pduType != PduTypePush && pduType != PduTypeConfirmedPush)
            {
                return ReasonCode.NotPush;
            }

            ReasonCode reason = reader.TryReadUintvar(out uint headersLength);
            if (reason != ReasonCode.None)
            {
                return reason;
            }

            if (headersLength > (uint)reader.Remaining)
            {
                return ReasonCode.Truncated;
            }

            into.HeadersOffset = reader.Position;
            into.HeadersLength = (int)headersLength;
            ByteReader headers = into.HeadersReader;
            reader.TrySlice((int)headersLength, headers);
            into.BodyOffset = reader.Position;
            into.BodyLength = reader.Remaining;

            reason = ReadContentType(headers, into);
            if (reason != ReasonCode.None)
            {
                return reason;
            }

            reason = RouteContentType(into.ContentTypeCode);
            if (reason != ReasonCode.None)
            {
                return reason;
            }

            reason = ReadHeaders(headers, into);
            if (reason != ReasonCode.None)
            {
                return reason;
            }

            if (into.HasApplicationId && into.ApplicationId != ApplicationIdSyncMlDm)
            {
                return ReasonCode.WrongApplication;
            }

            return ReasonCode.None;
        }

        private static ReasonCode RouteContentType(int code)
        {
            switch (code)
            {
                case ContentTypeDmNotification: return ReasonCode.None;
                case ContentTypeConnectivityWbxml: return ReasonCode.None;
                case ContentTypeSyncMlDmWbxml: return ReasonCode.None;
                case ContentTypeDmNotificationV13: return ReasonCode.DmNotificationV13;
                case ContentTypeDsNotification: return ReasonCode.DsNotification;
                default: return ReasonCode.NotDmNotification;
            }
        }

        private static ReasonCode ReadContentType(ByteReader headers, WspPush into)
        {
            // The Push PDU always carries a Content-Type: an empty header block is not a push we can route.
            if (!headers.TryPeekByte(out byte first))
            {
                return ReasonCode.Malformed;
            }

            ReasonCode reason;
            int textStart;
            int textLength;
            if (first >= TextMin)
            {
                reason = ReadIntegerOrText(headers, out WspValueEncoding encoding, out int code, out textStart, out textLength);
                into.ContentTypeEncoding = encoding;
                into.ContentTypeCode = code;
            }
            else
            {
                into.ContentTypeGeneralForm = true;
                into.ContentTypeLengthQuoted = first == LengthQuote;
                reason = ReadValueLength(headers, out int length);
                ByteReader value = into.ValueReader;
                if (reason != ReasonCode.None || !headers.TrySlice(length, value))
                {
                    return ReasonCode.Malformed;
                }

                reason = ReadIntegerOrText(value, out WspValueEncoding encoding, out int code, out textStart, out textLength);
                into.ContentTypeEncoding = encoding;
                into.ContentTypeCode = code;

                // Parameters (charset and the like) do not change the routing; the Value-length already bounds them.
                into.ContentTypeParametersLength = value.Remaining;
            }

            if (reason != ReasonCode.None)
            {
                return reason;
            }

            if (textStart >= 0)
            {
                MatchContentTypeText(headers.Buffer, textStart, textLength, into);
            }

            // Only a bootstrap's parameters are read: for package #0 they never mattered and are still skipped unread.
            into.IsBootstrap = into.ContentTypeCode == ContentTypeConnectivityWbxml || into.ContentTypeCode == ContentTypeSyncMlDmWbxml;
            return into.IsBootstrap && into.ContentTypeGeneralForm ? ReadBootstrapParameters(into.ValueReader, into) : ReasonCode.None;
        }

        private static void MatchContentTypeText(byte[] buffer, int textStart, int textLength, WspPush into)
        {

            into.ContentTypeTextOffset = textStart;
            into.ContentTypeTextLength = textLength;
            if (EqualsAsciiIgnoreCase(buffer, textStart, textLength, DmNotificationText))
            {
                into.ContentTypeCode = ContentTypeDmNotification;
            }
            else if (EqualsAsciiIgnoreCase(buffer, textStart, textLength, DmNotificationV13Text))
            {
                into.ContentTypeCode = ContentTypeDmNotificationV13;
            }
            else if (EqualsAsciiIgnoreCase(buffer, textStart, textLength, DsNotificationText))
            {
                into.ContentTypeCode = ContentTypeDsNotification;
            }
            else if (EqualsAsciiIgnoreCase(buffer, textStart, textLength, ConnectivityWbxmlText))
            {
                into.ContentTypeCode = ContentTypeConnectivityWbxml;
            }
            else if (EqualsAsciiIgnoreCase(buffer, textStart, textLength, SyncMlDmWbxmlText))
            {
                into.ContentTypeCode = ContentTypeSyncMlDmWbxml;
            }
        }

        // The bootstrap parameters (SEC, MAC) after the media type, up to the Value-length's end. Any other parameter is
        // skipped by its encoding; the first SEC and the first MAC decide.
        private static ReasonCode ReadBootstrapParameters(ByteReader value, WspPush into)
        {
            while (value.Remaining > 0)
            {
                value.TryPeekByte(out byte first);
                ReasonCode reason;
                if (first >= TextMin && first < ShortIntegerFlag)
                {
                    // Untyped-parameter: Token-text name, then Integer-value or Text-value.
                    reason = value.TryReadNullTerminated(out _, out _) ? SkipValue(value) : ReasonCode.Malformed;
                }
                else
                {
                    reason = ReadIntegerOrText(value, out _, out int token, out _, out _);
                    if (reason == ReasonCode.None)
                    {
                        if (token == ParameterSec && into.Security < 0)
                        {
                            reason = ReadIntegerOrText(value, out WspValueEncoding encoding, out int code, out _, out _);
                            into.Security = encoding == WspValueEncoding.ShortInteger ? code : SecurityUnknown;
                        }
                        else if (token == ParameterMac && into.MacOffset < 0)
                        {
                            reason = ReadMac(value, into);
                        }
                        else
                        {
                            reason = SkipValue(value);
                        }
                    }
                }

                if (reason != ReasonCode.None)
                {
                    return reason;
                }
            }

            return ReasonCode.None;
        }

        // Text-value = No-value (0) | Token-text | Quoted-string (0x22 text 0) (8.4.2.3); the range excludes the quote.
        private static ReasonCode ReadMac(ByteReader value, WspPush into)
        {
            if (!value.TryPeekByte(out byte first) || (first < TextMin && first != 0))
            {
                return ReasonCode.Malformed;
            }

            if (first == QuotedStringStart)
            {
                value.TryReadByte(out _);
            }

            if (!value.TryReadNullTerminated(out int start, out int length))
            {
                return ReasonCode.Malformed;
            }

            into.MacOffset = start;
            into.MacLength = length;
            return ReasonCode.None;
        }

        private static ReasonCode ReadHeaders(ByteReader headers, WspPush into)
        {
            int page = DefaultCodePage;
            while (headers.Remaining > 0)
            {
                headers.TryPeekByte(out byte first);
                ReasonCode reason;
                if (first >= ShortIntegerFlag)
                {
                    headers.TryReadByte(out _);
                    bool applicationId = page == DefaultCodePage && (first & ShortIntegerMask) == FieldXWapApplicationId;
                    reason = applicationId && !into.HasApplicationId
                        ? ReadApplicationId(headers, into, false)
                        : SkipValue(headers);
                }
                else if (first == ShiftDelimiter)
                {
                    headers.TryReadByte(out _);
                    if (!headers.TryReadByte(out byte newPage))
                    {
                        return ReasonCode.Malformed;
                    }

                    page = newPage;
                    reason = ReasonCode.None;
                }
                else if (first >= TextMin)
                {
                    if (!headers.TryReadNullTerminated(out int nameStart, out int nameLength))
                    {
                        return ReasonCode.Malformed;
                    }

                    reason = EqualsAsciiIgnoreCase(headers.Buffer, nameStart, nameLength, XWapApplicationIdName) && !into.HasApplicationId
                        ? ReadApplicationId(headers, into, true)
                        : SkipValue(headers);
                }
                else if (first != 0 && first <= ShortCutShiftMax)
                {
                    headers.TryReadByte(out _);
                    page = first;
                    reason = ReasonCode.None;
                }
                else
                {
                    // A zero octet cannot start a header (not a field code, not a token, not a shift).
                    reason = ReasonCode.Malformed;
                }

                if (reason != ReasonCode.None)
                {
                    return reason;
                }
            }

            return ReasonCode.None;
        }

        private static ReasonCode ReadApplicationId(ByteReader reader, WspPush into, bool nameAsText)
        {
            into.HasApplicationId = true;
            into.ApplicationIdNameAsText = nameAsText;
            ReasonCode reason = ReadIntegerOrText(reader, out WspValueEncoding encoding, out int code, out int textStart, out int textLength);
            into.ApplicationIdEncoding = encoding;
            into.ApplicationId = code;
            if (reason != ReasonCode.None || textStart < 0)
            {
                return reason;
            }

            into.ApplicationIdTextOffset = textStart;
            into.ApplicationIdTextLength = textLength;
            into.ApplicationId = EqualsAsciiIgnoreCase(reader.Buffer, textStart, textLength, SyncMlDmApplicationText)
                ? ApplicationIdSyncMlDm
                : -1;
            return ReasonCode.None;
        }

        // Integer-value (Short-integer or Long-integer) or Text-string: the value forms both the media type (8.4.2.24) and
        // the application id (8.4.2.54) take. The code is -1 for text (the caller matches the text) or an oversized integer.
        // A leading 0 (empty text, or a zero-length integer) or 31 (a Value-length) cannot stand here.
        private static ReasonCode ReadIntegerOrText(ByteReader reader, out WspValueEncoding encoding, out int code, out int textStart, out int textLength)
        {
            code = -1;
            textStart = -1;
            textLength = 0;
            encoding = WspValueEncoding.None;
            if (!reader.TryPeekByte(out byte first))
            {
                return ReasonCode.Malformed;
            }

            if (first >= ShortIntegerFlag)
            {
                reader.TryReadByte(out _);
                encoding = WspValueEncoding.ShortInteger;
                code = first & ShortIntegerMask;
                return ReasonCode.None;
            }

            if (first >= TextMin)
            {
                encoding = WspValueEncoding.Text;
                return TryReadText(reader, out textStart, out textLength) ? ReasonCode.None : ReasonCode.Malformed;
            }

            encoding = WspValueEncoding.LongInteger;
            return ReadLongInteger(reader, out code);
        }

        // Long-integer = Short-length (1..30) Multi-octet-integer, big-endian (8.4.2.1). A value too large for an int is
        // reported as -1: it cannot be any code we route on.
        private static ReasonCode ReadLongInteger(ByteReader reader, out int value)
        {
            value = -1;
            if (!reader.TryReadByte(out byte length) || length == 0 || length > ShortLengthMax)
            {
                return ReasonCode.Malformed;
            }

            if (!reader.TryReadSpan(length, out int start))
            {
                return ReasonCode.Malformed;
            }

            byte[] buffer = reader.Buffer;
            int result = 0;
            for (int i = 0; i < length; i++)
            {
                if (result > LongIntegerShiftLimit)
                {
                    return ReasonCode.None;
                }

                result = (result << 8) | buffer[start + i];
            }

            value = result;
            return ReasonCode.None;
        }

        // Value-length = Short-length (0..30) | Length-quote (31) Length (uintvar) (8.4.2.2). Inside the declared headers
        // an incomplete uintvar is Malformed, not Truncated: the PDU itself is long enough.
        private static ReasonCode ReadValueLength(ByteReader reader, out int length)
        {
            length = 0;
            if (!reader.TryReadByte(out byte first) || first > LengthQuote)
            {
                return ReasonCode.Malformed;
            }

            if (first <= ShortLengthMax)
            {
                length = first;
                return ReasonCode.None;
            }

            if (reader.TryReadUintvar(out uint quoted) != ReasonCode.None || quoted > (uint)reader.Remaining)
            {
                return ReasonCode.Malformed;
            }

            length = (int)quoted;
            return ReasonCode.None;
        }

        // Skips one header value by its own encoding (8.4.1.2), whatever field it belongs to.
        private static ReasonCode SkipValue(ByteReader reader)
        {
            if (!reader.TryPeekByte(out byte first))
            {
                return ReasonCode.Malformed;
            }

            if (first >= ShortIntegerFlag)
            {
                reader.TryReadByte(out _);
                return ReasonCode.None;
            }

            if (first >= TextMin)
            {
                return reader.TryReadNullTerminated(out _, out _) ? ReasonCode.None : ReasonCode.Malformed;
            }

            ReasonCode reason = ReadValueLength(reader, out int length);
            if (reason != ReasonCode.None)
            {
                return reason;
            }

            return reader.TrySkip(length) ? ReasonCode.None : ReasonCode.Malformed;
        }

        // Text-string = [Quote] *TEXT End-of-string (8.4.2.1); the quote (127) only marks text whose first octet is >= 128.
        private static bool TryReadText(ByteReader reader, out int start, out int length)
        {
            if (reader.TryPeekByte(out byte first) && first == TextQuote)
            {
                reader.TryReadByte(out _);
            }

            return reader.TryReadNullTerminated(out start, out length);
        }

        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        private static bool EqualsAsciiIgnoreCase(byte[] buffer, int start, int length, byte[] lowerCaseExpected)
        {
            if (length != lowerCaseExpected.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                int octet = buffer[start + i];
                if (octet >= 'A' && octet <= 'Z')
                {
                    octet += 'a' - 'A';
                }

                if (octet != lowerCaseExpected[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}

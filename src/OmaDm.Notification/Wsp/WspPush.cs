using OmaDm.Notification.Buffers;

namespace OmaDm.Notification.Wsp
{
    /// <summary>
    /// A decoded connectionless Wireless Session Protocol Push PDU (WAP-230-WSP 8.2.4.1). Filled in place by
    /// <see cref="WspPushDecoder"/>; the headers, body and any text values are ranges of <see cref="Buffer"/>, so
    /// decoding allocates nothing. Fields read before a rejection stay filled (useful for diagnostics); the rest keep
    /// their reset values (-1 codes, 0 lengths, <see cref="WspValueEncoding.None"/>).
    /// </summary>
    public sealed class WspPush
    {
        // The decoder's readers (the PDU, the header block, one header value), owned here and reset per message so that
        // decoding allocates nothing. One WspPush per receive loop, as for the result itself.
        internal readonly ByteReader Reader = new ByteReader();
        internal readonly ByteReader HeadersReader = new ByteReader();
        internal readonly ByteReader ValueReader = new ByteReader();

        /// <summary>The buffer the ranges below index into.</summary>
        public byte[] Buffer { get; internal set; }

        /// <summary>The transaction identifier (any value is legal).</summary>
        public int TransactionId { get; internal set; }

        /// <summary>The PDU type: 0x06 Push or 0x07 ConfirmedPush.</summary>
        public int PduType { get; internal set; }

        /// <summary>Absolute index of the first header octet (the Content-Type).</summary>
        public int HeadersOffset { get; internal set; }

        /// <summary>The headers length as sent (Content-Type and headers, WAP-230-WSP 8.2.4.1).</summary>
        public int HeadersLength { get; internal set; }

        /// <summary>The well-known Content-Type code when it was sent as (or maps to) one, else -1.</summary>
        public int ContentTypeCode { get; internal set; }

        /// <summary>How the media type itself was encoded (short-integer, long-integer or text).</summary>
        public WspValueEncoding ContentTypeEncoding { get; internal set; }

        /// <summary>True when the Content-Type used the general form: a Value-length, then the media type and parameters.</summary>
        public bool ContentTypeGeneralForm { get; internal set; }

        /// <summary>True when that Value-length was the quoted form (0x1F and a uintvar) rather than a short length.</summary>
        public bool ContentTypeLengthQuoted { get; internal set; }

        /// <summary>Octets of Content-Type parameters after the media type (skipped, not interpreted); 0 when none.</summary>
        public int ContentTypeParametersLength { get; internal set; }

        /// <summary>Absolute index of the media type text when it was sent as text, else -1.</summary>
        public int ContentTypeTextOffset { get; internal set; }

        /// <summary>Length of the media type text (without terminator), 0 when not text.</summary>
        public int ContentTypeTextLength { get; internal set; }

        /// <summary>True when an X-WAP-Application-ID header was present.</summary>
        public bool HasApplicationId { get; internal set; }

        /// <summary>The application id code (7 = x-wap-application:syncml.dm), or -1 when absent or unknown text.</summary>
        public int ApplicationId { get; internal set; }

        /// <summary>How the application id value was encoded; <see cref="WspValueEncoding.None"/> when absent.</summary>
        public WspValueEncoding ApplicationIdEncoding { get; internal set; }

        /// <summary>True when the header name arrived as the text <c>X-Wap-Application-Id</c> rather than the code 0xAF.</summary>
        public bool ApplicationIdNameAsText { get; internal set; }

        /// <summary>Absolute index of the application id text when it was sent as text, else -1.</summary>
        public int ApplicationIdTextOffset { get; internal set; }

        /// <summary>Length of the application id text (without terminator), 0 when not text.</summary>
        public int ApplicationIdTextLength { get; internal set; }

        /// <summary>
        /// True when the Content-Type is a bootstrap (0x36 application/vnd.wap.connectivity-wbxml or 0x42
        /// application/vnd.syncml.dm+wbxml): the body is a WBXML bootstrap document, not package #0.
        /// </summary>
        public bool IsBootstrap { get; internal set; }

        /// <summary>
        /// The SEC parameter's value without the Short-integer flag (0 NETWPIN, 1 USERPIN, 2 USERNETWPIN, 3 USERPINMAC),
        /// <see cref="WspPushDecoder.SecurityUnknown"/> when it was not a Short-integer, -1 when absent.
        /// </summary>
        public int Security { get; internal set; }

        /// <summary>Absolute index of the MAC parameter's text (the hex digits), -1 when absent.</summary>
        public int MacOffset { get; internal set; }

        /// <summary>Length of the MAC parameter's text (40 when well formed), 0 when absent.</summary>
        public int MacLength { get; internal set; }

        /// <summary>Absolute index of the body (header start + headers length).</summary>
        public int BodyOffset { get; internal set; }

        /// <summary>Length of the body.</summary>
        public int BodyLength { get; internal set; }

        internal void Reset(byte[] buffer)
        {
            Buffer = buffer;
            TransactionId = -1;
            PduType = -1;
            HeadersOffset = -1;
            HeadersLength = 0;
            ContentTypeCode = -1;
            ContentTypeEncoding = WspValueEncoding.None;
            ContentTypeGeneralForm = false;
            ContentTypeLengthQuoted = false;
            ContentTypeParametersLength = 0;
            ContentTypeTextOffset = -1;
            ContentTypeTextLength = 0;
            HasApplicationId = false;
            ApplicationId = -1;
            ApplicationIdEncoding = WspValueEncoding.None;
            ApplicationIdNameAsText = false;
            ApplicationIdTextOffset = -1;
            ApplicationIdTextLength = 0;
            IsBootstrap = false;
            Security = -1;
            MacOffset = -1;
            MacLength = 0;
            BodyOffset = -1;
            BodyLength = 0;
        }
    }
}

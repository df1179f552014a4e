namespace OmaDm.Notification.Wsp
{
    /// <summary>
    /// A decoded connectionless WSP Push PDU (WAP-230-WSP 8.2.4.1). Filled in place by <see cref="WspPushDecoder"/>;
    /// the body is a range of <see cref="Buffer"/>.
    /// </summary>
    public sealed class WspPush
    {
        /// <summary>The buffer the ranges below index into.</summary>
        public byte[] Buffer { get; internal set; }

        /// <summary>The transaction identifier (any value is legal).</summary>
        public int TransactionId { get; internal set; }

        /// <summary>The PDU type: 0x06 Push or 0x07 ConfirmedPush.</summary>
        public int PduType { get; internal set; }

        /// <summary>The well-known Content-Type code when it was sent as (or maps to) one, else -1.</summary>
        public int ContentTypeCode { get; internal set; }

        /// <summary>True when an X-WAP-Application-ID header was present.</summary>
        public bool HasApplicationId { get; internal set; }

        /// <summary>The application id code (7 = x-wap-application:syncml.dm), or -1 when absent or unknown text.</summary>
        public int ApplicationId { get; internal set; }

        /// <summary>Absolute index of the body (header start + headers length).</summary>
        public int BodyOffset { get; internal set; }

        /// <summary>Length of the body.</summary>
        public int BodyLength { get; internal set; }
    }
}

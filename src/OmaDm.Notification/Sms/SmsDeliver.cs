namespace OmaDm.Notification.Sms
{
    /// <summary>
    /// The fields of one SMS-DELIVER transfer protocol data unit (3GPP TS 23.040 9.2.2.1), filled in place by
    /// <see cref="SmsDeliverDecoder.Decode"/> so a receiver can reuse one instance. Offsets are absolute indexes into
    /// <see cref="Buffer"/>; nothing is copied except the address texts.
    /// </summary>
    public sealed class SmsDeliver
    {
        /// <summary>TP-Message-Type-Indicator value of an SMS-DELIVER (3GPP TS 23.040 9.2.3.1).</summary>
        public const int MessageTypeDeliver = 0x00;

        /// <summary>TP-Message-Type-Indicator value of an SMS-SUBMIT (or SMS-SUBMIT-REPORT towards the mobile).</summary>
        public const int MessageTypeSubmit = 0x01;

        /// <summary>TP-Message-Type-Indicator value of an SMS-STATUS-REPORT.</summary>
        public const int MessageTypeStatusReport = 0x02;

        /// <summary>TP-Message-Type-Indicator value reserved by 3GPP TS 23.040 9.2.3.1.</summary>
        public const int MessageTypeReserved = 0x03;

        /// <summary>First-octet mask of the TP-Message-Type-Indicator (bits 1..0).</summary>
        public const int MessageTypeIndicatorMask = 0x03;

        /// <summary>First-octet bit TP-More-Messages-to-Send (bit 2; set means no more messages are waiting).</summary>
        public const int MoreMessagesToSendBit = 0x04;

        /// <summary>First-octet bit TP-Status-Report-Indication (bit 5).</summary>
        public const int StatusReportIndicationBit = 0x20;

        /// <summary>First-octet bit TP-User-Data-Header-Indicator (bit 6): the user data begins with a header.</summary>
        public const int UserDataHeaderIndicatorBit = 0x40;

        /// <summary>First-octet bit TP-Reply-Path (bit 7).</summary>
        public const int ReplyPathBit = 0x80;

        /// <summary>Octets of the TP-Service-Centre-Time-Stamp (3GPP TS 23.040 9.2.3.11).</summary>
        public const int TimeStampLength = 7;

        /// <summary>Why decoding stopped; <see cref="ReasonCode.None"/> when every field below is valid.</summary>
        public ReasonCode Reason { get; internal set; }

        // The decoder's reader, owned here and reset per message so that decoding allocates nothing.
        internal readonly Buffers.ByteReader Reader = new Buffers.ByteReader();

        // The last service centre and originating address texts, reused while the next message repeats their octets.
        internal readonly AddressTextCache ServiceCentreText = new AddressTextCache();
        internal readonly AddressTextCache OriginatingText = new AddressTextCache();

        /// <summary>The buffer the offsets refer to.</summary>
        public byte[] Buffer { get; internal set; }

        /// <summary>The service centre address (3GPP TS 24.011 8.2.5.1) as text, empty when the length octet is 0.</summary>
        public string ServiceCentreAddress { get; internal set; }

        /// <summary>The first octet of the TPDU (TP-MTI, TP-MMS, TP-SRI, TP-UDHI, TP-RP).</summary>
        public int FirstOctet { get; internal set; }

        /// <summary>TP-Message-Type-Indicator (one of the <c>MessageType*</c> constants).</summary>
        public int MessageTypeIndicator => FirstOctet & MessageTypeIndicatorMask;

        /// <summary>TP-More-Messages-to-Send is 0: the service centre has more messages waiting.</summary>
        public bool MoreMessagesWaiting => (FirstOctet & MoreMessagesToSendBit) == 0;

        /// <summary>TP-Status-Report-Indication: the sender asked for a status report.</summary>
        public bool StatusReportIndication => (FirstOctet & StatusReportIndicationBit) != 0;

        /// <summary>TP-User-Data-Header-Indicator: the user data begins with a user data header.</summary>
        public bool HasUserDataHeader => (FirstOctet & UserDataHeaderIndicatorBit) != 0;

        /// <summary>TP-Reply-Path is set.</summary>
        public bool ReplyPath => (FirstOctet & ReplyPathBit) != 0;

        /// <summary>TP-Originating-Address as text: "+" and digits for international numbers, digits otherwise, or the alphanumeric name.</summary>
        public string OriginatingAddress { get; internal set; }

        /// <summary>The originating address's type-of-address octet (type of number and numbering plan).</summary>
        public int OriginatingAddressType { get; internal set; }

        /// <summary>TP-Protocol-Identifier (3GPP TS 23.040 9.2.3.9).</summary>
        public int ProtocolIdentifier { get; internal set; }

        /// <summary>TP-Data-Coding-Scheme (3GPP TS 23.038 clause 4).</summary>
        public int DataCodingScheme { get; internal set; }

        /// <summary>Absolute index of the seven raw TP-Service-Centre-Time-Stamp octets.</summary>
        public int TimeStampOffset { get; internal set; }

        /// <summary>TP-User-Data-Length as sent (octets for 8-bit data).</summary>
        public int UserDataLength { get; internal set; }

        /// <summary>Absolute index of the user data (the user data header length octet when there is a header).</summary>
        public int UserDataOffset { get; internal set; }

        /// <summary>
        /// Octets of user data. Equals <see cref="UserDataLength"/> on success; on <see cref="ReasonCode.Truncated"/> it
        /// counts the octets that are present, so a receiver can still see whether the header claims port 2948.
        /// </summary>
        public int UserDataCount { get; internal set; }

        /// <summary>Time stamp year within the century (two digits).</summary>
        public int Year => TimeStampField(0);

        /// <summary>Time stamp month.</summary>
        public int Month => TimeStampField(1);

        /// <summary>Time stamp day.</summary>
        public int Day => TimeStampField(2);

        /// <summary>Time stamp hour.</summary>
        public int Hour => TimeStampField(3);

        /// <summary>Time stamp minute.</summary>
        public int Minute => TimeStampField(4);

        /// <summary>Time stamp second.</summary>
        public int Second => TimeStampField(5);

        /// <summary>Time zone in quarter hours from UTC, negative west of Greenwich (3GPP TS 23.040 9.2.3.11).</summary>
        public int TimeZoneQuarterHours
        {
            get
            {
                int octet = Buffer[TimeStampOffset + 6];
                int value = ((octet & TimeZoneTensMask) * 10) + (octet >> 4);
                return (octet & TimeZoneSignBit) != 0 ? -value : value;
            }
        }

        private const int TimeZoneSignBit = 0x08;
        private const int TimeZoneTensMask = 0x07;

        // Semi-octets are swapped: the low nibble holds the tens digit (3GPP TS 23.040 9.2.3.11).
        private int TimeStampField(int index)
        {
            int octet = Buffer[TimeStampOffset + index];
            return ((octet & 0x0F) * 10) + (octet >> 4);
        }

        internal void Reset(byte[] buffer)
        {
            Reason = ReasonCode.None;
            Buffer = buffer;
            ServiceCentreAddress = string.Empty;
            FirstOctet = 0;
            OriginatingAddress = string.Empty;
            OriginatingAddressType = 0;
            ProtocolIdentifier = 0;
            DataCodingScheme = 0;
            TimeStampOffset = -1;
            UserDataLength = 0;
            UserDataOffset = -1;
            UserDataCount = 0;
        }
    }
}

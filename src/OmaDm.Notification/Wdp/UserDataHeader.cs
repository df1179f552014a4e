// User data header of an SMS carrying WDP (3GPP TS 23.040 9.2.3.24, WAP-259-WDP annex A "GSM SMS"):
//
//   UDHL           1 octet    length of the information elements that follow
//   IE ...         IEI 1 | IEDL 1 | IED (IEDL octets), repeated until UDHL is used up
//   short message  the rest of the user data (here: the WSP PDU, or a segment of it)
//
// Information elements read here (others are skipped by their length):
//   0x00 concatenation, 8-bit reference   IEDL 3: reference, total parts, sequence (1-based)    (9.2.3.24.1)
//   0x04 application port, 8-bit          IEDL 2: destination, source                           (9.2.3.24.3)
//   0x05 application port, 16-bit         IEDL 4: destination (2 octets), source (2 octets)     (9.2.3.24.4)
//   0x08 concatenation, 16-bit reference  IEDL 4: reference (2 octets), total parts, sequence   (9.2.3.24.8)
// A non-repeatable element that occurs twice: the last occurrence is used (9.2.3.24).
// A concatenation element with total 0, sequence 0 or sequence > total is ignored as a whole (9.2.3.24.1 and .8:
// "the receiving entity shall ignore the whole Information Element"): the PDU is then handled as unconcatenated.
using OmaDm.Notification.Buffers;

namespace OmaDm.Notification.Wdp
{
    /// <summary>
    /// A decoded user data header (3GPP TS 23.040 9.2.3.24): application ports and concatenation, and where the payload
    /// after the header lies. Filled in place by <see cref="Decode"/> so a receiver can reuse one instance.
    /// </summary>
    public sealed class UserDataHeader
    {
        /// <summary>Information element: concatenated short message, 8-bit reference number.</summary>
        public const int ConcatenationEightBitReference = 0x00;

        /// <summary>Information element: application port addressing scheme, 8-bit address.</summary>
        public const int ApplicationPortEightBit = 0x04;

        /// <summary>Information element: application port addressing scheme, 16-bit address.</summary>
        public const int ApplicationPortSixteenBit = 0x05;

        /// <summary>Information element: concatenated short message, 16-bit reference number.</summary>
        public const int ConcatenationSixteenBitReference = 0x08;

        /// <summary>The connectionless WAP push port (WAP-259-WDP, OMA-TS-DM_Notification 7.1).</summary>
        public const int WapPushPort = 2948;

        private const int ConcatenationEightBitLength = 3;
        private const int ConcatenationSixteenBitLength = 4;
        private const int PortEightBitLength = 2;
        private const int PortSixteenBitLength = 4;

        // The header, the information elements and one element's data: reused for every decode, so none allocates.
        private readonly ByteReader _reader = new ByteReader();
        private readonly ByteReader _elements = new ByteReader();
        private readonly ByteReader _data = new ByteReader();

        /// <summary>Creates an empty header (no ports, no concatenation).</summary>
        public UserDataHeader()
        {
            Reset();
        }

        /// <summary>Why decoding stopped; <see cref="ReasonCode.None"/> when the header is well formed.</summary>
        public ReasonCode Reason { get; private set; }

        /// <summary>Destination port, or -1 when no port element was seen. Set even if a later element is malformed.</summary>
        public int DestinationPort { get; private set; }

        /// <summary>Source port (reported only; senders are known to send wrong ones), or -1.</summary>
        public int SourcePort { get; private set; }

        /// <summary>8 or 16 for the port element used, 0 when absent.</summary>
        public int PortBits { get; private set; }

        /// <summary>True when a concatenation element was present.</summary>
        public bool IsConcatenated { get; private set; }

        /// <summary>Concatenation reference number (0..255 or 0..65535).</summary>
        public int Reference { get; private set; }

        /// <summary>8 or 16 for the concatenation element used, 0 when absent.</summary>
        public int ReferenceBits { get; private set; }

        /// <summary>Total number of parts (1..255).</summary>
        public int TotalParts { get; private set; }

        /// <summary>This part's sequence number (1..<see cref="TotalParts"/>).</summary>
        public int Sequence { get; private set; }

        /// <summary>Absolute index of the payload after the header.</summary>
        public int PayloadOffset { get; private set; }

        /// <summary>Payload length in octets.</summary>
        public int PayloadCount { get; private set; }

        /// <summary>
        /// Decodes the header at the start of <c>buffer[offset .. offset+count)</c> (the TP-User-Data, starting with the
        /// UDHL octet) and walks every information element by its length.
        /// </summary>
        /// <param name="buffer">The buffer.</param>
        /// <param name="offset">Index of the UDHL octet.</param>
        /// <param name="count">Octets of user data (TP-UDL for 8-bit data).</param>
        /// <returns>
        /// <see cref="ReasonCode.None"/>; <see cref="ReasonCode.Malformed"/> when UDHL runs past the user data, an element
        /// runs past UDHL, or a port or concatenation element has the wrong length. A concatenation element whose total or
        /// sequence is 0, or whose sequence exceeds the total, is ignored (9.2.3.24.1/.8), not malformed.
        /// </returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public ReasonCode Decode(byte[] buffer, int offset, int count)
        {
            _reader.Reset(buffer, offset, count);
            Reset();
            Reason = DecodeElements(_reader);
            return Reason;
        }

        private void Reset()
        {
            Reason = ReasonCode.None;
            DestinationPort = -1;
            SourcePort = -1;
            PortBits = 0;
            IsConcatenated = false;
            Reference = 0;
            ReferenceBits = 0;
            TotalParts = 0;
            Sequence = 0;
            PayloadOffset = 0;
            PayloadCount = 0;
        }

        private ReasonCode DecodeElements(ByteReader reader)
        {
            ByteReader elements = _elements;
            ByteReader data = _data;
            if (!reader.TryReadByte(out byte headerLength) || !reader.TrySlice(headerLength, elements))
            {
                return ReasonCode.Malformed;
            }

            PayloadOffset = reader.Position;
            PayloadCount = reader.Remaining;
            while (elements.Remaining > 0)
            {
                if (!elements.TryReadByte(out byte identifier) || !elements.TryReadByte(out byte length)
                    || !elements.TrySlice(length, data))
                {
                    return ReasonCode.Malformed;
                }

                ReasonCode element = DecodeElement(identifier, length, data);
                if (element != ReasonCode.None)
                {
                    return element;
                }
            }

            return ReasonCode.None;
        }

        private ReasonCode DecodeElement(int identifier, int length, ByteReader data)
        {
            int destination;
            int source;
            switch (identifier)
            {
                case ApplicationPortSixteenBit:
                    if (length != PortSixteenBitLength)
                    {
                        return ReasonCode.Malformed;
                    }

                    data.TryReadUInt16BigEndian(out destination);
                    data.TryReadUInt16BigEndian(out source);
                    SetPorts(destination, source, 16);
                    return ReasonCode.None;

                case ApplicationPortEightBit:
                    if (length != PortEightBitLength)
                    {
                        return ReasonCode.Malformed;
                    }

                    data.TryReadByte(out byte destination8);
                    data.TryReadByte(out byte source8);
                    SetPorts(destination8, source8, 8);
                    return ReasonCode.None;

                case ConcatenationEightBitReference:
                    if (length != ConcatenationEightBitLength)
                    {
                        return ReasonCode.Malformed;
                    }

                    data.TryReadByte(out byte reference8);
                    return SetConcatenation(reference8, 8, data);

                case ConcatenationSixteenBitReference:
                    if (length != ConcatenationSixteenBitLength)
                    {
                        return ReasonCode.Malformed;
                    }

                    data.TryReadUInt16BigEndian(out int reference16);
                    return SetConcatenation(reference16, 16, data);

                default:
                    return ReasonCode.None;
            }
        }

        private void SetPorts(int destination, int source, int bits)
        {
            DestinationPort = destination;
            SourcePort = source;
            PortBits = bits;
        }

        private ReasonCode SetConcatenation(int reference, int bits, ByteReader data)
        {
            data.TryReadByte(out byte total);
            data.TryReadByte(out byte sequence);
            if (total == 0 || sequence == 0 || sequence > total)
            {
                return ReasonCode.None; // ignored, not an occurrence: an earlier valid element stands
            }

            IsConcatenated = true;
            Reference = reference;
            ReferenceBits = bits;
            TotalParts = total;
            Sequence = sequence;
            return ReasonCode.None;
        }
    }
}

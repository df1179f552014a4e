// Builds SMS-DELIVER TPDUs as a modem stores them (3GPP TS 27.005 PDU mode, 3GPP TS 23.040 9.2.2.1), with the user
// data header of WDP over SMS (WAP-259-WDP annex A, 3GPP TS 23.040 9.2.3.24):
//
//   SMSC length | [SMSC type | SMSC digits] | first octet (TP-MMS, TP-UDHI) | TP-OA | TP-PID | TP-DCS | TP-SCTS (7)
//   | TP-UDL | UDHL | [port IE 05 04 dd dd ss ss or 04 02 d s] | [concat IE 00 03 r t n or 08 04 rr rr t n] | payload
using System;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Sms;

namespace OmaDm.Notification.Builders
{
    /// <summary>
    /// Encodes a WSP push PDU (or any payload) into one or more SMS-DELIVER transfer protocol data units with application
    /// port addressing and, when the payload exceeds one message, concatenation. The output is what a modem returns for
    /// <c>AT+CMGR</c> in PDU mode (service centre address first), ready to be hex-encoded.
    /// </summary>
    public sealed class SmsDeliverEncoder
    {
        /// <summary>User data octets of one SMS, header included (3GPP TS 23.040 9.2.3.16).</summary>
        public const int MaxUserDataOctets = 140;

        /// <summary>Largest number of parts a concatenated message can have.</summary>
        public const int MaxParts = 255;

        private const int FirstOctetNoMoreMessages = 0x04;
        private const int FirstOctetUserDataHeader = 0x40;
        private const int TypeInternational = 0x91;
        private const int TypeNational = 0xA1;
        private const int TypeAlphanumeric = 0xD0;
        private const int MaxAlphanumericSeptets = 11;
        private const int MaxDigits = 20;
        private const int PortSixteenBitElementLength = 6;
        private const int PortEightBitElementLength = 4;
        private const int ConcatenationEightBitElementLength = 5;
        private const int ConcatenationSixteenBitElementLength = 6;

        /// <summary>
        /// The originating address: "+" and digits (international), digits only (national), or up to eleven GSM 7-bit
        /// characters (alphanumeric). Default "+15555550100".
        /// </summary>
        public string Sender { get; set; } = "+15555550100";

        /// <summary>The service centre address ("+" and digits), or null/empty for a zero SMSC length octet.</summary>
        public string ServiceCentre { get; set; }

        /// <summary>TP-Protocol-Identifier (default 0).</summary>
        public int ProtocolIdentifier { get; set; }

        /// <summary>TP-Data-Coding-Scheme (default 0x04, 8-bit data; 0xF5 is class 1 8-bit).</summary>
        public int DataCodingScheme { get; set; } = 0x04;

        /// <summary>The seven raw TP-Service-Centre-Time-Stamp octets (default 2026-01-01 00:00:00 UTC; see <see cref="EncodeTimeStamp"/>).</summary>
        public byte[] TimeStamp { get; set; } = EncodeTimeStamp(26, 1, 1, 0, 0, 0, 0);

        /// <summary>Destination port (default 2948, the connectionless WAP push port).</summary>
        public int DestinationPort { get; set; } = 2948;

        /// <summary>Source port (default 9200, the WAP connectionless session service).</summary>
        public int SourcePort { get; set; } = 9200;

        /// <summary>Use the 8-bit application port element (0x04) instead of the 16-bit one (0x05); ports must be below 256.</summary>
        public bool EightBitPorts { get; set; }

        /// <summary>Send no application port element at all (an ordinary, non-WDP message).</summary>
        public bool OmitPorts { get; set; }

        /// <summary>Put the port element in the first segment only, as CDMA-style WDP does.</summary>
        public bool PortsInFirstSegmentOnly { get; set; }

        /// <summary>Use the 16-bit reference concatenation element (0x08) instead of the 8-bit one (0x00).</summary>
        public bool SixteenBitReference { get; set; }

        /// <summary>The concatenation reference number (default 1).</summary>
        public int Reference { get; set; } = 1;

        /// <summary>Encodes a time stamp as seven swapped-BCD octets (3GPP TS 23.040 9.2.3.11).</summary>
        /// <param name="year">Year within the century, 0..99.</param>
        /// <param name="month">Month, 1..12.</param>
        /// <param name="day">Day, 1..31.</param>
        /// <param name="hour">Hour, 0..23.</param>
        /// <param name="minute">Minute, 0..59.</param>
        /// <param name="second">Second, 0..59.</param>
        /// <param name="timeZoneQuarterHours">Offset from UTC in quarter hours, -79..79.</param>
        /// <returns>The seven octets.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A field is out of its range.</exception>
        public static byte[] EncodeTimeStamp(int year, int month, int day, int hour, int minute, int second, int timeZoneQuarterHours)
        {
            if (year < 0 || year > 99 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59 || timeZoneQuarterHours < -79 || timeZoneQuarterHours > 79)
            {
                throw new ArgumentOutOfRangeException(nameof(timeZoneQuarterHours), "time stamp field out of range");
            }

            int zone = timeZoneQuarterHours < 0 ? -timeZoneQuarterHours : timeZoneQuarterHours;
            byte zoneOctet = SwappedBcd(zone);
            if (timeZoneQuarterHours < 0)
            {
                zoneOctet |= 0x08;
            }

            return new byte[]
            {
                SwappedBcd(year), SwappedBcd(month), SwappedBcd(day), SwappedBcd(hour), SwappedBcd(minute), SwappedBcd(second), zoneOctet,
            };
        }

        /// <summary>Encodes <c>payload[offset .. offset+count)</c> into as many SMS-DELIVER PDUs as it needs.</summary>
        /// <param name="payload">The payload (normally a WSP push PDU).</param>
        /// <param name="offset">Index of the first payload byte.</param>
        /// <param name="count">Payload length.</param>
        /// <returns>One PDU per part, in sequence order, each starting with the SMSC length octet.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="payload"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range is outside the payload, or a port or reference is out of range.</exception>
        /// <exception cref="ArgumentException">The sender, service centre or time stamp cannot be encoded, or more than 255 parts are needed.</exception>
        public byte[][] Encode(byte[] payload, int offset, int count)
        {
            ByteReader.CheckRange(payload, offset, count);
            CheckPorts();
            byte[] prefix = EncodePrefix();
            int portLength = OmitPorts ? 0 : EightBitPorts ? PortEightBitElementLength : PortSixteenBitElementLength;
            int singleHeader = portLength == 0 ? 0 : 1 + portLength;
            if (singleHeader + count <= MaxUserDataOctets)
            {
                return new byte[][] { EncodePart(prefix, payload, offset, count, portLength > 0, 0, 0) };
            }

            int concatLength = SixteenBitReference ? ConcatenationSixteenBitElementLength : ConcatenationEightBitElementLength;
            int total = CountParts(count, portLength, concatLength);
            if (total > MaxParts)
            {
                throw new ArgumentException("payload needs more than 255 parts", nameof(count));
            }

            var parts = new byte[total][];
            int position = offset;
            for (int sequence = 1; sequence <= total; sequence++)
            {
                bool ports = portLength > 0 && (sequence == 1 || !PortsInFirstSegmentOnly);
                int capacity = MaxUserDataOctets - 1 - concatLength - (ports ? portLength : 0);
                int left = offset + count - position;
                int take = capacity < left ? capacity : left;
                parts[sequence - 1] = EncodePart(prefix, payload, position, take, ports, total, sequence);
                position += take;
            }

            return parts;
        }

        private int CountParts(int count, int portLength, int concatLength)
        {
            int remaining = count;
            int parts = 0;
            while (remaining > 0)
            {
                bool ports = portLength > 0 && (parts == 0 || !PortsInFirstSegmentOnly);
                remaining -= MaxUserDataOctets - 1 - concatLength - (ports ? portLength : 0);
                parts++;
            }

            return parts;
        }

        private byte[] EncodePart(byte[] prefix, byte[] payload, int offset, int count, bool ports, int total, int sequence)
        {
            var header = new byte[MaxUserDataOctets];
            int length = 0;
            if (ports && EightBitPorts)
            {
                header[length++] = 0x04;
                header[length++] = 2;
                header[length++] = (byte)DestinationPort;
                header[length++] = (byte)SourcePort;
            }
            else if (ports)
            {
                header[length++] = 0x05;
                header[length++] = 4;
                header[length++] = (byte)(DestinationPort >> 8);
                header[length++] = (byte)DestinationPort;
                header[length++] = (byte)(SourcePort >> 8);
                header[length++] = (byte)SourcePort;
            }

            if (total > 0 && SixteenBitReference)
            {
                header[length++] = 0x08;
                header[length++] = 4;
                header[length++] = (byte)(Reference >> 8);
                header[length++] = (byte)Reference;
                header[length++] = (byte)total;
                header[length++] = (byte)sequence;
            }
            else if (total > 0)
            {
                header[length++] = 0x00;
                header[length++] = 3;
                header[length++] = (byte)Reference;
                header[length++] = (byte)total;
                header[length++] = (byte)sequence;
            }

            int userDataHeader = length == 0 ? 0 : length + 1;
            var pdu = new byte[prefix.Length + 1 + userDataHeader + count];
            Array.Copy(prefix, pdu, prefix.Length);
            int position = prefix.Length;
            pdu[position++] = (byte)(userDataHeader + count);
            if (length > 0)
            {
                // The first octet follows the SMSC field, whose length octet counts the octets after it.
                pdu[1 + prefix[0]] |= FirstOctetUserDataHeader;
                pdu[position++] = (byte)length;
                Array.Copy(header, 0, pdu, position, length);
                position += length;
            }

            Array.Copy(payload, offset, pdu, position, count);
            return pdu;
        }

        // SMSC, first octet, TP-OA, TP-PID, TP-DCS, TP-SCTS: everything before TP-UDL, the same for every part.
        private byte[] EncodePrefix()
        {
            if (TimeStamp == null || TimeStamp.Length != SmsDeliver.TimeStampLength)
            {
                throw new ArgumentException("time stamp must be 7 octets", nameof(TimeStamp));
            }

            byte[] smsc = EncodeServiceCentre();
            byte[] sender = EncodeSender();
            var prefix = new byte[smsc.Length + 1 + sender.Length + 2 + SmsDeliver.TimeStampLength];
            int position = 0;
            Array.Copy(smsc, prefix, smsc.Length);
            position += smsc.Length;
            prefix[position++] = FirstOctetNoMoreMessages;
            Array.Copy(sender, 0, prefix, position, sender.Length);
            position += sender.Length;
            prefix[position++] = (byte)ProtocolIdentifier;
            prefix[position++] = (byte)DataCodingScheme;
            Array.Copy(TimeStamp, 0, prefix, position, SmsDeliver.TimeStampLength);
            return prefix;
        }

        private byte[] EncodeServiceCentre()
        {
            if (ServiceCentre == null || ServiceCentre.Length == 0)
            {
                return new byte[] { 0 };
            }

            if (!IsNumber(ServiceCentre) || ServiceCentre[0] != '+')
            {
                throw new ArgumentException("service centre must be an international number", nameof(ServiceCentre));
            }

            byte[] digits = SwappedBcdDigits(ServiceCentre.Substring(1));
            var smsc = new byte[digits.Length + 2];
            smsc[0] = (byte)(digits.Length + 1);
            smsc[1] = TypeInternational;
            Array.Copy(digits, 0, smsc, 2, digits.Length);
            return smsc;
        }

        private byte[] EncodeSender()
        {
            if (Sender == null || Sender.Length == 0)
            {
                throw new ArgumentException("sender is required", nameof(Sender));
            }

            if (IsNumber(Sender))
            {
                bool international = Sender[0] == '+';
                string digits = international ? Sender.Substring(1) : Sender;
                return AddressField(digits.Length, international ? TypeInternational : TypeNational, SwappedBcdDigits(digits));
            }

            if (!GsmAlphabet.TryEncode(Sender, out byte[] septets) || septets.Length > MaxAlphanumericSeptets)
            {
                throw new ArgumentException("alphanumeric sender must be at most 11 GSM 7-bit characters", nameof(Sender));
            }

            // The length counts the semi-octets that carry septet bits (3GPP TS 23.040 9.1.2.5).
            return AddressField(((septets.Length * 7) + 3) / 4, TypeAlphanumeric, GsmAlphabet.Pack(septets));
        }

        private static byte[] AddressField(int semiOctets, int type, byte[] value)
        {
            var field = new byte[2 + value.Length];
            field[0] = (byte)semiOctets;
            field[1] = (byte)type;
            Array.Copy(value, 0, field, 2, value.Length);
            return field;
        }

        private static bool IsNumber(string text)
        {
            int start = text[0] == '+' ? 1 : 0;
            if (text.Length == start || text.Length - start > MaxDigits)
            {
                return false;
            }

            for (int i = start; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static byte[] SwappedBcdDigits(string digits)
        {
            var value = new byte[(digits.Length + 1) / 2];
            for (int i = 0; i < value.Length; i++)
            {
                int low = digits[2 * i] - '0';
                int high = (2 * i) + 1 < digits.Length ? digits[(2 * i) + 1] - '0' : 0x0F;
                value[i] = (byte)((high << 4) | low);
            }

            return value;
        }

        private static byte SwappedBcd(int value)
        {
            return (byte)(((value % 10) << 4) | (value / 10));
        }

        private void CheckPorts()
        {
            int limit = EightBitPorts ? 0xFF : 0xFFFF;
            if (DestinationPort < 0 || DestinationPort > limit || SourcePort < 0 || SourcePort > limit)
            {
                throw new ArgumentOutOfRangeException(nameof(DestinationPort), "port out of range for the element size");
            }

            if (Reference < 0 || Reference > (SixteenBitReference ? 0xFFFF : 0xFF))
            {
                throw new ArgumentOutOfRangeException(nameof(Reference));
            }
        }
    }
}

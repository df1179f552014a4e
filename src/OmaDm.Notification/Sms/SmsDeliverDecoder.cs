// SMS-DELIVER as a modem gives it in PDU mode (3GPP TS 27.005 3.1 <pdu>, 3GPP TS 23.040 9.2.2.1):
//
//   SMSC length  1 octet      octets that follow (type + address); 0 = no SMSC address (3GPP TS 24.011 8.2.5.1)
//   SMSC address 0..11        type of address, then swapped BCD digits
//   first octet  1            TP-RP b7 | TP-UDHI b6 | TP-SRI b5 | (b4 b3 unused) | TP-MMS b2 | TP-MTI b1..b0  (9.2.3.1..)
//   TP-OA        2..12        length in semi-octets (useful digits), type of address, value          (9.1.2.5)
//   TP-PID       1            0x40 short message type 0 and 0x7F (U)SIM data download are not for us  (9.2.3.9)
//   TP-DCS       1                                                                                    (9.2.3.10)
//   TP-SCTS      7            swapped BCD year, month, day, hour, minute, second, time zone          (9.2.3.11)
//   TP-UDL       1            octets for 8-bit data, septets for GSM 7-bit                            (9.2.3.16)
//   TP-UD        TP-UDL       optional user data header (when TP-UDHI), then the short message        (9.2.3.24)
//
// Only 8-bit data is decoded to a user data range: WAP push is 8-bit (3GPP TS 23.038 clause 4).
using OmaDm.Notification.Buffers;

namespace OmaDm.Notification.Sms
{
    /// <summary>
    /// Decodes an SMS-DELIVER (3GPP TS 23.040 9.2.2.1) with its service centre address prefix, as modems give it in
    /// PDU mode. Pure: bytes in, a filled <see cref="SmsDeliver"/> and a <see cref="ReasonCode"/> out, never an
    /// exception on untrusted bytes.
    /// </summary>
    public static class SmsDeliverDecoder
    {
        /// <summary>Largest SMSC length octet: type of address plus ten address octets (3GPP TS 24.011 8.2.5.1).</summary>
        public const int MaxServiceCentreLength = 11;

        /// <summary>Largest address length in semi-octets: twenty digits in ten octets (3GPP TS 23.040 9.1.2.5).</summary>
        public const int MaxAddressDigits = 20;

        /// <summary>Largest user data of one SMS in octets (3GPP TS 23.040 9.2.3.16).</summary>
        public const int MaxUserDataOctets = 140;

        /// <summary>Type-of-number field of a type-of-address octet (bits 6..4).</summary>
        public const int TypeOfNumberMask = 0x70;

        /// <summary>Type of number: international (001), printed with a leading '+'.</summary>
        public const int TypeOfNumberInternational = 0x10;

        /// <summary>Type of number: national (010).</summary>
        public const int TypeOfNumberNational = 0x20;

        /// <summary>Type of number: alphanumeric (101), GSM 7-bit packed (3GPP TS 23.040 9.1.2.5).</summary>
        public const int TypeOfNumberAlphanumeric = 0x50;

        /// <summary>Data coding group field (bits 7..4) of TP-DCS (3GPP TS 23.038 clause 4).</summary>
        public const int CodingGroupMask = 0xF0;

        /// <summary>General data coding groups 00xx and automatic-deletion groups 01xx share bits 5..0: mask of bits 7..6.</summary>
        public const int GeneralGroupFamilyMask = 0xC0;

        /// <summary>Automatic-deletion groups (01xx), coded like the general groups.</summary>
        public const int AutomaticDeletionGroups = 0x40;

        /// <summary>General data coding: bit 5 set means the text is compressed.</summary>
        public const int CompressedBit = 0x20;

        /// <summary>General data coding: character set bits 3..2.</summary>
        public const int CharacterSetMask = 0x0C;

        /// <summary>Character set 01: 8-bit data.</summary>
        public const int CharacterSetEightBit = 0x04;

        /// <summary>Data coding / message class group 1111.</summary>
        public const int MessageClassGroup = 0xF0;

        /// <summary>Message class group: bit 2 set means 8-bit data (clear means GSM 7-bit).</summary>
        public const int MessageClassEightBitBit = 0x04;

        /// <summary>TP-PID of a short message type 0: acknowledged, contents may be discarded (3GPP TS 23.040 9.2.3.9).</summary>
        public const int ProtocolShortMessageType0 = 0x40;

        /// <summary>TP-PID of a (U)SIM data download, for the SIM toolkit (3GPP TS 23.040 9.2.3.9).</summary>
        public const int ProtocolSimDataDownload = 0x7F;

        private const int NibbleMask = 0x0F;
        private const int FillerNibble = 0x0F;

        // Static readonly, not const: on nanoCLR every index into a const string loads a new copy of it (ldstr).
        private static readonly string BcdDigits = "0123456789*#abc";

        /// <summary>Decodes one SMS-DELIVER from <c>buffer[offset .. offset+count)</c> into <paramref name="result"/>.</summary>
        /// <param name="buffer">The PDU bytes (already converted from hex).</param>
        /// <param name="offset">First byte: the SMSC length octet.</param>
        /// <param name="count">PDU length; bytes after the user data are ignored.</param>
        /// <param name="result">Filled in place (reset first).</param>
        /// <returns>
        /// <see cref="ReasonCode.None"/>; <see cref="ReasonCode.NotSmsDeliver"/> for another TP-MTI;
        /// <see cref="ReasonCode.ShortMessageType0"/> or <see cref="ReasonCode.SimDataDownload"/> for TP-PID 0x40 or 0x7F
        /// (fields up to TP-UDL are filled);
        /// <see cref="ReasonCode.UnsupportedCoding"/> when the data coding is not 8-bit (fields up to TP-UDL are filled);
        /// <see cref="ReasonCode.Truncated"/> when a field or the user data is cut short;
        /// <see cref="ReasonCode.Malformed"/> for an impossible length (SMSC, address, user data).
        /// </returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="buffer"/> or <paramref name="result"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public static ReasonCode Decode(byte[] buffer, int offset, int count, SmsDeliver result)
        {
            if (result == null)
            {
                throw new System.ArgumentNullException(nameof(result));
            }

            ByteReader reader = result.Reader;
            reader.Reset(buffer, offset, count);
            result.Reset(buffer);
            result.Reason = DecodeFields(reader, result);
            return result.Reason;
        }

        /// <summary>
        /// Classifies a TP-Data-Coding-Scheme (3GPP TS 23.038 clause 4): uncompressed 8-bit data in the general and
        /// automatic-deletion groups (00xx, 01xx with bits 3..2 = 01) and the message class group (1111 with bit 2 set)
        /// is supported; GSM 7-bit, UCS2, compressed, reserved and message-waiting groups are not.
        /// </summary>
        /// <param name="dataCodingScheme">The TP-DCS octet.</param>
        /// <returns><c>true</c> for 8-bit data.</returns>
        public static bool IsEightBitData(int dataCodingScheme)
        {
            if ((dataCodingScheme & GeneralGroupFamilyMask) == 0 || (dataCodingScheme & GeneralGroupFamilyMask) == AutomaticDeletionGroups)
            {
                return (dataCodingScheme & CompressedBit) == 0 && (dataCodingScheme & CharacterSetMask) == CharacterSetEightBit;
            }

            // Bit 3 of the message class group is reserved: ignored, as receivers must.
            return (dataCodingScheme & CodingGroupMask) == MessageClassGroup && (dataCodingScheme & MessageClassEightBitBit) != 0;
        }

        private static ReasonCode DecodeFields(ByteReader reader, SmsDeliver result)
        {
            int smscField = reader.Position;
            if (!reader.TryReadByte(out byte smscLength))
            {
                return ReasonCode.Truncated;
            }

            if (smscLength > MaxServiceCentreLength)
            {
                return ReasonCode.Malformed;
            }

            if (smscLength > 0)
            {
                if (!reader.TryReadByte(out byte smscType) || !reader.TryReadSpan(smscLength - 1, out int smscStart))
                {
                    return ReasonCode.Truncated;
                }

                // The SMSC length counts octets, so a trailing F filler marks an odd digit count.
                AddressTextCache cache = result.ServiceCentreText;
                string text = cache.Find(reader.Buffer, smscField, reader.Position - smscField);
                result.ServiceCentreAddress = text ?? cache.Remember(
                    reader.Buffer, smscField, reader.Position - smscField, DecodeBcd(reader.Buffer, smscStart, (smscLength - 1) * 2, smscType, cache.Digits));
            }

            if (!reader.TryReadByte(out byte firstOctet))
            {
                return ReasonCode.Truncated;
            }

            result.FirstOctet = firstOctet;
            if ((firstOctet & SmsDeliver.MessageTypeIndicatorMask) != SmsDeliver.MessageTypeDeliver)
            {
                return ReasonCode.NotSmsDeliver;
            }

            ReasonCode address = DecodeOriginatingAddress(reader, result);
            if (address != ReasonCode.None)
            {
                return address;
            }

            if (!reader.TryReadByte(out byte pid) || !reader.TryReadByte(out byte dcs)
                || !reader.TryReadSpan(SmsDeliver.TimeStampLength, out int timeStamp) || !reader.TryReadByte(out byte udl))
            {
                return ReasonCode.Truncated;
            }

            result.ProtocolIdentifier = pid;
            result.DataCodingScheme = dcs;
            result.TimeStampOffset = timeStamp;
            result.UserDataLength = udl;
            result.UserDataOffset = reader.Position;
            if (pid == ProtocolShortMessageType0)
            {
                return ReasonCode.ShortMessageType0;
            }

            if (pid == ProtocolSimDataDownload)
            {
                return ReasonCode.SimDataDownload;
            }

            if (!IsEightBitData(dcs))
            {
                return ReasonCode.UnsupportedCoding;
            }

            if (udl > MaxUserDataOctets)
            {
                return ReasonCode.Malformed;
            }

            if (udl > reader.Remaining)
            {
                result.UserDataCount = reader.Remaining;
                return ReasonCode.Truncated;
            }

            result.UserDataCount = udl;
            return ReasonCode.None;
        }

        private static ReasonCode DecodeOriginatingAddress(ByteReader reader, SmsDeliver result)
        {
            int field = reader.Position;
            if (!reader.TryReadByte(out byte digits) || !reader.TryReadByte(out byte type))
            {
                return ReasonCode.Truncated;
            }

            if (digits > MaxAddressDigits)
            {
                return ReasonCode.Malformed;
            }

            if (!reader.TryReadSpan((digits + 1) / 2, out int start))
            {
                return ReasonCode.Truncated;
            }

            result.OriginatingAddressType = type;
            AddressTextCache cache = result.OriginatingText;
            string text = cache.Find(reader.Buffer, field, reader.Position - field);
            if (text == null)
            {
                // The length counts the semi-octets that carry septets: whole septets only (3GPP TS 23.040 9.1.2.5).
                text = (type & TypeOfNumberMask) == TypeOfNumberAlphanumeric
                    ? GsmAlphabet.Decode(reader.Buffer, start, digits * 4 / 7)
                    : DecodeBcd(reader.Buffer, start, digits, type, cache.Digits);
                cache.Remember(reader.Buffer, field, reader.Position - field, text);
            }

            result.OriginatingAddress = text;
            return ReasonCode.None;
        }

        // Swapped BCD (3GPP TS 23.040 9.1.2.3): low nibble first; F is the filler and ends the number.
        private static string DecodeBcd(byte[] buffer, int start, int digits, int type, char[] text)
        {
            bool international = (type & TypeOfNumberMask) == TypeOfNumberInternational;
            int length = 0;
            if (international)
            {
                text[length++] = '+';
            }

            for (int i = 0; i < digits; i++)
            {
                int octet = buffer[start + (i / 2)];
                int nibble = (i & 1) == 0 ? octet & NibbleMask : octet >> 4;
                if (nibble == FillerNibble)
                {
                    break;
                }

                text[length++] = BcdDigits[nibble];
            }

            return new string(text, 0, length);
        }
    }
}

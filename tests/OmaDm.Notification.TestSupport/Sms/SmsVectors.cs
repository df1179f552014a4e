namespace OmaDm.Notification.Tests.Sms
{
    /// <summary>
    /// SMS-DELIVER PDUs as a modem returns them in PDU mode (3GPP TS 27.005), written out field by field from
    /// 3GPP TS 23.040 9.2.2.1. The payload is the WSP push of OMA-TS-DM_Notification Appendix C, with a digest computed
    /// for server "com.mgmtsrv.manage", password "dmpassword", nonce "appendixC" (base64 YXBwZW5kaXhD).
    /// </summary>
    public static class SmsVectors
    {
        /// <summary>The account the Appendix C digest was computed for.</summary>
        public const string ServerId = "com.mgmtsrv.manage";

        /// <summary>The password.</summary>
        public const string Password = "dmpassword";

        /// <summary>The server nonce, base64.</summary>
        public const string NonceBase64 = "YXBwZW5kaXhD";

        /// <summary>The international sender of the numeric vectors.</summary>
        public const string Sender = "+15555550100";

        // OMA-TS-DM_Notification Appendix C: the WSP push PDU (after the UDH) carrying package #0.
        public static readonly byte[] AppendixCWsp = new byte[]
        {
            0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87,                                                             // TID 1, Push, headers length 3, Content-Type 0x44, X-WAP-Application-ID 7
            0x98, 0xEB, 0xAE, 0xAE, 0x5C, 0x08, 0x1E, 0xD1, 0xBE, 0xD2, 0x3C, 0x10, 0x29, 0x52, 0x6A, 0x02, // digest (computed, see class remarks)
            0x02, 0xD0, 0x00, 0x00, 0x00,                                                                   // version 11, UI mode 1, initiator 0, future use 0
            0x12, 0x34,                                                                                     // session id 0x1234
            0x12,                                                                                           // server identifier length 18
            0x63, 0x6F, 0x6D, 0x2E, 0x6D, 0x67, 0x6D, 0x74, 0x73, 0x72, 0x76, 0x2E, 0x6D, 0x61, 0x6E, 0x61, 0x67, 0x65, // "com.mgmtsrv.manage"
        };

        // Appendix C as one SMS-DELIVER with an SMSC address.
        public static readonly byte[] AppendixCSingle = new byte[]
        {
            0x07, 0x91, 0x44, 0x77, 0x58, 0x10, 0x06, 0x50,             // SMSC: 7 octets, international, +447785016005 (24.011 8.2.5.1)
            0x44,                                                       // TP-UDHI, TP-MMS (no more), TP-MTI 00 SMS-DELIVER (23.040 9.2.3.1/2/23)
            0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0,             // TP-OA: 11 digits, international, 15555550100 + F filler (9.1.2.5)
            0x00,                                                       // TP-PID (9.2.3.9)
            0x04,                                                       // TP-DCS: general group, 8-bit data (23.038 4)
            0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,                   // TP-SCTS: 26-10-01 12:34:56, +8 quarter hours (9.2.3.11)
            0x37,                                                       // TP-UDL: 55 octets (9.2.3.16)
            0x06, 0x05, 0x04, 0x0B, 0x84, 0xC0, 0x02,                   // UDH (Appendix C): UDHL 6, IE 0x05 length 4, dest 2948, source 49154 (9.2.3.24.4)
            0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87,                         // WSP (Appendix C)
            0x98, 0xEB, 0xAE, 0xAE, 0x5C, 0x08, 0x1E, 0xD1, 0xBE, 0xD2, 0x3C, 0x10, 0x29, 0x52, 0x6A, 0x02, // digest
            0x02, 0xD0, 0x00, 0x00, 0x00, 0x12, 0x34, 0x12,             // version, UI mode, initiator, future use, session id, server id length
            0x63, 0x6F, 0x6D, 0x2E, 0x6D, 0x67, 0x6D, 0x74, 0x73, 0x72, 0x76, 0x2E, 0x6D, 0x61, 0x6E, 0x61, 0x67, 0x65, // "com.mgmtsrv.manage"
        };

        // Appendix C with class-1 8-bit coding (0xF5), no SMSC address, alphanumeric sender "Op[DM]" with extension characters.
        public static readonly byte[] AppendixCAlphanumericF5 = new byte[]
        {
            0x00,                                                       // SMSC length 0: no address (27.005 3.1)
            0x40,                                                       // TP-UDHI, TP-MMS 0 (more messages), TP-MTI 00 SMS-DELIVER (9.2.3.1)
            0x0E, 0xD0, 0x4F, 0xF8, 0x86, 0x47, 0x6C, 0x6E, 0x7C,       // TP-OA: 14 semi-octets, alphanumeric (TON 101), "Op[DM]" as 8 packed septets (9.1.2.5, 23.038 6.2.1.1)
            0x00,                                                       // TP-PID
            0xF5,                                                       // TP-DCS: message class group, 8-bit data, class 1 (23.038 4)
            0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x88,                   // TP-SCTS: 26-10-01 12:34:56, -8 quarter hours (sign: bit 3)
            0x37,                                                       // TP-UDL: 55 octets
            0x06, 0x05, 0x04, 0x0B, 0x84, 0xC0, 0x02,                   // UDH: 16-bit ports, dest 2948, source 49154
            0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87,                         // WSP (Appendix C)
            0x98, 0xEB, 0xAE, 0xAE, 0x5C, 0x08, 0x1E, 0xD1, 0xBE, 0xD2, 0x3C, 0x10, 0x29, 0x52, 0x6A, 0x02, // digest
            0x02, 0xD0, 0x00, 0x00, 0x00, 0x12, 0x34, 0x12,
            0x63, 0x6F, 0x6D, 0x2E, 0x6D, 0x67, 0x6D, 0x74, 0x73, 0x72, 0x76, 0x2E, 0x6D, 0x61, 0x6E, 0x61, 0x67, 0x65,
        };

        // Appendix C in three parts, 8-bit reference 0x2A, ports in every part (9.2.3.24.1).
        public static readonly byte[] Concat8Part1 = new byte[]
        {
            0x00,                                                       // SMSC length 0
            0x44,                                                       // TP-UDHI, SMS-DELIVER
            0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0,             // TP-OA +15555550100
            0x00, 0x04,                                                 // TP-PID, TP-DCS 8-bit
            0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,                   // TP-SCTS
            0x1C,                                                       // TP-UDL 28 = 12 UDH + 16 payload
            0x0B, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0,                   // UDHL 11; IE 0x05: dest 2948, source 9200
            0x00, 0x03, 0x2A, 0x03, 0x01,                               // IE 0x00: reference 42, 3 parts, part 1
            0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87, 0x98, 0xEB, 0xAE, 0xAE, 0x5C, 0x08, 0x1E, 0xD1, 0xBE, 0xD2, // WSP bytes 0..15
        };

        public static readonly byte[] Concat8Part2 = new byte[]
        {
            0x00, 0x44, 0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0, 0x00, 0x04, 0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80, // as part 1
            0x1C,                                                       // TP-UDL 28
            0x0B, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0,                   // UDHL 11; ports
            0x00, 0x03, 0x2A, 0x03, 0x02,                               // reference 42, 3 parts, part 2
            0x3C, 0x10, 0x29, 0x52, 0x6A, 0x02, 0x02, 0xD0, 0x00, 0x00, 0x00, 0x12, 0x34, 0x12, 0x63, 0x6F, // WSP bytes 16..31
        };

        public static readonly byte[] Concat8Part3 = new byte[]
        {
            0x00, 0x44, 0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0, 0x00, 0x04, 0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80, // as part 1
            0x1C,                                                       // TP-UDL 28
            0x0B, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0,                   // UDHL 11; ports
            0x00, 0x03, 0x2A, 0x03, 0x03,                               // reference 42, 3 parts, part 3
            0x6D, 0x2E, 0x6D, 0x67, 0x6D, 0x74, 0x73, 0x72, 0x76, 0x2E, 0x6D, 0x61, 0x6E, 0x61, 0x67, 0x65, // WSP bytes 32..47
        };

        // Appendix C in two parts, 16-bit reference 0x1234 (9.2.3.24.8), 8-bit application ports absent: 16-bit ports.
        public static readonly byte[] Concat16Part1 = new byte[]
        {
            0x00, 0x44, 0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0, 0x00, 0x04, 0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80, // header fields
            0x25,                                                       // TP-UDL 37 = 13 UDH + 24 payload
            0x0C, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0,                   // UDHL 12; IE 0x05 ports
            0x08, 0x04, 0x12, 0x34, 0x02, 0x01,                         // IE 0x08: reference 0x1234, 2 parts, part 1
            0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87, 0x98, 0xEB, 0xAE, 0xAE, 0x5C, 0x08, 0x1E, 0xD1, 0xBE, 0xD2, 0x3C, 0x10, 0x29, 0x52, 0x6A, 0x02, 0x02, 0xD0, // WSP 0..23
        };

        public static readonly byte[] Concat16Part2 = new byte[]
        {
            0x00, 0x44, 0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0, 0x00, 0x04, 0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80, // header fields
            0x25,                                                       // TP-UDL 37
            0x0C, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0,                   // UDHL 12; ports
            0x08, 0x04, 0x12, 0x34, 0x02, 0x02,                         // reference 0x1234, 2 parts, part 2
            0x00, 0x00, 0x00, 0x12, 0x34, 0x12, 0x63, 0x6F, 0x6D, 0x2E, 0x6D, 0x67, 0x6D, 0x74, 0x73, 0x72, 0x76, 0x2E, 0x6D, 0x61, 0x6E, 0x61, 0x67, 0x65, // WSP 24..47
        };

        // CDMA-style WDP: the port element only in the first part; parts 2 and 3 carry concatenation only.
        public static readonly byte[] CdmaPart2 = new byte[]
        {
            0x00, 0x44, 0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0, 0x00, 0x04, 0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80, // header fields
            0x16,                                                       // TP-UDL 22 = 6 UDH + 16 payload
            0x05, 0x00, 0x03, 0x2A, 0x03, 0x02,                         // UDHL 5; IE 0x00: reference 42, 3 parts, part 2
            0x3C, 0x10, 0x29, 0x52, 0x6A, 0x02, 0x02, 0xD0, 0x00, 0x00, 0x00, 0x12, 0x34, 0x12, 0x63, 0x6F, // WSP 16..31
        };

        public static readonly byte[] CdmaPart3 = new byte[]
        {
            0x00, 0x44, 0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0, 0x00, 0x04, 0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80, // header fields
            0x16,                                                       // TP-UDL 22
            0x05, 0x00, 0x03, 0x2A, 0x03, 0x03,                         // UDHL 5; reference 42, 3 parts, part 3
            0x6D, 0x2E, 0x6D, 0x67, 0x6D, 0x74, 0x73, 0x72, 0x76, 0x2E, 0x6D, 0x61, 0x6E, 0x61, 0x67, 0x65, // WSP 32..47
        };

        // An ordinary text: no UDH, GSM 7-bit "hi" (23.038 6.1.2.1), national sender 0123 (TON 010).
        public static readonly byte[] TextSevenBit = new byte[]
        {
            0x00,                                                       // SMSC length 0
            0x04,                                                       // TP-MMS, SMS-DELIVER, no UDH
            0x04, 0xA1, 0x10, 0x32,                                     // TP-OA: 4 digits, national, "0123"
            0x00,                                                       // TP-PID
            0x00,                                                       // TP-DCS: GSM 7-bit default alphabet
            0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,                   // TP-SCTS
            0x02,                                                       // TP-UDL: 2 septets
            0xE8, 0x34,                                                 // "hi" packed
        };

        // UCS2 text (23.038 4, bits 3..2 = 10): "hi" as two 16-bit characters.
        public static readonly byte[] TextUcs2 = new byte[]
        {
            0x00, 0x04,
            0x04, 0x81, 0x10, 0x32,                                     // TP-OA: 4 digits, unknown type, "0123"
            0x00,
            0x08,                                                       // TP-DCS: UCS2
            0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,
            0x04,                                                       // TP-UDL: 4 octets
            0x00, 0x68, 0x00, 0x69,
        };

        // 8-bit data without a user data header: not WDP (9.2.3.24.3/4 absent).
        public static readonly byte[] EightBitNoHeader = new byte[]
        {
            0x00, 0x04, 0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0,
            0x00, 0x04,                                                 // TP-PID, TP-DCS 8-bit
            0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,
            0x03,                                                       // TP-UDL 3
            0x01, 0x02, 0x03,
        };

        // 8-bit data to another 16-bit port (9200) with the Appendix C WSP prefix.
        public static readonly byte[] WrongPort = new byte[]
        {
            0x00, 0x44, 0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0, 0x00, 0x04, 0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,
            0x0D,                                                       // TP-UDL 13
            0x06, 0x05, 0x04, 0x23, 0xF0, 0x23, 0xF0,                   // UDHL 6; dest 9200, source 9200
            0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87,
        };

        // 8-bit application port element (9.2.3.24.3): destination 245 cannot be 2948.
        public static readonly byte[] EightBitPort = new byte[]
        {
            0x00, 0x44, 0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0, 0x00, 0x04, 0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,
            0x0B,                                                       // TP-UDL 11
            0x04, 0x04, 0x02, 0xF5, 0xF5,                               // UDHL 4; IE 0x04: dest 245, source 245
            0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87,
        };

        // SMS-STATUS-REPORT (9.2.2.3): TP-MTI 10.
        public static readonly byte[] StatusReport = new byte[]
        {
            0x00,                                                       // SMSC length 0
            0x06,                                                       // TP-MMS, TP-MTI 10 SMS-STATUS-REPORT
            0x07,                                                       // TP-MR
            0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0,             // TP-RA
            0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,                   // TP-SCTS
            0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,                   // TP-DT
            0x00,                                                       // TP-ST: received by the recipient
        };

        // SMS-SUBMIT (9.2.2.2): TP-MTI 01, as listed from the modem's sent storage.
        public static readonly byte[] Submit = new byte[]
        {
            0x00,                                                       // SMSC length 0
            0x11,                                                       // TP-VPF relative, TP-MTI 01 SMS-SUBMIT
            0x00,                                                       // TP-MR
            0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0,             // TP-DA
            0x00, 0x00, 0xAA,                                           // TP-PID, TP-DCS, TP-VP
            0x02, 0xE8, 0x34,                                           // TP-UDL, "hi"
        };

        // UDH element running past UDHL: UDHL 6 but IE 0x05 claims 6 octets.
        public static readonly byte[] ElementPastHeader = new byte[]
        {
            0x00, 0x44, 0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0, 0x00, 0x04, 0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,
            0x0D,                                                       // TP-UDL 13
            0x06, 0x05, 0x06, 0x0B, 0x84, 0xC0, 0x02,                   // UDHL 6; IE 0x05 length 6 (> 4 left)
            0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87,
        };

        // UDHL past TP-UDL: UDHL 6 with only 4 user data octets after it.
        public static readonly byte[] HeaderPastUserData = new byte[]
        {
            0x00, 0x44, 0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0, 0x00, 0x04, 0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,
            0x05,                                                       // TP-UDL 5
            0x06, 0x05, 0x04, 0x0B, 0x84,                               // UDHL 6 but only 4 octets follow within TP-UDL
        };

        // Appendix C as a short message type 0 (TP-PID 0x40, 3GPP TS 23.040 9.2.3.9): acknowledge, then discard.
        public static readonly byte[] AppendixCType0 = new byte[]
        {
            0x00,                                                       // SMSC length 0
            0x44,                                                       // TP-UDHI, SMS-DELIVER
            0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0,             // TP-OA +15555550100
            0x40,                                                       // TP-PID 0x40: short message type 0
            0x04,                                                       // TP-DCS 8-bit
            0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,                   // TP-SCTS
            0x37,                                                       // TP-UDL 55
            0x06, 0x05, 0x04, 0x0B, 0x84, 0xC0, 0x02,                   // UDH: dest 2948, source 49154
            0x01, 0x06, 0x03, 0xC4, 0xAF, 0x87,                         // WSP (Appendix C)
            0x98, 0xEB, 0xAE, 0xAE, 0x5C, 0x08, 0x1E, 0xD1, 0xBE, 0xD2, 0x3C, 0x10, 0x29, 0x52, 0x6A, 0x02, // digest
            0x02, 0xD0, 0x00, 0x00, 0x00, 0x12, 0x34, 0x12,
            0x63, 0x6F, 0x6D, 0x2E, 0x6D, 0x67, 0x6D, 0x74, 0x73, 0x72, 0x76, 0x2E, 0x6D, 0x61, 0x6E, 0x61, 0x67, 0x65,
        };

        // (U)SIM data download (TP-PID 0x7F, 9.2.3.9; class 2 8-bit DCS 0xF6; 3GPP TS 31.115 command packet IE 0x70).
        public static readonly byte[] SimDataDownload = new byte[]
        {
            0x00,                                                       // SMSC length 0
            0x40,                                                       // TP-UDHI, SMS-DELIVER
            0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0,             // TP-OA +15555550100
            0x7F,                                                       // TP-PID 0x7F: (U)SIM data download
            0xF6,                                                       // TP-DCS: message class group, 8-bit, class 2 (SIM specific)
            0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,                   // TP-SCTS
            0x07,                                                       // TP-UDL 7
            0x02, 0x70, 0x00,                                           // UDHL 2; IE 0x70 command packet identifier, length 0
            0x00, 0x02, 0x0D, 0x00,                                     // command packet length 2, header length 13 (start of a secured packet)
        };

        // A GSM 7-bit text "hi" with no header: an ordinary SMS-DELIVER (23.038 6.2.1).
        public static readonly byte[] TextHi = new byte[]
        {
            0x00,                                                       // SMSC length 0
            0x04,                                                       // TP-MMS, SMS-DELIVER
            0x0B, 0x91, 0x51, 0x55, 0x55, 0x05, 0x01, 0xF0,             // TP-OA +15555550100
            0x00,                                                       // TP-PID
            0x00,                                                       // TP-DCS: GSM 7-bit
            0x62, 0x01, 0x10, 0x21, 0x43, 0x65, 0x80,                   // TP-SCTS
            0x02,                                                       // TP-UDL 2 septets
            0xE8, 0x34,                                                 // "hi", packed
        };
    }
}

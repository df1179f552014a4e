namespace OmaDm.Notification.Tests.TestSupport
{
    /// <summary>
    /// The published and captured vectors that tests of several layers share, each defined once. Test classes read them in
    /// method bodies, never in their own static initialisers (nanoCLR runs those eagerly in type-name order).
    /// </summary>
    public static class SpecVectors
    {
        /// <summary>The server id of OMA-TS-DM_Notification V1.2 Appendix C.</summary>
        public const string AppendixCServer = "com.mgmtsrv.manage";

        /// <summary>The server id of the Nokia PC Suite captures.</summary>
        public const string NokiaServer = "PC Suite Data Sync";

        // OMA-TS-DM_Notification V1.2 Appendix C, package #0 without its digest:
        // version 11 (10 bits) + ui-mode 1 + initiator 0 + 27 reserved bits,
        // session id 0x1234,
        // server id length 0x12,
        // server id "com.mgmtsrv.manage".
        public static readonly byte[] AppendixCTrigger = TestBytes.FromHex(
            "02D0000000" +
            "1234" +
            "12" +
            "636F6D2E6D676D747372762E6D616E616765");

        // OMA-TS-DM_Notification V1.2 Appendix C, the WSP push header (WAP-230-WSP 8.2.4.1):
        // TID 01,
        // PDU type 06 (Push),
        // headers length 03,
        // Content-Type C4 (application/vnd.syncml.notification, well-known 0x44),
        // X-WAP-Application-ID AF 87 (header 0x2F, value 7: x-wap-application:syncml.dm).
        public static readonly byte[] AppendixCWspHeader = new byte[]
        {
            0x01,
            0x06,
            0x03,
            0xC4,
            0xAF, 0x87,
        };

        // Captured Nokia PC Suite DS notification "Contacts" (package #0 layout, server "PC Suite Data Sync", empty
        // password and nonce; it verifies only with the padded base64 and the ':' kept):
        // digest 79ab...ad,
        // version 12 + ui-mode 1 (background) + initiator 1 (server) + reserved bits 0 (0318000000),
        // session id 0,
        // server id length 0x12 and "PC Suite Data Sync",
        // the DS body as the vendor tail.
        public static readonly byte[] NokiaContacts = TestBytes.FromHex(
            "0179ab671b68f26698269b4ca78222ad" +
            "0318000000" +
            "0000" +
            "12" + "5043205375697465204461746120" + "53796e63" +
            "106000000008436f6e7461637473");

        // The second capture, "Calendar": same layout, another digest and DS body.
        public static readonly byte[] NokiaCalendar = TestBytes.FromHex(
            "65adf16b1feed840028683cfc8226b8b" +
            "0318000000" +
            "0000" +
            "12" + "5043205375697465204461746120" + "53796e63" +
            "10600000000843616c656e646172");

        // The vendor tail of NokiaContacts: the DS notification body (sync type 0x106, content "Contacts").
        public static readonly byte[] NokiaContactsTail = TestBytes.FromHex("106000000008436f6e7461637473");

        // The vendor tail of NokiaCalendar ("Calendar").
        public static readonly byte[] NokiaCalendarTail = TestBytes.FromHex("10600000000843616c656e646172");
    }
}

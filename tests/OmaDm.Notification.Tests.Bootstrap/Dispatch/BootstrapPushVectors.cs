using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Dispatch
{
    /// <summary>Bootstrap documents for the agent tests, encoded by an independent encoder, and the push that follows them.</summary>
    internal static class BootstrapPushVectors
    {
        /// <summary>The server id every document below (but <see cref="OtherServerDocument"/>) names.</summary>
        public const string Server = "com.mgmtsrv.manage";

        /// <summary>The user PIN the tests sign with.</summary>
        public const string Pin = "1234";

        /// <summary>An IMSI for the NETWPIN tests (Mozilla's).</summary>
        public const string Imsi = "466923103145252";

        /// <summary>
        /// A CP document, APPLICATION w7 for com.mgmtsrv.manage: NAME "Test DM", ADDR http://dm.example.com:8080/dm,
        /// APPAUTH CLIENT (DIGEST, secret "secret", data "bm9uY2U="), APPAUTH APPSRV (name "device", secret "devpass").
        /// Encoded with Debian libwbxml2-utils 0.11.8 <c>xml2wbxml</c> (string table on; nothing repeats, so it is empty).
        /// </summary>
        public static byte[] CpDocument() => TestBytes.FromHex(
            "030B6A00C54601C600015501873600000603773700018700013800000603636F" +
            "6D2E6D676D747372762E6D616E6167650001870706035465737420444D000187" +
            "00013400000603687474703A2F2F646D2E6578616D706C652E636F6D3A383038" +
            "302F646D0001C600015701873000000603434C49454E54000187000133000006" +
            "0001930187320000060373656372657400018700012F00000603626D39755932" +
            "553D000101C600015701873000000600018D0187310000060364657669636500" +
            "018700013200000603646576706173730001010101");

        /// <summary>The same account with the server secret "rotated" and the data "bmV3" (xml2wbxml as above).</summary>
        public static byte[] RotatedDocument() => TestBytes.FromHex(
            "030B6A00C54601C600015501873600000603773700018700013800000603636F" +
            "6D2E6D676D747372762E6D616E6167650001870706035465737420444D000187" +
            "00013400000603687474703A2F2F646D2E6578616D706C652E636F6D3A383038" +
            "302F646D0001C600015701873000000603434C49454E54000187000133000006" +
            "00019301873200000603726F746174656400018700012F00000603626D563300" +
            "0101C600015701873000000600018D0187310000060364657669636500018700" +
            "013200000603646576706173730001010101");

        /// <summary>
        /// OMA-TS-DM_Notification Appendix C as a push (01 06 03 C4 AF 87), signed with password "secret" and nonce
        /// "nonce" (the CP document's server credentials); digest computed on the host with Python hashlib/base64.
        /// </summary>
        public static byte[] AppendixCPush() => TestBytes.FromHex(
            "010603C4AF87" + "7fc65a24e9d7ad28df2850ac24656fd4" + "02D0000000123412636F6D2E6D676D747372762E6D616E616765");
    }
}

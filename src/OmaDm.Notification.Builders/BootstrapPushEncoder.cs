// A signed bootstrap push (OMA-TS-DM_Bootstrap 1.3 5.3, OMA-WAP-TS-ProvBoot 1.1 5.3), as a DM server or operator sends it:
//
//   | TID | 06 | HeadersLen | 1F len B6|C2 91 <SEC|80> 92 <40 hex digits> 00 | [AF 87] | WBXML document |
//
// Content-Type 0xB6 (application/vnd.wap.connectivity-wbxml, a CP document, no application id) or 0xC2
// (application/vnd.syncml.dm+wbxml, a DM-profile message, X-WAP-Application-ID 7). MAC = HMAC-SHA1(key, document),
// the key from BootstrapKey for the SEC method.
using System;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Buffers;
using OmaDm.Notification.Cryptography;

namespace OmaDm.Notification.Builders
{
    /// <summary>Wraps a bootstrap document (WBXML) in a WSP push signed with SEC and MAC, for tests and the host tool.</summary>
    public static class BootstrapPushEncoder
    {
        /// <summary>Content-Type code of application/vnd.wap.connectivity-wbxml (sent 0xB6).</summary>
        public const int ContentTypeConnectivityWbxml = 0x36;

        /// <summary>Content-Type code of application/vnd.syncml.dm+wbxml (sent 0xC2).</summary>
        public const int ContentTypeSyncMlDmWbxml = 0x42;

        /// <summary>
        /// Encodes the push: CP documents without an application id, DM-profile messages with application id 7; signed
        /// unless <paramref name="security"/> is <see cref="BootstrapSecurity.None"/>.
        /// </summary>
        /// <param name="document">The WBXML document (the push body).</param>
        /// <param name="profile">Which document it is.</param>
        /// <param name="security">SEC method, or None for an unsigned push (no SEC, no MAC).</param>
        /// <param name="imsi">IMSI digits for NETWPIN and USERNETWPIN.</param>
        /// <param name="pin">User PIN for USERPIN and USERNETWPIN.</param>
        /// <returns>The WSP push PDU.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
        /// <exception cref="ArgumentException">The method's secret is missing or invalid, or the method has no key (USERPINMAC).</exception>
        public static byte[] Encode(byte[] document, BootstrapProfile profile, BootstrapSecurity security, string imsi, string pin)
        {
            if (document == null)
            {
                throw new ArgumentNullException(nameof(document));
            }

            var encoder = new WspPushEncoder
            {
                ContentTypeForm = WspContentTypeForm.WithSecurity,
                ContentTypeCode = profile == BootstrapProfile.ClientProvisioning ? ContentTypeConnectivityWbxml : ContentTypeSyncMlDmWbxml,
                ApplicationIdForm = profile == BootstrapProfile.ClientProvisioning ? WspApplicationIdForm.None : WspApplicationIdForm.ShortInteger,
            };
            if (security != BootstrapSecurity.None)
            {
                encoder.Security = (int)security;
                encoder.MacText = MacText(document, 0, document.Length, security, imsi, pin);
            }

            return encoder.Encode(document, 0, document.Length);
        }

        /// <summary>The MAC parameter's text: HMAC-SHA1 of the document under the method's key, 40 upper-case hex digits.</summary>
        /// <param name="document">Buffer holding the document.</param>
        /// <param name="offset">First document byte.</param>
        /// <param name="count">Document length.</param>
        /// <param name="security">SEC method.</param>
        /// <param name="imsi">IMSI digits, or null.</param>
        /// <param name="pin">User PIN, or null.</param>
        /// <returns>The hex text.</returns>
        /// <exception cref="ArgumentException">The method's secret is missing or invalid, or the method has no key.</exception>
        public static string MacText(byte[] document, int offset, int count, BootstrapSecurity security, string imsi, string pin)
        {
            byte[] key = new byte[BootstrapKey.MaxKeyLength];
            int keyLength = BootstrapKey.Derive(security, imsi, pin, key, 0);
            if (keyLength < 0)
            {
                throw new ArgumentException("No key for this SEC method: its IMSI or PIN is missing or invalid, or it is USERPINMAC.", "security");
            }

            var hmac = new HmacSha1();
            hmac.SetKey(key, 0, keyLength);
            byte[] mac = new byte[HmacSha1.MacLength];
            hmac.Compute(document, offset, count, mac, 0);
            return Hex.ToHex(mac, 0, mac.Length);
        }
    }
}

// Bootstrap MAC keys (OMA-WAP-TS-ProvBoot 1.1 section 5.3; OMA-TS-DM_Bootstrap 1.3 section 5.3.1):
//
//   MAC = HMAC-SHA1(key, body), sent as 40 hex digits in the Content-Type's MAC parameter.
//
//   NETWPIN      key = IMSI as SIM semi-octets (3GPP TS 31.102 4.2.2 EF-IMSI without its length byte):
//                      nibbles | parity | d1 | d2 | ... | dn | F padding |, parity 9 for an odd digit count, 1 for even,
//                      stored low nibble first: byte i = (nibble 2i+1 << 4) | nibble 2i.
//                      466923103145252 -> 49 66 29 13 30 41 25 25 (Mozilla test_cp_pdu_helper.js)
//   USERPIN      key = the PIN's ASCII                    ("0000" -> 30 30 30 30)
//   USERNETWPIN  key = NETWPIN key || the PIN's ASCII
//   USERPINMAC   not a keyed MAC of the body alone (ProvBoot 5.4): refused, no key.
//
// Decisions: an IMSI is 1..15 decimal digits (3GPP TS 23.003 2.2); a PIN is 1..MaxPinLength printable ASCII
// characters. Anything else derives no key, so the method cannot verify.
using System;

namespace OmaDm.Notification.Bootstrap
{
    /// <summary>Derives the HMAC-SHA1 key of a bootstrap push from the SIM's IMSI and the user PIN.</summary>
    public static class BootstrapKey
    {
        /// <summary>Most IMSI digits (3GPP TS 23.003 2.2).</summary>
        public const int MaxImsiDigits = 15;

        /// <summary>Most PIN characters accepted as key material.</summary>
        public const int MaxPinLength = 32;

        /// <summary>Length of the NETWPIN key of a 15-digit IMSI.</summary>
        public const int MaxNetworkPinLength = (MaxImsiDigits + 2) / 2;

        /// <summary>The longest key any method derives (USERNETWPIN with the longest IMSI and PIN).</summary>
        public const int MaxKeyLength = MaxNetworkPinLength + MaxPinLength;

        private const int ParityOdd = 0x9;
        private const int ParityEven = 0x1;
        private const int Filler = 0xF;
        private const int NibbleBits = 4;
        private const char PrintableFirst = ' ';
        private const char PrintableLast = '~';

        /// <summary>True for 1..15 decimal digits.</summary>
        /// <param name="imsi">The IMSI text.</param>
        /// <returns>Whether it can key NETWPIN.</returns>
        public static bool IsValidImsi(string imsi)
        {
            if (imsi == null || imsi.Length == 0 || imsi.Length > MaxImsiDigits)
            {
                return false;
            }

            for (int i = 0; i < imsi.Length; i++)
            {
                if (imsi[i] < '0' || imsi[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True for 1..32 printable ASCII characters.</summary>
        /// <param name="pin">The PIN.</param>
        /// <returns>Whether it can key USERPIN.</returns>
        public static bool IsValidPin(string pin)
        {
            if (pin == null || pin.Length == 0 || pin.Length > MaxPinLength)
            {
                return false;
            }

            for (int i = 0; i < pin.Length; i++)
            {
                if (pin[i] < PrintableFirst || pin[i] > PrintableLast)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Writes the key of <paramref name="security"/> to <paramref name="output"/>.</summary>
        /// <param name="security">The SEC method.</param>
        /// <param name="imsi">The IMSI (NETWPIN, USERNETWPIN), or null.</param>
        /// <param name="pin">The user PIN (USERPIN, USERNETWPIN), or null.</param>
        /// <param name="output">Destination, at least <see cref="MaxKeyLength"/> bytes from <paramref name="offset"/> for any method.</param>
        /// <param name="offset">Index of the first key byte.</param>
        /// <returns>The key length, or -1 when the method has no key (USERPINMAC, None) or its secret is missing or invalid.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The key does not fit at <paramref name="offset"/>.</exception>
        public static int Derive(BootstrapSecurity security, string imsi, string pin, byte[] output, int offset)
        {
            switch (security)
            {
                case BootstrapSecurity.NetworkPin:
                    return IsValidImsi(imsi) ? WriteNetworkPin(imsi, output, offset) : -1;
                case BootstrapSecurity.UserPin:
                    return IsValidPin(pin) ? WriteAscii(pin, output, offset) : -1;
                case BootstrapSecurity.UserNetworkPin:
                    if (!IsValidImsi(imsi) || !IsValidPin(pin))
                    {
                        return -1;
                    }

                    int length = WriteNetworkPin(imsi, output, offset);
                    return length + WriteAscii(pin, output, offset + length);
                default:
                    return -1;
            }
        }

        // Parity nibble then the digits, F-padded, low nibble first in each byte.
        private static int WriteNetworkPin(string imsi, byte[] output, int offset)
        {
            int nibbles = imsi.Length + 1;
            int length = (nibbles + 1) / 2;
            Buffers.ByteReader.CheckRange(output, offset, length);
            for (int i = 0; i < length; i++)
            {
                int low = NibbleAt(imsi, 2 * i);
                int high = NibbleAt(imsi, (2 * i) + 1);
                output[offset + i] = (byte)((high << NibbleBits) | low);
            }

            return length;
        }

        private static int NibbleAt(string imsi, int index)
        {
            if (index == 0)
            {
                return (imsi.Length & 1) != 0 ? ParityOdd : ParityEven;
            }

            return index <= imsi.Length ? imsi[index - 1] - '0' : Filler;
        }

        private static int WriteAscii(string text, byte[] output, int offset)
        {
            Buffers.ByteReader.CheckRange(output, offset, text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                output[offset + i] = (byte)text[i];
            }

            return text.Length;
        }
    }
}

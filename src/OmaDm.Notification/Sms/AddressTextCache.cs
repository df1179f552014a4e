namespace OmaDm.Notification.Sms
{
    /// <summary>
    /// The text of the last address decoded into one field of a <see cref="SmsDeliver"/>, kept with the field's octets
    /// (length, type of address, value), and the scratch characters its digits are decoded into. The parts of a
    /// concatenated message come from one sender through one service centre, so each address becomes a string once,
    /// not once per part: on nanoCLR every string and character buffer is heap blocks, garbage a stream of parts would
    /// otherwise make per part.
    /// </summary>
    internal sealed class AddressTextCache
    {
        /// <summary>Twenty digits and a '+' (3GPP TS 23.040 9.1.2.5, TS 24.011 8.2.5.1).</summary>
        internal const int MaxDigitChars = 21;

        // Length octet, type of address and ten value octets: the longest TP-OA and SMSC address fields.
        private const int MaxFieldOctets = 12;

        private readonly byte[] _field = new byte[MaxFieldOctets];
        private int _fieldCount = -1;
        private string _text;

        /// <summary>Scratch for decoding semi-octet digits, reused by every decode.</summary>
        internal readonly char[] Digits = new char[MaxDigitChars];

        /// <summary>The text remembered for exactly these field octets, or null.</summary>
        internal string Find(byte[] buffer, int offset, int count)
        {
            if (count != _fieldCount)
            {
                return null;
            }

            for (int i = 0; i < count; i++)
            {
                if (_field[i] != buffer[offset + i])
                {
                    return null;
                }
            }

            return _text;
        }

        /// <summary>Remembers <paramref name="text"/> as the text of these field octets and returns it.</summary>
        internal string Remember(byte[] buffer, int offset, int count, string text)
        {
            if (count <= MaxFieldOctets)
            {
                System.Array.Copy(buffer, offset, _field, 0, count);
                _fieldCount = count;
                _text = text;
            }

            return text;
        }
    }
}

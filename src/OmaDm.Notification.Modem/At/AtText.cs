using System.Collections;
using System.Text;
using OmaDm.Notification.Buffers;

namespace OmaDm.Notification.Modem
{
    /// <summary>Parsing helpers for AT information lines and hexadecimal payloads (no exceptions on modem text).</summary>
    public static class AtText
    {
        /// <summary>
        /// The comma-separated parameters after the first colon, with surrounding quotes and blanks removed:
        /// <c>+CMTI: "SM",3</c> gives <c>SM</c>, <c>3</c>. Commas inside quotes do not split.
        /// </summary>
        /// <param name="line">The line.</param>
        /// <returns>The fields; empty when the line has no colon.</returns>
        public static string[] Fields(string line)
        {
            int colon = line.IndexOf(':');
            if (colon < 0)
            {
                return new string[0];
            }

            var fields = new ArrayList();
            var current = new StringBuilder();
            bool quoted = false;
            for (int i = colon + 1; i < line.Length; i++)
            {
                char c = line[i];
                if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    fields.Add(current.ToString().Trim());
                    current.Clear();
                }
                else
                {
                    current.Append(c);
                }
            }

            fields.Add(current.ToString().Trim());
            var result = new string[fields.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (string)fields[i];
            }

            return result;
        }

        /// <summary>A decimal field as a non-negative number.</summary>
        /// <param name="fields">Fields from <see cref="Fields"/>.</param>
        /// <param name="index">Field index.</param>
        /// <returns>The value, or -1 when absent or not a non-negative decimal number.</returns>
        public static int IntField(string[] fields, int index)
        {
            if (index < 0 || index >= fields.Length)
            {
                return -1;
            }

            return ParseDecimal(fields[index]);
        }

        /// <summary>Parses a non-negative decimal number of at most nine digits.</summary>
        /// <param name="text">The text.</param>
        /// <returns>The value or -1.</returns>
        public static int ParseDecimal(string text)
        {
            if (text == null || text.Length == 0 || text.Length > 9)
            {
                return -1;
            }

            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = (value * 10) + (c - '0');
            }

            return value;
        }

        /// <summary>
        /// True when <paramref name="line"/> is the PDU that a PDU-mode header (<c>+CMGL:</c>, <c>+CMGR:</c>, <c>+CMT:</c>)
        /// announces: hexadecimal, and as long as the header's last field <c>&lt;length&gt;</c> says, which counts the
        /// TPDU octets without the SMSC address (3GPP TS 27.005 3.1, 3.4.2, 3.4.3, 3.4.1). A URC (<c>RING</c>,
        /// <c>+CREG: 1</c>) or a damaged PDU line therefore never passes for the PDU.
        /// </summary>
        /// <param name="header">The header line.</param>
        /// <param name="line">The candidate PDU line.</param>
        /// <returns>Whether the line is the announced PDU.</returns>
        public static bool IsSmsPduLine(string header, string line)
        {
            if (line == null || line.Length < 2 || (line.Length & 1) != 0)
            {
                return false;
            }

            for (int i = 0; i < line.Length; i++)
            {
                if (Hex.DigitValue(line[i]) < 0)
                {
                    return false;
                }
            }

            string[] fields = header == null ? new string[0] : Fields(header);
            int tpduLength = IntField(fields, fields.Length - 1);
            if (tpduLength < 0)
            {
                return true; // a header without a usable length: any hex line is the best evidence there is
            }

            int smscLength = (Hex.DigitValue(line[0]) * 16) + Hex.DigitValue(line[1]);
            return line.Length / 2 == 1 + smscLength + tpduLength;
        }

        /// <summary>Decodes hexadecimal text (either case) into bytes, through the core's one hex converter.</summary>
        /// <param name="text">The text; its length must be even.</param>
        /// <returns>The bytes, or null when the text is empty, odd-length or not hexadecimal.</returns>
        public static byte[] FromHex(string text)
        {
            byte[] bytes;
            return text != null && text.Length != 0 && Hex.TryParse(text, out bytes) ? bytes : null;
        }
    }
}

namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>
    /// What the modem's answers to the SMS set-up mean: a stable refusal (a modem without SMS), the IMSI in an
    /// <c>AT+CIMI</c> answer, a setting read back that differs from the one made. Pure functions of the reply text.
    /// </summary>
    public static class SmsSetupReplies
    {
        private const int OperationNotAllowed = 302;
        private const int OperationNotSupported = 303;
        private const int MinImsiDigits = 6;
        private const int MaxImsiDigits = 15;

        /// <summary>
        /// True for a refusal that a retry would not change: plain <c>ERROR</c>, or 27.005/27.007 302 "operation not
        /// allowed" / 303 "operation not supported" (as the A7670E-LNXY-UBL answers), numbered or, with
        /// <c>AT+CMEE=2</c>, named. A temporary error (314 SIM busy, 310 SIM not inserted, 515 please wait) is not one,
        /// so a module that boots slowly is not taken for one without SMS.
        /// </summary>
        /// <param name="response">The response to a set-up command.</param>
        /// <returns>Whether the refusal is stable.</returns>
        public static bool IsStableRefusal(AtResponse response)
        {
            if (response.Result == AtResult.Error)
            {
                return true;
            }

            if (response.Result != AtResult.CmsError && response.Result != AtResult.CmeError)
            {
                return false;
            }

            if (response.ErrorCode == OperationNotAllowed || response.ErrorCode == OperationNotSupported)
            {
                return true;
            }

            // Verbose error reporting (AT+CMEE=2) names the error instead of numbering it.
            string line = response.FinalLine;
            return line != null && (line.IndexOf("operation not supported") >= 0 || line.IndexOf("operation not allowed") >= 0);
        }

        /// <summary>The IMSI in an <c>AT+CIMI</c> answer (27.007 7.4: alone on an information line, no prefix, 6..15
        /// digits).</summary>
        /// <param name="lines">The answer's information lines.</param>
        /// <returns>The first line that is an IMSI, trimmed, or null.</returns>
        public static string FindImsi(string[] lines)
        {
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (IsImsi(line))
                {
                    return line;
                }
            }

            return null;
        }

        /// <summary>True when the numbers of a read-back line (<c>+CNMI: 2,1,0,0,0</c>) differ from the expected ones
        /// (<c>2,1,0,0,0</c>); only the fields both have are compared.</summary>
        /// <param name="line">The read-back line with its prefix.</param>
        /// <param name="expected">The setting as made, comma-separated numbers.</param>
        /// <returns>Whether the setting was lost.</returns>
        public static bool Differs(string line, string expected)
        {
            string[] actual = AtText.Fields(line);
            string[] wanted = expected.Split(',');
            for (int i = 0; i < wanted.Length && i < actual.Length; i++)
            {
                if (AtText.IntField(actual, i) != AtText.ParseDecimal(wanted[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsImsi(string line)
        {
            if (line.Length < MinImsiDigits || line.Length > MaxImsiDigits)
            {
                return false;
            }

            for (int i = 0; i < line.Length; i++)
            {
                if (line[i] < '0' || line[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}

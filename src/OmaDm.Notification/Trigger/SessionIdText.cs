using System;

namespace OmaDm.Notification.Trigger
{
    /// <summary>Maps the binary session id to the SessionID text of the DM session (OMA-TS-DM_Notification 6.2.10).</summary>
    public static class SessionIdText
    {
        private const int MaxSessionId = 0xFFFF;
        private const int NibbleBits = 4;
        private const int NibbleMask = 0xF;
        private const int DecimalBase = 10;

        // 0xFFFF is 4 hex digits or 5 decimal digits.
        private const int MaxDigits = 5;

        /// <summary>Formats <paramref name="sessionId"/>: upper-case hex without leading zeros ("1234", "FF", "0"), or decimal.</summary>
        /// <param name="sessionId">0..0xFFFF.</param>
        /// <param name="format">Hexadecimal (the spec) or Decimal (interop option).</param>
        /// <returns>The text.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="sessionId"/> is outside 0..0xFFFF.</exception>
        public static string Format(int sessionId, SessionIdFormat format)
        {
            if (sessionId < 0 || sessionId > MaxSessionId)
            {
                throw new ArgumentOutOfRangeException("sessionId");
            }

            // Written by hand, right to left, so the spec's "upper-case, no leading zeros, 0 -> '0'" rule is visible here
            // and does not depend on a platform's format-string behaviour.
            var digits = new char[MaxDigits];
            int start = MaxDigits;
            int value = sessionId;
            do
            {
                int digit;
                if (format == SessionIdFormat.Decimal)
                {
                    digit = value % DecimalBase;
                    value /= DecimalBase;
                }
                else
                {
                    digit = value & NibbleMask;
                    value >>= NibbleBits;
                }

                digits[--start] = (char)(digit < DecimalBase ? '0' + digit : 'A' + digit - DecimalBase);
            }
            while (value != 0);

            return new string(digits, start, MaxDigits - start);
        }
    }
}

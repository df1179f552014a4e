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

        /// <summary>The longest text: 0xFFFF is 4 hex digits or 5 decimal digits.</summary>
        public const int MaxLength = 5;

        /// <summary>Formats <paramref name="sessionId"/>: upper-case hex without leading zeros ("1234", "FF", "0"), or decimal.</summary>
        /// <param name="sessionId">0..0xFFFF.</param>
        /// <param name="format">Hexadecimal (the spec) or Decimal (interop option).</param>
        /// <returns>The text.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="sessionId"/> is outside 0..0xFFFF.</exception>
        public static string Format(int sessionId, SessionIdFormat format)
        {
            return Format(sessionId, format, new char[MaxLength]);
        }

        /// <summary>Formats <paramref name="sessionId"/> as <see cref="Format(int, SessionIdFormat)"/> does, using a caller's scratch array, so only the string is allocated.</summary>
        /// <param name="sessionId">0..0xFFFF.</param>
        /// <param name="format">Hexadecimal (the spec) or Decimal (interop option).</param>
        /// <param name="digits">Scratch of at least <see cref="MaxLength"/> characters.</param>
        /// <returns>The text.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="sessionId"/> is outside 0..0xFFFF, or <paramref name="digits"/> is too short.</exception>
        public static string Format(int sessionId, SessionIdFormat format, char[] digits)
        {
            if (digits == null || digits.Length < MaxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(digits));
            }

            if (sessionId < 0 || sessionId > MaxSessionId)
            {
                throw new ArgumentOutOfRangeException(nameof(sessionId));
            }

            // Written by hand, right to left, so the spec's "upper-case, no leading zeros, 0 -> '0'" rule is visible here
            // and does not depend on a platform's format-string behaviour.
            int start = MaxLength;
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

            return new string(digits, start, MaxLength - start);
        }
    }
}

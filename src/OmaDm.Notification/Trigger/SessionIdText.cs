using System;

namespace OmaDm.Notification.Trigger
{
    /// <summary>Maps the binary session id to the SessionID text of the DM session (OMA-TS-DM_Notification 6.2.10).</summary>
    public static class SessionIdText
    {
        /// <summary>Formats <paramref name="sessionId"/>: upper-case hex without leading zeros ("1234", "FF", "0"), or decimal.</summary>
        /// <param name="sessionId">0..0xFFFF.</param>
        /// <param name="format">Hexadecimal (the spec) or Decimal (interop option).</param>
        /// <returns>The text.</returns>
        public static string Format(int sessionId, SessionIdFormat format)
        {
            throw new NotImplementedException();
        }
    }
}

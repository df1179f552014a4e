using System;

namespace OmaDm.Notification.Wsp
{
    /// <summary>Decodes a connectionless WSP push and routes on Content-Type and X-WAP-Application-ID (OMA-TS-DM_Notification 7.1).</summary>
    public static class WspPushDecoder
    {
        /// <summary>Decodes <c>buffer[offset .. offset+count)</c> into <paramref name="into"/>.</summary>
        /// <param name="buffer">The WSP PDU.</param>
        /// <param name="offset">Index of the TID octet.</param>
        /// <param name="count">Length of the PDU.</param>
        /// <param name="into">Receives the result.</param>
        /// <returns>
        /// <see cref="ReasonCode.None"/> when the body is package #0 for the DM client; otherwise Truncated, Malformed,
        /// NotPush, NotDmNotification, DmNotificationV13, DsNotification or WrongApplication.
        /// </returns>
        public static ReasonCode Decode(byte[] buffer, int offset, int count, WspPush into)
        {
            throw new NotImplementedException();
        }
    }
}

namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>
    /// Finds the received messages in the lines of an <c>AT+CMGL=4</c> or <c>AT+CMGR=n</c> response (3GPP TS 27.005
    /// 3.4.2, 3.4.3, PDU mode): each message is a header line, then its PDU line unless a URC or damage took its place
    /// (the PDU line is the hex whose length the header announces, <see cref="AtText.IsSmsPduLine"/>). Outgoing messages
    /// (&lt;stat&gt; 2 and 3) are passed over. The reader keeps positions, never the lines, so a response is garbage
    /// once its caller is done with it. Used from the driver's pass only; not synchronised.
    /// </summary>
    public sealed class SmsListingReader
    {
        private const int StatusStoredUnsent = 2; // TS 27.005 3.1 <stat>: 2 and 3 are outgoing messages

        private int _next;

        /// <summary>The storage index of the current listed message (<see cref="MoveNext"/>).</summary>
        public int Index { get; private set; }

        /// <summary>Where the current message's PDU line is in the lines, or -1 when it did not come.</summary>
        public int PduLine { get; private set; }

        /// <summary>Starts a new listing at its first line.</summary>
        public void Rewind()
        {
            _next = 0;
        }

        /// <summary>
        /// Moves to the next received message of a listing: <c>+CMGL: &lt;index&gt;,&lt;stat&gt;,[&lt;alpha&gt;],&lt;length&gt;</c>
        /// then the PDU line. A header on the last line, or one without an index, is passed over.
        /// </summary>
        /// <param name="lines">The listing's lines, the same on every call after <see cref="Rewind"/>.</param>
        /// <returns>False when the listing has no more received messages.</returns>
        public bool MoveNext(string[] lines)
        {
            for (int i = _next; i + 1 < lines.Length; i++)
            {
                if (!lines[i].StartsWith("+CMGL:"))
                {
                    continue;
                }

                string[] fields = AtText.Fields(lines[i]);
                int index = AtText.IntField(fields, 0);
                int status = AtText.IntField(fields, 1);
                int pdu = AtText.IsSmsPduLine(lines[i], lines[i + 1]) ? i + 1 : -1;
                _next = pdu < 0 ? i + 1 : i + 2;
                if (index < 0 || status >= StatusStoredUnsent)
                {
                    i = _next - 1;
                    continue;
                }

                Index = index;
                PduLine = pdu;
                return true;
            }

            _next = lines.Length;
            return false;
        }

        /// <summary>
        /// Finds the message of a read: <c>+CMGR: &lt;stat&gt;,[&lt;alpha&gt;],&lt;length&gt;</c> then the PDU line; sets
        /// <see cref="PduLine"/>.
        /// </summary>
        /// <param name="lines">The read's lines.</param>
        /// <returns>1 for a received message, 0 for an outgoing one (to be left alone), -1 when there is no message (the
        /// slot is empty).</returns>
        public int FindRead(string[] lines)
        {
            for (int i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("+CMGR:"))
                {
                    continue;
                }

                if (AtText.IntField(AtText.Fields(lines[i]), 0) >= StatusStoredUnsent)
                {
                    return 0;
                }

                PduLine = i + 1 < lines.Length && AtText.IsSmsPduLine(lines[i], lines[i + 1]) ? i + 1 : -1;
                return 1;
            }

            return -1;
        }
    }
}

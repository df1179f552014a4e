namespace OmaDm.Notification.Modem
{
    /// <summary>One AT command line and how to frame its response.</summary>
    public sealed class AtCommand
    {
        /// <summary>Creates a command.</summary>
        /// <param name="text">The command without the terminating carriage return, for example <c>AT+CMGR=3</c>.</param>
        /// <param name="timeoutMilliseconds">Longest wait for the final result.</param>
        public AtCommand(string text, int timeoutMilliseconds)
        {
            Text = text;
            TimeoutMilliseconds = timeoutMilliseconds;
            BinaryLengthField = -1;
        }

        /// <summary>The command text.</summary>
        public string Text { get; }

        /// <summary>Longest wait for the final result.</summary>
        public int TimeoutMilliseconds { get; }

        /// <summary>
        /// The information-response prefix (<c>+CMGR:</c>). A line with it belongs to the response even when the same
        /// prefix is registered as a URC (<c>+CREG:</c> after <c>AT+CREG?</c>).
        /// </summary>
        public string ResponsePrefix { get; set; }

        /// <summary>Each prefixed line is followed by one data line that belongs to it (the PDU after <c>+CMGR:</c> and <c>+CMGL:</c>).</summary>
        public bool PayloadLineAfterHeader { get; set; }

        /// <summary>
        /// With <see cref="PayloadLineAfterHeader"/>: recognises the payload line (for SMS, <see cref="AtText.IsSmsPduLine"/>:
        /// the hex whose length the header announces). A line that fails it is not taken as the payload: it is
        /// dispatched as a URC or counted as unexpected, and the payload is still awaited. Null: the first line that
        /// is not a registered URC.
        /// </summary>
        public PayloadLineTest PayloadTest { get; set; }

        /// <summary>
        /// When 0 or more: the prefixed line announces raw bytes that follow it, and this is the index of the
        /// comma-separated field after the colon that holds their count (0 for <c>+QIRD: len,...</c>, 2 for
        /// <c>+CIPRXGET: 2,link,len,rest</c>). The bytes end up in <see cref="AtResponse.Data"/>.
        /// </summary>
        public int BinaryLengthField { get; set; }

        /// <summary>
        /// With <see cref="PayloadLineAfterHeader"/>: decode the data line's hex into this reused buffer as it arrives
        /// (<see cref="AtLineFramer.ExpectHexLine"/>) instead of keeping it as a line; its <see cref="AtHexPayload.Count"/>
        /// says what came (-1: nothing). Null (the default): the data line is one of the response's lines.
        /// </summary>
        public AtHexPayload HexPayload { get; set; }
    }
}

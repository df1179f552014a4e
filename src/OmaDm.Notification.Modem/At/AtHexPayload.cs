namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// A reused buffer a command's hex data line is decoded into as its characters arrive (<see cref="AtCommand.HexPayload"/>,
    /// <see cref="AtLineFramer.ExpectHexLine"/>): a datagram read as hex (Quectel <c>AT+QIRD</c> after
    /// <c>AT+QICFG="dataformat",0,1</c>) then costs no line string (two characters per byte, 6 KB for a 1,500-byte
    /// datagram) and no array of its size, and the channel's line bound need not hold it.
    /// </summary>
    public sealed class AtHexPayload
    {
        /// <summary>Creates the buffer.</summary>
        /// <param name="capacity">Largest payload in bytes (1 or more); a longer hex line is discarded as overlong.</param>
        public AtHexPayload(int capacity)
        {
            if (capacity < 1)
            {
                throw new System.ArgumentOutOfRangeException(nameof(capacity));
            }

            Bytes = new byte[capacity];
            Count = -1;
        }

        /// <summary>The bytes, valid from index 0 to <see cref="Count"/>; overwritten by the next payload.</summary>
        public byte[] Bytes { get; }

        /// <summary>Bytes decoded from the last hex line, or -1 when none came since <see cref="Clear"/>.</summary>
        public int Count { get; internal set; }

        /// <summary>Forgets the last payload (call it before the command that reads the next one).</summary>
        public void Clear()
        {
            Count = -1;
        }
    }
}

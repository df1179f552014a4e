using System;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Tests.HostOnly.Hardening
{
    /// <summary>
    /// The "at" fuzz target: raw modem bytes through a link into <see cref="AtChannel"/>, on the caller's thread (no
    /// reader thread: the channel is driven by <see cref="AtChannel.Step"/>). The first input byte picks what is pending
    /// while the bytes arrive: nothing (URCs only), an <c>AT+CMGR</c> with a PDU line after its header (recognised by
    /// the length the header announces, as the SMS driver reads it), or an <c>AT+QIRD</c> whose response announces raw
    /// bytes. With a command pending, the link answers during the command's write, as a modem answering at once would:
    /// it steps the channel through the rest of the input in chunks whose sizes come from the input, then reports the
    /// link closed. The channel must end every pending command, consume every byte, never throw, and keep its counters
    /// sane.
    /// </summary>
    public static class AtFuzzTarget
    {
        private const int MaxLineLength = 400; // a 176-octet SMS PDU in hex fits; longer lines test the discard path
        private const int CompletionTimeoutMilliseconds = 5000; // only reached when a command is never ended (a finding)

        /// <summary>Runs the target over <c>buffer[offset .. offset+count)</c>.</summary>
        public static ReasonCode Run(byte[] buffer, int offset, int count)
        {
            if (count == 0)
            {
                return ReasonCode.Truncated;
            }

            var link = new ScriptLink(buffer, offset + 1, count - 1);
            var channel = new AtChannel(link, MaxLineLength) { ReadPollMilliseconds = 0 };
            link.Channel = channel;
            channel.RegisterUrc("+CMTI:", false);
            channel.RegisterUrc("+CMT:", AtText.IsSmsPduLine); // as the SMS driver registers it
            channel.RegisterUrc("+QIURC:", false);
            int urcs = 0;
            channel.UrcReceived += (sender, line, payload) => urcs++;
            AtResponse response = null;
            switch (buffer[offset] % 3)
            {
                case 0:
                    link.Answer();
                    break;
                case 1:
                    response = channel.Execute(new AtCommand("AT+CMGR=1", CompletionTimeoutMilliseconds) { ResponsePrefix = "+CMGR:", PayloadLineAfterHeader = true, PayloadTest = AtText.IsSmsPduLine, BinaryLengthField = -1 });
                    break;
                case 2:
                    response = channel.Execute(new AtCommand("AT+QIRD=0", CompletionTimeoutMilliseconds) { ResponsePrefix = "+QIRD:", BinaryLengthField = 0 });
                    break;
            }

            if (!link.Drained || channel.IsOpen || channel.Step())
            {
                throw new FuzzInvariantException("the AT channel did not consume the bytes and stop");
            }

            if (response != null && (response.Result == AtResult.Timeout || response.Lines == null))
            {
                throw new FuzzInvariantException("a pending command was not ended by the link closing: " + response.Result);
            }

            if (channel.OverlongLines < 0 || channel.GarbageBytes < 0 || channel.GarbageBytes > count)
            {
                throw new FuzzInvariantException("counters out of range");
            }

            return response == null || response.IsOk ? ReasonCode.None : ReasonCode.Malformed;
        }

        /// <summary>A link that serves fixed bytes in input-sized chunks, then reports closed.</summary>
        private sealed class ScriptLink : IModemLink
        {
            private readonly byte[] _data;
            private readonly int _end;
            private int _position;

            public ScriptLink(byte[] data, int offset, int count)
            {
                _data = data;
                _position = offset;
                _end = offset + count;
            }

            public AtChannel Channel { get; set; }

            public bool Drained { get; private set; }

            /// <summary>Steps the channel until the link has closed; each step reads one chunk or reports the end.</summary>
            public void Answer()
            {
                for (int steps = 0; Channel.Step(); steps++)
                {
                    if (steps > _end + 2)
                    {
                        throw new FuzzInvariantException("the AT channel kept stepping after the link ended");
                    }
                }
            }

            public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
            {
                if (_position >= _end)
                {
                    Drained = true;
                    return -1;
                }

                // Chunk sizes from the data itself, so line and binary boundaries fall anywhere.
                int chunk = Math.Min(Math.Min(count, 1 + (_data[_position] & 0x3F)), _end - _position);
                Buffer.BlockCopy(_data, _position, buffer, offset, chunk);
                _position += chunk;
                return chunk;
            }

            public void Write(byte[] buffer, int offset, int count) => Answer();
        }
    }
}

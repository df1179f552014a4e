using OmaDm.Notification.Buffers;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// Puts a URC together with what follows its header before it is delivered: the data line after <c>+CMT:</c> (the
    /// first line that passes the registration's <see cref="PayloadLineTest"/>, a URC or stray line in between being
    /// handled as itself), or the raw bytes counted by a <c>+IPD&lt;len&gt;</c> header (framed by the
    /// <see cref="AtLineFramer"/>, delivered in hex). Data that never comes is delivered as a null payload and counted.
    /// Runs on the reading thread only (under the AtLineRouter's read lock); not synchronised.
    /// </summary>
    internal sealed class AtUrcAssembler
    {
        // A URC header awaiting its data line gives up after this many other lines (the data is then reported missing).
        private const int PayloadPatience = 4;

        private readonly AtLineFramer _framer;
        private readonly UrcHandler _deliver;
        private string _awaitingPayload;
        private PayloadLineTest _awaitingTest;
        private int _patienceLeft;
        private string _awaitingData;

        /// <summary>Creates the assembler of a channel.</summary>
        /// <param name="framer">The channel's framer (told to count a data URC's raw bytes).</param>
        /// <param name="deliver">Delivers a complete URC (the channel raises it).</param>
        public AtUrcAssembler(AtLineFramer framer, UrcHandler deliver)
        {
            _framer = framer;
            _deliver = deliver;
        }

        /// <summary>Data lines or raw payloads announced by a URC header that never came.</summary>
        public int MissingPayloads { get; private set; }

        /// <summary>Forgets a header awaiting its data (a new link starts at a line boundary).</summary>
        public void Reset()
        {
            _awaitingPayload = null;
            _awaitingData = null;
        }

        /// <summary>
        /// Offers a line to a header awaiting its data line. A line that is not the data costs the header patience; when
        /// that runs out the header is delivered without data.
        /// </summary>
        /// <param name="line">A line from the modem.</param>
        /// <returns>True when the line was the data (the URC is delivered); false: the line is to be handled as itself.</returns>
        public bool TakePayloadLine(string line)
        {
            string header = _awaitingPayload;
            if (header == null)
            {
                return false;
            }

            if (_awaitingTest == null || _awaitingTest(header, line))
            {
                _awaitingPayload = null;
                _deliver(this, header, line);
                return true;
            }

            // Not its data line (a URC between header and data): handle the line on its own, keep waiting a little.
            if (--_patienceLeft <= 0)
            {
                _awaitingPayload = null;
                MissingPayloads++;
                _deliver(this, header, null);
            }

            return false;
        }

        /// <summary>Offers raw bytes the framer counted to a data URC header awaiting them.</summary>
        /// <param name="data">The bytes.</param>
        /// <returns>True when they were the header's (the URC is delivered); false: they belong to the pending command.</returns>
        public bool TakeData(byte[] data)
        {
            string header = _awaitingData;
            if (header == null)
            {
                return false;
            }

            _awaitingData = null;
            _deliver(this, header, Hex.ToHex(data, 0, data.Length));
            return true;
        }

        /// <summary>Starts a URC line: delivered at once, or held until its data line or raw bytes.</summary>
        /// <param name="urc">The registration the line matched.</param>
        /// <param name="line">The URC line.</param>
        public void Start(AtUrcRegistration urc, string line)
        {
            if (urc.DataLength)
            {
                int length = ParseCount(line, urc.Prefix.Length);
                if (length > 0 && length <= urc.MaxDataLength && _framer.ExpectBinary(length))
                {
                    _awaitingData = line;
                }
                else
                {
                    // A count over the bound is still the modem's own framing: its bytes follow and must be discarded
                    // unread, or a datagram's contents would be parsed as lines (a forged RECV FROM/+IPD, OK, URCs).
                    _framer.SkipBinary(length);
                    MissingPayloads++;
                    _deliver(this, line, null);
                }
            }
            else if (urc.PayloadLine)
            {
                if (_awaitingPayload != null)
                {
                    MissingPayloads++;
                    _deliver(this, _awaitingPayload, null); // a second header: the first one's data never came
                }

                _awaitingPayload = line;
                _awaitingTest = urc.PayloadTest;
                _patienceLeft = PayloadPatience;
            }
            else
            {
                _deliver(this, line, null);
            }
        }

        // The decimal count after the prefix, or -1.
        private static int ParseCount(string line, int from)
        {
            int value = 0;
            if (from >= line.Length || line.Length - from > 5)
            {
                return -1;
            }

            for (int i = from; i < line.Length; i++)
            {
                char c = line[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = (value * 10) + (c - '0');
            }

            return value;
        }
    }
}

using System.Collections;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// The command an <see cref="AtChannel"/> is waiting on: which lines are its own (echo, information lines with its
    /// response prefix, the data line after a header, raw bytes after a length field) and its final result (27.007
    /// clause 5.7: OK, ERROR, +CME/+CMS ERROR, NO CARRIER and its kin). Not synchronised: the channel calls it under its
    /// state lock.
    /// </summary>
    internal sealed class AtPendingCommand
    {
        private byte[] _data;

        /// <summary>Creates the pending state of a command about to be written.</summary>
        /// <param name="command">The command.</param>
        public AtPendingCommand(AtCommand command)
        {
            Command = command;
            Lines = new ArrayList();
        }

        /// <summary>The command.</summary>
        public AtCommand Command { get; }

        /// <summary>Its information lines so far.</summary>
        public ArrayList Lines { get; }

        /// <summary>True after a header whose data line has not come yet.</summary>
        public bool AwaitingPayloadLine { get; set; }

        /// <summary>The last header line.</summary>
        public string Header { get; set; }

        /// <summary>Raw bytes announced by a length field, or the <see cref="AtCommand.HexPayload"/> buffer once its line came; or null.</summary>
        public byte[] Data
        {
            get => _data;
            set
            {
                _data = value;
                AwaitingPayloadLine = false; // a hex data line decoded by the framer is the payload line
            }
        }

        /// <summary>True once the final result is known.</summary>
        public bool Done { get; private set; }

        /// <summary>The final result.</summary>
        public AtResult Result { get; private set; }

        /// <summary>The +CME/+CMS error code, or -1.</summary>
        public int ErrorCode { get; private set; }

        /// <summary>The final result line, or null (timeout, link failure).</summary>
        public string FinalLine { get; private set; }

        /// <summary>Ends the command.</summary>
        /// <param name="result">The result.</param>
        /// <param name="errorCode">The error code, or -1.</param>
        /// <param name="finalLine">The final line, or null.</param>
        public void Finish(AtResult result, int errorCode, string finalLine)
        {
            Done = true;
            Result = result;
            ErrorCode = errorCode;
            FinalLine = finalLine;
        }

        /// <summary>
        /// Takes a line that belongs to the command: its echo, a final result, the data line after a header, or a line
        /// with its response prefix (a length field there switches <paramref name="framer"/> to raw bytes).
        /// </summary>
        /// <param name="line">A line from the modem.</param>
        /// <param name="urcs">The channel's URCs (without a data-line test, a data line is any line that is not a URC).</param>
        /// <param name="framer">The channel's framer.</param>
        /// <param name="payloadMissed">True when a header followed a header whose data line never came.</param>
        /// <returns>True when the line was the command's.</returns>
        public bool Take(string line, AtUrcRegistry urcs, AtLineFramer framer, out bool payloadMissed)
        {
            bool taken = TakeLine(line, urcs, framer, out payloadMissed);
            AtHexPayload hex = Command.HexPayload;
            if (hex != null)
            {
                if (Done)
                {
                    framer.CancelHexLine(); // +QIRD: 0 has no data line
                }
                else if (AwaitingPayloadLine)
                {
                    framer.ExpectHexLine(hex); // after the header, and again after a URC that came between
                }
            }

            return taken;
        }

        private bool TakeLine(string line, AtUrcRegistry urcs, AtLineFramer framer, out bool payloadMissed)
        {
            payloadMissed = false;
            if (line == Command.Text)
            {
                return true; // echo
            }

            // A final result also ends a header whose data line never came (+QIRD: 0 has none).
            if (TryFinal(line))
            {
                return true;
            }

            if (AwaitingPayloadLine)
            {
                PayloadLineTest test = Command.PayloadTest;
                if (test != null ? test(Header, line) : urcs.Match(line) == null)
                {
                    AwaitingPayloadLine = false;
                    Lines.Add(line);
                    return true;
                }
            }

            string prefix = Command.ResponsePrefix;
            if (prefix == null || !line.StartsWith(prefix))
            {
                return false;
            }

            payloadMissed = AwaitingPayloadLine; // a header follows a header: the first one's data line never came
            Lines.Add(line);
            Header = line;
            AwaitingPayloadLine = Command.PayloadLineAfterHeader;
            if (Command.BinaryLengthField >= 0)
            {
                int length = AtText.IntField(AtText.Fields(line), Command.BinaryLengthField);
                framer.ExpectBinary(length); // a length out of range leaves the bytes to be framed as lines
            }

            return true;
        }

        /// <summary>The response as the caller sees it.</summary>
        /// <returns>The response.</returns>
        public AtResponse ToResponse()
        {
            var lines = new string[Lines.Count];
            for (int i = 0; i < lines.Length; i++)
            {
                lines[i] = (string)Lines[i];
            }

            return new AtResponse(Result, ErrorCode, FinalLine, lines, Data);
        }

        private bool TryFinal(string line)
        {
            if (line == "OK")
            {
                Finish(AtResult.Ok, -1, line);
            }
            else if (line == "ERROR")
            {
                Finish(AtResult.Error, -1, line);
            }
            else if (line.StartsWith("+CMS ERROR:"))
            {
                Finish(AtResult.CmsError, AtText.ParseDecimal(line.Substring(11).Trim()), line);
            }
            else if (line.StartsWith("+CME ERROR:"))
            {
                Finish(AtResult.CmeError, AtText.ParseDecimal(line.Substring(11).Trim()), line);
            }
            else if (line == "NO CARRIER" || line == "BUSY" || line == "NO ANSWER" || line == "NO DIALTONE")
            {
                Finish(AtResult.NoCarrier, -1, line);
            }
            else
            {
                return false;
            }

            return true;
        }
    }
}

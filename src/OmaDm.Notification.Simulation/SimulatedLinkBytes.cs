using System.Threading;

namespace OmaDm.Notification.Simulation
{
    /// <summary>
    /// The bytes on the simulated modem's link: the queue of what the modem sent and the terminal has not read yet,
    /// handed out in chunks, and the command line being assembled from what the terminal writes (ended by CR, LF
    /// ignored, capped at 4096 characters). Closing makes reads end; re-opening loses what was in flight. Not
    /// thread-safe but for <see cref="WaitForOutput"/>: <see cref="ScriptedModem"/> calls it under its lock.
    /// </summary>
    internal sealed class SimulatedLinkBytes
    {
        private readonly AutoResetEvent _outputReady = new AutoResetEvent(false);
        private byte[] _output = new byte[1024];
        private int _outputStart;
        private int _outputEnd;
        private char[] _input = new char[4096];
        private int _inputLength;

        /// <summary>True after <see cref="Close"/> until <see cref="Reopen"/>.</summary>
        internal bool Closed { get; private set; }

        /// <summary>Bytes sent and not read yet.</summary>
        internal int Pending => _outputEnd - _outputStart;

        /// <summary>Queues bytes to the terminal, growing the queue as needed.</summary>
        /// <param name="bytes">Source.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Count.</param>
        internal void Append(byte[] bytes, int offset, int count)
        {
            if (_outputEnd + count > _output.Length)
            {
                int live = _outputEnd - _outputStart;
                byte[] grown = new byte[(live + count) * 2];
                System.Array.Copy(_output, _outputStart, grown, 0, live);
                _output = grown;
                _outputStart = 0;
                _outputEnd = live;
            }

            System.Array.Copy(bytes, offset, _output, _outputEnd, count);
            _outputEnd += count;
            _outputReady.Set();
        }

        /// <summary>Takes queued bytes.</summary>
        /// <param name="buffer">Destination.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Room.</param>
        /// <param name="maxChunk">Most bytes one take returns.</param>
        /// <returns>Bytes taken, 0 when nothing is queued.</returns>
        internal int Take(byte[] buffer, int offset, int count, int maxChunk)
        {
            int available = _outputEnd - _outputStart;
            int n = available < count ? available : count;
            n = n < maxChunk ? n : maxChunk;
            if (n > 0)
            {
                System.Array.Copy(_output, _outputStart, buffer, offset, n);
                _outputStart += n;
            }

            return n;
        }

        /// <summary>Waits until bytes are queued or the link closes (called outside the lock).</summary>
        /// <param name="timeoutMilliseconds">Most time to wait.</param>
        internal void WaitForOutput(int timeoutMilliseconds)
        {
            _outputReady.WaitOne(timeoutMilliseconds, false);
        }

        /// <summary>Adds a character the terminal wrote to the command line.</summary>
        /// <param name="c">The character.</param>
        /// <returns>The completed line on CR, otherwise null.</returns>
        internal string Accept(char c)
        {
            if (c == '\r')
            {
                string line = new string(_input, 0, _inputLength);
                _inputLength = 0;
                return line;
            }

            if (c != '\n' && _inputLength < _input.Length)
            {
                _input[_inputLength++] = c;
            }

            return null;
        }

        /// <summary>Drops the command line being assembled (the modem rebooted).</summary>
        internal void ForgetInput()
        {
            _inputLength = 0;
        }

        /// <summary>Closes the link and wakes a waiting reader.</summary>
        internal void Close()
        {
            Closed = true;
            _outputReady.Set();
        }

        /// <summary>Re-opens the link; what was in flight either way is lost.</summary>
        internal void Reopen()
        {
            Closed = false;
            _outputStart = 0;
            _outputEnd = 0;
            _inputLength = 0;
        }
    }
}

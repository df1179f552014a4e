using System.Collections;
using System.Threading;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// Hands a <see cref="ModemWorker"/>'s URCs from the thread that reads the channel (where no command may be sent) to
    /// the worker's pass (where commands are allowed): a queue of wanted URCs, one URC held back while set-up runs first
    /// (it goes next, ahead of the later ones), and the one URC a command's caller is waiting for (<c>+QIOPEN:</c>),
    /// which is handed over at once instead of queued. Safe between the reading thread and the worker's.
    /// </summary>
    internal sealed class ModemUrcInbox
    {
        private readonly Queue _queue = new Queue();
        private readonly AutoResetEvent _expectedArrived = new AutoResetEvent(false);
        private string[] _held;
        private string _expectedPrefix;
        private string _expectedLine;

        /// <summary>Queues a URC for the worker's pass.</summary>
        /// <param name="line">The URC line.</param>
        /// <param name="payload">Its payload, or null.</param>
        public void Add(string line, string payload)
        {
            lock (_queue)
            {
                _queue.Enqueue(new string[] { line, payload });
            }
        }

        /// <summary>The next URC to handle (the held one first), or null.</summary>
        /// <returns><c>{ line, payload }</c>, or null when there is none.</returns>
        public string[] Take()
        {
            lock (_queue)
            {
                string[] urc = _held;
                if (urc != null)
                {
                    _held = null;
                    return urc;
                }

                return _queue.Count == 0 ? null : (string[])_queue.Dequeue();
            }
        }

        /// <summary>Gives back a URC taken but not handled: <see cref="Take"/> returns it next.</summary>
        /// <param name="urc">The URC from <see cref="Take"/>.</param>
        public void Hold(string[] urc)
        {
            lock (_queue)
            {
                _held = urc;
            }
        }

        /// <summary>Arms the inbox for the next URC with this prefix (call before sending the command that causes it).</summary>
        /// <param name="prefix">The URC prefix.</param>
        public void Expect(string prefix)
        {
            _expectedArrived.Reset();
            _expectedLine = null;
            _expectedPrefix = prefix;
        }

        /// <summary>Takes <paramref name="line"/> when it is the expected URC (it is then not queued).</summary>
        /// <param name="line">A URC line, on the reading thread.</param>
        /// <returns>True when the line was the expected URC.</returns>
        public bool TakeExpected(string line)
        {
            string prefix = _expectedPrefix;
            if (prefix == null || !line.StartsWith(prefix))
            {
                return false;
            }

            _expectedLine = line;
            _expectedPrefix = null;
            _expectedArrived.Set();
            return true;
        }

        /// <summary>True once the expected URC has arrived (the signal is consumed).</summary>
        /// <returns>Whether it arrived.</returns>
        public bool ExpectedArrived()
        {
            return _expectedArrived.WaitOne(0, false);
        }

        /// <summary>Stops expecting.</summary>
        /// <param name="arrived">What <see cref="ExpectedArrived"/> last said.</param>
        /// <returns>The expected URC's line when it arrived, else null.</returns>
        public string EndExpect(bool arrived)
        {
            _expectedPrefix = null;
            return arrived ? _expectedLine : null;
        }
    }
}

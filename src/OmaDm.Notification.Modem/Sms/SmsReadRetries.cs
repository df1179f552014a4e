using System.Collections;

namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>
    /// Stored messages that were listed or read without their PDU (a URC or a damaged line in its place), to be read
    /// again with <c>AT+CMGR</c> a bounded number of times; after that only the periodic sweep tries them, so one damaged
    /// slot cannot keep the modem busy. The collections are created at the first miss: rare, and heap blocks on nanoCLR.
    /// Used from the driver's pass only; not synchronised.
    /// </summary>
    public sealed class SmsReadRetries
    {
        private ArrayList _unread; // indexes to read again, oldest first
        private Hashtable _attempts; // index -> reads of it that got no PDU

        /// <summary>True when an index waits to be read again.</summary>
        public bool HasPending => _unread != null && _unread.Count != 0;

        /// <summary>Notes a read or listing of <paramref name="index"/> that got no PDU; queues it again while it has
        /// had at most <paramref name="maxReads"/> such reads.</summary>
        /// <param name="index">The storage index.</param>
        /// <param name="maxReads">Reads without a PDU after which the index is left to the periodic sweep.</param>
        /// <returns>True exactly once per run of misses: when this miss is the first beyond <paramref name="maxReads"/>
        /// (the caller says the message is left to the sweep).</returns>
        public bool Missed(int index, int maxReads)
        {
            if (_attempts == null)
            {
                _attempts = new Hashtable();
                _unread = new ArrayList();
            }

            object attempts = _attempts[index];
            int made = attempts == null ? 1 : (int)attempts + 1;
            _attempts[index] = made;
            if (made > maxReads)
            {
                return made == maxReads + 1;
            }

            if (!_unread.Contains(index))
            {
                _unread.Add(index);
            }

            return false;
        }

        /// <summary>Takes the oldest index waiting to be read again.</summary>
        /// <returns>The index, or -1 when none waits.</returns>
        public int TakeNext()
        {
            if (!HasPending)
            {
                return -1;
            }

            var index = (int)_unread[0];
            _unread.RemoveAt(0);
            return index;
        }

        /// <summary>The PDU of <paramref name="index"/> came: its count of misses starts again.</summary>
        /// <param name="index">The storage index.</param>
        public void Read(int index)
        {
            if (_attempts != null)
            {
                _attempts.Remove(index);
            }
        }
    }
}

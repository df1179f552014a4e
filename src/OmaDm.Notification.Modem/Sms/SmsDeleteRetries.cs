using System.Collections;

namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>
    /// Storage indexes whose <c>AT+CMGD</c> failed, kept for the next maintenance to delete again, and the rule that
    /// builds a list of indexes to delete (each once, only storage indexes). The list is created at the first failure:
    /// rare, and heap blocks on nanoCLR. Used from the driver's pass only; not synchronised.
    /// </summary>
    public sealed class SmsDeleteRetries
    {
        private ArrayList _failed;

        /// <summary>The number of indexes waiting to be deleted again.</summary>
        public int Count => _failed == null ? 0 : _failed.Count;

        /// <summary>Notes a failed delete of <paramref name="index"/> (once, however often it fails).</summary>
        /// <param name="index">The storage index.</param>
        public void Failed(int index)
        {
            if (_failed == null)
            {
                _failed = new ArrayList();
            }

            Add(_failed, index);
        }

        /// <summary>Moves every index waiting to be deleted again to <paramref name="deletions"/>, in the order of
        /// their failures, and forgets them here.</summary>
        /// <param name="deletions">The list of indexes to delete.</param>
        public void MoveTo(ArrayList deletions)
        {
            if (_failed == null)
            {
                return;
            }

            for (int i = 0; i < _failed.Count; i++)
            {
                deletions.Add(_failed[i]);
            }

            _failed.Clear();
        }

        /// <summary>Adds a sink's token to a list of indexes to delete: only a storage index (a boxed int; a directly
        /// delivered message has no token), and only once.</summary>
        /// <param name="deletions">The list of indexes to delete.</param>
        /// <param name="token">The token.</param>
        public static void Add(ArrayList deletions, object token)
        {
            if (!(token is int))
            {
                return;
            }

            if (!deletions.Contains(token))
            {
                deletions.Add(token);
            }
        }
    }
}

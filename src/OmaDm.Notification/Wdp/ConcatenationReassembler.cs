using System;
using System.Collections;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Wdp
{
    /// <summary>
    /// Reassembles concatenated short messages (3GPP TS 23.040 9.2.3.24.1 and .8) keyed by sender, reference number
    /// (8- or 16-bit, kept apart) and declared total. Parts may arrive in any order and more than once; a duplicate
    /// keeps the first copy's bytes but its storage token is tracked so it is released with the message. Memory is
    /// bounded: at most <c>maxPendingMessages</c> messages and <c>maxPendingBytes</c> payload octets are held, the
    /// oldest message being given up first; a message older than the timeout is given up by <see cref="ExpireStale"/>.
    /// Not thread-safe: the caller serializes.
    /// </summary>
    public sealed class ConcatenationReassembler
    {
        private readonly IClock _clock;
        private readonly int _maxPendingMessages;
        private readonly int _maxPendingBytes;
        private readonly int _timeoutMilliseconds;
        private readonly Hashtable _byKey = new Hashtable();

        // Pending messages in order of their first part: index 0 is the oldest, evicted first.
        private readonly ArrayList _byAge = new ArrayList();

        /// <summary>Creates a reassembler.</summary>
        /// <param name="clock">Injected time for the timeout.</param>
        /// <param name="maxPendingMessages">Messages held at once (at least 1).</param>
        /// <param name="maxPendingBytes">Payload octets held at once (at least 1).</param>
        /// <param name="timeoutMilliseconds">Age after which an incomplete message is given up (at least 1).</param>
        /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A bound is below 1.</exception>
        public ConcatenationReassembler(IClock clock, int maxPendingMessages, int maxPendingBytes, int timeoutMilliseconds)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (maxPendingMessages < 1)
            {
                throw new ArgumentOutOfRangeException("maxPendingMessages");
            }

            if (maxPendingBytes < 1)
            {
                throw new ArgumentOutOfRangeException("maxPendingBytes");
            }

            if (timeoutMilliseconds < 1)
            {
                throw new ArgumentOutOfRangeException("timeoutMilliseconds");
            }

            _clock = clock;
            _maxPendingMessages = maxPendingMessages;
            _maxPendingBytes = maxPendingBytes;
            _timeoutMilliseconds = timeoutMilliseconds;
        }

        /// <summary>Messages currently held.</summary>
        public int PendingMessages => _byAge.Count;

        /// <summary>Payload octets currently held.</summary>
        public int PendingBytes { get; private set; }

        /// <summary>
        /// Adds one part. <paramref name="header"/> must be a well-formed, concatenated header whose payload lies in
        /// <paramref name="buffer"/>.
        /// </summary>
        /// <param name="sender">The originating address (part of the key).</param>
        /// <param name="header">The part's decoded user data header.</param>
        /// <param name="buffer">The buffer the header's payload offsets refer to (copied, not kept).</param>
        /// <param name="token">The part's storage token, or null when it is not stored.</param>
        /// <param name="givenUp">Receives every other <see cref="PendingMessage"/> evicted to make room.</param>
        /// <param name="message">The message this part belongs to (complete, pending or evicted).</param>
        /// <returns>What happened to the part's message.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="header"/> is not a valid concatenated header.</exception>
        public ReassemblyStatus Add(string sender, UserDataHeader header, byte[] buffer, object token, ArrayList givenUp, out PendingMessage message)
        {
            if (sender == null || header == null || buffer == null || givenUp == null)
            {
                throw new ArgumentNullException(sender == null ? "sender" : header == null ? "header" : buffer == null ? "buffer" : "givenUp");
            }

            if (header.Reason != ReasonCode.None || !header.IsConcatenated)
            {
                throw new ArgumentException("not a concatenated header", "header");
            }

            string key = KeyOf(sender, header);
            message = (PendingMessage)_byKey[key];
            if (message == null)
            {
                while (_byAge.Count >= _maxPendingMessages)
                {
                    givenUp.Add(Remove(0));
                }

                message = new PendingMessage(key, sender, header.Reference, header.TotalParts, _clock.MonotonicMilliseconds);
                _byKey[key] = message;
                _byAge.Add(message);
            }

            message.NotePort(header.DestinationPort);
            message.AddToken(token);
            if (message.HasPart(header.Sequence))
            {
                return ReassemblyStatus.Pending;
            }

            int count = header.PayloadCount;
            while (PendingBytes + count > _maxPendingBytes && OldestOther(message) >= 0)
            {
                givenUp.Add(Remove(OldestOther(message)));
            }

            if (PendingBytes + count > _maxPendingBytes)
            {
                Remove(_byAge.IndexOf(message));
                return ReassemblyStatus.Evicted;
            }

            message.SetPart(header.Sequence, buffer, header.PayloadOffset, count);
            PendingBytes += count;
            if (!message.IsComplete)
            {
                return ReassemblyStatus.Pending;
            }

            Remove(_byAge.IndexOf(message));
            return ReassemblyStatus.Complete;
        }

        /// <summary>Gives up every message whose first part is at least the timeout old.</summary>
        /// <returns>The given-up messages, oldest first; empty, never null.</returns>
        public PendingMessage[] ExpireStale()
        {
            long now = _clock.MonotonicMilliseconds;
            var expired = new ArrayList();
            while (_byAge.Count > 0 && now - ((PendingMessage)_byAge[0]).StartedMilliseconds >= _timeoutMilliseconds)
            {
                expired.Add(Remove(0));
            }

            var result = new PendingMessage[expired.Count];
            expired.CopyTo(result, 0);
            return result;
        }

        private static string KeyOf(string sender, UserDataHeader header)
        {
            // 8- and 16-bit references are different number spaces; the total is part of the key so a reused
            // reference for a message of another length does not mix parts.
            return sender + "\n" + header.ReferenceBits.ToString() + ":" + header.Reference.ToString() + "/" + header.TotalParts.ToString();
        }

        private int OldestOther(PendingMessage message)
        {
            return _byAge.Count == 0 ? -1 : _byAge[0] != message ? 0 : _byAge.Count > 1 ? 1 : -1;
        }

        private PendingMessage Remove(int index)
        {
            var message = (PendingMessage)_byAge[index];
            _byAge.RemoveAt(index);
            _byKey.Remove(message.Key);
            PendingBytes -= message.ReceivedBytes;
            return message;
        }
    }
}

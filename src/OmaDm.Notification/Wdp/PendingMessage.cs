using System.Collections;

namespace OmaDm.Notification.Wdp
{
    /// <summary>
    /// One concatenated message under reassembly (3GPP TS 23.040 9.2.3.24.1): the parts received so far, the storage
    /// tokens of every stored copy (duplicates included), and what the parts' port elements claimed.
    /// </summary>
    public sealed class PendingMessage
    {
        private readonly byte[][] _parts;
        private readonly ArrayList _tokens = new ArrayList();

        internal PendingMessage(string key, string sender, int reference, int totalParts, long startedMilliseconds)
        {
            Key = key;
            Sender = sender;
            Reference = reference;
            _parts = new byte[totalParts][];
            StartedMilliseconds = startedMilliseconds;
        }

        internal string Key { get; }

        /// <summary>The originating address of the parts.</summary>
        public string Sender { get; }

        /// <summary>The concatenation reference number.</summary>
        public int Reference { get; }

        /// <summary>The declared number of parts.</summary>
        public int TotalParts => _parts.Length;

        /// <summary>Distinct parts received so far.</summary>
        public int ReceivedParts { get; private set; }

        /// <summary>Payload octets held for the distinct parts.</summary>
        public int ReceivedBytes { get; private set; }

        /// <summary>When the first part arrived (monotonic milliseconds).</summary>
        public long StartedMilliseconds { get; }

        /// <summary>Some part carried destination port 2948.</summary>
        public bool HasWapPushPort { get; private set; }

        /// <summary>Some part carried a destination port other than 2948.</summary>
        public bool HasOtherPort { get; private set; }

        /// <summary>
        /// True when the message is WAP push to port 2948: some part said so and none contradicted it (parts without a
        /// port element are allowed, as CDMA-style WDP puts the ports in the first segment only).
        /// </summary>
        public bool IsWapPush => HasWapPushPort && !HasOtherPort;

        /// <summary>All parts received.</summary>
        public bool IsComplete => ReceivedParts == _parts.Length;

        /// <summary>The storage tokens of every stored part received, duplicates included; empty, never null.</summary>
        public object[] Tokens => _tokens.ToArray();

        internal void NotePort(int destinationPort)
        {
            if (destinationPort == UserDataHeader.WapPushPort)
            {
                HasWapPushPort = true;
            }
            else if (destinationPort >= 0)
            {
                HasOtherPort = true;
            }
        }

        internal void AddToken(object token)
        {
            if (token != null && !_tokens.Contains(token))
            {
                _tokens.Add(token);
            }
        }

        internal bool HasPart(int sequence)
        {
            return _parts[sequence - 1] != null;
        }

        internal void SetPart(int sequence, byte[] buffer, int offset, int count)
        {
            byte[] part = new byte[count];
            System.Array.Copy(buffer, offset, part, 0, count);
            _parts[sequence - 1] = part;
            ReceivedParts++;
            ReceivedBytes += count;
        }

        /// <summary>Concatenates the parts in sequence order (call when <see cref="IsComplete"/>).</summary>
        /// <returns>The reassembled payload, <see cref="ReceivedBytes"/> octets.</returns>
        public byte[] Assemble()
        {
            byte[] payload = new byte[ReceivedBytes];
            int position = 0;
            for (int i = 0; i < _parts.Length; i++)
            {
                if (_parts[i] != null)
                {
                    System.Array.Copy(_parts[i], 0, payload, position, _parts[i].Length);
                    position += _parts[i].Length;
                }
            }

            return payload;
        }
    }
}

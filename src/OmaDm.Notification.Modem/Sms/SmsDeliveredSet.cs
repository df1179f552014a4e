using System.Collections;

namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>
    /// Which stored messages the sink has already seen, by storage index and a fingerprint of the PDU: a message seen
    /// twice (by the sweep and by its <c>+CMTI</c>) reaches the sink once, while a new message in a reused slot is told
    /// apart by its different PDU. Used from the driver's pass only; not synchronised.
    /// </summary>
    public sealed class SmsDeliveredSet
    {
        private readonly Hashtable _fingerprints = new Hashtable(); // index -> fingerprint of the PDU the sink has seen

        /// <summary>Records the message at <paramref name="index"/> as seen, unless this same PDU already was.</summary>
        /// <param name="index">The storage index.</param>
        /// <param name="pduHex">The PDU line as the modem sent it (hex, either case).</param>
        /// <returns>True when the sink has not seen this message yet (it is now recorded); false for a repeat.</returns>
        public bool MarkSeen(int index, string pduHex)
        {
            int fingerprint = Fingerprint(pduHex);
            object seen = _fingerprints[index];
            if (seen != null && (int)seen == fingerprint)
            {
                return false;
            }

            _fingerprints[index] = fingerprint;
            return true;
        }

        /// <summary>Forgets the message at <paramref name="index"/> (deleted, or the slot found empty).</summary>
        /// <param name="index">The storage index.</param>
        public void Forget(int index)
        {
            _fingerprints.Remove(index);
        }

        /// <summary>Forgets every message, so the next sweep delivers all stored messages again.</summary>
        public void ForgetAll()
        {
            _fingerprints.Clear();
        }

        // FNV-1a over the hex text, case-folded: tells a re-read of the same message from a new message in a reused slot.
        private static int Fingerprint(string text)
        {
            uint hash = 2166136261;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= 'a' && c <= 'f')
                {
                    c = (char)(c - 32);
                }

                hash = (hash ^ c) * 16777619;
            }

            return (int)hash;
        }
    }
}

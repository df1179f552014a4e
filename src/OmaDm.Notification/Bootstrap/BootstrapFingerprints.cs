namespace OmaDm.Notification.Bootstrap
{
    /// <summary>
    /// The bounded record of accepted bootstraps that refuses a replay (<see cref="ReasonCode.BootstrapReplayed"/>): the
    /// first <see cref="Length"/> octets of each accepted bootstrap's MAC, the newest <see cref="Capacity"/> kept, oldest
    /// first, concatenated in one array. A bootstrap carries nothing fresh (no counter, no time the MAC covers), so its
    /// MAC is what tells a repeat from a new one.
    /// </summary>
    public static class BootstrapFingerprints
    {
        /// <summary>Octets kept per bootstrap: 64 bits of HMAC-SHA1, so a new bootstrap matching a kept one by chance is out of reach.</summary>
        public const int Length = 8;

        /// <summary>Fingerprints kept; the oldest is dropped for a new one beyond it.</summary>
        public const int Capacity = 16;

        /// <summary>True when <paramref name="set"/> holds the fingerprint of this MAC. Allocates nothing.</summary>
        /// <param name="set">The fingerprints, concatenated (a multiple of <see cref="Length"/> octets).</param>
        /// <param name="mac">Holds the MAC.</param>
        /// <param name="macOffset">Where it starts (at least <see cref="Length"/> octets).</param>
        /// <returns><c>true</c> when held.</returns>
        public static bool Contains(byte[] set, byte[] mac, int macOffset)
        {
            for (int start = 0; start + Length <= set.Length; start += Length)
            {
                int i = 0;
                while (i < Length && set[start + i] == mac[macOffset + i])
                {
                    i++;
                }

                if (i == Length)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Returns a new set: <paramref name="set"/> with this MAC's fingerprint appended, the oldest dropped beyond <see cref="Capacity"/>.</summary>
        /// <param name="set">The fingerprints, concatenated.</param>
        /// <param name="mac">Holds the MAC.</param>
        /// <param name="macOffset">Where it starts.</param>
        /// <returns>The new set.</returns>
        public static byte[] Add(byte[] set, byte[] mac, int macOffset)
        {
            int keep = set.Length / Length < Capacity ? set.Length : (Capacity - 1) * Length;
            var next = new byte[keep + Length];
            System.Array.Copy(set, set.Length - keep, next, 0, keep);
            System.Array.Copy(mac, macOffset, next, keep, Length);
            return next;
        }
    }
}

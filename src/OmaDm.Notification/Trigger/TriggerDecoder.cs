// General Package #0, the trigger message (OMA-TS-DM_Notification 6.1, fields 6.2.2 .. 6.2.13; example in Appendix C).
// Big-endian (network order), bit 0 = most significant bit of the first octet after the digest.
//
//   octets 0..15   digest, MD5, 128 bits (6.2.2)
//   octets 16..20  40 bits, most significant first:
//                  | 16       | 17       | 18       | 19       | 20       |
//                  | vvvvvvvv | vvuuirrr | rrrrrrrr | rrrrrrrr | rrrrrrrr |
//   octets 21..22  session id, 16 bits (6.2.10)
//   octet  23      len = length-identifier, 8 bits (6.2.11)
//   octets 24..    server identifier, len octets (6.2.12), then the vendor tail to the end (6.2.13)
//
//        v = version, 10 bits (6.2.6): 11 = "1.1" (spec text), 12 sent by DS 1.2 and some DM servers
//        u = ui-mode, 2 bits (6.2.7)     i = initiator, 1 bit (6.2.8)
//        r = future-use, 27 bits (6.2.9): must be sent as 0; ignored, reported
//        session id, 16 bits (6.2.10): 0..FFFF (0 occurs in the field)
//        len = length-identifier, 8 bits (6.2.11): 1..255 here; 0 or past the message end is Malformed
//        server identifier, len octets (6.2.12)
//        vendor tail (6.2.13): every remaining octet; the trigger (octet 16 to the end) may exceed 255 octets
//
// Decisions:
// - Shorter than the 24-octet fixed part (digest .. len): Truncated.
// - The version is judged as soon as the fixed part is there, before the server identifier: a version we do not
//   accept may lay out the rest differently, so its "length" is not ours to call malformed.
// - A server-identifier length running past the message is Malformed, not Truncated: the fixed part arrived whole,
//   so its own length field contradicts it.
// - The vendor tail has no length of its own, so a message cut inside it still decodes (with a shorter tail); the
//   digest, computed over the whole trigger, is what catches that.
using System;
using OmaDm.Notification.Buffers;

namespace OmaDm.Notification.Trigger
{
    /// <summary>Decodes General Package #0 (OMA-TS-DM_Notification 6.1). See the file header for the wire layout.</summary>
    public sealed class TriggerDecoder
    {
        /// <summary>Octets from the first digest octet through the length-identifier: the smallest readable message minus the server id.</summary>
        public const int FixedLength = NotificationTrigger.DigestLength + HeaderWordLength + ReservedTailLength + SessionIdLength + 1;

        /// <summary>Largest value the 10-bit version field can carry.</summary>
        public const int MaxVersion = 0x3FF;

        // The first 16 bits after the digest: vvvvvvvvvv uu i rrr.
        private const int HeaderWordLength = 2;
        private const int VersionShift = 6;
        private const int VersionMask = 0x3FF;
        private const int UiModeShift = 4;
        private const int UiModeMask = 0x3;
        private const int InitiatorShift = 3;
        private const int InitiatorMask = 0x1;
        private const int ReservedHighBitsMask = 0x7;

        // The remaining 24 of the 27 future-use bits.
        private const int ReservedTailLength = 3;
        private const int ReservedTailBits = 24;
        private const int SessionIdLength = 2;

        private readonly int[] _acceptedVersions;

        /// <summary>Creates a decoder that accepts versions 11 and 12.</summary>
        public TriggerDecoder()
            : this(new int[] { 11, 12 })
        {
        }

        /// <summary>Creates a decoder that accepts the given 10-bit version values.</summary>
        /// <param name="acceptedVersions">Accepted version field values (for example 11 and 12); copied.</param>
        /// <exception cref="ArgumentNullException"><paramref name="acceptedVersions"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A value lies outside 0..<see cref="MaxVersion"/>.</exception>
        public TriggerDecoder(int[] acceptedVersions)
        {
            if (acceptedVersions == null)
            {
                throw new ArgumentNullException(nameof(acceptedVersions));
            }

            _acceptedVersions = new int[acceptedVersions.Length];
            for (int i = 0; i < acceptedVersions.Length; i++)
            {
                if (acceptedVersions[i] < 0 || acceptedVersions[i] > MaxVersion)
                {
                    throw new ArgumentOutOfRangeException(nameof(acceptedVersions));
                }

                _acceptedVersions[i] = acceptedVersions[i];
            }
        }

        /// <summary>Returns whether the 10-bit version value is in this decoder's accepted set.</summary>
        /// <param name="version">The version field value.</param>
        /// <returns><c>true</c> if accepted.</returns>
        public bool AcceptsVersion(int version)
        {
            for (int i = 0; i < _acceptedVersions.Length; i++)
            {
                if (_acceptedVersions[i] == version)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Decodes <c>buffer[offset .. offset+count)</c> (digest + trigger) into <paramref name="into"/>.</summary>
        /// <param name="buffer">The message bytes.</param>
        /// <param name="offset">Index of the first digest byte.</param>
        /// <param name="count">Length of the whole message.</param>
        /// <param name="into">Receives the fields; its content is unspecified when the result is not None.</param>
        /// <returns><see cref="ReasonCode.None"/>, or Truncated, Malformed or UnsupportedVersion.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> or <paramref name="into"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public ReasonCode Decode(byte[] buffer, int offset, int count, NotificationTrigger into)
        {
            if (into == null)
            {
                throw new ArgumentNullException(nameof(into));
            }

            ByteReader reader = into.Reader;
            reader.Reset(buffer, offset, count);
            if (reader.Remaining < FixedLength)
            {
                return ReasonCode.Truncated;
            }

            reader.TryReadSpan(NotificationTrigger.DigestLength, out int digestOffset);
            int triggerOffset = reader.Position;
            reader.TryReadUInt16BigEndian(out int word);
            int reservedTail = 0;
            for (int i = 0; i < ReservedTailLength; i++)
            {
                reader.TryReadByte(out byte octet);
                reservedTail = (reservedTail << 8) | octet;
            }

            reader.TryReadUInt16BigEndian(out int sessionId);
            reader.TryReadByte(out byte serverIdLength);

            int version = (word >> VersionShift) & VersionMask;
            if (!AcceptsVersion(version))
            {
                return ReasonCode.UnsupportedVersion;
            }

            if (serverIdLength == 0 || !reader.TryReadSpan(serverIdLength, out int serverIdOffset))
            {
                return ReasonCode.Malformed;
            }

            int vendorLength = reader.Remaining;
            reader.TryReadSpan(vendorLength, out int vendorOffset);

            into.Buffer = buffer;
            into.DigestOffset = digestOffset;
            into.TriggerOffset = triggerOffset;
            into.TriggerLength = reader.Position - triggerOffset;
            into.Version = version;
            into.UiMode = (UiMode)((word >> UiModeShift) & UiModeMask);
            into.Initiator = (Initiator)((word >> InitiatorShift) & InitiatorMask);
            into.Reserved = ((word & ReservedHighBitsMask) << ReservedTailBits) | reservedTail;
            into.SessionId = sessionId;
            into.ServerIdOffset = serverIdOffset;
            into.ServerIdLength = serverIdLength;
            into.VendorOffset = vendorOffset;
            into.VendorLength = vendorLength;
            return ReasonCode.None;
        }
    }
}

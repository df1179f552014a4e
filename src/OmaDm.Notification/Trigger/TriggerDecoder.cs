using System;

namespace OmaDm.Notification.Trigger
{
    /// <summary>Decodes General Package #0 (OMA-TS-DM_Notification 6.1). See the file header for the wire layout.</summary>
    public sealed class TriggerDecoder
    {
        /// <summary>Creates a decoder that accepts versions 11 and 12.</summary>
        public TriggerDecoder()
            : this(new int[] { 11, 12 })
        {
        }

        /// <summary>Creates a decoder that accepts the given 10-bit version values.</summary>
        /// <param name="acceptedVersions">Accepted version field values (for example 11 and 12); copied.</param>
        public TriggerDecoder(int[] acceptedVersions)
        {
            throw new NotImplementedException();
        }

        /// <summary>Decodes <c>buffer[offset .. offset+count)</c> (digest + trigger) into <paramref name="into"/>.</summary>
        /// <param name="buffer">The message bytes.</param>
        /// <param name="offset">Index of the first digest byte.</param>
        /// <param name="count">Length of the whole message.</param>
        /// <param name="into">Receives the fields; its content is unspecified when the result is not None.</param>
        /// <returns><see cref="ReasonCode.None"/>, or Truncated, Malformed or UnsupportedVersion.</returns>
        public ReasonCode Decode(byte[] buffer, int offset, int count, NotificationTrigger into)
        {
            throw new NotImplementedException();
        }
    }
}

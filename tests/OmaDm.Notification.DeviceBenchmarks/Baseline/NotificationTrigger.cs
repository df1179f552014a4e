// BENCHMARK BASELINE ONLY: a verbatim copy of src/OmaDm.Notification/Trigger/NotificationTrigger.cs as it was before the interpreter work (commit
// f79157e), in its own namespace, so the device benchmarks time the old and the new code side by side in
// one run. Not used by any device code; do not fix or extend it.

using System;
using System.Text;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Trigger;
using OmaDm.Notification.Wsp;

namespace OmaDm.Notification.DeviceBenchmarks.Baseline
{
    /// <summary>
    /// A decoded General Package #0 (OMA-TS-DM_Notification 6.1). Filled in place by <see cref="TriggerDecoder"/>; the
    /// digest, server identifier and vendor tail are kept as ranges of <see cref="Buffer"/> so decoding and rejecting
    /// allocate nothing. Reuse one instance per receive loop; copy what must outlive the buffer.
    /// </summary>
    public sealed class NotificationTrigger
    {
        /// <summary>Length of the MD5 digest that opens the message (128 bits).</summary>
        public const int DigestLength = 16;

        /// <summary>The buffer the ranges below index into.</summary>
        public byte[] Buffer { get; internal set; }

        /// <summary>Absolute index of the 16-byte digest (the start of the message).</summary>
        public int DigestOffset { get; internal set; }

        /// <summary>Absolute index of the trigger (every byte after the digest, vendor tail included).</summary>
        public int TriggerOffset { get; internal set; }

        /// <summary>Length of the trigger; the digest is computed over exactly these bytes. May exceed 255.</summary>
        public int TriggerLength { get; internal set; }

        /// <summary>The 10-bit version field (11 means "1.1", 12 means "1.2").</summary>
        public int Version { get; internal set; }

        /// <summary>The 2-bit user-interaction mode.</summary>
        public UiMode UiMode { get; internal set; }

        /// <summary>The 1-bit initiator.</summary>
        public Initiator Initiator { get; internal set; }

        /// <summary>The 27 future-use bits, right-aligned. Must be sent as 0; receivers ignore them, we report them.</summary>
        public int Reserved { get; internal set; }

        /// <summary>The 16-bit session identifier, 0..0xFFFF (0 is sent by real servers although the range is 1..FFFF).</summary>
        public int SessionId { get; internal set; }

        /// <summary>Absolute index of the server identifier.</summary>
        public int ServerIdOffset { get; internal set; }

        /// <summary>Length of the server identifier, 1..255.</summary>
        public int ServerIdLength { get; internal set; }

        /// <summary>Absolute index of the vendor-specific tail (the bytes after the server identifier).</summary>
        public int VendorOffset { get; internal set; }

        /// <summary>Length of the vendor-specific tail; 0 when absent.</summary>
        public int VendorLength { get; internal set; }

        /// <summary>Decodes the server identifier as UTF-8 text. Allocates; call only after the message is accepted or for logs.</summary>
        /// <returns>The server identifier.</returns>
        public string GetServerId()
        {
            if (Buffer == null || ServerIdLength == 0)
            {
                return string.Empty;
            }

            return Encoding.UTF8.GetString(Buffer, ServerIdOffset, ServerIdLength);
        }

        /// <summary>Copies the vendor-specific tail.</summary>
        /// <returns>A new array, empty when there is no tail.</returns>
        public byte[] CopyVendor()
        {
            var copy = new byte[VendorLength];
            if (VendorLength > 0)
            {
                Array.Copy(Buffer, VendorOffset, copy, 0, VendorLength);
            }

            return copy;
        }
    }
}

using System;
using OmaDm.Notification.Storage.FileSystem;

namespace OmaDm.Notification.Storage.Records
{
    /// <summary>
    /// One crash-safe record (a byte payload) kept in two slot files, <c>name.a</c> and <c>name.b</c>, without
    /// <c>File.Replace</c>, temporary files or renames. A save overwrites only the slot that does not hold the current
    /// record, with a higher sequence number, in one write (streamed in chunks, without a whole-record buffer); the current record is never touched. Loading validates both
    /// slots and takes the valid one with the higher sequence number. So a power cut before, during (a torn write at
    /// any byte) or after the write finds either the previous record or the new one, never a mix and never nothing.
    /// </summary>
    /// <remarks>
    /// Slot file layout (big-endian):
    /// <code>
    /// offset size field
    ///   0     4  magic "OMDR" (0x4F 0x4D 0x44 0x52)
    ///   4     2  format version (1)
    ///   6     2  reserved, 0
    ///   8     8  sequence number (64-bit, starts at 1, +1 per save, wrapping)
    ///  16     4  payload length
    ///  20     4  CRC-32 (ISO 3309) of bytes 0..19 followed by the payload
    ///  24     n  payload
    /// </code>
    /// A file shorter than announced is <see cref="StoreReason.Truncated"/>, a longer one <see cref="StoreReason.BadLength"/>.
    /// A 0-byte file is <see cref="StoreReason.EmptySlot"/> and counts as never written: the file system creates the file
    /// before its first byte lands, so a crash there (during the very first save, with no other slot) leaves one; read as
    /// corrupt, it would stop every later open. A file with at least one byte that is not a valid slot stays refused.
    /// The sequence is a wrapping counter: slot B is newer when <c>B - A</c>, computed modulo 2^64 as a signed number, is
    /// positive. Two slots written by this code differ by one, so a slot at <c>0x7FFFFFFFFFFFFFFF</c> (only a hand-made
    /// or 2^63-save-old file) is followed by one at <c>0x8000000000000000</c> that still wins. Slots equal in sequence,
    /// or exactly 2^63 apart, cannot be produced by this code; if found, slot A wins (deterministic).
    /// No temporary file is ever created, so there is none to recover after a reboot.
    /// </remarks>
    public sealed class RecordStore
    {
        /// <summary>Bytes of the slot header.</summary>
        public const int HeaderLength = 24;

        /// <summary>Bytes of the buffer a save streams its record through.</summary>
        public const int ChunkLength = 512;

        /// <summary>The format version this code writes and reads.</summary>
        public const int FormatVersion = 1;

        private const int MagicOffset = 0;
        private const int VersionOffset = 4;
        private const int SequenceOffset = 8;
        private const int LengthOffset = 16;
        private const int CrcOffset = 20;
        private static readonly byte[] Magic = new byte[] { 0x4F, 0x4D, 0x44, 0x52 };

        private readonly IFlashFileSystem _files;
        private readonly string _slotA;
        private readonly string _slotB;
        private readonly int _maxPayload;
        private int _currentSlot = -1;
        private long _sequence;
        // A slot held bytes at a load, or a save committed: the record exists, so finding none later means it was lost.
        private bool _existed;
        private byte[] _chunk;
        private uint _crc;
        private IFlashFileWriter _file;
        private byte[] _raw;
        private int _rawOffset;
        private int _rawCount;

        /// <summary>Creates a record store; call <see cref="Load"/> before <see cref="Save(RecordEncoder)"/>.</summary>
        /// <param name="files">The file system.</param>
        /// <param name="name">Base file name; the slots are <c>name.a</c> and <c>name.b</c>.</param>
        /// <param name="maxPayload">Largest payload accepted when loading or saving.</param>
        /// <exception cref="ArgumentNullException">A file system or name is missing.</exception>
        public RecordStore(IFlashFileSystem files, string name, int maxPayload)
            : this(files, name, maxPayload, null)
        {
        }

        /// <summary>Creates a record store that streams its saves through a chunk buffer shared with other stores.</summary>
        /// <param name="files">The file system.</param>
        /// <param name="name">Base file name; the slots are <c>name.a</c> and <c>name.b</c>.</param>
        /// <param name="maxPayload">Largest payload accepted when loading or saving.</param>
        /// <param name="chunk">The save buffer (at least 16 bytes), used by one save at a time; null allocates <see cref="ChunkLength"/> bytes at the first save.</param>
        /// <exception cref="ArgumentNullException">A file system or name is missing.</exception>
        public RecordStore(IFlashFileSystem files, string name, int maxPayload, byte[] chunk)
        {
            if (files == null)
            {
                throw new ArgumentNullException(nameof(files));
            }

            if (name == null || name.Length == 0)
            {
                throw new ArgumentNullException(nameof(name));
            }

            _files = files;
            _slotA = name + ".a";
            _slotB = name + ".b";
            _maxPayload = maxPayload;
            _chunk = chunk;
        }

        /// <summary>Name of slot file A.</summary>
        public string SlotAName => _slotA;

        /// <summary>Name of slot file B.</summary>
        public string SlotBName => _slotB;

        /// <summary>Why slot A was not usable at the last load (<see cref="StoreReason.None"/> when it was valid).</summary>
        public StoreReason SlotAReason { get; private set; }

        /// <summary>Why slot B was not usable at the last load (<see cref="StoreReason.None"/> when it was valid).</summary>
        public StoreReason SlotBReason { get; private set; }

        /// <summary>Sequence number of the current record (0 when there is none; a wrapped counter may also be 0).</summary>
        public long Sequence => _sequence;

        /// <summary>Reads both slots and returns the newest valid payload.</summary>
        /// <param name="validator">Decides whether a checksum-valid payload is usable (a refused one counts as the reason it gives, and the other slot is used); null accepts all.</param>
        /// <param name="payload">The payload, or null when neither slot is valid.</param>
        /// <returns><see cref="StoreReason.None"/>, or <see cref="StoreReason.NotFound"/> when neither slot was ever written (missing or <see cref="StoreReason.EmptySlot"/>; <see cref="StoreReason.IoError"/> when an earlier load or save of this instance saw the record), or slot A's failure otherwise (slot B's when A was never written).</returns>
        /// <exception cref="OutOfMemoryException">Reading a slot ran out of memory (no state changed).</exception>
        public StoreReason Load(RecordValidator validator, out byte[] payload)
        {
            StoreReason reasonA = ReadSlot(_slotA, validator, out long sequenceA, out byte[] payloadA);
            StoreReason reasonB = ReadSlot(_slotB, validator, out long sequenceB, out byte[] payloadB);
            SlotAReason = reasonA;
            SlotBReason = reasonB;

            bool useB = reasonB == StoreReason.None && (reasonA != StoreReason.None || IsNewer(sequenceB, sequenceA));
            bool existed = _existed;
            _existed = existed || !NeverWritten(reasonA) || !NeverWritten(reasonB);
            if (reasonA == StoreReason.None && !useB)
            {
                _currentSlot = 0;
                _sequence = sequenceA;
                payload = payloadA;
                return StoreReason.None;
            }

            if (useB)
            {
                _currentSlot = 1;
                _sequence = sequenceB;
                payload = payloadB;
                return StoreReason.None;
            }

            _currentSlot = -1;
            _sequence = 0;
            payload = null;
            if (NeverWritten(reasonA))
            {
                if (NeverWritten(reasonB))
                {
                    // Gone after it existed (removed, or the file system lost it): unreadable, not a first boot.
                    return existed ? StoreReason.IoError : StoreReason.NotFound;
                }

                return reasonB;
            }

            return reasonA;
        }

        /// <summary>
        /// Reads the current record again (the slot the last <see cref="Load"/> chose or the last save wrote), changing no
        /// state: for a caller that keeps no copy of what it saved.
        /// </summary>
        /// <param name="validator">As for <see cref="Load"/>; null accepts all.</param>
        /// <param name="payload">The payload, or null when it could not be read.</param>
        /// <returns><see cref="StoreReason.None"/>; <see cref="StoreReason.NotFound"/> when there is no current record; the slot's failure otherwise (<see cref="StoreReason.IoError"/> when it is missing or no longer the record last loaded or saved).</returns>
        /// <exception cref="OutOfMemoryException">Reading the slot ran out of memory.</exception>
        public StoreReason ReadCurrent(RecordValidator validator, out byte[] payload)
        {
            payload = null;
            if (_currentSlot < 0)
            {
                return StoreReason.NotFound;
            }

            StoreReason reason = ReadSlot(_currentSlot == 0 ? _slotA : _slotB, validator, out long sequence, out byte[] read);
            if (NeverWritten(reason))
            {
                // The current record was there: a missing one is lost, never "not written yet".
                return StoreReason.IoError;
            }

            if (reason != StoreReason.None)
            {
                return reason;
            }

            if (sequence != _sequence)
            {
                return StoreReason.IoError;
            }

            payload = read;
            return StoreReason.None;
        }

        /// <summary>Writes a new record into the slot that does not hold the current one, in a single write.</summary>
        /// <param name="payload">Buffer holding the payload.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Payload length.</param>
        /// <returns><see cref="StoreReason.None"/> when committed; <see cref="StoreReason.BadLength"/> or <see cref="StoreReason.IoError"/> otherwise (the previous record stays current).</returns>
        public StoreReason Save(byte[] payload, int offset, int count)
        {
            Buffers.ByteReader.CheckRange(payload, offset, count);
            _raw = payload;
            _rawOffset = offset;
            _rawCount = count;
            try
            {
                return Save(WriteRaw);
            }
            finally
            {
                _raw = null;
            }
        }

        /// <summary>
        /// Writes a new record, produced by an encoder, into the slot that does not hold the current one, in a single
        /// write streamed through a <see cref="ChunkLength"/>-byte buffer: no buffer of the record's size is allocated
        /// (with a file system that is an <see cref="IChunkedFlashFileSystem"/>). The encoder runs three times: to
        /// measure the payload, to checksum it, to write it; an exception it throws on the first run (a value out of
        /// bounds) reaches the caller before any write.
        /// </summary>
        /// <param name="encoder">Writes the payload; the same bytes on every call.</param>
        /// <returns><see cref="StoreReason.None"/> when committed; <see cref="StoreReason.BadLength"/> or <see cref="StoreReason.IoError"/> otherwise (the previous record stays current).</returns>
        /// <exception cref="ArgumentNullException">The encoder is missing.</exception>
        /// <exception cref="OutOfMemoryException">Out of memory while encoding or writing (the previous record stays current).</exception>
        public StoreReason Save(RecordEncoder encoder)
        {
            if (encoder == null)
            {
                throw new ArgumentNullException(nameof(encoder));
            }

            if (_chunk == null)
            {
                _chunk = new byte[ChunkLength];
            }

            int count = Encode(encoder, CountSink);
            if (count > _maxPayload)
            {
                return StoreReason.BadLength;
            }

            long sequence = unchecked(_sequence + 1);
            byte[] header = new byte[HeaderLength];
            Array.Copy(Magic, 0, header, MagicOffset, Magic.Length);
            PutUInt16(header, VersionOffset, FormatVersion);
            PutUInt32(header, SequenceOffset, (uint)((ulong)sequence >> 32));
            PutUInt32(header, SequenceOffset + 4, (uint)sequence);
            PutUInt32(header, LengthOffset, (uint)count);
            _crc = Crc32.Update(Crc32.Start(), header, 0, CrcOffset);
            if (Encode(encoder, CrcSink) != count)
            {
                throw new InvalidOperationException("The encoder wrote a different length on its second pass.");
            }

            PutUInt32(header, CrcOffset, Crc32.Finish(_crc));
            int target = _currentSlot == 0 ? 1 : 0;
            try
            {
                _file = OpenWrite(target == 0 ? _slotA : _slotB);
                try
                {
                    _file.Write(header, 0, HeaderLength);
                    if (Encode(encoder, WriteSink) != count)
                    {
                        // A torn slot is what a power cut leaves: the current one stays in force.
                        return StoreReason.IoError;
                    }

                    _file.Flush();
                }
                finally
                {
                    _file.Dispose();
                    _file = null;
                }
            }
            catch (OutOfMemoryException)
            {
                // Not a store failure: the caller's own out-of-memory handling names it (and keeps an SMS for re-reading).
                throw;
            }
            catch (Exception)
            {
                // The current slot is untouched; the next save retries the same target slot.
                return StoreReason.IoError;
            }

            _currentSlot = target;
            _sequence = sequence;
            _existed = true;
            return StoreReason.None;
        }

        private int Encode(RecordEncoder encoder, PayloadSink sink)
        {
            var writer = new PayloadWriter(_chunk, sink);
            encoder(writer);
            writer.Flush();
            return writer.Length;
        }

        private void WriteRaw(PayloadWriter writer)
        {
            writer.WriteBytes(_raw, _rawOffset, _rawCount);
        }

        private void CountSink(byte[] buffer, int offset, int count)
        {
        }

        private void CrcSink(byte[] buffer, int offset, int count)
        {
            _crc = Crc32.Update(_crc, buffer, offset, count);
        }

        private void WriteSink(byte[] buffer, int offset, int count)
        {
            _file.Write(buffer, offset, count);
        }

        private IFlashFileWriter OpenWrite(string name)
        {
            var chunked = _files as IChunkedFlashFileSystem;
            return chunked != null ? chunked.OpenWrite(name) : new WholeFileWriter(_files, name);
        }

        private StoreReason ReadSlot(string name, RecordValidator validator, out long sequence, out byte[] payload)
        {
            sequence = 0;
            payload = null;
            byte[] file;
            try
            {
                if (!_files.Exists(name))
                {
                    return StoreReason.NotFound;
                }

                file = _files.ReadAllBytes(name);
            }
            catch (OutOfMemoryException)
            {
                throw;
            }
            catch (Exception)
            {
                return StoreReason.IoError;
            }

            if (file == null)
            {
                return StoreReason.IoError;
            }

            if (file.Length == 0)
            {
                return StoreReason.EmptySlot;
            }

            if (file.Length < HeaderLength)
            {
                return StartsWithMagicPrefix(file) ? StoreReason.Truncated : StoreReason.BadMagic;
            }

            if (!StartsWithMagicPrefix(file))
            {
                return StoreReason.BadMagic;
            }

            if (GetUInt16(file, VersionOffset) != FormatVersion)
            {
                return StoreReason.UnsupportedVersion;
            }

            uint length = GetUInt32(file, LengthOffset);
            if (length > (uint)_maxPayload)
            {
                return StoreReason.BadLength;
            }

            if (file.Length < HeaderLength + (int)length)
            {
                return StoreReason.Truncated;
            }

            if (file.Length > HeaderLength + (int)length)
            {
                return StoreReason.BadLength;
            }

            if (ComputeCrc(file, (int)length) != GetUInt32(file, CrcOffset))
            {
                return StoreReason.ChecksumMismatch;
            }

            sequence = (long)(((ulong)GetUInt32(file, SequenceOffset) << 32) | GetUInt32(file, SequenceOffset + 4));
            byte[] content = new byte[length];
            Array.Copy(file, HeaderLength, content, 0, (int)length);
            StoreReason verdict = validator == null ? StoreReason.None : validator(content);
            if (verdict != StoreReason.None)
            {
                return verdict;
            }

            payload = content;
            return StoreReason.None;
        }

        // Serial-number comparison (as RFC 1982 does for 32 bits): newer by a positive wrapped distance, so the save
        // after 0x7FFFFFFFFFFFFFFF (0x8000000000000000, negative as a long) is still the newer slot.
        private static bool IsNewer(long candidate, long other)
        {
            return unchecked(candidate - other) > 0;
        }

        // A missing slot, or a 0-byte one (a crash before the first byte of its first write).
        private static bool NeverWritten(StoreReason reason)
        {
            return reason == StoreReason.NotFound || reason == StoreReason.EmptySlot;
        }

        private static uint ComputeCrc(byte[] file, int payloadLength)
        {
            uint state = Crc32.Update(Crc32.Start(), file, 0, CrcOffset);
            state = Crc32.Update(state, file, HeaderLength, payloadLength);
            return Crc32.Finish(state);
        }

        private static bool StartsWithMagicPrefix(byte[] file)
        {
            int n = file.Length < Magic.Length ? file.Length : Magic.Length;
            for (int i = 0; i < n; i++)
            {
                if (file[i] != Magic[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static void PutUInt16(byte[] b, int at, int value)
        {
            b[at] = (byte)(value >> 8);
            b[at + 1] = (byte)value;
        }

        private static void PutUInt32(byte[] b, int at, uint value)
        {
            b[at] = (byte)(value >> 24);
            b[at + 1] = (byte)(value >> 16);
            b[at + 2] = (byte)(value >> 8);
            b[at + 3] = (byte)value;
        }

        private static int GetUInt16(byte[] b, int at)
        {
            return (b[at] << 8) | b[at + 1];
        }

        private static uint GetUInt32(byte[] b, int at)
        {
            return ((uint)b[at] << 24) | ((uint)b[at + 1] << 16) | ((uint)b[at + 2] << 8) | b[at + 3];
        }
    }
}

using System;
using System.Text;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// Turns the bytes a modem sends into AT frames (3GPP TS 27.007 clause 5.7, V.250 clause 5.7.1): text lines, and
    /// raw payloads whose length a preceding line announced (<c>+QIRD: 12</c>, <c>+CIPRXGET: 2,0,12,0</c>). Pure: no
    /// threads, no clock, no link; one fixed line buffer of bytes (a line is ASCII: a char buffer would take twice the
    /// memory for the life of the channel), so memory is bounded by the line bound plus one payload of at most
    /// <see cref="MaxBinaryLength"/> bytes.
    /// </summary>
    /// <remarks>
    /// Wire layout of a line: printable ASCII (0x20..0x7E) up to CR or LF. Blank lines (the LF of CRLF, an empty
    /// <c>CRLF CRLF</c>) produce nothing. A byte outside printable ASCII is dropped and counted (a modem powering up, a
    /// baud-rate glitch), and the line it was in is reported <see cref="Garbled"/>. A line longer than
    /// <see cref="MaxLineLength"/> is discarded up to its end and reported once as <see cref="AtFrameKind.OverlongLine"/>.
    /// After <see cref="ExpectBinary"/> the next bytes, whatever their values, are the payload; when the announcing
    /// line ended at CR, an LF right after it is the rest of its CRLF, not payload.
    /// After <see cref="ExpectHexLine"/> the next line's hex digits are decoded into the given buffer as they arrive:
    /// a line of an even number of hex digits that fits ends as a <see cref="AtFrameKind.Binary"/> frame of the
    /// decoded bytes (no string, and the line bound need not hold it); any other line is framed as usual (one that
    /// outgrew the line bound while it still looked like hex is reported overlong).
    /// <para>Use: call <see cref="Feed"/> until the input is used up; each call stops after one frame so the caller can
    /// act on it (call <see cref="ExpectBinary"/> after a header line) before the next bytes are framed.</para>
    /// </remarks>
    public sealed class AtLineFramer
    {
        /// <summary>Largest payload <see cref="ExpectBinary"/> accepts (the largest IP datagram).</summary>
        public const int MaxBinaryLength = 65535;

        private const byte CarriageReturn = 0x0D;
        private const byte LineFeed = 0x0A;
        private const byte FirstPrintable = 0x20;
        private const byte LastPrintable = 0x7E;

        private readonly byte[] _line;
        private int _lineLength;
        private bool _discardingLine;
        private bool _garbageInLine;
        private bool _lastEndedAtCarriageReturn;
        private bool _skipLineFeed;
        private byte[] _binary;
        private int _binaryFilled;
        private int _skipRemaining;
        private AtHexPayload _hex;
        private int _hexDigits;
        private bool _hexValid;
        private bool _lineTruncated;

        /// <summary>Creates a framer.</summary>
        /// <param name="maxLineLength">Bound of one line in characters (16 or more); longer lines are discarded.</param>
        public AtLineFramer(int maxLineLength)
        {
            if (maxLineLength < 16)
            {
                throw new ArgumentOutOfRangeException(nameof(maxLineLength));
            }

            _line = new byte[maxLineLength];
        }

        /// <summary>Bound of one line.</summary>
        public int MaxLineLength => _line.Length;

        /// <summary>What the last <see cref="Feed"/> completed; <see cref="AtFrameKind.None"/> when it used up its input
        /// inside a frame.</summary>
        public AtFrameKind Frame { get; private set; }

        /// <summary>The line of an <see cref="AtFrameKind.Line"/> frame (never empty); otherwise null.</summary>
        public string Line { get; private set; }

        /// <summary>The payload of an <see cref="AtFrameKind.Binary"/> frame; otherwise null.</summary>
        public byte[] Data { get; private set; }

        /// <summary>Bytes of <see cref="Data"/> that are the payload (all of it, except after <see cref="ExpectHexLine"/>).</summary>
        public int DataLength { get; private set; }

        /// <summary>True when non-text bytes were dropped from the line this frame ended.</summary>
        public bool Garbled { get; private set; }

        /// <summary>True while a payload announced by <see cref="ExpectBinary"/> is being collected.</summary>
        public bool InBinary => _binary != null;

        /// <summary>Lines completed.</summary>
        public int Lines { get; private set; }

        /// <summary>Payloads completed.</summary>
        public int BinaryFrames { get; private set; }

        /// <summary>Lines discarded for exceeding <see cref="MaxLineLength"/> (counted when the bound is crossed).</summary>
        public int OverlongLines { get; private set; }

        /// <summary>Non-text bytes dropped.</summary>
        public int GarbageBytes { get; private set; }

        /// <summary>Announced payload bytes discarded unread (<see cref="SkipBinary"/>).</summary>
        public int SkippedBytes { get; private set; }

        /// <summary>Frames up to the next frame boundary and stops there.</summary>
        /// <param name="buffer">The bytes.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Bytes available; when above 0, at least one is consumed.</param>
        /// <returns>Bytes consumed; <see cref="Frame"/> tells whether a frame ended with the last of them.</returns>
        public int Feed(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            Frame = AtFrameKind.None;
            Line = null;
            Data = null;
            DataLength = 0;
            Garbled = false;
            for (int i = 0; i < count; i++)
            {
                if (Accept(buffer[offset + i]))
                {
                    return i + 1;
                }
            }

            return count;
        }

        /// <summary>
        /// Takes the next <paramref name="length"/> bytes as one payload (call it after the line that announced them).
        /// </summary>
        /// <param name="length">Payload length, 1 to <see cref="MaxBinaryLength"/>.</param>
        /// <returns>False (nothing changes) for a length out of range.</returns>
        public bool ExpectBinary(int length)
        {
            if (length <= 0 || length > MaxBinaryLength)
            {
                return false;
            }

            _binary = new byte[length];
            _binaryFilled = 0;
            _skipLineFeed = _lastEndedAtCarriageReturn && _lineLength == 0 && !_discardingLine;
            return true;
        }

        /// <summary>
        /// Discards the next <paramref name="length"/> bytes without framing them as lines (call it after a line that
        /// announced a payload too large to keep): whatever those bytes hold, none of them is read as a response or URC.
        /// </summary>
        /// <param name="length">Payload length, 1 to <see cref="MaxBinaryLength"/>.</param>
        /// <returns>False (nothing changes) for a length out of range.</returns>
        public bool SkipBinary(int length)
        {
            if (length <= 0 || length > MaxBinaryLength)
            {
                return false;
            }

            _skipRemaining = length;
            _skipLineFeed = _lastEndedAtCarriageReturn && _lineLength == 0 && !_discardingLine;
            return true;
        }

        /// <summary>
        /// Decodes the next line's hex digits into <paramref name="target"/> as they arrive (call it after the header
        /// line that announced a hex data line, at a line boundary). Blank lines keep it waiting; the first non-blank line
        /// ends it: when it is an even number of hex digits that fits, it is a <see cref="AtFrameKind.Binary"/> frame
        /// (<see cref="Data"/> is the buffer, <see cref="DataLength"/> and <see cref="AtHexPayload.Count"/> the bytes);
        /// otherwise it is framed as a line, or as overlong when it no longer fits the line bound.
        /// </summary>
        /// <param name="target">The reused buffer.</param>
        /// <returns>False (nothing changes) when not at a line boundary or while a payload is being collected.</returns>
        public bool ExpectHexLine(AtHexPayload target)
        {
            if (target == null)
            {
                throw new ArgumentNullException(nameof(target));
            }

            if (_binary != null || _skipRemaining > 0 || _lineLength != 0 || _discardingLine)
            {
                return false;
            }

            _hex = target;
            _hexDigits = 0;
            _hexValid = true;
            _lineTruncated = false;
            return true;
        }

        /// <summary>Stops an <see cref="ExpectHexLine"/> that has seen no line yet (its command ended without one).</summary>
        public void CancelHexLine()
        {
            if (_lineLength == 0 && _hexDigits == 0 && !_lineTruncated)
            {
                _hex = null;
            }
        }

        /// <summary>Forgets a partial line or payload (a new link starts at a line boundary); counters stay.</summary>
        public void Reset()
        {
            _lineLength = 0;
            _discardingLine = false;
            _garbageInLine = false;
            _lastEndedAtCarriageReturn = false;
            _skipLineFeed = false;
            _binary = null;
            _skipRemaining = 0;
            _hex = null;
            _hexDigits = 0;
            _lineTruncated = false;
            Frame = AtFrameKind.None;
            Line = null;
            Data = null;
            DataLength = 0;
            Garbled = false;
        }

        // True when the byte ended a frame.
        private bool Accept(byte value)
        {
            if (_binary != null)
            {
                return AcceptBinary(value);
            }

            if (_skipRemaining > 0)
            {
                Skip(value);
                return false;
            }

            if (value == CarriageReturn || value == LineFeed)
            {
                _lastEndedAtCarriageReturn = value == CarriageReturn;
                return EndLine();
            }

            _lastEndedAtCarriageReturn = false;
            if (value < FirstPrintable || value > LastPrintable)
            {
                GarbageBytes++;
                _garbageInLine = true;
                return false;
            }

            if (_discardingLine)
            {
                return false;
            }

            if (_hex != null && _hexValid)
            {
                AcceptHexDigit(value);
            }

            if (_lineLength == _line.Length)
            {
                if (_hex != null && _hexValid)
                {
                    _lineTruncated = true; // still hex: decoded, not kept as text
                    return false;
                }

                _discardingLine = true;
                _lineTruncated = false; // counted here, once
                OverlongLines++;
                return false;
            }

            _line[_lineLength++] = value;
            return false;
        }

        private void AcceptHexDigit(byte value)
        {
            int digit = value >= 0x30 && value <= 0x39 ? value - 0x30
                : value >= 0x41 && value <= 0x46 ? value - 0x37
                : value >= 0x61 && value <= 0x66 ? value - 0x57
                : -1;
            int index = _hexDigits >> 1;
            if (digit < 0 || index >= _hex.Bytes.Length)
            {
                _hexValid = false;
                return;
            }

            if ((_hexDigits & 1) == 0)
            {
                _hex.Bytes[index] = (byte)(digit << 4);
            }
            else
            {
                _hex.Bytes[index] = (byte)(_hex.Bytes[index] | digit);
            }

            _hexDigits++;
        }

        private bool AcceptBinary(byte value)
        {
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (value == LineFeed)
                {
                    return false;
                }
            }

            _binary[_binaryFilled++] = value;
            if (_binaryFilled < _binary.Length)
            {
                return false;
            }

            Data = _binary;
            DataLength = _binary.Length;
            _binary = null;
            _lastEndedAtCarriageReturn = false;
            BinaryFrames++;
            Frame = AtFrameKind.Binary;
            return true;
        }

        private void Skip(byte value)
        {
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (value == LineFeed)
                {
                    return;
                }
            }

            _skipRemaining--;
            SkippedBytes++;
            _lastEndedAtCarriageReturn = false;
        }

        private bool EndLine()
        {
            Garbled = _garbageInLine;
            _garbageInLine = false;
            if (_hex != null && (_lineLength != 0 || _lineTruncated || _discardingLine))
            {
                AtHexPayload hex = _hex;
                _hex = null;
                bool whole = _hexValid && _hexDigits != 0 && (_hexDigits & 1) == 0;
                if (whole)
                {
                    hex.Count = _hexDigits >> 1;
                    _lineLength = 0;
                    _lineTruncated = false;
                    Data = hex.Bytes;
                    DataLength = hex.Count;
                    Lines++;
                    Frame = AtFrameKind.Binary;
                    return true;
                }

                if (_lineTruncated)
                {
                    // Hex that outgrew the line bound and then was not a whole payload: an overlong line.
                    _lineTruncated = false;
                    _discardingLine = true;
                    OverlongLines++;
                }
            }

            if (_discardingLine)
            {
                _discardingLine = false;
                _lineLength = 0;
                Frame = AtFrameKind.OverlongLine;
                return true;
            }

            if (_lineLength == 0)
            {
                Frame = Garbled ? AtFrameKind.GarbageLine : AtFrameKind.None;
                return Garbled;
            }

            Line = Encoding.UTF8.GetString(_line, 0, _lineLength); // printable ASCII only: one char per byte
            _lineLength = 0;
            Lines++;
            Frame = AtFrameKind.Line;
            return true;
        }
    }
}

// WAP Binary XML (WAP-192-WBXML-20010725-a, "WBXML 1.3"), read as a stream of nodes.
//
//   start     = version publicid charset strtbl body                                            (5.3)
//   version   = u_int8             0x01 1.1, 0x02 1.2, 0x03 1.3 (major-1 in the high nibble)  (5.4)
//   publicid  = mb_u_int32 | ( zero index )   0x0B PROV 1.0, 0x1201 SyncML 1.2; zero: literal (5.5)
//   charset   = mb_u_int32         IANA MIBenum, 106 UTF-8                                      (5.6)
//   strtbl    = length *byte       strings referenced by their byte offset, each ends with 0x00 (5.7)
//   body      = *pi element *pi
//   element   = ([switchPage] stag) [ 1*attribute END ] [ *content END ]                        (5.8.2)
//   content   = element | string | extension | entity | pi | opaque
//   attribute = attrStart *attrValue;   attrStart < 0x80, attrValue >= 0x80 (in attribute state)
//   string    = STR_I termstr | STR_T index;   opaque = OPAQUE length *byte;   entity = ENTITY mb_u_int32
//   mb_u_int32: big-endian 7-bit groups, high bit = more follow, at most five octets (5.1)
//
// Global tokens, the same on every code page (5.8.4, table 5): 00 SWITCH_PAGE, 01 END, 02 ENTITY, 03 STR_I,
// 04 LITERAL, 40-42 EXT_I_0..2, 43 PI, 44 LITERAL_C, 80-82 EXT_T_0..2, 83 STR_T, 84 LITERAL_A, C0-C2 EXT_0..2,
// C3 OPAQUE, C4 LITERAL_AC. A tag token's bit 0x80 says attributes follow, bit 0x40 that content follows (5.8.2).
// Tags and attributes each have their own current code page; SWITCH_PAGE changes the one of the state it stands in.
//
// Decisions: PI and the EXT tokens are refused by name (no bootstrap document uses them); the reader is bounded in
// depth and tokens; strings are returned as spans into the caller's buffer (the string table lies in it too), so a
// read allocates nothing; an element without content gets an EndElement node at once so readers of the stream see
// every element closed.
namespace OmaDm.Notification.Wbxml
{
    using OmaDm.Notification.Buffers;

    /// <summary>
    /// A pure, bounded pull reader of a WBXML document (WAP-192-WBXML 1.3): header, string table, then one node per
    /// <see cref="Read"/>. Never throws on untrusted bytes: an error stops the reader with a named <see cref="Error"/>.
    /// </summary>
    /// <remarks>
    /// Reusable: <see cref="Reset"/> it per document. Allocates nothing after construction. Not thread-safe.
    /// </remarks>
    public sealed class WbxmlReader
    {
        /// <summary>Default bound on element nesting.</summary>
        public const int DefaultMaxDepth = 16;

        /// <summary>Default bound on tokens per document.</summary>
        public const int DefaultMaxTokens = 8192;

        /// <summary>The WBXML version octet of 1.3.</summary>
        public const int Version13 = 0x03;

        /// <summary>The charset MIBenum of UTF-8.</summary>
        public const int CharsetUtf8 = 106;

        /// <summary>The charset MIBenum of US-ASCII.</summary>
        public const int CharsetUsAscii = 3;

        /// <summary>The charset value "unknown" (5.6).</summary>
        public const int CharsetUnknown = 0;

        private const int SwitchPage = 0x00;
        private const int End = 0x01;
        private const int EntityToken = 0x02;
        private const int StrI = 0x03;
        private const int Literal = 0x04;
        private const int ExtI0 = 0x40;
        private const int ExtI2 = 0x42;
        private const int Pi = 0x43;
        private const int LiteralC = 0x44;
        private const int ExtT0 = 0x80;
        private const int ExtT2 = 0x82;
        private const int StrT = 0x83;
        private const int LiteralA = 0x84;
        private const int Ext0 = 0xC0;
        private const int Ext2 = 0xC2;
        private const int OpaqueToken = 0xC3;
        private const int LiteralAC = 0xC4;

        private const int TagAttributesBit = 0x80;
        private const int TagContentBit = 0x40;
        private const int TagIdentityMask = 0x3F;
        private const int AttributeValueFirst = 0x80;
        private const int FirstAttributeStart = 0x05;
        private const int MinVersion = 0x01;
        private const int MaxVersion = 0x03;
        private const int MaxUnicode = 0x10FFFF;
        private const int SurrogateFirst = 0xD800;
        private const int SurrogateLast = 0xDFFF;

        private const int StateBeforeRoot = 0;
        private const int StateContent = 1;
        private const int StateAttributes = 2;
        private const int StateAfterRoot = 3;
        private const int StateDone = 4;

        private readonly ByteReader _reader = new ByteReader();
        private readonly int _maxDepth;
        private readonly int _maxTokens;
        private int _tableStart;
        private int _tableLength;
        private int _state;
        private int _tagPage;
        private int _attributePage;
        private int _tokens;
        private bool _pendingContent;
        private bool _pendingEnd;
        private bool _attributeSeen;

        /// <summary>Creates a reader with the default bounds.</summary>
        public WbxmlReader()
            : this(DefaultMaxDepth, DefaultMaxTokens)
        {
        }

        /// <summary>Creates a reader with the given bounds.</summary>
        /// <param name="maxDepth">Deepest element nesting accepted (at least 1).</param>
        /// <param name="maxTokens">Most tokens accepted per document (at least 1).</param>
        /// <exception cref="System.ArgumentOutOfRangeException">A bound is below 1.</exception>
        public WbxmlReader(int maxDepth, int maxTokens)
        {
            if (maxDepth < 1)
            {
                throw new System.ArgumentOutOfRangeException(nameof(maxDepth));
            }

            if (maxTokens < 1)
            {
                throw new System.ArgumentOutOfRangeException(nameof(maxTokens));
            }

            _maxDepth = maxDepth;
            _maxTokens = maxTokens;
        }

        /// <summary>The WBXML version octet (0x03 = 1.3).</summary>
        public int Version { get; private set; }

        /// <summary>The well-known public identifier, or 0 when the document names it literally (<see cref="PublicIdLength"/>).</summary>
        public int PublicId { get; private set; }

        /// <summary>Absolute index of a literal public identifier's text in the buffer; -1 when it is well known.</summary>
        public int PublicIdStart { get; private set; }

        /// <summary>Length of a literal public identifier's text.</summary>
        public int PublicIdLength { get; private set; }

        /// <summary>The charset MIBenum.</summary>
        public int Charset { get; private set; }

        /// <summary>Why the reader stopped; <see cref="WbxmlError.None"/> while it reads well.</summary>
        public WbxmlError Error { get; private set; }

        /// <summary>The buffer being read (spans are absolute indexes into it).</summary>
        public byte[] Buffer => _reader.Buffer;

        /// <summary>The node the last <see cref="Read"/> stopped on.</summary>
        public WbxmlNodeKind Kind { get; private set; }

        /// <summary>The code page of the current tag, attribute-start or attribute-value token.</summary>
        public int Page { get; private set; }

        /// <summary>The token: a tag's identity (low six bits), an attribute-start or value token; -1 for a LITERAL name.</summary>
        public int Token { get; private set; }

        /// <summary>For <see cref="WbxmlNodeKind.StartElement"/>: attributes follow.</summary>
        public bool HasAttributes { get; private set; }

        /// <summary>For <see cref="WbxmlNodeKind.StartElement"/>: content follows (else an EndElement comes next).</summary>
        public bool HasContent { get; private set; }

        /// <summary>Elements open around the current node (the root's content is at depth 1).</summary>
        public int Depth { get; private set; }

        /// <summary>Absolute index of a string's, opaque's or LITERAL name's first byte.</summary>
        public int DataStart { get; private set; }

        /// <summary>Length of that string (without its terminator), opaque data or LITERAL name.</summary>
        public int DataLength { get; private set; }

        /// <summary>For <see cref="WbxmlNodeKind.Entity"/>: the Unicode scalar value.</summary>
        public int Entity { get; private set; }

        /// <summary>
        /// Points the reader at a document and reads its header and string table.
        /// </summary>
        /// <param name="buffer">The bytes.</param>
        /// <param name="offset">Index of the version octet.</param>
        /// <param name="count">Length of the document.</param>
        /// <returns><c>true</c> when the header is good; else <see cref="Error"/> says why.</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public bool Reset(byte[] buffer, int offset, int count)
        {
            _reader.Reset(buffer, offset, count);
            Error = WbxmlError.None;
            Kind = WbxmlNodeKind.None;
            Version = 0;
            PublicId = 0;
            PublicIdStart = -1;
            PublicIdLength = 0;
            Charset = 0;
            Depth = 0;
            Page = 0;
            Token = 0;
            HasAttributes = false;
            HasContent = false;
            DataStart = 0;
            DataLength = 0;
            Entity = 0;
            _tagPage = 0;
            _attributePage = 0;
            _tokens = 0;
            _pendingContent = false;
            _pendingEnd = false;
            _attributeSeen = false;
            _state = StateDone;

            if (!_reader.TryReadByte(out byte version))
            {
                return Fail(WbxmlError.Truncated);
            }

            if (version < MinVersion || version > MaxVersion)
            {
                return Fail(WbxmlError.UnsupportedVersion);
            }

            Version = version;
            if (!TryReadInteger(out int publicId))
            {
                return false;
            }

            int publicIdIndex = -1;
            if (publicId == 0 && !TryReadInteger(out publicIdIndex))
            {
                return false;
            }

            PublicId = publicId;
            if (!TryReadInteger(out int charset))
            {
                return false;
            }

            if (charset != CharsetUtf8 && charset != CharsetUsAscii && charset != CharsetUnknown)
            {
                return Fail(WbxmlError.UnsupportedCharset);
            }

            Charset = charset;
            if (!TryReadInteger(out int tableLength))
            {
                return false;
            }

            if (!_reader.TryReadSpan(tableLength, out int tableStart))
            {
                return Fail(WbxmlError.Truncated);
            }

            _tableStart = tableStart;
            _tableLength = tableLength;
            if (publicIdIndex >= 0)
            {
                if (!TryTableString(publicIdIndex, out int start, out int length))
                {
                    return false;
                }

                PublicIdStart = start;
                PublicIdLength = length;
            }

            _state = StateBeforeRoot;
            return true;
        }

        /// <summary>
        /// Reads the next node.
        /// </summary>
        /// <returns>
        /// <c>true</c> when a node was read (<see cref="Kind"/>); <c>false</c> at <see cref="WbxmlNodeKind.EndDocument"/>
        /// (already returned) or on an error (<see cref="Error"/>).
        /// </returns>
        public bool Read()
        {
            if (_state == StateDone)
            {
                return false;
            }

            if (_pendingEnd)
            {
                _pendingEnd = false;
                return EndElement(false);
            }

            if (_state == StateAfterRoot)
            {
                if (_reader.Remaining != 0)
                {
                    return Fail(WbxmlError.TrailingBytes);
                }

                _state = StateDone;
                Kind = WbxmlNodeKind.EndDocument;
                return true;
            }

            while (true)
            {
                if (!_reader.TryReadByte(out byte token))
                {
                    return Fail(WbxmlError.Truncated);
                }

                if (++_tokens > _maxTokens)
                {
                    return Fail(WbxmlError.TooManyTokens);
                }

                if (token == SwitchPage)
                {
                    if (!_reader.TryReadByte(out byte page))
                    {
                        return Fail(WbxmlError.Truncated);
                    }

                    if (_state == StateAttributes)
                    {
                        _attributePage = page;
                    }
                    else
                    {
                        _tagPage = page;
                    }

                    continue;
                }

                if (token == Pi || (token >= ExtI0 && token <= ExtI2) || (token >= ExtT0 && token <= ExtT2) || (token >= Ext0 && token <= Ext2))
                {
                    return Fail(WbxmlError.UnsupportedToken);
                }

                return _state == StateAttributes ? ReadInAttributes(token) : ReadInContent(token);
            }
        }

        /// <summary>
        /// Whether <c>Buffer[start .. start+length)</c> holds exactly the bytes of <paramref name="expected"/>.
        /// </summary>
        /// <param name="start">Absolute index of the first byte.</param>
        /// <param name="length">Number of bytes.</param>
        /// <param name="expected">The bytes to compare with.</param>
        /// <returns><c>true</c> when equal.</returns>
        public bool SpanEquals(int start, int length, byte[] expected)
        {
            if (expected == null || length != expected.Length)
            {
                return false;
            }

            byte[] buffer = _reader.Buffer;
            for (int i = 0; i < length; i++)
            {
                if (buffer[start + i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        private bool ReadInContent(int token)
        {
            if (_state == StateBeforeRoot)
            {
                // Before the root only a tag may stand (PIs are refused above).
                if (token == End || IsCharacterData(token))
                {
                    return Fail(WbxmlError.UnexpectedToken);
                }

                return StartElement(token);
            }

            if (token == End)
            {
                return EndElement(true);
            }

            return IsCharacterData(token) ? ReadCharacterData(token) : StartElement(token);
        }

        private bool ReadInAttributes(int token)
        {
            // An attribute list holds at least one attribute, and a value only follows an attribute start (5.8.3).
            bool isStart = token == Literal || (token >= FirstAttributeStart && token < AttributeValueFirst && token != LiteralC);
            if (!_attributeSeen && !isStart)
            {
                return Fail(WbxmlError.UnexpectedToken);
            }

            switch (token)
            {
                case End:
                    Kind = WbxmlNodeKind.EndAttributes;
                    if (_pendingContent)
                    {
                        return OpenContent();
                    }

                    _state = StateContent;
                    _pendingEnd = true;
                    return true;
                case StrI:
                case StrT:
                case EntityToken:
                case OpaqueToken:
                    return ReadCharacterData(token);
                case Literal:
                    if (!LiteralName())
                    {
                        return false;
                    }

                    _attributeSeen = true;
                    Kind = WbxmlNodeKind.AttributeStart;
                    Page = _attributePage;
                    Token = -1;
                    return true;
                case LiteralC:
                case LiteralA:
                case LiteralAC:
                    return Fail(WbxmlError.UnexpectedToken);
                default:
                    if (token < AttributeValueFirst)
                    {
                        _attributeSeen = true;
                        Kind = WbxmlNodeKind.AttributeStart;
                    }
                    else
                    {
                        Kind = WbxmlNodeKind.AttributeValue;
                    }

                    Page = _attributePage;
                    Token = token;
                    return true;
            }
        }

        private static bool IsCharacterData(int token)
        {
            return token == StrI || token == StrT || token == EntityToken || token == OpaqueToken;
        }

        private bool ReadCharacterData(int token)
        {
            switch (token)
            {
                case StrI:
                    return InlineString();
                case StrT:
                    return TableString();
                case EntityToken:
                    return ReadEntity();
                default:
                    return ReadOpaque();
            }
        }

        private bool StartElement(int token)
        {
            Kind = WbxmlNodeKind.StartElement;
            Page = _tagPage;
            HasAttributes = (token & TagAttributesBit) != 0;
            HasContent = (token & TagContentBit) != 0;
            if ((token & TagIdentityMask) == Literal)
            {
                // LITERAL, LITERAL_C, LITERAL_A, LITERAL_AC: the tag's name is a string-table reference.
                if (!LiteralName())
                {
                    return false;
                }

                Token = -1;
            }
            else
            {
                Token = token & TagIdentityMask;
            }

            if (HasAttributes)
            {
                _attributeSeen = false;
                _pendingContent = HasContent;
                _state = StateAttributes;
                return true;
            }

            if (HasContent)
            {
                return OpenContent();
            }

            _state = StateContent;
            _pendingEnd = true;
            return true;
        }

        private bool OpenContent()
        {
            if (Depth >= _maxDepth)
            {
                return Fail(WbxmlError.TooDeep);
            }

            Depth++;
            _state = StateContent;
            _pendingContent = false;
            return true;
        }

        private bool EndElement(bool closesContent)
        {
            Kind = WbxmlNodeKind.EndElement;
            if (closesContent)
            {
                Depth--;
            }

            if (Depth == 0)
            {
                _state = StateAfterRoot;
            }

            return true;
        }

        private bool InlineString()
        {
            if (!_reader.TryReadNullTerminated(out int start, out int length))
            {
                return Fail(WbxmlError.UnterminatedString);
            }

            return StringNode(start, length);
        }

        private bool TableString()
        {
            if (!TryReadInteger(out int index) || !TryTableString(index, out int start, out int length))
            {
                return false;
            }

            return StringNode(start, length);
        }

        private bool StringNode(int start, int length)
        {
            Kind = WbxmlNodeKind.String;
            DataStart = start;
            DataLength = length;
            return true;
        }

        private bool ReadEntity()
        {
            if (!TryReadInteger(out int code))
            {
                return false;
            }

            if (code > MaxUnicode || (code >= SurrogateFirst && code <= SurrogateLast))
            {
                return Fail(WbxmlError.BadEntity);
            }

            Kind = WbxmlNodeKind.Entity;
            Entity = code;
            return true;
        }

        private bool ReadOpaque()
        {
            if (!TryReadInteger(out int length))
            {
                return false;
            }

            if (!_reader.TryReadSpan(length, out int start))
            {
                return Fail(WbxmlError.Truncated);
            }

            Kind = WbxmlNodeKind.Opaque;
            DataStart = start;
            DataLength = length;
            return true;
        }

        private bool LiteralName()
        {
            if (!TryReadInteger(out int index) || !TryTableString(index, out int start, out int length))
            {
                return false;
            }

            DataStart = start;
            DataLength = length;
            return true;
        }

        private bool TryTableString(int index, out int start, out int length)
        {
            start = 0;
            length = 0;
            if (index >= _tableLength)
            {
                return Fail(WbxmlError.BadStringReference);
            }

            byte[] buffer = _reader.Buffer;
            int first = _tableStart + index;
            int end = _tableStart + _tableLength;
            for (int i = first; i < end; i++)
            {
                if (buffer[i] == 0)
                {
                    start = first;
                    length = i - first;
                    return true;
                }
            }

            return Fail(WbxmlError.BadStringReference);
        }

        private bool TryReadInteger(out int value)
        {
            ReasonCode reason = _reader.TryReadUintvar(out uint raw);
            if (reason == ReasonCode.Truncated)
            {
                value = 0;
                return Fail(WbxmlError.Truncated);
            }

            if (reason != ReasonCode.None || raw > int.MaxValue)
            {
                value = 0;
                return Fail(WbxmlError.BadInteger);
            }

            value = (int)raw;
            return true;
        }

        private bool Fail(WbxmlError error)
        {
            Error = error;
            Kind = WbxmlNodeKind.None;
            _state = StateDone;
            return false;
        }
    }
}

// Writes a WBXML document (WAP-192-WBXML 1.3): header, string table, then tokens, the layout WbxmlReader reads.
//
//   version  publicid (mb_u_int32)  charset (mb_u_int32, 106 UTF-8)  strtbl length (mb_u_int32) + strings\0 ...  body
//   SWITCH_PAGE 00 <page> is written only when the tag page (in content) or the attribute page (in an attribute list)
//   changes; strings registered in the table are written as STR_T 83 <offset>, others as STR_I 03 <utf-8> 00;
//   OPAQUE C3 <length> <bytes>; END 01. Tag tokens carry 0x80 (attributes follow) and 0x40 (content follows).
//
// Like libwbxml, a caller registers the strings that repeat (TableString) before writing the body.

using System;
using System.Text;

namespace OmaDm.Notification.Builders
{
    /// <summary>A WBXML 1.3 writer with a string table, for building test and push documents.</summary>
    public sealed class WbxmlWriter
    {
        private const byte SwitchPage = 0x00;
        private const byte End = 0x01;
        private const byte StrI = 0x03;
        private const byte StrT = 0x83;
        private const byte OpaqueToken = 0xC3;
        private const int TagAttributesBit = 0x80;
        private const int TagContentBit = 0x40;
        private const int SevenBits = 0x7F;
        private const int ContinuationBit = 0x80;
        private const int MaxStrings = 32;

        private readonly int _version;
        private readonly int _publicId;
        private readonly int _charset;
        private readonly ByteSink _table = new ByteSink();
        private readonly ByteSink _body = new ByteSink();
        private readonly string[] _strings = new string[MaxStrings];
        private readonly int[] _offsets = new int[MaxStrings];
        private int _stringCount;
        private int _tagPage;
        private int _attributePage;

        /// <summary>Creates a writer for a document with the given header.</summary>
        /// <param name="version">Version octet (0x03 = WBXML 1.3).</param>
        /// <param name="publicId">Well-known public identifier (0x0B PROV 1.0, 0x1201 SyncML 1.2).</param>
        /// <param name="charset">Charset MIBenum (106 = UTF-8).</param>
        public WbxmlWriter(int version, int publicId, int charset)
        {
            _version = version;
            _publicId = publicId;
            _charset = charset;
        }

        /// <summary>Puts <paramref name="text"/> in the string table (once); later <see cref="String"/> calls reference it.</summary>
        /// <param name="text">The string.</param>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        /// <exception cref="InvalidOperationException">The body has begun, or the table is full.</exception>
        public void TableString(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            if (_body.Length != 0 || _stringCount == MaxStrings)
            {
                throw new InvalidOperationException("the string table is written before the body, at most 32 strings");
            }

            if (IndexOf(text) >= 0)
            {
                return;
            }

            _strings[_stringCount] = text;
            _offsets[_stringCount] = _table.Length;
            _stringCount++;
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            _table.Write(bytes, 0, bytes.Length);
            _table.Write(0);
        }

        /// <summary>Writes a tag.</summary>
        /// <param name="page">Its code page.</param>
        /// <param name="token">Its token (0x05..0x3F).</param>
        /// <param name="hasAttributes">Attributes follow (end them with <see cref="EndAttributes"/>).</param>
        /// <param name="hasContent">Content follows (end it with <see cref="EndElement"/>).</param>
        public void StartElement(int page, int token, bool hasAttributes, bool hasContent)
        {
            if (page != _tagPage)
            {
                _body.Write(SwitchPage);
                _body.Write((byte)page);
                _tagPage = page;
            }

            _body.Write((byte)(token | (hasAttributes ? TagAttributesBit : 0) | (hasContent ? TagContentBit : 0)));
        }

        /// <summary>Writes an attribute-start (below 0x80) or attribute-value (0x80 and above) token.</summary>
        /// <param name="page">Its attribute code page.</param>
        /// <param name="token">The token.</param>
        public void Attribute(int page, int token)
        {
            if (page != _attributePage)
            {
                _body.Write(SwitchPage);
                _body.Write((byte)page);
                _attributePage = page;
            }

            _body.Write((byte)token);
        }

        /// <summary>Writes a string: STR_T when it is in the table, else STR_I.</summary>
        /// <param name="text">The string (no NUL).</param>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        public void String(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            int index = IndexOf(text);
            if (index >= 0)
            {
                _body.Write(StrT);
                WriteInteger(_body, _offsets[index]);
                return;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text);
            _body.Write(StrI);
            _body.Write(bytes, 0, bytes.Length);
            _body.Write(0);
        }

        /// <summary>Writes OPAQUE data.</summary>
        /// <param name="data">The bytes.</param>
        /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
        public void Opaque(byte[] data)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            _body.Write(OpaqueToken);
            WriteInteger(_body, data.Length);
            _body.Write(data, 0, data.Length);
        }

        /// <summary>Ends an attribute list.</summary>
        public void EndAttributes()
        {
            _body.Write(End);
        }

        /// <summary>Ends an element's content.</summary>
        public void EndElement()
        {
            _body.Write(End);
        }

        /// <summary>The document: header, string table and body.</summary>
        /// <returns>A new array.</returns>
        public byte[] ToArray()
        {
            var document = new ByteSink();
            document.Write((byte)_version);
            WriteInteger(document, _publicId);
            WriteInteger(document, _charset);
            WriteInteger(document, _table.Length);
            document.Write(_table.Bytes, 0, _table.Length);
            document.Write(_body.Bytes, 0, _body.Length);
            byte[] result = new byte[document.Length];
            Array.Copy(document.Bytes, result, document.Length);
            return result;
        }

        private int IndexOf(string text)
        {
            for (int i = 0; i < _stringCount; i++)
            {
                if (_strings[i] == text)
                {
                    return i;
                }
            }

            return -1;
        }

        private static void WriteInteger(ByteSink sink, int value)
        {
            // mb_u_int32 (WBXML 5.1): 7-bit groups, most significant first, continuation bit on all but the last.
            int groups = 1;
            for (int rest = value >> 7; rest != 0; rest >>= 7)
            {
                groups++;
            }

            for (int i = groups - 1; i >= 0; i--)
            {
                int group = (value >> (7 * i)) & SevenBits;
                sink.Write((byte)(i == 0 ? group : group | ContinuationBit));
            }
        }

        private sealed class ByteSink
        {
            private byte[] _bytes = new byte[64];

            public byte[] Bytes => _bytes;

            public int Length { get; private set; }

            public void Write(byte value)
            {
                Reserve(1);
                _bytes[Length++] = value;
            }

            public void Write(byte[] source, int offset, int count)
            {
                Reserve(count);
                Array.Copy(source, offset, _bytes, Length, count);
                Length += count;
            }

            private void Reserve(int count)
            {
                if (Length + count <= _bytes.Length)
                {
                    return;
                }

                int size = _bytes.Length * 2;
                while (size < Length + count)
                {
                    size *= 2;
                }

                byte[] larger = new byte[size];
                Array.Copy(_bytes, larger, Length);
                _bytes = larger;
            }
        }
    }
}

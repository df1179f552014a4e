// SyncML DM 1.2 bootstrap message -> DM account (OMA-TS-DM_Bootstrap 1.2 clause 5.3, DMAcc of OMA-TS-DM_StdObj 1.2
// clause 5.3, SyncML WBXML code pages of OMA-TS-SyncML_RepPro 1.2 and OMA-TS-SyncML_MetaInfo 1.2).
//
//   <SyncML> <SyncHdr>...</SyncHdr> <SyncBody>                code page 0: SyncML 0x2D, SyncHdr 0x2C, SyncBody 0x2B
//     <Add> <CmdID>1</CmdID> [<Meta><Format>b64</Format></Meta>]          Add 0x05, Meta 0x1A; page 1 Format 0x07
//       <Item> <Target><LocURI>./DMAcc/x/ServerID</LocURI></Target>        Item 0x14, Target 0x2E, LocURI 0x17
//              [<Meta><Format>b64|bin|chr</Format></Meta>] <Data>...</Data> Data 0x0F (a string or OPAQUE)
//
//   ./DMAcc/x/AppID = w7 | ServerID | Name
//   ./DMAcc/x/AppAddr/y/Addr                 ./DMAcc/x/AppAddr/y/Port/z/PortNbr
//   ./DMAcc/x/AppAuth/y/AAuthLevel = SRVCRED (the server's credentials) | CLCRED (the client's)
//   ./DMAcc/x/AppAuth/y/AAuthType | AAuthName | AAuthSecret | AAuthData
//
// Items may come in any order and interleave accounts, so values are kept per account x (at most MaxAccounts) and
// per AppAddr/AppAuth y (at most MaxEntries each); items beyond those bounds are ignored. The first account, in the
// order accounts first appear, with AppID w7, a ServerID and a SRVCRED AAuthSecret wins. An Add anywhere below
// SyncBody counts (Atomic and Sequence may wrap it). The item's Format, else its Add's, says how Data reads:
// b64 = base64 text, bin = binary, else text; a Data sent as OPAQUE without a format is binary.
namespace OmaDm.Notification.Bootstrap
{
    using OmaDm.Notification.Wbxml;

    /// <summary>Maps a SyncML DM 1.2 WBXML bootstrap message to a DM account's spans. Reused; not thread-safe.</summary>
    internal sealed class DmProfileMapper
    {
        /// <summary>Most accounts (DMAcc/x) one message is read for.</summary>
        public const int MaxAccounts = 4;

        /// <summary>Most AppAddr/y and AppAuth/y entries per account.</summary>
        public const int MaxEntries = 4;

        private const int PageSyncMl = 0;
        private const int PageMetInf = 1;
        private const int TagAdd = 0x05;
        private const int TagData = 0x0F;
        private const int TagItem = 0x14;
        private const int TagLocUri = 0x17;
        private const int TagMeta = 0x1A;
        private const int TagSyncBody = 0x2B;
        private const int TagSyncMl = 0x2D;
        private const int TagTarget = 0x2E;
        private const int TagFormat = 0x07;

        private const int FormatNone = 0;
        private const int FormatB64 = 1;
        private const int FormatBin = 2;
        private const int FormatOther = 3;

        private const byte Slash = (byte)'/';
        private const byte Dot = (byte)'.';

        // Names below ./DMAcc/x (indexes of BootstrapVocabulary.DmNames).
        private const int DmServerId = 1;
        private const int DmName = 2;
        private const int DmAppId = 3;
        private const int DmAppAddr = 4;
        private const int DmAppAuth = 5;

        // Leaves below AppAddr/y and AppAuth/y (indexes of AppAddrLeaves and AppAuthLeaves).
        private const int LeafAddr = 1;
        private const int LeafPort = 2;
        private const int LeafPortNbr = 3;
        private const int LeafLevel = 1;

        // Entry slots: AppAddr (Addr, PortNbr), AppAuth (Level, Type, Name, Secret, Data = leaf index - 1).
        private const int AddrSlot = 0;
        private const int PortSlot = 1;
        private const int AuthLevelSlot = 0;
        private const int AuthTypeSlot = 1;
        private const int AuthNameSlot = 2;
        private const int AuthSecretSlot = 3;
        private const int AuthDataSlot = 4;
        private const int AuthSlots = 5;

        private const int MaxSegments = 8;

        private readonly BootstrapVocabulary _words;
        private readonly int[] _pages = new int[WbxmlReader.DefaultMaxDepth + 2];
        private readonly int[] _tokens = new int[WbxmlReader.DefaultMaxDepth + 2];
        private readonly int[] _segmentStart = new int[MaxSegments];
        private readonly int[] _segmentLength = new int[MaxSegments];
        private readonly int[] _keepStart = new int[3];
        private readonly int[] _keepLength = new int[3];
        private readonly bool[] _moved = new bool[3];

        private readonly int[] _accountNameStart = new int[MaxAccounts];
        private readonly int[] _accountNameLength = new int[MaxAccounts];
        private readonly BootstrapSpans[] _accounts = new BootstrapSpans[MaxAccounts];
        private readonly int[] _addrCount = new int[MaxAccounts];
        private readonly int[] _authCount = new int[MaxAccounts];
        private readonly int[] _addrNameStart = new int[MaxAccounts * MaxEntries];
        private readonly int[] _addrNameLength = new int[MaxAccounts * MaxEntries];
        private readonly BootstrapSpans[] _addrs = new BootstrapSpans[MaxAccounts * MaxEntries];
        private readonly int[] _authNameStart = new int[MaxAccounts * MaxEntries];
        private readonly int[] _authNameLength = new int[MaxAccounts * MaxEntries];
        private readonly BootstrapSpans[] _auths = new BootstrapSpans[MaxAccounts * MaxEntries];

        private WbxmlReader _reader;
        private BootstrapText _text;
        private int _top;
        private int _accountCount;
        private int _segments;
        private int _keepCount;
        private bool _inItem;

        private int _collecting;     // the element whose text is being assembled: 0 none, else TagLocUri/TagData/TagFormat
        private int _collectStart;
        private int _itemMark;
        private int _uriStart;
        private int _uriLength;
        private int _dataStart;
        private int _dataLength;
        private bool _dataOpaque;
        private int _itemFormat;
        private int _commandFormat;

        /// <summary>Creates a mapper comparing with <paramref name="words"/>.</summary>
        /// <param name="words">The vocabulary.</param>
        public DmProfileMapper(BootstrapVocabulary words)
        {
            _words = words;
            for (int i = 0; i < MaxAccounts; i++)
            {
                _accounts[i] = new BootstrapSpans(BootstrapVocabulary.AccountSlots);
            }

            for (int i = 0; i < MaxAccounts * MaxEntries; i++)
            {
                _addrs[i] = new BootstrapSpans(2);
                _auths[i] = new BootstrapSpans(AuthSlots);
            }
        }

        /// <summary>
        /// Reads the message from <paramref name="reader"/> (its header already read) into <paramref name="account"/>.
        /// </summary>
        /// <param name="reader">The reader, positioned after the header.</param>
        /// <param name="text">Value space.</param>
        /// <param name="account">The winning account's spans (cleared here).</param>
        /// <returns>None (account may be empty: no w7 account), or BootstrapMalformed.</returns>
        public ReasonCode Map(WbxmlReader reader, BootstrapText text, BootstrapSpans account)
        {
            _reader = reader;
            _text = text;
            _top = 0;
            _accountCount = 0;
            _collecting = 0;
            _inItem = false;
            _commandFormat = FormatNone;
            account.Clear();
            while (reader.Read())
            {
                bool ok = true;
                switch (reader.Kind)
                {
                    case WbxmlNodeKind.StartElement:
                        ok = StartElement();
                        break;
                    case WbxmlNodeKind.String:
                    case WbxmlNodeKind.Opaque:
                    case WbxmlNodeKind.Entity:
                        if (_collecting != 0)
                        {
                            _dataOpaque |= _collecting == TagData && reader.Kind == WbxmlNodeKind.Opaque;
                            text.AppendNode(reader);
                        }

                        break;
                    case WbxmlNodeKind.EndElement:
                        ok = EndElement();
                        break;
                }

                if (!ok || text.Overflowed)
                {
                    return ReasonCode.BootstrapMalformed;
                }
            }

            if (reader.Error != WbxmlError.None)
            {
                return ReasonCode.BootstrapMalformed;
            }

            Choose(account);
            return ReasonCode.None;
        }

        private bool StartElement()
        {
            int page = _reader.Page;
            int token = _reader.Token;
            if (_top == 0 && (page != PageSyncMl || token != TagSyncMl))
            {
                return false;
            }

            _pages[_top] = page;
            _tokens[_top] = token;
            _top++;
            if (page == PageSyncMl && token == TagItem && Parent(1, PageSyncMl, TagAdd) && InSyncBody())
            {
                _inItem = true;
                _itemMark = _text.Used;
                _uriLength = -1;
                _dataLength = -1;
                _dataOpaque = false;
                _itemFormat = FormatNone;
            }
            else if (page == PageSyncMl && token == TagAdd)
            {
                _commandFormat = FormatNone;
            }
            else if (_collecting == 0 && _inItem && InItem())
            {
                if (page == PageSyncMl && token == TagLocUri && Parent(1, PageSyncMl, TagTarget) && Parent(2, PageSyncMl, TagItem))
                {
                    Collect(TagLocUri);
                }
                else if (page == PageSyncMl && token == TagData && Parent(1, PageSyncMl, TagItem))
                {
                    Collect(TagData);
                }
                else if (page == PageMetInf && token == TagFormat && Parent(1, PageSyncMl, TagMeta) && Parent(2, PageSyncMl, TagItem))
                {
                    Collect(TagFormat);
                }
            }
            else if (_collecting == 0 && page == PageMetInf && token == TagFormat && Parent(1, PageSyncMl, TagMeta) && Parent(2, PageSyncMl, TagAdd))
            {
                Collect(TagFormat);
            }

            return true;
        }

        private void Collect(int what)
        {
            _collecting = what;
            _collectStart = _text.Used;
        }

        private bool Parent(int up, int page, int token)
        {
            // The element "up" levels above the current one (the current one is at _top - 1).
            int level = _top - 1 - up;
            return level >= 0 && _pages[level] == page && _tokens[level] == token;
        }

        private bool InSyncBody()
        {
            for (int level = _top - 2; level >= 0; level--)
            {
                if (_pages[level] == PageSyncMl && _tokens[level] == TagSyncBody)
                {
                    return true;
                }
            }

            return false;
        }

        private bool InItem()
        {
            for (int level = _top - 2; level >= 1; level--)
            {
                if (_pages[level] == PageSyncMl && _tokens[level] == TagItem)
                {
                    return _pages[level - 1] == PageSyncMl && _tokens[level - 1] == TagAdd;
                }
            }

            return false;
        }

        private bool EndElement()
        {
            _top--;
            if (_top < 0)
            {
                return false;
            }

            int page = _pages[_top];
            int token = _tokens[_top];
            if (_collecting != 0 && page == (_collecting == TagFormat ? PageMetInf : PageSyncMl) && token == _collecting)
            {
                int length = _text.Used - _collectStart;
                if (_collecting == TagLocUri)
                {
                    _uriStart = _collectStart;
                    _uriLength = length;
                }
                else if (_collecting == TagData)
                {
                    _dataStart = _collectStart;
                    _dataLength = length;
                }
                else
                {
                    int format = _text.SpanEquals(_collectStart, length, _words.B64) ? FormatB64
                        : _text.SpanEquals(_collectStart, length, _words.Bin) ? FormatBin
                        : FormatOther;
                    _text.Rewind(_collectStart);
                    if (Parent(0, PageSyncMl, TagMeta) && _top >= 2 && _pages[_top - 2] == PageSyncMl && _tokens[_top - 2] == TagAdd)
                    {
                        _commandFormat = format;
                    }
                    else
                    {
                        _itemFormat = format;
                    }
                }

                _collecting = 0;
                return true;
            }

            if (page == PageSyncMl && token == TagItem && _inItem)
            {
                _inItem = false;
                EndItem();
            }

            return true;
        }

        private void EndItem()
        {
            if (_uriLength < 0 || _dataLength < 0 || !Split(_uriStart, _uriLength))
            {
                _text.Rewind(_itemMark);
                return;
            }

            int format = _itemFormat != FormatNone ? _itemFormat : _commandFormat;
            int form = format == FormatB64 ? BootstrapSpans.FormBase64
                : format == FormatBin || (format == FormatNone && _dataOpaque) ? BootstrapSpans.FormBinary
                : BootstrapSpans.FormText;

            // Segments: [0] DMAcc, [1] x, [2] name, then AppAddr/AppAuth: [3] y, [4] leaf (, [5] z, [6] PortNbr).
            int name = BootstrapVocabulary.Find(_text, _segmentStart[2], _segmentLength[2], _words.DmNames);
            int slot = -1;
            int leaf = 0;
            if (_segments == 3)
            {
                slot = name == DmServerId ? BootstrapVocabulary.ServerId
                    : name == DmName ? BootstrapVocabulary.Name
                    : name == DmAppId ? BootstrapVocabulary.AppId
                    : -1;
            }
            else if (name == DmAppAddr && (_segments == 5 || _segments == 7))
            {
                leaf = BootstrapVocabulary.Find(_text, _segmentStart[4], _segmentLength[4], _words.AppAddrLeaves);
                bool port = _segments == 7 && leaf == LeafPort
                    && BootstrapVocabulary.Find(_text, _segmentStart[6], _segmentLength[6], _words.AppAddrLeaves) == LeafPortNbr;
                slot = _segments == 5 && leaf == LeafAddr ? AddrSlot : port ? PortSlot : -1;
            }
            else if (name == DmAppAuth && _segments == 5)
            {
                leaf = BootstrapVocabulary.Find(_text, _segmentStart[4], _segmentLength[4], _words.AppAuthLeaves);
                slot = leaf == 0 ? -1 : leaf - LeafLevel;
            }

            if (slot < 0)
            {
                _text.Rewind(_itemMark);
                return;
            }

            Keep(name, slot, form);
        }

        private void Keep(int name, int slot, int form)
        {
            int account = FindName(_accountNameStart, _accountNameLength, 0, _accountCount, _segmentStart[1], _segmentLength[1]);
            bool newAccount = account < 0;
            if (newAccount && _accountCount == MaxAccounts)
            {
                _text.Rewind(_itemMark);
                return;
            }

            int entry = -1;
            bool newEntry = false;
            BootstrapSpans target;
            if (newAccount)
            {
                account = _accountCount;
                _accounts[account].Clear();
                _addrCount[account] = 0;
                _authCount[account] = 0;
            }

            if (name == DmAppAddr || name == DmAppAuth)
            {
                bool addr = name == DmAppAddr;
                int[] starts = addr ? _addrNameStart : _authNameStart;
                int[] lengths = addr ? _addrNameLength : _authNameLength;
                int count = addr ? _addrCount[account] : _authCount[account];
                int first = account * MaxEntries;
                entry = newAccount ? -1 : FindName(starts, lengths, first, first + count, _segmentStart[3], _segmentLength[3]);
                if (entry < 0)
                {
                    if (count == MaxEntries)
                    {
                        _text.Rewind(_itemMark);
                        return;
                    }

                    entry = first + count;
                    newEntry = true;
                    (addr ? _addrs : _auths)[entry].Clear();
                }

                target = (addr ? _addrs : _auths)[entry];
            }
            else
            {
                target = _accounts[account];
            }

            if (target.Has(slot))
            {
                // The first value of a node counts.
                _text.Rewind(_itemMark);
                return;
            }

            // Keep the data, and the names x and y when they are new, packed down to the item's mark.
            _keepCount = 0;
            int dataIndex = Push(_dataStart, _dataLength);
            int accountIndex = newAccount ? Push(_segmentStart[1], _segmentLength[1]) : -1;
            int entryIndex = newEntry ? Push(_segmentStart[3], _segmentLength[3]) : -1;
            Pack();

            if (newAccount)
            {
                _accountNameStart[account] = _keepStart[accountIndex];
                _accountNameLength[account] = _keepLength[accountIndex];
                _accountCount++;
            }

            if (newEntry)
            {
                if (name == DmAppAddr)
                {
                    _addrNameStart[entry] = _keepStart[entryIndex];
                    _addrNameLength[entry] = _keepLength[entryIndex];
                    _addrCount[account]++;
                }
                else
                {
                    _authNameStart[entry] = _keepStart[entryIndex];
                    _authNameLength[entry] = _keepLength[entryIndex];
                    _authCount[account]++;
                }
            }

            target.Set(slot, _keepStart[dataIndex], _keepLength[dataIndex], form);
        }

        private int Push(int start, int length)
        {
            _keepStart[_keepCount] = start;
            _keepLength[_keepCount] = length;
            _moved[_keepCount] = false;
            return _keepCount++;
        }

        private void Pack()
        {
            // Move the kept spans down in the order they lie: a forward copy never overwrites a span not yet moved.
            int to = _itemMark;
            for (int done = 0; done < _keepCount; done++)
            {
                int next = -1;
                for (int i = 0; i < _keepCount; i++)
                {
                    if (!_moved[i] && (next < 0 || _keepStart[i] < _keepStart[next]))
                    {
                        next = i;
                    }
                }

                _keepStart[next] = _text.MoveDown(to, _keepStart[next], _keepLength[next]);
                _moved[next] = true;
                to += _keepLength[next];
            }

            _text.Rewind(to);
        }

        private int FindName(int[] starts, int[] lengths, int first, int end, int start, int length)
        {
            for (int i = first; i < end; i++)
            {
                if (lengths[i] == length && SameBytes(starts[i], start, length))
                {
                    return i;
                }
            }

            return -1;
        }

        private bool SameBytes(int a, int b, int length)
        {
            byte[] bytes = _text.Bytes;
            for (int i = 0; i < length; i++)
            {
                if (bytes[a + i] != bytes[b + i])
                {
                    return false;
                }
            }

            return true;
        }

        private bool Split(int start, int length)
        {
            // "./DMAcc/x/..." or "DMAcc/x/...": segments after the optional "./", none empty.
            byte[] bytes = _text.Bytes;
            int end = start + length;
            if (length >= 2 && bytes[start] == Dot && bytes[start + 1] == Slash)
            {
                start += 2;
            }

            _segments = 0;
            int segment = start;
            for (int i = start; i <= end; i++)
            {
                if (i == end || bytes[i] == Slash)
                {
                    if (i == segment || _segments == MaxSegments)
                    {
                        return false;
                    }

                    _segmentStart[_segments] = segment;
                    _segmentLength[_segments] = i - segment;
                    _segments++;
                    segment = i + 1;
                }
            }

            return _segments >= 3 && _text.SpanEquals(_segmentStart[0], _segmentLength[0], _words.DmAcc);
        }

        private void Choose(BootstrapSpans result)
        {
            for (int a = 0; a < _accountCount; a++)
            {
                BootstrapSpans account = _accounts[a];
                if (!account.Has(BootstrapVocabulary.AppId)
                    || !_text.SpanEquals(account.Start(BootstrapVocabulary.AppId), account.Length(BootstrapVocabulary.AppId), _words.W7)
                    || account.Length(BootstrapVocabulary.ServerId) <= 0)
                {
                    continue;
                }

                BootstrapSpans server = Auth(a, _words.SrvCred);
                if (server == null || server.Length(AuthSecretSlot) <= 0)
                {
                    continue;
                }

                for (int slot = 0; slot < BootstrapVocabulary.AccountSlots; slot++)
                {
                    result.CopyFrom(account, slot, slot);
                }

                result.CopyFrom(server, AuthSecretSlot, BootstrapVocabulary.ServerPassword);
                result.CopyFrom(server, AuthDataSlot, BootstrapVocabulary.ServerNonce);
                result.CopyFrom(server, AuthTypeSlot, BootstrapVocabulary.AuthType);
                BootstrapSpans client = Auth(a, _words.ClCred);
                if (client != null)
                {
                    result.CopyFrom(client, AuthNameSlot, BootstrapVocabulary.ClientName);
                    result.CopyFrom(client, AuthSecretSlot, BootstrapVocabulary.ClientPassword);
                    result.CopyFrom(client, AuthDataSlot, BootstrapVocabulary.ClientNonce);
                }

                int first = a * MaxEntries;
                for (int e = first; e < first + _addrCount[a]; e++)
                {
                    if (_addrs[e].Has(AddrSlot))
                    {
                        result.CopyFrom(_addrs[e], AddrSlot, BootstrapVocabulary.Address);
                        result.CopyFrom(_addrs[e], PortSlot, BootstrapVocabulary.Port);
                        break;
                    }
                }

                return;
            }
        }

        private BootstrapSpans Auth(int account, byte[] level)
        {
            int first = account * MaxEntries;
            for (int e = first; e < first + _authCount[account]; e++)
            {
                BootstrapSpans auth = _auths[e];
                if (auth.Has(AuthLevelSlot) && _text.SpanEquals(auth.Start(AuthLevelSlot), auth.Length(AuthLevelSlot), level))
                {
                    return auth;
                }
            }

            return null;
        }
    }
}

// Client Provisioning document -> DM account (OMA-WAP-TS-ProvCont 1.1 clauses 5 and 8; the w7 registration of
// OMA-TS-DM_Bootstrap 1.2 appendix).
//
//   <wap-provisioningdoc>                                    tag 0x05, code page 0
//     <characteristic type="APPLICATION">                    tag 0x06; type="APPLICATION" = attribute 0x55, page 1
//       <parm name="APPID" value="w7"/>                      tag 0x07; name="APPID" = 0x36 p1; value = 0x06
//       <parm name="PROVIDER-ID" value="..."/>               0x38 p1            -> ServerId
//       <parm name="NAME" value="..."/>                      0x07 p0/p1         -> Name
//       <parm name="ADDR" value="..."/>                      0x34 p1            -> ServerAddress
//       <characteristic type="APPADDR">                      0x56 p1
//         <parm name="ADDR" value="..."/>                                       -> ServerAddress (when no ADDR above)
//         <characteristic type="PORT"> <parm name="PORTNBR" value="443"/>      0x53; 0x23 -> ServerPort
//       <characteristic type="APPAUTH">                      0x57 p1
//         <parm name="AAUTHLEVEL" value="CLIENT"|"APPSRV"/>  0x30 p1; APPSRV = value 0x8D p1, CLIENT is a string
//         <parm name="AAUTHTYPE|AAUTHNAME|AAUTHSECRET|AAUTHDATA" .../>  0x33, 0x31, 0x32, 0x2F p1
//
// A name or value may be a prefix token, strings, entities and value tokens in any mix (WBXML 5.8.3); they are
// assembled in BootstrapText and compared as bytes, so name="APPID" as a token and as a string are the same.
// CLIENT credentials are the server's (the password package #0's digest uses); APPSRV are the client's.
// The first APPLICATION with APPID w7, a PROVIDER-ID and a CLIENT AAUTHSECRET wins; the first value of a repeated
// parm counts, and the first address in document order. Only the winner's values stay in BootstrapText past the end
// of their APPLICATION.
namespace OmaDm.Notification.Bootstrap
{
    using OmaDm.Notification.Wbxml;

    /// <summary>Maps a Client Provisioning WBXML document to a DM account's spans. Reused; not thread-safe.</summary>
    internal sealed class ClientProvisioningMapper
    {
        private const int TagProvisioningDoc = 0x05;
        private const int TagCharacteristic = 0x06;
        private const int TagParm = 0x07;

        private const int AttrNameToken = 0x05;
        private const int AttrValueToken = 0x06;
        private const int AttrNameNameToken = 0x07;
        private const int AttrVersionToken = 0x45;
        private const int AttrVersion10Token = 0x46;
        private const int AttrTypeToken = 0x50;
        private const int AttrTypeFirst = 0x51;
        private const int AttrTypeLast = 0x5B;
        private const int Page1TypePort = 0x53;
        private const int Page1TypeApplication = 0x55;
        private const int Page1TypeAppAddr = 0x56;
        private const int Page1TypeAppAuth = 0x57;
        private const int Page0TypePort = 0x53;
        private const int PortNbrToken = 0x23;
        private const int Page1AAuthData = 0x2F;
        private const int Page1AAuthLevel = 0x30;
        private const int Page1AAuthName = 0x31;
        private const int Page1AAuthSecret = 0x32;
        private const int Page1AAuthType = 0x33;
        private const int Page1Addr = 0x34;
        private const int Page1AppId = 0x36;
        private const int Page1ProviderId = 0x38;
        private const int Page0AddrTypeFirst = 0x85;
        private const int Page0AuthTypeFirst = 0x9A;
        private const int Page1ValueFirst = 0x85;

        // Element kinds on the stack.
        private const int KindOther = 0;
        private const int KindRoot = 1;
        private const int KindCharacteristic = 2;
        private const int KindParm = 3;

        // Characteristic types (indexes of BootstrapVocabulary.CpTypes).
        private const int TypeOther = 0;
        private const int TypeApplication = 1;
        private const int TypeAppAddr = 2;
        private const int TypePort = 3;
        private const int TypeAppAuth = 4;

        // Parm names (indexes of BootstrapVocabulary.CpNames).
        private const int NameName = 1;
        private const int NameProviderId = 2;
        private const int NameAppId = 3;
        private const int NameAddr = 4;
        private const int NamePortNbr = 5;
        private const int NameAAuthLevel = 6;
        private const int NameAAuthName = 7;
        private const int NameAAuthSecret = 8;
        private const int NameAAuthData = 9;
        private const int NameAAuthType = 10;

        // Attribute kinds.
        private const int AttrOther = 0;
        private const int AttrName = 1;
        private const int AttrValue = 2;
        private const int AttrType = 3;

        // Slots of the APPADDR and APPAUTH being read.
        private const int AddrSlot = 0;
        private const int PortSlot = 1;
        private const int LevelSlot = 0;
        private const int AuthNameSlot = 1;
        private const int AuthSecretSlot = 2;
        private const int AuthDataSlot = 3;
        private const int AuthTypeSlot = 4;

        private readonly BootstrapVocabulary _words;
        private readonly int[] _kinds = new int[WbxmlReader.DefaultMaxDepth + 2];
        private readonly int[] _types = new int[WbxmlReader.DefaultMaxDepth + 2];
        private readonly BootstrapSpans _application = new BootstrapSpans(BootstrapVocabulary.AccountSlots);
        private readonly BootstrapSpans _appAddr = new BootstrapSpans(2);
        private readonly BootstrapSpans _appAuth = new BootstrapSpans(5);

        private WbxmlReader _reader;
        private BootstrapText _text;
        private int _top;
        private int _elementMark;
        private int _applicationMark;
        private bool _hasWinner;
        private bool _serverSet;
        private bool _clientSet;

        // The attribute being assembled, and the element's name/value/type attributes so far.
        private int _attribute;
        private int _attributeStart;
        private bool _attributePoisoned;
        private int _nameStart;
        private int _nameLength;
        private bool _namePoisoned;
        private int _valueStart;
        private int _valueLength;
        private bool _valuePoisoned;
        private int _typeStart;
        private int _typeLength;
        private bool _typePoisoned;

        /// <summary>Creates a mapper comparing with <paramref name="words"/>.</summary>
        /// <param name="words">The vocabulary.</param>
        public ClientProvisioningMapper(BootstrapVocabulary words)
        {
            _words = words;
        }

        /// <summary>
        /// Reads the document from <paramref name="reader"/> (its header already read) into <paramref name="account"/>.
        /// </summary>
        /// <param name="reader">The reader, positioned after the header.</param>
        /// <param name="text">Value space.</param>
        /// <param name="account">The winning account's spans (cleared here).</param>
        /// <returns>None (account may be empty: no w7 application), or BootstrapMalformed.</returns>
        public ReasonCode Map(WbxmlReader reader, BootstrapText text, BootstrapSpans account)
        {
            _reader = reader;
            _text = text;
            _top = 0;
            _hasWinner = false;
            _attribute = AttrOther;
            account.Clear();
            while (reader.Read())
            {
                bool ok = true;
                switch (reader.Kind)
                {
                    case WbxmlNodeKind.StartElement:
                        ok = StartElement();
                        break;
                    case WbxmlNodeKind.AttributeStart:
                        CloseAttribute();
                        StartAttribute();
                        break;
                    case WbxmlNodeKind.AttributeValue:
                        AppendValueToken();
                        break;
                    case WbxmlNodeKind.String:
                    case WbxmlNodeKind.Opaque:
                    case WbxmlNodeKind.Entity:
                        if (_attribute != AttrOther)
                        {
                            text.AppendNode(reader);
                        }

                        break;
                    case WbxmlNodeKind.EndAttributes:
                        CloseAttribute();
                        ok = EndAttributes();
                        break;
                    case WbxmlNodeKind.EndElement:
                        ok = EndElement(account);
                        break;
                }

                if (!ok || text.Overflowed)
                {
                    return ReasonCode.BootstrapMalformed;
                }
            }

            return reader.Error == WbxmlError.None ? ReasonCode.None : ReasonCode.BootstrapMalformed;
        }

        private bool StartElement()
        {
            int token = _reader.Token;
            int kind;
            if (_top == 0)
            {
                // The root is wap-provisioningdoc on code page 0 (ProvCont 8.1).
                if (_reader.Page != 0 || token != TagProvisioningDoc)
                {
                    return false;
                }

                kind = KindRoot;
            }
            else
            {
                kind = token == TagCharacteristic ? KindCharacteristic : token == TagParm ? KindParm : KindOther;
            }

            _kinds[_top] = kind;
            _types[_top] = TypeOther;
            _top++;
            _elementMark = _text.Used;
            _attribute = AttrOther;
            _nameLength = -1;
            _valueLength = -1;
            _typeLength = -1;
            _namePoisoned = false;
            _valuePoisoned = false;
            _typePoisoned = false;
            return _reader.HasAttributes || EndAttributes();
        }

        private void StartAttribute()
        {
            _attributeStart = _text.Used;
            _attributePoisoned = false;
            int token = _reader.Token;
            int page = _reader.Page;
            if (token < 0)
            {
                int start = _reader.DataStart;
                int length = _reader.DataLength;
                _attribute = _reader.SpanEquals(start, length, _words.NameAttribute) ? AttrName
                    : _reader.SpanEquals(start, length, _words.ValueAttribute) ? AttrValue
                    : _reader.SpanEquals(start, length, _words.TypeAttribute) ? AttrType
                    : AttrOther;
                return;
            }

            if (token == AttrNameToken)
            {
                _attribute = AttrName;
            }
            else if (token == AttrValueToken)
            {
                _attribute = AttrValue;
            }
            else if (token == AttrTypeToken)
            {
                _attribute = AttrType;
            }
            else if (token == AttrVersionToken || token == AttrVersion10Token)
            {
                _attribute = AttrOther;
            }
            else if (token >= AttrTypeFirst && token <= AttrTypeLast)
            {
                _attribute = AttrType;
                AppendPrefix(PrefixType(page, token), _words.CpTypes);
            }
            else
            {
                _attribute = AttrName;
                AppendPrefix(PrefixName(page, token), _words.CpNames);
            }
        }

        private void AppendPrefix(int index, byte[][] table)
        {
            if (index == 0)
            {
                // A name or type this mapper has no use for: its text is not needed, only that it is not ours.
                _attributePoisoned = true;
                return;
            }

            byte[] prefix = table[index];
            _text.Append(prefix, 0, prefix.Length);
        }

        private static int PrefixType(int page, int token)
        {
            if (page == 1)
            {
                switch (token)
                {
                    case Page1TypeApplication: return TypeApplication;
                    case Page1TypeAppAddr: return TypeAppAddr;
                    case Page1TypeAppAuth: return TypeAppAuth;
                    case Page1TypePort: return TypePort;
                }
            }
            else if (page == 0 && token == Page0TypePort)
            {
                return TypePort;
            }

            return TypeOther;
        }

        private static int PrefixName(int page, int token)
        {
            if (page != 0 && page != 1)
            {
                return 0;
            }

            if (token == AttrNameNameToken)
            {
                return NameName;
            }

            if (token == PortNbrToken)
            {
                return NamePortNbr;
            }

            if (page != 1)
            {
                return 0;
            }

            switch (token)
            {
                case Page1ProviderId: return NameProviderId;
                case Page1AppId: return NameAppId;
                case Page1Addr: return NameAddr;
                case Page1AAuthLevel: return NameAAuthLevel;
                case Page1AAuthName: return NameAAuthName;
                case Page1AAuthSecret: return NameAAuthSecret;
                case Page1AAuthData: return NameAAuthData;
                case Page1AAuthType: return NameAAuthType;
                default: return 0;
            }
        }

        private void AppendValueToken()
        {
            if (_attribute == AttrOther)
            {
                return;
            }

            int token = _reader.Token;
            byte[] value = null;
            if (_reader.Page == 0)
            {
                if (token >= Page0AddrTypeFirst && token < Page0AddrTypeFirst + _words.CpPage0Values.Length)
                {
                    value = _words.CpPage0Values[token - Page0AddrTypeFirst];
                }
                else if (token >= Page0AuthTypeFirst && token < Page0AuthTypeFirst + _words.CpPage0AuthValues.Length)
                {
                    value = _words.CpPage0AuthValues[token - Page0AuthTypeFirst];
                }
            }
            else if (_reader.Page == 1 && token >= Page1ValueFirst && token < Page1ValueFirst + _words.CpPage1Values.Length)
            {
                value = _words.CpPage1Values[token - Page1ValueFirst];
            }

            if (value == null)
            {
                _attributePoisoned = true;
                return;
            }

            _text.Append(value, 0, value.Length);
        }

        private void CloseAttribute()
        {
            int length = _text.Used - _attributeStart;
            switch (_attribute)
            {
                case AttrName:
                    if (_nameLength < 0)
                    {
                        _nameStart = _attributeStart;
                        _nameLength = length;
                        _namePoisoned = _attributePoisoned;
                    }

                    break;
                case AttrValue:
                    if (_valueLength < 0)
                    {
                        _valueStart = _attributeStart;
                        _valueLength = length;
                        _valuePoisoned = _attributePoisoned;
                    }

                    break;
                case AttrType:
                    if (_typeLength < 0)
                    {
                        _typeStart = _attributeStart;
                        _typeLength = length;
                        _typePoisoned = _attributePoisoned;
                    }

                    break;
            }

            _attribute = AttrOther;
        }

        private bool EndAttributes()
        {
            int level = _top - 1;
            int kind = _kinds[level];
            if (kind == KindParm)
            {
                return Parm(level);
            }

            if (kind == KindCharacteristic)
            {
                int type = _typeLength < 0 || _typePoisoned ? TypeOther : BootstrapVocabulary.Find(_text, _typeStart, _typeLength, _words.CpTypes);
                _types[level] = type;
                int parent = ParentType(level);
                if (type == TypeApplication && level == 1)
                {
                    _text.Rewind(_elementMark);
                    _application.Clear();
                    _applicationMark = _text.Used;
                    _serverSet = false;
                    _clientSet = false;
                }
                else if (type == TypeAppAddr && parent == TypeApplication && level == 2)
                {
                    _appAddr.Clear();
                }
                else if (type == TypeAppAuth && parent == TypeApplication && level == 2)
                {
                    _appAuth.Clear();
                }
            }

            _text.Rewind(_elementMark);
            return true;
        }

        private int ParentType(int level)
        {
            return level >= 1 && _kinds[level - 1] == KindCharacteristic ? _types[level - 1] : TypeOther;
        }

        private bool Parm(int level)
        {
            int name = _nameLength < 0 || _namePoisoned ? 0 : BootstrapVocabulary.Find(_text, _nameStart, _nameLength, _words.CpNames);
            int parent = ParentType(level);
            BootstrapSpans target = null;
            int slot = -1;
            if (parent == TypeApplication && level == 2)
            {
                target = _application;
                slot = name == NameAppId ? BootstrapVocabulary.AppId
                    : name == NameProviderId ? BootstrapVocabulary.ServerId
                    : name == NameName ? BootstrapVocabulary.Name
                    : name == NameAddr ? BootstrapVocabulary.Address
                    : -1;
            }
            else if (parent == TypeAppAddr && level == 3 && ParentType(2) == TypeApplication)
            {
                target = _appAddr;
                slot = name == NameAddr ? AddrSlot : -1;
            }
            else if (parent == TypePort && level == 4 && ParentType(3) == TypeAppAddr && ParentType(2) == TypeApplication)
            {
                target = _appAddr;
                slot = name == NamePortNbr ? PortSlot : -1;
            }
            else if (parent == TypeAppAuth && level == 3 && ParentType(2) == TypeApplication)
            {
                target = _appAuth;
                slot = name == NameAAuthLevel ? LevelSlot
                    : name == NameAAuthName ? AuthNameSlot
                    : name == NameAAuthSecret ? AuthSecretSlot
                    : name == NameAAuthData ? AuthDataSlot
                    : name == NameAAuthType ? AuthTypeSlot
                    : -1;
            }

            if (target == null || slot < 0 || _valueLength < 0 || target.Has(slot))
            {
                _text.Rewind(_elementMark);
                return true;
            }

            if (_valuePoisoned)
            {
                // A value token this mapper cannot spell, in a value the account keeps.
                return false;
            }

            int start = _text.MoveDown(_elementMark, _valueStart, _valueLength);
            target.Set(slot, start, _valueLength, BootstrapSpans.FormText);
            _text.Rewind(start + _valueLength);
            return true;
        }

        private bool EndElement(BootstrapSpans account)
        {
            _top--;
            if (_top < 0)
            {
                return false;
            }

            if (_kinds[_top] != KindCharacteristic)
            {
                return true;
            }

            int level = _top;
            int type = _types[level];
            int parent = ParentType(level);
            if (type == TypeAppAddr && parent == TypeApplication && level == 2)
            {
                // The first address in document order counts: an APPADDR's ADDR (with its PORTNBR) unless an ADDR parm of
                // the APPLICATION or an earlier APPADDR came first.
                if (_appAddr.Has(AddrSlot) && !_application.Has(BootstrapVocabulary.Address))
                {
                    _application.CopyFrom(_appAddr, AddrSlot, BootstrapVocabulary.Address);
                    _application.CopyFrom(_appAddr, PortSlot, BootstrapVocabulary.Port);
                }
            }
            else if (type == TypeAppAuth && parent == TypeApplication && level == 2)
            {
                EndAppAuth();
            }
            else if (type == TypeApplication && level == 1)
            {
                EndApplication(account);
            }

            return true;
        }

        private void EndAppAuth()
        {
            if (!_appAuth.Has(LevelSlot))
            {
                return;
            }

            int start = _appAuth.Start(LevelSlot);
            int length = _appAuth.Length(LevelSlot);
            if (!_serverSet && _text.SpanEquals(start, length, _words.Client))
            {
                _serverSet = true;
                _application.CopyFrom(_appAuth, AuthSecretSlot, BootstrapVocabulary.ServerPassword);
                _application.CopyFrom(_appAuth, AuthDataSlot, BootstrapVocabulary.ServerNonce);
                _application.CopyFrom(_appAuth, AuthTypeSlot, BootstrapVocabulary.AuthType);
            }
            else if (!_clientSet && _text.SpanEquals(start, length, _words.AppSrv))
            {
                _clientSet = true;
                _application.CopyFrom(_appAuth, AuthNameSlot, BootstrapVocabulary.ClientName);
                _application.CopyFrom(_appAuth, AuthSecretSlot, BootstrapVocabulary.ClientPassword);
                _application.CopyFrom(_appAuth, AuthDataSlot, BootstrapVocabulary.ClientNonce);
            }
        }

        private void EndApplication(BootstrapSpans account)
        {
            bool complete = !_hasWinner
                && _application.Has(BootstrapVocabulary.AppId)
                && _text.SpanEquals(_application.Start(BootstrapVocabulary.AppId), _application.Length(BootstrapVocabulary.AppId), _words.W7)
                && _application.Length(BootstrapVocabulary.ServerId) > 0
                && _application.Length(BootstrapVocabulary.ServerPassword) > 0;
            if (!complete)
            {
                _text.Rewind(_applicationMark);
                return;
            }

            _hasWinner = true;
            for (int slot = 0; slot < BootstrapVocabulary.AccountSlots; slot++)
            {
                account.CopyFrom(_application, slot, slot);
            }
        }
    }
}

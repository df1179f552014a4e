// The body of a bootstrap push, already authenticated (MAC verified) by the caller (OMA-TS-DM_Bootstrap 1.2 clause 5,
// OMA-WAP-TS-ProvBoot 1.1): a WBXML document (WAP-192-WBXML 1.3) in one of two profiles.
//
//   CP profile:  03 0B 6A <strtbl> <wap-provisioningdoc ...>     public id 0x0B "-//WAPFORUM//DTD PROV 1.0//EN"
//   DM profile:  02|03 9201 6A <strtbl> <SyncML ...>              public id 0x1201 "-//SYNCML//DTD SyncML 1.2//EN"
//                (mb_u_int32 0x1201 = 0xA4 0x01)
//
// Public id: the profile's well-known id, its literal string, or 1 (unknown: the content type already decided).
// Parse, verify, then commit: the document is read to its end (every WBXML and structure error, truncation included,
// is BootstrapMalformed), the winning account's values are checked (UTF-8, base64, port digits), and only then are
// strings made and the account filled. A refused document leaves the account cleared.
namespace OmaDm.Notification.Bootstrap
{
    using OmaDm.Notification.Buffers;
    using OmaDm.Notification.Cryptography;
    using OmaDm.Notification.Wbxml;

    /// <summary>Decodes the WBXML body of a bootstrap push into a <see cref="BootstrapAccount"/>.</summary>
    /// <remarks>
    /// The first complete account wins when a document holds several (CP: the first APPLICATION with APPID w7, a
    /// PROVIDER-ID and a CLIENT AAUTHSECRET; DM: the first ./DMAcc/x, in the order accounts first appear, with AppID w7,
    /// a ServerID and a SRVCRED AAuthSecret). The decoder's working memory (a reader, mappers and
    /// <see cref="BootstrapText.Capacity"/> bytes of value space) is made on the first call and reused; calls are
    /// serialised. A decode allocates only the strings of an accepted account.
    /// </remarks>
    public static class BootstrapDocumentDecoder
    {
        /// <summary>WBXML public id of PROV 1.0 (WAP-192-WBXML 7.2.1).</summary>
        public const int ProvPublicId = 0x0B;

        /// <summary>WBXML public id of SyncML 1.2 (OMA-TS-SyncML_RepPro 1.2 clause 8.1).</summary>
        public const int SyncMl12PublicId = 0x1201;

        /// <summary>WBXML public id "unknown" (WAP-192-WBXML 7.2.1).</summary>
        public const int UnknownPublicId = 0x01;

        private const int MaxPortDigits = 5;
        private const int MaxPort = 65535;

        private static readonly object Gate = new object();
        private static DecoderState s_state;

        /// <summary>
        /// Decodes the WBXML body of a bootstrap push (already MAC-verified by the caller) into
        /// <paramref name="account"/>.
        /// </summary>
        /// <param name="buffer">The bytes.</param>
        /// <param name="offset">Index of the WBXML version octet.</param>
        /// <param name="count">Length of the document.</param>
        /// <param name="profile">Which document the push's content type announced.</param>
        /// <param name="account">Filled on success; cleared otherwise.</param>
        /// <returns>
        /// <see cref="ReasonCode.None"/>; <see cref="ReasonCode.BootstrapMalformed"/> for any WBXML or structure error
        /// (truncation included) or an unusable value; <see cref="ReasonCode.BootstrapNoDmAccount"/> when the document is
        /// well formed but holds no w7 account with a server id and a server password.
        /// </returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="buffer"/> or <paramref name="account"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public static ReasonCode Decode(byte[] buffer, int offset, int count, BootstrapProfile profile, BootstrapAccount account)
        {
            ByteReader.CheckRange(buffer, offset, count);
            if (account == null)
            {
                throw new System.ArgumentNullException(nameof(account));
            }

            account.Clear();
            lock (Gate)
            {
                if (s_state == null)
                {
                    s_state = new DecoderState();
                }

                return s_state.Decode(buffer, offset, count, profile, account);
            }
        }

        private sealed class DecoderState
        {
            private readonly WbxmlReader _reader = new WbxmlReader();
            private readonly BootstrapText _text = new BootstrapText();
            private readonly BootstrapVocabulary _words = new BootstrapVocabulary();
            private readonly BootstrapSpans _spans = new BootstrapSpans(BootstrapVocabulary.AccountSlots);
            private readonly ClientProvisioningMapper _cp;
            private readonly DmProfileMapper _dm;
            private bool _dmProfile;

            public DecoderState()
            {
                _cp = new ClientProvisioningMapper(_words);
                _dm = new DmProfileMapper(_words);
            }

            public ReasonCode Decode(byte[] buffer, int offset, int count, BootstrapProfile profile, BootstrapAccount account)
            {
                _text.Clear();
                if (!_reader.Reset(buffer, offset, count))
                {
                    return ReasonCode.BootstrapMalformed;
                }

                bool dm = profile == BootstrapProfile.DmProfile;
                _dmProfile = dm;
                if (!PublicIdMatches(dm ? SyncMl12PublicId : ProvPublicId, dm ? _words.SyncMl12PublicId : _words.ProvPublicId))
                {
                    return ReasonCode.BootstrapMalformed;
                }

                ReasonCode reason = dm ? _dm.Map(_reader, _text, _spans) : _cp.Map(_reader, _text, _spans);
                if (reason != ReasonCode.None)
                {
                    return reason;
                }

                if (_spans.Length(BootstrapVocabulary.ServerId) <= 0 || _spans.Length(BootstrapVocabulary.ServerPassword) <= 0)
                {
                    return ReasonCode.BootstrapNoDmAccount;
                }

                // Verify every value before any string is made.
                int port = -1;
                if (_spans.Has(BootstrapVocabulary.Port) && !TryPort(out port))
                {
                    return ReasonCode.BootstrapMalformed;
                }

                for (int slot = 0; slot < BootstrapVocabulary.AccountSlots; slot++)
                {
                    if (_spans.Has(slot) && slot != BootstrapVocabulary.Port && slot != BootstrapVocabulary.AppId && !Verifiable(slot))
                    {
                        return ReasonCode.BootstrapMalformed;
                    }
                }

                account.ServerId = Text(BootstrapVocabulary.ServerId);
                account.Name = Text(BootstrapVocabulary.Name);
                account.ServerAddress = Text(BootstrapVocabulary.Address);
                account.ServerPort = port;
                account.ServerPassword = Text(BootstrapVocabulary.ServerPassword);
                account.ServerNonceBase64 = Nonce(BootstrapVocabulary.ServerNonce);
                account.ClientName = Text(BootstrapVocabulary.ClientName);
                account.ClientPassword = Text(BootstrapVocabulary.ClientPassword);
                account.ClientNonceBase64 = Nonce(BootstrapVocabulary.ClientNonce);
                account.AuthType = Text(BootstrapVocabulary.AuthType);
                return ReasonCode.None;
            }

            private bool PublicIdMatches(int wellKnown, byte[] literal)
            {
                if (_reader.PublicIdStart >= 0)
                {
                    return _reader.SpanEquals(_reader.PublicIdStart, _reader.PublicIdLength, literal);
                }

                return _reader.PublicId == wellKnown || _reader.PublicId == UnknownPublicId;
            }

            private bool TryPort(out int port)
            {
                port = 0;
                int start = _spans.Start(BootstrapVocabulary.Port);
                int length = _spans.Length(BootstrapVocabulary.Port);
                if (_spans.Form(BootstrapVocabulary.Port) == BootstrapSpans.FormBase64 || length < 1 || length > MaxPortDigits)
                {
                    return false;
                }

                byte[] bytes = _text.Bytes;
                for (int i = start; i < start + length; i++)
                {
                    int digit = bytes[i] - '0';
                    if (digit < 0 || digit > 9)
                    {
                        return false;
                    }

                    port = (port * 10) + digit;
                }

                return port <= MaxPort;
            }

            private bool Verifiable(int slot)
            {
                int start = _spans.Start(slot);
                int length = _spans.Length(slot);
                int form = _spans.Form(slot);
                bool nonce = slot == BootstrapVocabulary.ServerNonce || slot == BootstrapVocabulary.ClientNonce;
                if (nonce)
                {
                    // A nonce is kept as base64 text: CP AAUTHDATA and DM b64 data must be base64 as sent; DM binary or
                    // text data is encoded when the string is made.
                    bool asSent = form == BootstrapSpans.FormBase64 || (form == BootstrapSpans.FormText && !_dmProfile);
                    return !asSent || IsBase64(start, length);
                }

                if (form == BootstrapSpans.FormBase64)
                {
                    // Text sent as b64 (DM Format b64): its decoded bytes must be UTF-8; they are decoded when made.
                    return IsBase64(start, length) && DecodedIsUtf8(start, length);
                }

                return _text.IsUtf8(start, length);
            }

            private bool IsBase64(int start, int length)
            {
                // Base64 is ASCII; checking that first keeps invalid UTF-8 away from the string decoder.
                byte[] bytes = _text.Bytes;
                for (int i = start; i < start + length; i++)
                {
                    if (bytes[i] == 0 || bytes[i] >= 0x80)
                    {
                        return false;
                    }
                }

                return length == 0 || Base64.TryDecode(System.Text.Encoding.UTF8.GetString(bytes, start, length), out byte[] decoded);
            }

            private bool DecodedIsUtf8(int start, int length)
            {
                if (length == 0)
                {
                    return true;
                }

                Base64.TryDecode(System.Text.Encoding.UTF8.GetString(_text.Bytes, start, length), out byte[] decoded);
                int mark = _text.Used;
                _text.Append(decoded, 0, decoded.Length);
                bool ok = !_text.Overflowed && _text.IsUtf8(mark, decoded.Length);
                _text.Rewind(mark);
                return ok;
            }

            private string Text(int slot)
            {
                if (!_spans.Has(slot))
                {
                    return null;
                }

                int start = _spans.Start(slot);
                int length = _spans.Length(slot);
                if (length == 0)
                {
                    return string.Empty;
                }

                if (_spans.Form(slot) == BootstrapSpans.FormBase64)
                {
                    Base64.TryDecode(System.Text.Encoding.UTF8.GetString(_text.Bytes, start, length), out byte[] decoded);
                    return decoded.Length == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(decoded, 0, decoded.Length);
                }

                return System.Text.Encoding.UTF8.GetString(_text.Bytes, start, length);
            }

            private string Nonce(int slot)
            {
                if (!_spans.Has(slot))
                {
                    return null;
                }

                int start = _spans.Start(slot);
                int length = _spans.Length(slot);
                if (_spans.Form(slot) == BootstrapSpans.FormBase64)
                {
                    return length == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(_text.Bytes, start, length);
                }

                // CP AAUTHDATA is base64 text as sent (ProvCont 5.x); DM binary or text data is given as its base64.
                if (_spans.Form(slot) == BootstrapSpans.FormText && !_dmProfile)
                {
                    return length == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(_text.Bytes, start, length);
                }

                return length == 0 ? string.Empty : System.Convert.ToBase64String(_text.Bytes, start, length);
            }
        }
    }
}

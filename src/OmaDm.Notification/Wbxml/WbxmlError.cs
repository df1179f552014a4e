namespace OmaDm.Notification.Wbxml
{
    /// <summary>Why <see cref="WbxmlReader"/> stopped on a document (WAP-192-WBXML 1.3 clause 5); logged and tested by name.</summary>
    public enum WbxmlError
    {
        /// <summary>No error.</summary>
        None = 0,

        /// <summary>The bytes ended inside the header, a token, a string or before the root element was closed.</summary>
        Truncated = 1,

        /// <summary>The version octet is not WBXML 1.1, 1.2 or 1.3 (5.4; 1.0 has no charset field).</summary>
        UnsupportedVersion = 2,

        /// <summary>The charset is neither UTF-8 (106), US-ASCII (3) nor unknown (0) (5.6).</summary>
        UnsupportedCharset = 3,

        /// <summary>An mb_u_int32 runs past five octets or exceeds the range the reader allows (5.1).</summary>
        BadInteger = 4,

        /// <summary>A string-table reference points outside the table or at a string without its terminator (5.7).</summary>
        BadStringReference = 5,

        /// <summary>An inline string has no terminator before the end (5.8.4.1).</summary>
        UnterminatedString = 6,

        /// <summary>A token the reader refuses: PI, EXT_I/EXT_T/EXT_0..2 (no bootstrap document uses extensions) (5.8.4).</summary>
        UnsupportedToken = 7,

        /// <summary>A token that cannot stand where it does: a string outside the root element, LITERAL_A in an attribute list.</summary>
        UnexpectedToken = 8,

        /// <summary>Elements nested deeper than the reader's bound.</summary>
        TooDeep = 9,

        /// <summary>More tokens than the reader's bound.</summary>
        TooManyTokens = 10,

        /// <summary>Bytes follow the end of the root element (5.3: body = *pi element *pi; PIs are refused).</summary>
        TrailingBytes = 11,

        /// <summary>An ENTITY is not a Unicode scalar value (5.8.4.3).</summary>
        BadEntity = 12,
    }
}

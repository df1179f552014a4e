namespace OmaDm.Notification.Wbxml
{
    /// <summary>What <see cref="WbxmlReader.Read"/> stopped on.</summary>
    public enum WbxmlNodeKind
    {
        /// <summary>Nothing read yet, or the reader stopped on an error.</summary>
        None = 0,

        /// <summary>A tag: <see cref="WbxmlReader.Page"/> and <see cref="WbxmlReader.Token"/> (low six bits), or a LITERAL name.</summary>
        StartElement = 1,

        /// <summary>The attribute list of the current element ended (its END token).</summary>
        EndAttributes = 2,

        /// <summary>An attribute-start token (below 0x80 in an attribute list), or a LITERAL attribute name.</summary>
        AttributeStart = 3,

        /// <summary>An attribute-value token (0x80 and above in an attribute list).</summary>
        AttributeValue = 4,

        /// <summary>An inline (STR_I) or table (STR_T) string: <see cref="WbxmlReader.DataStart"/>, <see cref="WbxmlReader.DataLength"/>.</summary>
        String = 5,

        /// <summary>OPAQUE data: <see cref="WbxmlReader.DataStart"/>, <see cref="WbxmlReader.DataLength"/>.</summary>
        Opaque = 6,

        /// <summary>A character ENTITY: <see cref="WbxmlReader.Entity"/>.</summary>
        Entity = 7,

        /// <summary>An element ended (its END token, or at once after its tag or attributes when it has no content).</summary>
        EndElement = 8,

        /// <summary>The root element ended and no bytes follow it.</summary>
        EndDocument = 9,
    }
}

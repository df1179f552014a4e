namespace OmaDm.Notification.Storage.Accounts
{
    /// <summary>Why a provisioning file was refused, by name (logged with the line, see <see cref="Provisioning.ErrorName"/>).</summary>
    public enum ProvisioningError
    {
        /// <summary>No error.</summary>
        None = 0,

        /// <summary>The file is larger than the bound (checked before it is read).</summary>
        TooLarge = 1,

        /// <summary>A line is not well-formed UTF-8 (RFC 3629): it would be applied as other text than written.</summary>
        InvalidUtf8 = 2,

        /// <summary>A line holds a control character other than a tab (a CR is only accepted right before the LF).</summary>
        ControlCharacter = 3,

        /// <summary>A line is neither <c>[account]</c>, <c>[bootstrap]</c>, a <c>key=value</c> inside a section, a comment nor blank.</summary>
        BadLine = 4,

        /// <summary>A key that is not one of the documented keys.</summary>
        UnknownKey = 5,

        /// <summary>A value the key does not take (not strict base64, an unknown policy, an empty or too long server id).</summary>
        BadValue = 6,

        /// <summary>An account without <c>serverId</c> or <c>password</c> (reported at its <c>[account]</c> line).</summary>
        MissingKey = 7,

        /// <summary>A server id given to two accounts (reported at the second one's <c>serverId</c> line).</summary>
        DuplicateServerId = 8,

        /// <summary>More accounts than the store holds (reported at the first one too many).</summary>
        TooManyAccounts = 9,

        /// <summary>The file holds no account and no <c>[bootstrap]</c> section.</summary>
        NoAccount = 10,

        /// <summary>A second <c>[bootstrap]</c> section (reported at its header).</summary>
        DuplicateSection = 11,
    }
}

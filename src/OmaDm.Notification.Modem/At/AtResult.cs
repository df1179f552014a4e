namespace OmaDm.Notification.Modem
{
    /// <summary>How an AT command ended (3GPP TS 27.007 5.7, TS 27.005 3.2.5).</summary>
    public enum AtResult
    {
        /// <summary><c>OK</c>.</summary>
        Ok = 0,

        /// <summary><c>ERROR</c> without a code.</summary>
        Error = 1,

        /// <summary><c>+CMS ERROR: n</c> (message service failure, TS 27.005 3.2.5).</summary>
        CmsError = 2,

        /// <summary><c>+CME ERROR: n</c> (mobile equipment error, TS 27.007 9.2).</summary>
        CmeError = 3,

        /// <summary><c>NO CARRIER</c>, <c>BUSY</c>, <c>NO ANSWER</c> or <c>NO DIALTONE</c>.</summary>
        NoCarrier = 4,

        /// <summary>No final result within the command's timeout.</summary>
        Timeout = 5,

        /// <summary>The link is closed, or writing to it failed.</summary>
        LinkFailure = 6,
    }
}

namespace OmaDm.Notification.Storage.Accounts
{
    /// <summary>What <c>Provisioning.Apply</c> did with the provisioning file.</summary>
    public enum ProvisioningOutcome
    {
        /// <summary>There is no provisioning file (the normal boot).</summary>
        NoFile = 0,

        /// <summary>The file's accounts were committed to the store and the file was deleted.</summary>
        Applied = 1,

        /// <summary>The store already holds this file's accounts (a reboot fell between commit and delete); the file was deleted.</summary>
        AlreadyApplied = 2,

        /// <summary>The file does not parse; it was renamed to the rejected name so it is not retried, the store is unchanged.</summary>
        Invalid = 3,

        /// <summary>The store refused or failed the commit; the file stays and is retried at the next boot.</summary>
        StoreFailed = 4,
    }
}

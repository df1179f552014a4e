namespace OmaDm.Notification.Bootstrap
{
    /// <summary>Which bootstrap document a push carries (OMA-TS-DM_Bootstrap 1.2 clause 5).</summary>
    public enum BootstrapProfile
    {
        /// <summary>
        /// A Client Provisioning document (OMA-WAP-TS-ProvCont 1.1), Content-Type
        /// <c>application/vnd.wap.connectivity-wbxml</c> (0xB6); the DM account is the APPLICATION with APPID <c>w7</c>.
        /// </summary>
        ClientProvisioning = 0,

        /// <summary>
        /// A SyncML DM 1.2 message, Content-Type <c>application/vnd.syncml.dm+wbxml</c> (0xC2), whose Add commands create
        /// <c>./DMAcc/x/</c> (OMA-TS-DM_StdObj 1.2).
        /// </summary>
        DmProfile = 1,
    }
}

namespace OmaDm.Notification.Bootstrap
{
    /// <summary>
    /// A DM account as a bootstrap document delivers it (OMA-TS-DM_Bootstrap 1.2; CP: OMA-WAP-TS-ProvCont 1.1 and the w7
    /// registration; DM profile: OMA-TS-DM_StdObj 1.2 DMAcc). Reused across decodes: <see cref="Clear"/> empties it.
    /// </summary>
    /// <remarks>
    /// "Server" credentials are what the server proves to the device (they verify package #0's digest); "client"
    /// credentials are what the device proves to the server in the session that follows.
    /// </remarks>
    public sealed class BootstrapAccount
    {
        /// <summary>The server identifier. CP: <c>PROVIDER-ID</c>; DM: <c>ServerID</c>.</summary>
        public string ServerId;

        /// <summary>The account's display name. CP: <c>NAME</c>; DM: <c>Name</c>. May be null.</summary>
        public string Name;

        /// <summary>
        /// The server address. CP: <c>ADDR</c> or <c>APPADDR/ADDR</c>; DM: <c>AppAddr/x/Addr</c>. May be null.
        /// </summary>
        public string ServerAddress;

        /// <summary>
        /// The server port. CP: <c>APPADDR/PORT/PORTNBR</c>; DM: <c>AppAddr/x/Port/x/PortNbr</c>. -1 when absent.
        /// </summary>
        public int ServerPort;

        /// <summary>
        /// The password package #0's digest uses. CP: the <c>AAUTHSECRET</c> of the <c>APPAUTH</c> with
        /// <c>AAUTHLEVEL=CLIENT</c>; DM: the <c>AAuthSecret</c> of the AppAuth with <c>AAuthLevel=SRVCRED</c>.
        /// </summary>
        public string ServerPassword;

        /// <summary>
        /// The server nonce as base64 text. CP: that APPAUTH's <c>AAUTHDATA</c> (as sent); DM: the SRVCRED
        /// <c>AAuthData</c> (b64 text as sent, or binary data encoded to base64). Null when absent.
        /// </summary>
        public string ServerNonceBase64;

        /// <summary>The client's name toward the server. CP: APPSRV <c>AAUTHNAME</c>; DM: CLCRED <c>AAuthName</c>.</summary>
        public string ClientName;

        /// <summary>The client's password toward the server. CP: APPSRV <c>AAUTHSECRET</c>; DM: CLCRED <c>AAuthSecret</c>.</summary>
        public string ClientPassword;

        /// <summary>The client nonce as base64 text. CP: APPSRV <c>AAUTHDATA</c>; DM: CLCRED <c>AAuthData</c>.</summary>
        public string ClientNonceBase64;

        /// <summary>
        /// The server credentials' authentication type. DM: the SRVCRED <c>AAuthType</c> (for example <c>DIGEST</c>);
        /// CP: that APPAUTH's <c>AAUTHTYPE</c>. May be null.
        /// </summary>
        public string AuthType;

        /// <summary>Creates an empty account (port -1).</summary>
        public BootstrapAccount()
        {
            Clear();
        }

        /// <summary>Empties every field (strings null, port -1), ready for the next decode.</summary>
        public void Clear()
        {
            ServerId = null;
            Name = null;
            ServerAddress = null;
            ServerPort = -1;
            ServerPassword = null;
            ServerNonceBase64 = null;
            ClientName = null;
            ClientPassword = null;
            ClientNonceBase64 = null;
            AuthType = null;
        }
    }
}

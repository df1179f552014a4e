namespace OmaDm.Notification
{
    /// <summary>
    /// Why a message was not turned into a session request. One enumeration serves every layer, from the SMS bearer to
    /// dispatch, so a rejection can be logged, counted and tested by name wherever it happened.
    /// </summary>
    /// <remarks>
    /// Append new members at the end; the numeric values are persisted in logs and must not change.
    /// The host tool prints each member in kebab-case (<see cref="ReasonCodeText"/>).
    /// </remarks>
    public enum ReasonCode
    {
        /// <summary>No rejection: the message was accepted (or the layer succeeded).</summary>
        None = 0,

        /// <summary>
        /// The message ended before a field it announces (any layer): an SMS shorter than its user data length, a WSP
        /// header running past the headers length, a trigger shorter than its fixed header (OMA-TS-DM_Notification 6.1).
        /// </summary>
        Truncated = 1,

        /// <summary>
        /// The WSP PDU type is neither Push (0x06) nor ConfirmedPush (0x07) (WAP-230-WSP 8.2.4.1, table 34).
        /// </summary>
        NotPush = 2,

        /// <summary>
        /// The push Content-Type is not <c>application/vnd.syncml.notification</c> (0x44), so the body is not package #0
        /// (OMA-TS-DM_Notification 7.1).
        /// </summary>
        NotDmNotification = 3,

        /// <summary>
        /// The X-WAP-Application-ID names another application than <c>x-wap-application:syncml.dm</c> (0x07)
        /// (OMA-TS-DM_Notification 7.1, WAP-230-WSP 8.4.2.54).
        /// </summary>
        WrongApplication = 4,

        /// <summary>
        /// The WDP destination port is not the connectionless push port 2948 (OMA-TS-DM_Notification 7.1, WAP-259-WDP).
        /// </summary>
        WrongPort = 5,

        /// <summary>
        /// The SMS data coding scheme is GSM 7-bit, UCS2 or reserved: WAP push is carried only in 8-bit data
        /// (3GPP TS 23.038 clause 4, WAP-259-WDP annex). The message is left in storage.
        /// </summary>
        UnsupportedCoding = 6,

        /// <summary>
        /// A structure is inconsistent although long enough: a server-identifier length of 0, a uintvar longer than five
        /// octets or above 2^32-1, a user data header element running past the header length, a value length that
        /// overruns its header (OMA-TS-DM_Notification 6.2.11, WAP-230-WSP 8.1.2, 3GPP TS 23.040 9.2.3.24).
        /// </summary>
        Malformed = 7,

        /// <summary>
        /// The trigger's 10-bit version is not in the accepted set (default 11 and 12) (OMA-TS-DM_Notification 6.2.6).
        /// </summary>
        UnsupportedVersion = 8,

        /// <summary>
        /// No account is provisioned for the trigger's server identifier; rejected before any hashing
        /// (OMA-TS-DM_Notification 6.2.12).
        /// </summary>
        UnknownServer = 9,

        /// <summary>
        /// The MD5 digest matches none of the nonces the account's policy allows (OMA-TS-DM_Notification 6.2.2, 5.1).
        /// </summary>
        DigestMismatch = 10,

        /// <summary>
        /// The same server and session id arrived within the duplicate window or while that session is open: one session
        /// is enough (OMA-TS-DM_Notification 6.2.10).
        /// </summary>
        Duplicate = 11,

        /// <summary>The server's trigger rate limit is exhausted; the trigger is dropped to protect the battery.</summary>
        RateLimited = 12,

        /// <summary>
        /// A concatenated SMS never completed within the reassembly timeout (3GPP TS 23.040 9.2.3.24.1).
        /// </summary>
        Incomplete = 13,

        /// <summary>
        /// The Content-Type is 0x58 <c>application/vnd.syncml.dm.notification</c>, the OMA DM 1.3 notification format,
        /// which is not package #0 and is not parsed as one.
        /// </summary>
        DmNotificationV13 = 14,

        /// <summary>
        /// The Content-Type is 0x4E <c>application/vnd.syncml.ds.notification</c>, a Data Synchronisation alert, not a
        /// device management trigger.
        /// </summary>
        DsNotification = 15,

        /// <summary>
        /// The TPDU is not an SMS-DELIVER (TP-MTI is SMS-STATUS-REPORT, SMS-SUBMIT or reserved) (3GPP TS 23.040 9.2.3.1).
        /// </summary>
        NotSmsDeliver = 16,

        /// <summary>
        /// A pending concatenated message was evicted to keep reassembly memory under its cap (3GPP TS 23.040 9.2.3.24.1).
        /// </summary>
        Evicted = 17,

        /// <summary>The datagram or PDU is larger than the receive buffer or a configured bound.</summary>
        Oversized = 18,

        /// <summary>
        /// The SMS carries no application port addressing, so it is an ordinary text and not WDP (3GPP TS 23.040 9.2.3.24.3/4).
        /// It is left in modem storage untouched.
        /// </summary>
        NotWdp = 19,

        /// <summary>
        /// TP-PID 0x40, short message type 0 (3GPP TS 23.040 9.2.3.9): the mobile acknowledges it and may discard its
        /// contents; it is never a notification. Left in modem storage untouched.
        /// </summary>
        ShortMessageType0 = 20,

        /// <summary>
        /// TP-PID 0x7F, (U)SIM data download (3GPP TS 23.040 9.2.3.9, 3GPP TS 31.111 7.1): addressed to the SIM
        /// toolkit, never a notification. Left in modem storage untouched.
        /// </summary>
        SimDataDownload = 21,

        /// <summary>
        /// This exact trigger (same digest) was accepted before, and the nonce it was signed with is still current: the
        /// account's stored nonce has not changed since, or, for a resynchronisation nonce (5.1), the password has not
        /// (OMA-TS-DM_Notification 6.2.2, 5.1). Remembered across reboots; later than the duplicate window.
        /// </summary>
        Replayed = 22,

        /// <summary>
        /// The account's current nonce already authenticated as many triggers as the device remembers per nonce
        /// (<see cref="Dispatch.AgentOptions.ReplayHistoryCapacity"/>); rather than forget one, which would make it
        /// replayable, further triggers under that nonce are refused until the server sets a new nonce (for the
        /// resynchronisation nonce: until the password changes) (OMA-TS-DM_Notification 5.1).
        /// </summary>
        NonceExhausted = 23,

        /// <summary>
        /// The digest matched under a key whose accepted-trigger history the device no longer holds (the history record
        /// was unreadable at boot, or the key was retired to keep the history bounded): as any trigger under it could be
        /// a replay, every one is refused until the key is no longer current (the server sets a new nonce; for a
        /// resynchronisation nonce, the password changes) (OMA-TS-DM_Notification 5.1). Fail closed.
        /// </summary>
        ReplayHistoryUnavailable = 24,

        /// <summary>
        /// The trigger was authentic and new, but the device could not persist that it accepted it (the flash write
        /// failed), so it is not reported as a session and nothing of it is remembered: the server's retry is accepted
        /// once the store can be written again.
        /// </summary>
        NotPersisted = 25,

        /// <summary>
        /// A bootstrap push's body is not a well-formed bootstrap document: a WBXML error (WAP-192-WBXML 5.8: an unknown
        /// or refused global token, a bad mb_u_int32, a string-table reference out of range, tags nested too deep, more
        /// tokens than allowed, the document ending early) or a structure error in the Client Provisioning
        /// (OMA-WAP-TS-ProvCont 1.1) or SyncML DM (OMA-TS-DM_Bootstrap 1.2) document, truncation included.
        /// </summary>
        BootstrapMalformed = 26,

        /// <summary>
        /// The bootstrap document is well formed but delivers no usable DM account: no Client Provisioning APPLICATION
        /// with APPID <c>w7</c> (OMA-WAP-TS-ProvCont 1.1, OMA-TS-DM_Bootstrap 1.2 appendix), no <c>./DMAcc/x</c> with AppID
        /// <c>w7</c> (OMA-TS-DM_StdObj 1.2), or one that lacks the server id or the server password.
        /// </summary>
        BootstrapNoDmAccount = 27,

        /// <summary>
        /// An allocation failed (<see cref="System.OutOfMemoryException"/>) while the message was processed: it was not
        /// judged and changed no state. A stored SMS stays in the modem's storage and is read again; a datagram is lost
        /// (UDP has no copy to read again; the server repeats an unanswered trigger).
        /// </summary>
        OutOfMemory = 28,


        /// <summary>
        /// A bootstrap push (Content-Type 0xB6 or 0xC2) carries no SEC or no MAC parameter: it is unsigned and never
        /// changes an account (OMA-TS-DM_Bootstrap 1.3 5.3.1, OMA-WAP-TS-ProvBoot 1.1 5.3). Its body is not read.
        /// </summary>
        BootstrapUnauthenticated = 29,

        /// <summary>
        /// The bootstrap's SEC method is not allowed by the device's policy (NETWPIN is off by default, its key being the
        /// IMSI), or the device lacks that method's secret (no IMSI, no user PIN). No MAC is computed.
        /// </summary>
        BootstrapSecNotAllowed = 30,

        /// <summary>
        /// The bootstrap's SEC method is USERPINMAC (0x83) or a value ProvBoot 1.1 does not define: not implemented, so
        /// not verifiable. No MAC is computed.
        /// </summary>
        BootstrapSecUnsupported = 31,

        /// <summary>
        /// The HMAC-SHA1 over the bootstrap body under the SEC method's key differs from the MAC parameter (compared in
        /// constant time), or the MAC parameter is not 40 hex digits. The body is not decoded.
        /// </summary>
        BootstrapMacMismatch = 32,

        /// <summary>
        /// The authenticated bootstrap names a server id the device already holds, and the overwrite policy is off: the
        /// existing account is kept.
        /// </summary>
        BootstrapAccountExists = 33,

        /// <summary>The authenticated bootstrap's account does not fit: the account store is at its limit.</summary>
        BootstrapStoreFull = 34,

        /// <summary>
        /// The authenticated bootstrap is one the device already accepted (its MAC's first 8 octets are among the last
        /// <c>16</c> accepted bootstraps' kept by the store): a replay would roll an overwritten account back. Nothing is
        /// committed.
        /// </summary>
        BootstrapReplayed = 35,

        /// <summary>
        /// The trigger authenticated, but <c>NotificationAgent.MaxPendingSessions</c> accepted requests are still waiting
        /// to be handed to the DM client (not acknowledged): accepting it would displace one of them and lose it. Nothing
        /// is remembered, so the server's retry is accepted once the DM client has taken the pending ones.
        /// </summary>
        HandoverBacklog = 36,
    }
}

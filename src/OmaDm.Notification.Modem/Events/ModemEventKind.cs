namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// What the modem layer reports through <see cref="ModemEventHandler"/>. Values below 100 are informational,
    /// 100 to 199 warnings (something was tolerated or skipped), 200 and above errors (the modem or a component failed).
    /// Append new members; the numbers appear in logs.
    /// </summary>
    public enum ModemEventKind
    {
        /// <summary>Info: the set-up sequence completed (after start, a reboot or a recovery).</summary>
        SetupCompleted = 1,

        /// <summary>Info: a boot URC (RDY, +CPIN: READY, SMS Ready...) showed that the modem restarted; set-up will re-run.</summary>
        ModemRebooted = 2,

        /// <summary>Info: the modem answers again after a silent period; set-up will re-run.</summary>
        ModemRecovered = 3,

        /// <summary>Info: a stored SMS was deleted (detail: its index).</summary>
        MessageDeleted = 4,

        /// <summary>Info: the modem's UDP service is open and listening.</summary>
        UdpServiceOpened = 5,

        /// <summary>Info: a datagram was received over the modem's IP stack (detail: its source).</summary>
        DatagramReceived = 6,

        /// <summary>Info: the channel replaced a link that had ended or stayed silent (TCP reconnected, port re-opened).</summary>
        LinkReopened = 7,

        /// <summary>Info: the worker is set up and listening again (detail: the profile name). Raised on each change
        /// from down or unknown to up, never twice in a row.</summary>
        ModemUp = 8,

        /// <summary>Warning: a line longer than the channel's bound was discarded.</summary>
        OverlongLineDiscarded = 100,

        /// <summary>Warning: bytes that are not AT text (garbage on the line, a baud-rate glitch) were dropped.</summary>
        GarbageDiscarded = 101,

        /// <summary>Warning: a command got no final result in time (detail: the command).</summary>
        CommandTimedOut = 102,

        /// <summary>Warning: a command ended in ERROR, +CMS ERROR or +CME ERROR (detail: command and result).</summary>
        CommandFailed = 103,

        /// <summary>Warning: SMS storage is nearly full (detail: used/total); new messages may be refused by the network.</summary>
        StorageNearlyFull = 104,

        /// <summary>Warning: a stored SMS could not be read or its PDU is not hexadecimal; it is left in storage.</summary>
        UnreadableMessage = 105,

        /// <summary>Warning: deleting a processed SMS failed; the delete is retried later.</summary>
        DeleteFailed = 106,

        /// <summary>Warning: a line arrived that is neither a response nor a registered URC.</summary>
        UnexpectedLine = 107,

        /// <summary>Warning: the network dropped the modem's data connection or UDP service; it is re-opened.</summary>
        NetworkDropped = 108,

        /// <summary>Warning: a datagram could not be read or decoded from the modem.</summary>
        DatagramDropped = 109,

        /// <summary>
        /// Warning: the SMS settings the set-up made were found reset (<c>AT+CNMI?</c>/<c>AT+CMEE?</c> differ, or
        /// <c>AT+CNMA</c> came too late and the modem zeroed <c>&lt;mt&gt;</c>/<c>&lt;ds&gt;</c>): a reboot that sent no
        /// boot URC (an auto-bauding SIM800) or a late acknowledgement. The settings are made again (detail: what was seen).
        /// </summary>
        SettingsLost = 110,

        /// <summary>Error: the modem does not answer AT; the driver keeps probing.</summary>
        ModemSilent = 200,

        /// <summary>Error: a set-up command failed; set-up is retried.</summary>
        SetupFailed = 201,

        /// <summary>Error: the link reported end of stream; the channel stopped reading.</summary>
        LinkClosed = 202,

        /// <summary>Error: reading from or writing to the link threw.</summary>
        LinkFailed = 203,

        /// <summary>Error: a handler (URC, SMS sink, datagram) threw; the message is left in storage.</summary>
        HandlerFailed = 204,

        /// <summary>Error: opening the modem's data connection or UDP service failed; it is retried.</summary>
        UdpServiceFailed = 205,

        /// <summary>
        /// Error: the worker stopped listening (detail: the reason, one of <c>link-closed</c>, <c>silent</c>,
        /// <c>rebooted</c>, <c>reset</c>, <c>setup-failed</c>); it reconnects, probes and sets up again on its own.
        /// Raised on each change from up or unknown to down, never twice in a row.
        /// </summary>
        ModemDown = 206,

        /// <summary>
        /// Error: the modem refused the SMS set-up (<c>AT+CMGF</c>, <c>AT+CPMS</c> or <c>AT+CNMI</c>): it may have no SMS
        /// at all (detail: the command, its answer and the model variants known to lack SMS, such as A7670E-LNXY-UBL).
        /// </summary>
        SmsUnsupported = 207,

        /// <summary>
        /// Error: an allocation failed (<see cref="System.OutOfMemoryException"/>) on a receive path (detail: the bearer
        /// and what became of the message: a stored SMS is left in storage and read again, a datagram is lost). The worker
        /// keeps running.
        /// </summary>
        OutOfMemory = 208,
    }
}

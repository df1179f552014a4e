namespace OmaDm.Notification.Modem
{
    /// <summary>Receives an unsolicited result code (non-generic, as nanoFramework requires).</summary>
    /// <param name="sender">The <see cref="AtChannel"/>.</param>
    /// <param name="line">The URC line, for example <c>+CMTI: "SM",3</c>.</param>
    /// <param name="payload">The line that followed it when its prefix was registered with a payload line (the PDU after
    /// <c>+CMT:</c>); otherwise null.</param>
    public delegate void UrcHandler(object sender, string line, string payload);

    /// <summary>Receives the SIM's IMSI as <c>AT+CIMI</c> answered it (digits only).</summary>
    /// <param name="sender">The driver.</param>
    /// <param name="imsi">The IMSI digits.</param>
    public delegate void ImsiHandler(object sender, string imsi);

    /// <summary>Receives an error, warning or notable event for logging and counting.</summary>
    /// <param name="sender">The channel, driver or service that raised it.</param>
    /// <param name="kind">What happened; its documentation gives the severity.</param>
    /// <param name="detail">Human-readable detail (the offending line, the command, the error code).</param>
    public delegate void ModemEventHandler(object sender, ModemEventKind kind, string detail);

    /// <summary>Tells whether a line is the data line its header announced (non-generic, as nanoFramework requires).</summary>
    /// <param name="header">The header line, for example <c>+CMGL: 3,0,,24</c>.</param>
    /// <param name="line">The candidate line.</param>
    /// <returns>True when the line is the header's payload; false for anything else (a URC, a stray line).</returns>
    public delegate bool PayloadLineTest(string header, string line);

    /// <summary>Makes a fresh modem profile (a <see cref="ModemCatalog"/> entry's; non-generic, as nanoFramework requires).</summary>
    /// <returns>The profile.</returns>
    public delegate ModemProfile ModemProfileFactory();
}

namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>
    /// The driver's side of the AT dialogue as its parts use it: a command sent through the worker (so a timeout marks
    /// the modem suspect and a refusal is reported) and an event raised as the driver's.
    /// </summary>
    internal interface ISmsModemDialogue
    {
        /// <summary>Sends a command through the worker.</summary>
        /// <param name="command">The command.</param>
        /// <returns>The response.</returns>
        AtResponse Send(AtCommand command);

        /// <summary>Raises an event as the driver's.</summary>
        /// <param name="kind">Event kind.</param>
        /// <param name="detail">Detail.</param>
        void Report(ModemEventKind kind, string detail);

        /// <summary>True when the last command timed out and the modem has not answered a probe since.</summary>
        bool IsSuspect { get; }
    }
}

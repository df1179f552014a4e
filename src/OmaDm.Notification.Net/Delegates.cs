using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Net
{
    /// <summary>
    /// Takes one received WSP push PDU (non-generic, as nanoFramework requires). <c>NotificationAgent.ProcessPush</c>
    /// has this shape.
    /// </summary>
    /// <param name="buffer">Buffer holding the PDU.</param>
    /// <param name="offset">First byte.</param>
    /// <param name="count">Length.</param>
    /// <param name="bearer">The bearer that carried it.</param>
    /// <param name="source">"IP:port" of the sender.</param>
    /// <returns>The agent's verdict.</returns>
    public delegate ReasonCode PushHandler(byte[] buffer, int offset, int count, Bearer bearer, string source);

    /// <summary>Reports a datagram rejected below the agent. <c>NotificationAgent.ReportRejection</c> has this shape.</summary>
    /// <param name="reason">The reason.</param>
    /// <param name="bearer">The bearer.</param>
    /// <param name="source">"IP:port" of the sender, if known.</param>
    public delegate void RejectionReporter(ReasonCode reason, Bearer bearer, string source);

    /// <summary>Receives a line of diagnostic log text.</summary>
    /// <param name="message">The message.</param>
    public delegate void LogHandler(string message);
}

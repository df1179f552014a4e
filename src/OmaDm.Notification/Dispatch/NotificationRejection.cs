namespace OmaDm.Notification.Dispatch
{
    /// <summary>Why a message did not start a session, and what is known about it.</summary>
    public sealed class NotificationRejection
    {
        /// <summary>The reason.</summary>
        public ReasonCode Reason { get; set; }

        /// <summary>The bearer that carried it.</summary>
        public Bearer Bearer { get; set; }

        /// <summary>The source ("IP:port" or sender number), if known.</summary>
        public string Source { get; set; }

        /// <summary>The server identifier, when the trigger was decoded far enough (null otherwise).</summary>
        public string ServerId { get; set; }

        /// <summary>The session id, when decoded; -1 otherwise.</summary>
        public int SessionId { get; set; }
    }
}

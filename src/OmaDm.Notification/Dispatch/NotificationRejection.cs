using System.Text;

namespace OmaDm.Notification.Dispatch
{
    /// <summary>Why a message did not start a session, and what is known about it.</summary>
    /// <remarks>
    /// The agent hands every <see cref="NotificationAgent.Rejected"/> subscriber the same instance, refilled for each
    /// call: read what you need during the call and keep no reference. When the server id is not one of a known
    /// account, its text is decoded from the message only when <see cref="ServerId"/> is read, so a subscriber that
    /// only counts reasons (or rate-limits its log) costs no allocation per rejection.
    /// </remarks>
    public sealed class NotificationRejection
    {
        private string _serverId;
        private byte[] _serverIdBuffer;
        private int _serverIdOffset;
        private int _serverIdCount;

        /// <summary>The reason.</summary>
        public ReasonCode Reason { get; set; }

        /// <summary>The bearer that carried it.</summary>
        public Bearer Bearer { get; set; }

        /// <summary>The source ("IP:port" or sender number), if known.</summary>
        public string Source { get; set; }

        /// <summary>The server identifier, when the trigger was decoded far enough (null otherwise).</summary>
        public string ServerId
        {
            get
            {
                if (_serverIdBuffer != null)
                {
                    _serverId = _serverIdCount == 0 ? string.Empty : Encoding.UTF8.GetString(_serverIdBuffer, _serverIdOffset, _serverIdCount);
                    _serverIdBuffer = null;
                }

                return _serverId;
            }

            set
            {
                _serverId = value;
                _serverIdBuffer = null;
            }
        }

        /// <summary>The session id, when decoded; -1 otherwise.</summary>
        public int SessionId { get; set; }

        // The server id as the message carries it (UTF-8), decoded on first read; valid while the agent's call runs.
        internal void SetServerId(byte[] buffer, int offset, int count)
        {
            _serverId = null;
            _serverIdBuffer = buffer;
            _serverIdOffset = offset;
            _serverIdCount = count;
        }
    }
}

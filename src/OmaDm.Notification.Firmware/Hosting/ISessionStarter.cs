using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Firmware.Hosting
{
    /// <summary>
    /// The integration point where a DM client opens the session an authenticated notification asked for (OMA DM
    /// package #1 to the server). Called on the bearer's thread: return quickly and do the session on your own thread.
    /// </summary>
    public interface ISessionStarter
    {
        /// <summary>Opens (or queues) the DM session.</summary>
        /// <param name="request">Server, session id, UI mode, bearer, source, resync flag.</param>
        void StartSession(SessionRequest request);
    }
}

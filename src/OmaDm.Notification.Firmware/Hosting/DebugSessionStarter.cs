using System.Diagnostics;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Firmware.Hosting
{
    /// <summary>
    /// The default <see cref="ISessionStarter"/>: writes the request to the debug output and opens nothing. Replace it with
    /// your DM client in <c>Program.CreateSessionStarter</c>.
    /// </summary>
    public sealed class DebugSessionStarter : ISessionStarter
    {
        /// <summary>The last line written (for tests and diagnostics).</summary>
        public string LastMessage { get; private set; }

        /// <inheritdoc />
        public void StartSession(SessionRequest request)
        {
            string message = Describe(request);
            LastMessage = message;
            Debug.WriteLine(message);
        }

        /// <summary>One line describing a session request.</summary>
        /// <param name="request">The request.</param>
        /// <returns>The text.</returns>
        public static string Describe(SessionRequest request)
        {
            return string.Concat(new string[]
            {
                "DM session requested: server=", request.ServerId,
                " session=", request.SessionId,
                " ui=", ((int)request.UiMode).ToString(),
                " initiator=", ((int)request.Initiator).ToString(),
                " bearer=", BearerText.Name(request.Bearer),
                " source=", request.Source,
                request.IsResync ? " resync" : string.Empty,
            });
        }
    }
}

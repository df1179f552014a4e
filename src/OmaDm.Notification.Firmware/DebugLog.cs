using System.Diagnostics;

namespace OmaDm.Notification.Firmware
{
    /// <summary>The firmware's log: one line to the debug output (visible in Visual Studio and on COM1).</summary>
    public static class DebugLog
    {
        /// <summary>Writes a line.</summary>
        /// <param name="message">The line.</param>
        public static void Write(string message)
        {
            Debug.WriteLine(message);
        }
    }
}

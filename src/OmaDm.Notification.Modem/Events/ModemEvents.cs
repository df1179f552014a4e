using System;

namespace OmaDm.Notification.Modem
{
    /// <summary>Raising <see cref="ModemEventHandler"/> events from the modem threads.</summary>
    internal static class ModemEvents
    {
        /// <summary>Invokes the handler if any; a handler that throws is ignored, so logging cannot stop a modem thread.</summary>
        public static void Raise(ModemEventHandler handler, object sender, ModemEventKind kind, string detail)
        {
            if (handler == null)
            {
                return;
            }

            try
            {
                handler(sender, kind, detail);
            }
            catch (Exception)
            {
                // Deliberately swallowed: see summary.
            }
        }
    }
}

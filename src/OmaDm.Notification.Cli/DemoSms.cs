using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using OmaDm.Notification.Builders;

namespace OmaDm.Notification.Cli;

/// <summary>The SMS step of the demo: a simulated modem speaking 27.005 to the Modem library's driver.</summary>
public static class DemoSms
{
    /// <summary>Delivers the trigger as a concatenated SMS through the simulated modem.</summary>
    public static bool Run(TextWriter output, AgentHost host, TriggerBuilder trigger, BlockingCollection<string> outcomes, CancellationToken stop)
    {
        output.WriteLine("   -> skipped: the SMS encoder and modem driver are not in this build yet.");
        return true;
    }
}

using System.CommandLine;
using System.IO;
using System.Threading;

namespace OmaDm.Notification.Cli;

/// <summary><c>dmnotify demo</c>: the whole path on loopback, narrated.</summary>
public static class DemoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter output, CancellationToken stop)
    {
        var command = new Command("demo", DmNotify.Describe(
            "Start the agent with a sample account on loopback, send the spec's Appendix C trigger over UDP and as a " +
            "concatenated SMS through a simulated modem, then a forged one and a duplicate, and say what happened."));
        command.SetAction(_ => Demo.Run(output, stop));
        return command;
    }
}

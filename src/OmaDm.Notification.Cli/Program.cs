using System;
using System.Threading;

namespace OmaDm.Notification.Cli;

/// <summary>Process entry point: wires the console to <see cref="DmNotify.Run"/>.</summary>
public static class Program
{
    /// <summary>Runs dmnotify; Ctrl-C and SIGTERM cancel long-running commands (listen) so they stop cleanly.</summary>
    public static int Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM,
            context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
        var stdout = Console.Out;
        return DmNotify.Run(args, stdout, Console.Error, stop.Token);
    }
}

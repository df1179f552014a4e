using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OmaDm.Notification.Cli;

/// <summary>The command line of dmnotify, runnable in-process (tests pass their own writers and stop token).</summary>
public static class DmNotify
{
    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output (results, JSON lines, help).</param>
    /// <param name="error">Standard error (usage errors).</param>
    /// <param name="stop">Cancelled to stop a running listener (Ctrl-C, SIGTERM, a test).</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken stop = default)
    {
        var root = new RootCommand(
            "dmnotify: OMA DM package #0 (General Notification Initiated Session Alert) on a PC. Runs the device's " +
            "notification agent on UDP and a modem, builds correct and forged triggers, decodes captures.\n" + ExitCodes.HelpText)
        {
            SendCommand.Create(output),
            DecodeCommand.Create(output, stop),
            ListenCommand.Create(output, error, stop),
            StoreCommands.CreateNonce(output),
            StoreCommands.CreateAccount(output),
            DemoCommand.Create(output, stop),
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine($"dmnotify: {e.Message}");
            }

            error.WriteLine("Try 'dmnotify --help'. " + ExitCodes.HelpText);
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            error.WriteLine($"dmnotify: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM before the command got going (e.g. while loading a large accounts file): a clean stop.
            error.WriteLine("dmnotify: stopped.");
            return ExitCodes.Ok;
        }
    }

    /// <summary>Adds the exit-code paragraph to a command's description.</summary>
    internal static string Describe(string text) => text + "\n" + ExitCodes.HelpText;
}

namespace OmaDm.Notification.Cli;

/// <summary>The process exit codes, documented in every command's help.</summary>
public static class ExitCodes
{
    /// <summary>Success: sent, decoded and accepted (or parsed), listener stopped cleanly.</summary>
    public const int Ok = 0;

    /// <summary>A message was rejected or could not be decoded.</summary>
    public const int Rejected = 1;

    /// <summary>Bad command line, bad hex, unreadable or invalid accounts file.</summary>
    public const int Usage = 2;

    /// <summary>The help text paragraph listing the codes.</summary>
    public const string HelpText = "Exit codes: 0 ok, 1 rejected or decode failure, 2 usage error.";
}

/// <summary>A usage error found while running a command (exit code 2); the message is printed as is.</summary>
public sealed class UsageException(string message) : System.Exception(message);

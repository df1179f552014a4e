using System.IO;
using OmaDm.Notification.Cli.Store;

namespace OmaDm.Notification.Cli;

/// <summary>
/// Reads a file named on the command line with a size bound, so <c>--accounts /dev/zero</c> or a huge file ends in a
/// named error (<c>file-too-large</c>) instead of reading until memory runs out.
/// </summary>
internal static class InputFile
{
    /// <summary>
    /// The bound of <c>--provision</c>: far above what the device's provisioning accepts, which refuses a larger file
    /// with its own reason, so only an absurd input stops here.
    /// </summary>
    public const int MaxProvisionBytes = 1024 * 1024;

    /// <summary>Reads at most <paramref name="limit"/> bytes; an <see cref="IOException"/> naming the bound beyond that.</summary>
    public static byte[] Read(string path, int limit)
    {
        if (Directory.Exists(path))
        {
            // .NET says "Access to the path is denied" for a directory, which sends the reader to the permissions.
            throw new IOException($"'{path}' is a directory, not a file.");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        return OwnFile.ReadAll(stream, path, limit);
    }
}

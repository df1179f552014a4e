using System;
using System.IO;
using OmaDm.Notification.Storage.FileSystem;

namespace OmaDm.Notification.Cli.Store;

/// <summary>
/// The device's flash file system (<see cref="IFlashFileSystem"/>) over a directory on a PC: <c>listen --state DIR</c>
/// and the store commands keep the device's two-slot records there, byte for byte what the board keeps on <c>I:\</c>.
/// Differences from the device's <see cref="FlashFileSystem"/> are the host's duties: every write is flushed through to
/// the disk (<c>fsync</c>), not only to the OS, and files are created readable by the owner only on Unix, since the
/// accounts record holds server passwords.
/// </summary>
public sealed class DirectoryFileSystem : IFlashFileSystem
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Uses <paramref name="root"/>, which must exist.</summary>
    public DirectoryFileSystem(string root) => Root = root;

    /// <summary>The directory.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public bool Exists(string name) => File.Exists(PathOf(name));

    /// <inheritdoc />
    public byte[] ReadAllBytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <inheritdoc />
    public long GetLength(string name) => new FileInfo(PathOf(name)).Length;

    /// <inheritdoc />
    public void WriteAllBytes(string name, byte[] buffer, int offset, int count)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using var stream = new FileStream(PathOf(name), options);
        stream.Write(buffer, offset, count);
        stream.Flush(flushToDisk: true);
    }

    /// <inheritdoc />
    public void Delete(string name) => File.Delete(PathOf(name));

    /// <inheritdoc />
    public void Move(string source, string destination) => File.Move(PathOf(source), PathOf(destination), overwrite: false);

    /// <inheritdoc />
    public string[] List() => Array.ConvertAll(Directory.GetFiles(Root), p => Path.GetFileName(p));

    private string PathOf(string name)
    {
        if (string.IsNullOrEmpty(name) || name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
        {
            throw new ArgumentException($"not a plain file name: '{name}'", nameof(name));
        }

        return Path.Combine(Root, name);
    }
}

using System;
using System.IO;
using OmaDm.Notification.Storage.FileSystem;

namespace OmaDm.Notification.Cli.Store;

/// <summary>
/// The device's flash file system (<see cref="IFlashFileSystem"/>) over a directory on a PC: <c>listen --state DIR</c>
/// and the store commands keep the device's two-slot records there, byte for byte what the board keeps on <c>I:\</c>.
/// Differences from the device's <see cref="FlashFileSystem"/> are the host's duties: every write is flushed through to
/// the disk (<c>fsync</c>), not only to the OS, and, since the accounts record holds server passwords, every file is
/// opened through <see cref="OwnFile"/>: no symbolic link followed, a regular file of this user, written owner-only
/// (0600, an existing wider file narrowed first), read only up to <see cref="OwnFile.MaxReadBytes"/>.
/// </summary>
public sealed class DirectoryFileSystem : IFlashFileSystem
{
    /// <summary>Uses <paramref name="root"/>, which must exist.</summary>
    public DirectoryFileSystem(string root) => Root = root;

    /// <summary>The directory.</summary>
    public string Root { get; }

    /// <inheritdoc />
    /// <remarks>A symbolic link counts as existing (even dangling), so the store reads it and gets the refusal.</remarks>
    public bool Exists(string name)
    {
        string path = PathOf(name);
        return File.Exists(path) || new FileInfo(path).LinkTarget != null;
    }

    /// <inheritdoc />
    public byte[] ReadAllBytes(string name)
    {
        string path = PathOf(name);
        using FileStream stream = OwnFile.OpenRead(path);
        return OwnFile.ReadAll(stream, path, OwnFile.MaxReadBytes);
    }

    /// <inheritdoc />
    public long GetLength(string name) => new FileInfo(PathOf(name)).Length;

    /// <inheritdoc />
    public void WriteAllBytes(string name, byte[] buffer, int offset, int count)
    {
        using FileStream stream = OwnFile.Create(PathOf(name));
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

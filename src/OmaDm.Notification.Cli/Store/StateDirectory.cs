using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using OmaDm.Notification.Storage.Accounts;

namespace OmaDm.Notification.Cli.Store;

/// <summary>
/// A state directory shared by <c>listen --state DIR</c> and the store commands (<c>nonce</c>, <c>account</c>): the
/// device's records in <see cref="DirectoryFileSystem"/>, plus two lock files of the host's own. <c>.listener.lock</c>
/// is held by a listener for its lifetime (two listeners would overwrite each other's session slots);
/// <c>.store.lock</c> is held for the few milliseconds of each read-modify-write of the accounts record, by a command
/// and by a listener reloading what a command wrote. Locks are advisory file locks: they vanish with the process.
/// </summary>
public sealed class StateDirectory : IDisposable
{
    private const string ListenerLockName = ".listener.lock";
    private const string StoreLockName = ".store.lock";
    private static readonly TimeSpan StoreLockTimeout = TimeSpan.FromSeconds(10);
    private FileStream _listenerLock;

    private StateDirectory(string path)
    {
        Path = path;
        Files = new DirectoryFileSystem(path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>The device file system over it.</summary>
    public DirectoryFileSystem Files { get; }

    /// <summary>
    /// Opens (creating) the directory and proves it writable; a listener also takes the listener lock. Every failure is
    /// a usage error that names the directory and says what is wrong.
    /// </summary>
    public static StateDirectory Open(string path, bool listener)
    {
        if (File.Exists(path))
        {
            throw new UsageException($"--state '{path}' is a file, not a directory: nothing could be persisted there.");
        }

        try
        {
            Directory.CreateDirectory(path);
            string probe = System.IO.Path.Combine(path, ".write-probe");
            using (new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"--state '{path}' is not writable, so sessions and nonces could not be persisted: {e.Message}");
        }

        var directory = new StateDirectory(path);
        if (listener)
        {
            try
            {
                directory._listenerLock = new FileStream(System.IO.Path.Combine(path, ListenerLockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                throw new UsageException($"--state '{path}' is in use by another listener.");
            }
        }

        return directory;
    }

    /// <summary>
    /// Takes the store lock for one read-modify-write of the accounts record, waiting while another process holds it.
    /// </summary>
    public IDisposable LockStore(CancellationToken stop = default)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(System.IO.Path.Combine(Path, StoreLockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < StoreLockTimeout && !stop.IsCancellationRequested)
            {
                Thread.Sleep(10);
            }
            catch (IOException e)
            {
                throw new UsageException($"--state '{Path}': the store stayed locked by another process for {StoreLockTimeout.TotalSeconds:0} s: {e.Message}");
            }
        }
    }

    /// <summary>A stamp of the accounts record's slot files (write time and length), to notice another writer's commit.</summary>
    public string AccountsStamp()
    {
        string Stamp(string slot)
        {
            var info = new FileInfo(System.IO.Path.Combine(Path, AccountStore.AccountsRecordName + slot));
            return info.Exists ? $"{info.LastWriteTimeUtc.Ticks}/{info.Length}" : "-";
        }

        return Stamp(".a") + " " + Stamp(".b");
    }

    /// <inheritdoc />
    public void Dispose() => _listenerLock?.Dispose();
}

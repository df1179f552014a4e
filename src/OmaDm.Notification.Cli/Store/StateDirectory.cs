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
    /// Opens (creating) the directory, proves it writable and narrows its files to owner-only (0600, no link followed); a
    /// listener also takes the listener lock. Every failure is
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
            if (!Directory.Exists(path))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(path);
                }
                else
                {
                    Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            RefuseShared(path);

            // A name of this process alone, created exclusively (O_EXCL never follows a link), so parallel editors do not
            // collide and a planted `.write-probe` link is never opened.
            string probe = System.IO.Path.Combine(path, $".write-probe.{Environment.ProcessId}.{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            // Records left readable by others (copied in, an older version, a umask) hold server passwords: owner-only
            // from now on, not only once each slot happens to be rewritten.
            foreach (string file in Directory.GetFiles(path))
            {
                OwnFile.NarrowExisting(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"--state '{path}' is not writable, so sessions and nonces could not be persisted: {e.Message}");
        }

        var directory = new StateDirectory(path);
        if (listener)
        {
            directory._listenerLock = directory.TryLock(ListenerLockName)
                ?? throw new UsageException($"--state '{path}' is in use by another listener{directory.Holder(ListenerLockName)}.");
        }

        return directory;
    }

    /// <summary>
    /// Takes the store lock for one read-modify-write of the accounts record, waiting while another process holds it.
    /// A lock left by a process that ended is no lock (advisory locks end with their process), so it is taken silently.
    /// </summary>
    public IDisposable LockStore(CancellationToken stop = default)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            FileStream held = TryLock(StoreLockName);
            if (held != null)
            {
                return held;
            }

            if (waited.Elapsed >= StoreLockTimeout || stop.IsCancellationRequested)
            {
                throw new UsageException(
                    $"--state '{Path}': the store is locked by another process{Holder(StoreLockName)} and stayed locked for {StoreLockTimeout.TotalSeconds:0} s (an editor still running?); try again when it has ended.");
            }

            Thread.Sleep(10);
        }
    }

    // Refuses, by name, a directory other users could plant files in (group or others may write, as with mode 1777) or
    // one owned by another user. Where the platform cannot tell (Windows), nothing is checked.
    private static void RefuseShared(string path)
    {
        var status = OwnFile.Status(path);
        if (status is not { } s)
        {
            return;
        }

        const uint GroupOrOthersWrite = 0x12; // 020 | 002
        if ((s.Mode & GroupOrOthersWrite) != 0)
        {
            throw new UsageException(
                $"--state '{path}' is writable by group or others (mode {Convert.ToString(s.Mode & 0xFFF, 8)}, shared-directory): anyone could plant files or links there; use a directory only you can write (chmod 700).");
        }

        if (s.Owner != OwnFile.EffectiveUser)
        {
            throw new UsageException($"--state '{path}' belongs to user {s.Owner}, not to this user (foreign-owner): its owner could plant files there.");
        }
    }

    // The lock, stamped with this process id so a waiting process can say who holds it; null while another holds it.
    private FileStream TryLock(string name)
    {
        FileStream stream;
        try
        {
            stream = OwnFile.TryLock(System.IO.Path.Combine(Path, name));
        }
        catch (IOException e)
        {
            // A planted link, directory or FIFO in the lock's place: refused by name (never followed), not a crash.
            throw new UsageException($"--state '{Path}': the lock file {name} cannot be used: {e.Message}");
        }

        if (stream != null)
        {
            byte[] pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId + "\n");
            stream.SetLength(0);
            stream.Write(pid, 0, pid.Length);
            stream.Flush();
        }

        return stream;
    }

    // " (process N)" from the holder's stamp, or nothing when it cannot be read.
    private string Holder(string name)
    {
        try
        {
            using FileStream stream = OwnFile.OpenRead(System.IO.Path.Combine(Path, name));
            string text = System.Text.Encoding.ASCII.GetString(OwnFile.ReadAll(stream, name, 64)).Trim();
            return int.TryParse(text, out int pid) ? $" (process {pid})" : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>Names the symbolic links planted in the directory (never followed, so a write through one fails), or "".</summary>
    public string PlantedLinks()
    {
        var links = new System.Collections.Generic.List<string>();
        foreach (string entry in Directory.GetFileSystemEntries(Path))
        {
            if (new FileInfo(entry).LinkTarget != null)
            {
                links.Add(System.IO.Path.GetFileName(entry));
            }
        }

        return links.Count == 0 ? string.Empty : $" Symbolic links in it are never followed (symlink-refused): {string.Join(", ", links)}; remove them.";
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

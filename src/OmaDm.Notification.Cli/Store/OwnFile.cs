using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OmaDm.Notification.Cli.Store;

/// <summary>
/// Opens files of the state directory as its owner's own: never through a symbolic link (<c>O_NOFOLLOW</c>: a planted
/// link fails with <c>ELOOP</c> instead of sending server passwords to its target), never blocking on a planted FIFO
/// (<c>O_NONBLOCK</c>), and checked after opening with <c>fstat</c>: a regular file of this user, so what was checked is
/// what is read or written. Created files are 0600, and an existing file written with a wider mode is narrowed to 0600
/// (<c>fchmod</c>) before a byte is written. Linux (x64, arm64) and macOS use these calls; elsewhere (Windows) .NET's own
/// open is used after refusing a path that is a link.
/// </summary>
internal static class OwnFile
{
    /// <summary>The largest file of the state directory read (the device's records are a few KiB).</summary>
    public const int MaxReadBytes = 1024 * 1024;

    private const int ReadOnly = 0;
    private const int WriteOnly = 1;
    private const int ReadWrite = 2;
    private const uint OwnerReadWrite = 0x180; // 0600
    private const uint FileTypeMask = 0xF000;  // S_IFMT
    private const uint RegularFile = 0x8000;   // S_IFREG
    private const uint DirectoryType = 0x4000; // S_IFDIR
    private const int LockExclusive = 2;       // LOCK_EX
    private const int LockNonBlocking = 4;     // LOCK_NB
    private const int TooManyLinksLinux = 40;  // ELOOP
    private const int TooManyLinksMac = 62;
    private const int IsADirectory = 21;       // EISDIR, Linux and macOS

    private static readonly Flags Native = FlagsOfThisPlatform();

    /// <summary>Opens an existing file for reading; a link, a directory, a special file or one owned by another user is refused.</summary>
    public static FileStream OpenRead(string path)
    {
        if (Native == null)
        {
            RefuseLink(path);
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }

        return Open(path, ReadOnly | Native.NoFollow | Native.NonBlocking | Native.CloseOnExec, 0, FileAccess.Read, narrow: false);
    }

    /// <summary>Creates or truncates a file for writing, owner-only (0600 also when it existed wider).</summary>
    public static FileStream Create(string path)
    {
        if (Native == null)
        {
            RefuseLink(path);
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        }

        return Open(path, WriteOnly | Native.Create | Native.Truncate | Native.NoFollow | Native.NonBlocking | Native.CloseOnExec, OwnerReadWrite, FileAccess.Write, narrow: true);
    }

    /// <summary>Opens or creates a lock file (0600) and takes an exclusive advisory lock; null while another process holds it.</summary>
    public static FileStream TryLock(string path)
    {
        if (Native == null)
        {
            RefuseLink(path);
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                return null;
            }
        }

        FileStream stream = Open(path, ReadWrite | Native.Create | Native.NoFollow | Native.NonBlocking | Native.CloseOnExec, OwnerReadWrite, FileAccess.ReadWrite, narrow: true);
        if (flock((int)stream.SafeFileHandle.DangerousGetHandle(), LockExclusive | LockNonBlocking) != 0)
        {
            stream.Dispose();
            return null;
        }

        return stream;
    }

    /// <summary>
    /// Makes an existing regular file of this user owner-only (0600) when it is wider, without following a link; a link,
    /// a special file or another user's file is left as it is (each is refused by name when it is used).
    /// </summary>
    public static void NarrowExisting(string path)
    {
        if (Native == null)
        {
            return;
        }

        int fd = open(path, ReadOnly | Native.NoFollow | Native.NonBlocking | Native.CloseOnExec, 0);
        if (fd < 0)
        {
            return;
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        var stat = new byte[256];
        if (fstat(fd, stat) == 0 && (Native.Mode(stat) & FileTypeMask) == RegularFile && Native.Owner(stat) == geteuid()
            && (Native.Mode(stat) & 0x1FF) != OwnerReadWrite)
        {
            // A failure here is not fatal: the file is narrowed again (or refused by name) when it is next written.
            fchmod(fd, OwnerReadWrite);
        }
    }

    /// <summary>Reads a whole file of at most <paramref name="limit"/> bytes, else a named error.</summary>
    public static byte[] ReadAll(Stream stream, string path, int limit)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new IOException($"'{path}' is larger than {limit:N0} bytes (file-too-large): refused.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The mode bits and owner of a path (following links), or null where the platform cannot tell.</summary>
    public static (uint Mode, uint Owner)? Status(string path)
    {
        if (Native == null)
        {
            return null;
        }

        var stat = new byte[256];
        return StatCall(path, stat) == 0 ? (Native.Mode(stat), Native.Owner(stat)) : null;
    }

    /// <summary>This process's effective user id, or null where the platform has none.</summary>
    public static uint? EffectiveUser => Native == null ? null : geteuid();

    private static FileStream Open(string path, int flags, uint mode, FileAccess access, bool narrow)
    {
        int fd = open(path, flags, mode);
        if (fd < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            if (error == TooManyLinksLinux || error == TooManyLinksMac)
            {
                throw new IOException($"'{path}' is a symbolic link (symlink-refused): the state directory holds only dmnotify's own files; remove it.");
            }

            if (error == IsADirectory)
            {
                throw new IOException($"'{path}' is a directory, not a regular file (not-regular-file): refused.");
            }

            throw new IOException($"'{path}': {Marshal.GetPInvokeErrorMessage(error)}", new FileNotFoundException(null, path));
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var stat = new byte[256];
            if (fstat(fd, stat) != 0)
            {
                throw new IOException($"'{path}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }

            if ((Native.Mode(stat) & FileTypeMask) != RegularFile)
            {
                throw new IOException($"'{path}' is not a regular file (not-regular-file): refused.");
            }

            if (Native.Owner(stat) != geteuid())
            {
                throw new IOException($"'{path}' belongs to user {Native.Owner(stat)}, not to this user (foreign-owner): refused.");
            }

            if (narrow && (Native.Mode(stat) & 0x1FF) != OwnerReadWrite && fchmod(fd, OwnerReadWrite) != 0)
            {
                throw new IOException($"'{path}': cannot make it owner-only: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }

            // Blocking again for the reads and writes themselves: O_NONBLOCK only kept a planted FIFO from stalling open.
            fcntl(fd, 4 /* F_SETFL */, 0);
            return new FileStream(handle, access, 1);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void RefuseLink(string path)
    {
        if (new FileInfo(path).LinkTarget != null)
        {
            throw new IOException($"'{path}' is a symbolic link (symlink-refused): the state directory holds only dmnotify's own files; remove it.");
        }
    }

    private static int StatCall(string path, byte[] stat) => stat_(path, stat);

    private static Flags FlagsOfThisPlatform()
    {
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            return new Flags(create: 0x40, truncate: 0x200, nonBlocking: 0x800, noFollow: 0x20000, closeOnExec: 0x80000, modeOffset: 24, ownerOffset: 28, modeIs16: false);
        }

        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64)
        {
            return new Flags(create: 0x40, truncate: 0x200, nonBlocking: 0x800, noFollow: 0x8000, closeOnExec: 0x80000, modeOffset: 16, ownerOffset: 24, modeIs16: false);
        }

        if (OperatingSystem.IsMacOS())
        {
            // struct stat (64-bit inode): st_dev 4, st_mode 2, st_nlink 2, st_ino 8, st_uid 4.
            return new Flags(create: 0x200, truncate: 0x400, nonBlocking: 0x4, noFollow: 0x100, closeOnExec: 0x1000000, modeOffset: 4, ownerOffset: 16, modeIs16: true);
        }

        return null;
    }

    private sealed class Flags(int create, int truncate, int nonBlocking, int noFollow, int closeOnExec, int modeOffset, int ownerOffset, bool modeIs16)
    {
        public int Create { get; } = create;
        public int Truncate { get; } = truncate;
        public int NonBlocking { get; } = nonBlocking;
        public int NoFollow { get; } = noFollow;
        public int CloseOnExec { get; } = closeOnExec;

        public uint Mode(byte[] stat) => modeIs16 ? BitConverter.ToUInt16(stat, modeOffset) : BitConverter.ToUInt32(stat, modeOffset);

        public uint Owner(byte[] stat) => BitConverter.ToUInt32(stat, ownerOffset);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int fstat(int fd, byte[] stat);

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int stat_([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] stat);

    [DllImport("libc", SetLastError = true)]
    private static extern int fchmod(int fd, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int command, int argument);

    [DllImport("libc", SetLastError = true)]
    private static extern int flock(int fd, int operation);

    [DllImport("libc")]
    private static extern uint geteuid();

    /// <summary>True for a directory mode.</summary>
    public static bool IsDirectory(uint mode) => (mode & FileTypeMask) == DirectoryType;
}

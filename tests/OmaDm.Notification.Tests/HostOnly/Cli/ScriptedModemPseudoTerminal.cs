using System;
using System.Runtime.InteropServices;
using System.Threading;
using OmaDm.Notification.Simulation;

namespace OmaDm.Notification.Tests.HostOnly.Cli
{
    /// <summary>
    /// Puts the modem tests' <see cref="ScriptedModem"/> behind a pseudo-terminal pair (openpty, Linux), so
    /// <c>listen --modem serial:/dev/pts/N</c> drives it through the same serial-port code a USB modem on a gateway
    /// uses; nothing needs installing. The slave side is set raw and held open for the bridge's lifetime (a master
    /// with no open slave reads EIO).
    /// </summary>
    internal sealed class ScriptedModemPseudoTerminal : IDisposable
    {
        private const string LibC = "libc.so.6";
        private const short PollIn = 0x1;
        private const int TermiosBytes = 256; // struct termios is 60 bytes on glibc; room to spare
        private const int TcsaNow = 0;
        private readonly int _master;
        private readonly int _slave;
        private readonly Thread _toModem;
        private readonly Thread _fromModem;
        private volatile bool _stopping;

        private ScriptedModemPseudoTerminal(ScriptedModem modem, int master, int slave, string path)
        {
            Modem = modem;
            _master = master;
            _slave = slave;
            DevicePath = path;
            _toModem = new Thread(ToModem) { IsBackground = true, Name = "pty-to-modem" };
            _fromModem = new Thread(FromModem) { IsBackground = true, Name = "pty-from-modem" };
            _toModem.Start();
            _fromModem.Start();
        }

        public ScriptedModem Modem { get; }

        /// <summary>The slave's path, e.g. /dev/pts/3.</summary>
        public string DevicePath { get; }

        /// <summary>Opens a pair, or returns null with the reason when the platform has none.</summary>
        public static ScriptedModemPseudoTerminal TryOpen(ScriptedModem modem, out string why)
        {
            why = null;
            if (!OperatingSystem.IsLinux())
            {
                why = "pseudo-terminals through openpty are tested on Linux";
                return null;
            }

            try
            {
                if (openpty(out int master, out int slave, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero) != 0)
                {
                    why = "openpty failed, errno " + Marshal.GetLastWin32Error();
                    return null;
                }

                var termios = new byte[TermiosBytes];
                if (tcgetattr(slave, termios) != 0)
                {
                    why = "tcgetattr failed, errno " + Marshal.GetLastWin32Error();
                    return null;
                }

                cfmakeraw(termios);
                tcsetattr(slave, TcsaNow, termios);
                string path = Marshal.PtrToStringAnsi(ptsname(master));
                return new ScriptedModemPseudoTerminal(modem, master, slave, path);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                why = "no openpty in " + LibC + ": " + e.Message;
                return null;
            }
        }

        public void Dispose()
        {
            _stopping = true;
            Modem.Close();
            _toModem.Join(TimeSpan.FromSeconds(2));
            _fromModem.Join(TimeSpan.FromSeconds(2));
            close(_slave);
            close(_master);
        }

        private void ToModem()
        {
            var buffer = new byte[256];
            var fds = new PollFd[] { new PollFd { Fd = _master, Events = PollIn } };
            while (!_stopping)
            {
                fds[0].Revents = 0;
                if (poll(fds, 1, 50) <= 0 || (fds[0].Revents & PollIn) == 0)
                {
                    continue;
                }

                long read = read_(_master, buffer, buffer.Length);
                if (read <= 0)
                {
                    return;
                }

                Modem.Write(buffer, 0, (int)read);
            }
        }

        private void FromModem()
        {
            var output = new byte[256];
            while (!_stopping)
            {
                int read = Modem.Read(output, 0, output.Length, 50);
                if (read < 0)
                {
                    return;
                }

                for (int done = 0; done < read;)
                {
                    var chunk = new byte[read - done];
                    Array.Copy(output, done, chunk, 0, chunk.Length);
                    long written = write_(_master, chunk, chunk.Length);
                    if (written <= 0)
                    {
                        return;
                    }

                    done += (int)written;
                }
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct PollFd
        {
            public int Fd;
            public short Events;
            public short Revents;
        }

        [DllImport(LibC, SetLastError = true)]
        private static extern int openpty(out int master, out int slave, IntPtr name, IntPtr termp, IntPtr winp);

        [DllImport(LibC, SetLastError = true)]
        private static extern int tcgetattr(int fd, byte[] termios);

        [DllImport(LibC, SetLastError = true)]
        private static extern int tcsetattr(int fd, int optionalActions, byte[] termios);

        [DllImport(LibC)]
        private static extern void cfmakeraw(byte[] termios);

        [DllImport(LibC, SetLastError = true)]
        private static extern IntPtr ptsname(int fd);

        [DllImport(LibC, SetLastError = true)]
        private static extern int poll([In, Out] PollFd[] fds, ulong count, int timeoutMilliseconds);

        [DllImport(LibC, EntryPoint = "read", SetLastError = true)]
        private static extern long read_(int fd, byte[] buffer, long count);

        [DllImport(LibC, EntryPoint = "write", SetLastError = true)]
        private static extern long write_(int fd, byte[] buffer, long count);

        [DllImport(LibC, SetLastError = true)]
        private static extern int close(int fd);
    }
}

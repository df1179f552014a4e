using System;
using System.IO;
using System.IO.Ports;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Cli;

/// <summary>
/// A USB or on-board serial modem on the host as an <see cref="IModemLink"/>: a read timeout is 0, any other failure
/// (the device unplugged, the port closed) is the link's end (-1), so the AT channel re-opens the port with back-off.
/// </summary>
public sealed class HostSerialModemLink(SerialPort port) : IModemLink, IDisposable
{
    private int _timeout = -2;

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        try
        {
            if (_timeout != timeoutMilliseconds)
            {
                port.ReadTimeout = Math.Max(1, timeoutMilliseconds);
                _timeout = timeoutMilliseconds;
            }

            int read = port.Read(buffer, offset, count);
            return read > 0 ? read : -1;
        }
        catch (TimeoutException)
        {
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count) => port.Write(buffer, offset, count);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            port.Dispose();
        }
        catch (IOException)
        {
            // The device is already gone.
        }
    }
}

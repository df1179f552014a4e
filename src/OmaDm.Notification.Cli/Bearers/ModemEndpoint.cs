using System;
using System.Globalization;
using System.IO;
using System.IO.Ports;
using System.Net.Sockets;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Cli;

/// <summary>Where the modem is: <c>tcp:HOST:PORT</c> (a modem exported with ser2net) or <c>serial:DEVICE[@BAUD]</c>.</summary>
public sealed class ModemEndpoint
{
    private ModemEndpoint(string text) => Text = text;

    /// <summary>The option's text.</summary>
    public string Text { get; }

    /// <summary>TCP host, or null for serial.</summary>
    public string Host { get; private init; }

    /// <summary>TCP port.</summary>
    public int Port { get; private init; }

    /// <summary>Serial device path, or null for TCP.</summary>
    public string Device { get; private init; }

    /// <summary>Serial speed.</summary>
    public int Baud { get; private init; } = 115200;

    /// <summary>Parses the option or throws a usage error.</summary>
    public static ModemEndpoint Parse(string text)
    {
        if (text.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            string rest = text[4..];
            int colon = rest.LastIndexOf(':');
            if (colon > 0 && int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536)
            {
                return new ModemEndpoint(text) { Host = rest[..colon].Trim('[', ']'), Port = port };
            }
        }
        else if (text.StartsWith("serial:", StringComparison.OrdinalIgnoreCase) && text.Length > 7)
        {
            string rest = text[7..];
            int at = rest.LastIndexOf('@');
            if (at < 0)
            {
                return new ModemEndpoint(text) { Device = rest };
            }

            if (at > 0 && int.TryParse(rest[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int baud) && baud > 0)
            {
                return new ModemEndpoint(text) { Device = rest[..at], Baud = baud };
            }
        }

        throw new UsageException($"--modem: '{text}' must look like tcp:HOST:PORT or serial:DEVICE[@BAUD].");
    }

    /// <summary>Longest wait for a TCP connection (a connect to a dead host would otherwise block for minutes).</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Opens the link to the modem at start-up, or throws a usage error saying why not.</summary>
    public IModemLink Open() => TryOpen(out string error) ?? throw new UsageException($"--modem {Text}: cannot open: {error}");

    /// <summary>Opens the link to the modem; null and the reason when it cannot be opened now.</summary>
    public IModemLink TryOpen(out string error)
    {
        error = null;
        try
        {
            if (Device == null)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    using var timeout = new System.Threading.CancellationTokenSource(ConnectTimeout);
                    socket.ConnectAsync(Host, Port, timeout.Token).AsTask().GetAwaiter().GetResult();
                    return new SocketModemLink(socket);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            // .NET reports a missing device as "Access to the port is denied": say what is wrong.
            if (!OperatingSystem.IsWindows() && !File.Exists(Device))
            {
                error = $"the serial device '{Device}' does not exist (port-not-found)";
                return null;
            }

            var serial = new SerialPort(Device, Baud) { Handshake = Handshake.None };
            serial.Open();
            return new HostSerialModemLink(serial);
        }
        catch (OperationCanceledException)
        {
            error = $"no connection within {ConnectTimeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            error = e.Message;
        }

        return null;
    }
}

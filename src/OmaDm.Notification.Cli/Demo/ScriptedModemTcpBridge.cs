using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using OmaDm.Notification.Simulation;

namespace OmaDm.Notification.Cli;

/// <summary>
/// Exports the simulated modem (<see cref="ScriptedModem"/>) on a loopback TCP port, as ser2net exports a real modem,
/// so <c>listen --modem tcp:127.0.0.1:PORT</c> talks to it through its own TCP stream: the demo's SMS step and the
/// CLI tests. Like ser2net it accepts a new connection after one ends; <see cref="Unplug"/> drops the connection and,
/// until <see cref="Plug"/>, closes every new one at once (ser2net whose device is gone). Each new connection starts
/// with nothing in flight.
/// </summary>
public sealed class ScriptedModemTcpBridge : IDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly Thread _accept;
    private readonly object _gate = new object();
    private volatile bool _stopping;
    private volatile bool _plugged = true;
    private TcpClient _client;

    /// <summary>Starts listening on a free loopback port for connections to <paramref name="modem"/>.</summary>
    public ScriptedModemTcpBridge(ScriptedModem modem)
    {
        Modem = modem;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accept = new Thread(Run) { IsBackground = true, Name = "scripted-modem-tcp" };
        _accept.Start();
    }

    /// <summary>The modem behind the port.</summary>
    public ScriptedModem Modem { get; }

    /// <summary>The TCP port (use as <c>--modem tcp:127.0.0.1:PORT</c>).</summary>
    public int Port { get; }

    /// <summary>Connections accepted so far (refused ones included).</summary>
    public int Connections { get; private set; }

    /// <summary>Drops the connection; new ones are closed at once until <see cref="Plug"/>.</summary>
    public void Unplug()
    {
        _plugged = false;
        lock (_gate)
        {
            _client?.Dispose();
        }
    }

    /// <summary>Serves connections again.</summary>
    public void Plug() => _plugged = true;

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping = true;
        _listener.Stop();
        lock (_gate)
        {
            _client?.Dispose();
        }

        Modem.Close();
        _accept.Join(TimeSpan.FromSeconds(2));
    }

    private void Run()
    {
        while (!_stopping)
        {
            TcpClient client;
            try
            {
                client = _listener.AcceptTcpClient();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Connections++;
            if (!_plugged)
            {
                client.Dispose();
                continue;
            }

            lock (_gate)
            {
                _client = client;
            }

            Modem.Reopen();
            Serve(client);
            client.Dispose();
        }
    }

    private void Serve(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var toModem = new Thread(() =>
            {
                var buffer = new byte[256];
                try
                {
                    int read;
                    while (!_stopping && (read = stream.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        Modem.Write(buffer, 0, read);
                    }
                }
                catch (Exception e) when (e is System.IO.IOException or ObjectDisposedException)
                {
                }
            }) { IsBackground = true };
            toModem.Start();

            var output = new byte[256];
            while (!_stopping && _plugged && toModem.IsAlive)
            {
                int read = Modem.Read(output, 0, output.Length, 50);
                if (read < 0)
                {
                    return;
                }

                if (read > 0)
                {
                    stream.Write(output, 0, read);
                }
            }
        }
        catch (Exception e) when (e is SocketException or System.IO.IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}

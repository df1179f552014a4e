using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using OmaDm.Notification.Tests.Modem;

namespace OmaDm.Notification.Tests.HostOnly.Cli
{
    /// <summary>
    /// Exports the modem tests' <see cref="ScriptedModem"/> on a loopback TCP port, as ser2net exports a real modem, so
    /// <c>listen --modem tcp:127.0.0.1:PORT</c> talks to it through its own TCP stream.
    /// </summary>
    internal sealed class ScriptedModemTcpBridge : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Thread _accept;
        private volatile bool _stopping;
        private TcpClient _client;

        public ScriptedModemTcpBridge(ScriptedModem modem)
        {
            Modem = modem;
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _accept = new Thread(Run) { IsBackground = true, Name = "scripted-modem-tcp" };
            _accept.Start();
        }

        public ScriptedModem Modem { get; }

        public int Port { get; }

        public void Dispose()
        {
            _stopping = true;
            _listener.Stop();
            _client?.Dispose();
            Modem.Close();
            _accept.Join(TimeSpan.FromSeconds(2));
        }

        private void Run()
        {
            try
            {
                _client = _listener.AcceptTcpClient();
                var stream = _client.GetStream();
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
                while (!_stopping)
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
            catch (Exception e) when (e is SocketException or System.IO.IOException or ObjectDisposedException)
            {
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace OmaDm.Notification.Cli;

/// <summary>
/// The demo's modem: a loopback TCP server that speaks the 27.005 PDU-mode subset the driver uses (AT, ATE0, CMEE,
/// CMGF, CPMS, CNMI, CMGL, CMGR, CMGD), stores delivered SMS and announces each with <c>+CMTI</c>, exactly as a
/// modem exported with ser2net would. Not a test double of the driver: it stands in for the radio.
/// </summary>
public sealed class SimulatedModem : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly SortedDictionary<int, string> _storage = [];
    private readonly object _gate = new();
    private readonly Thread _thread;
    private Stream _stream;
    private volatile bool _stopping;

    /// <summary>Starts listening on a free loopback port.</summary>
    public SimulatedModem()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _thread = new Thread(Serve) { IsBackground = true, Name = "simulated-modem" };
        _thread.Start();
    }

    /// <summary>The TCP port (use as --modem tcp:127.0.0.1:PORT).</summary>
    public int Port { get; }

    /// <summary>Messages in storage.</summary>
    public int StoredCount
    {
        get
        {
            lock (_gate)
            {
                return _storage.Count;
            }
        }
    }

    /// <summary>Stores an SMS-DELIVER PDU (hex, SMSC first) and announces it with +CMTI.</summary>
    public void Deliver(string pduHex)
    {
        lock (_gate)
        {
            int index = 1;
            while (_storage.ContainsKey(index))
            {
                index++;
            }

            _storage[index] = pduHex;
            Send($"+CMTI: \"SM\",{index}");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping = true;
        _listener.Stop();
        _stream?.Dispose();
        _thread.Join(TimeSpan.FromSeconds(2));
    }

    private void Serve()
    {
        try
        {
            using var client = _listener.AcceptTcpClient();
            _stream = client.GetStream();
            var line = new StringBuilder();
            var buffer = new byte[256];
            int read;
            while (!_stopping && (read = _stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (int i = 0; i < read; i++)
                {
                    char c = (char)buffer[i];
                    if (c == '\r')
                    {
                        Answer(line.ToString().Trim());
                        line.Clear();
                    }
                    else if (c != '\n')
                    {
                        line.Append(c);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The driver hung up or the demo ended.
        }
    }

    private void Answer(string command)
    {
        if (command.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (command == "AT+CPMS?")
            {
                // Read form (TS 27.005 3.2.2): +CPMS: <mem1>,<used1>,<total1>,<mem2>,<used2>,<total2>,<mem3>,<used3>,<total3>
                int n = _storage.Count;
                Send($"+CPMS: \"SM\",{n},30,\"SM\",{n},30,\"SM\",{n},30");
            }
            else if (command.StartsWith("AT+CPMS=", StringComparison.Ordinal))
            {
                // Set form: +CPMS: <used1>,<total1>,<used2>,<total2>,<used3>,<total3>
                int n = _storage.Count;
                Send($"+CPMS: {n},30,{n},30,{n},30");
            }
            else if (command == "AT+CMGL=4")
            {
                foreach (var (index, pdu) in _storage)
                {
                    Send($"+CMGL: {index},0,,{TpduLength(pdu)}");
                    Send(pdu);
                }
            }
            else if (command.StartsWith("AT+CMGR=", StringComparison.Ordinal))
            {
                if (!_storage.TryGetValue(Index(command), out string pdu))
                {
                    Send("+CMS ERROR: 321");
                    return;
                }

                Send($"+CMGR: 0,,{TpduLength(pdu)}");
                Send(pdu);
            }
            else if (command.StartsWith("AT+CMGD=", StringComparison.Ordinal))
            {
                _storage.Remove(Index(command));
            }
            else if (!command.StartsWith("AT", StringComparison.OrdinalIgnoreCase))
            {
                Send("ERROR");
                return;
            }

            Send("OK");
        }
    }

    private static int Index(string command)
    {
        string digits = command[8..].Split(',')[0];
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? index : -1;
    }

    // TS 27.005 3.1 <length>: TPDU octets, without the SMSC address.
    private static int TpduLength(string pduHex) => (pduHex.Length / 2) - 1 - Convert.ToInt32(pduHex[..2], 16);

    private void Send(string line)
    {
        var stream = _stream;
        if (stream == null)
        {
            return;
        }

        byte[] bytes = Encoding.ASCII.GetBytes("\r\n" + line + "\r\n");
        try
        {
            stream.Write(bytes, 0, bytes.Length);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Cli;

/// <summary>
/// Writes the listener's events: one JSON object per line (the contract scripts rely on, documented in the README: "ready", "session", "bootstrap", "rejected", "duplicate", "modem", "error") or a readable log line.
/// Thread-safe (UDP and modem threads both report), and it never makes a bearer wait for the terminal: lines are
/// queued and written and flushed by a writer thread of their own, so a receive loop does no I/O per message.
/// </summary>
/// <remarks>
/// Floods are summarised: per bearer and reason (per server and session id for duplicates), the first
/// <see cref="IndividualPerSecond"/> events of each second are written one by one; the rest are counted and reported
/// in one line per second with a <c>count</c> field (and the last source), so a flood of forgeries costs a counter
/// increment each, not a line each.
/// </remarks>
public sealed class EventPrinter : IDisposable
{
    /// <summary>Events of one kind written one by one per second before they are summarised.</summary>
    public const int IndividualPerSecond = 20;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly TextWriter _output;
    private readonly TextWriter _diagnostics;
    private readonly BlockingCollection<(string Line, Action Written)> _lines = new();
    private readonly Thread _writer;
    private readonly Timer _summaryTimer;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<(bool Duplicate, Bearer Bearer, ReasonCode Reason, string ServerId, string SessionId), Counter> _counters = [];
    private readonly object _gate = new();
    private bool _disposed;

    /// <summary>Creates the writer; with <paramref name="json"/>, notes go to <paramref name="diagnostics"/> (stderr).</summary>
    public EventPrinter(TextWriter output, bool json, TextWriter diagnostics = null)
    {
        _output = output;
        Json = json;
        _diagnostics = diagnostics;
        _writer = new Thread(WriteLines) { IsBackground = true, Name = "dmnotify-events" };
        _writer.Start();
        _summaryTimer = new Timer(_ => Summarise(all: false), null, 1000, 1000);
    }

    /// <summary>True when writing JSON lines.</summary>
    public bool Json { get; }

    /// <summary>{"event":"ready","udpPort":N} (udpPort null with --no-udp).</summary>
    public void Ready(int? udpPort, string modem)
    {
        if (Json)
        {
            Line(null, w =>
            {
                w.WriteString("event", "ready");
                if (udpPort is int port) w.WriteNumber("udpPort", port); else w.WriteNull("udpPort");
            });
        }
        else
        {
            Text($"ready: {(udpPort is int p ? $"UDP port {p}" : "no UDP")}{(modem != null ? $", modem {modem}" : string.Empty)}; Ctrl-C stops");
        }
    }

    /// <summary>
    /// An authenticated session request (written once it has been persisted). <paramref name="written"/> runs on the
    /// writer thread once the line has been written and flushed (not if the write failed), so the caller can
    /// acknowledge the handover only then. A redelivery after a restart carries <c>"redelivery":true</c>.
    /// </summary>
    public void Session(SessionRequest r, Action written = null)
    {
        if (Json)
        {
            Line(written, w =>
            {
                w.WriteString("event", "session");
                w.WriteString("sessionId", r.SessionId);
                w.WriteString("serverId", r.ServerId);
                w.WriteString("bearer", Names.Of(r.Bearer));
                w.WriteString("source", r.Source);
                w.WriteString("uiMode", Names.Of(r.UiMode));
                w.WriteString("initiator", Names.Of(r.Initiator));
                w.WriteNumber("version", r.Version);
                w.WriteString("nonce", Names.Of(r.Nonce));
                w.WriteString("vendor", HexText.Format(r.Vendor ?? []));
                if (r.IsRedelivery) w.WriteBoolean("redelivery", true);
            });
        }
        else
        {
            Text(written, $"{(r.IsRedelivery ? "again (persisted before a restart, maybe reported then): " : string.Empty)}session {r.SessionId} requested by {r.ServerId} over {Names.Of(r.Bearer)} from {r.Source}: ui-mode {Names.Of(r.UiMode)}, " +
                 $"initiator {Names.Of(r.Initiator)}, version {r.Version}, nonce {Names.Of(r.Nonce)}{(r.IsResync ? " (resync: authenticate with the default nonce)" : string.Empty)}" +
                 $"{(r.Vendor is { Length: > 0 } v ? $", vendor {HexText.Format(v)}" : string.Empty)}");
        }
    }

    /// <summary>An accepted bootstrap, after its account was committed.</summary>
    public void Bootstrap(BootstrapReport r)
    {
        if (Json)
        {
            Line(null, w =>
            {
                w.WriteString("event", "bootstrap");
                w.WriteString("serverId", r.ServerId);
                w.WriteString("profile", Names.Of(r.Profile));
                w.WriteString("sec", Names.Of(r.Security));
                w.WriteString("bearer", Names.Of(r.Bearer));
                w.WriteString("source", r.Source);
                w.WriteBoolean("replaced", r.Replaced);
                if (r.Account.ServerAddress != null)
                {
                    w.WriteString("address", r.Account.ServerAddress);
                }
            });
        }
        else
        {
            // The server id and where it came from; never the passwords the document carried.
            Text($"bootstrap: account {r.ServerId} {(r.Replaced ? "replaced" : "added")} by a {Names.Of(r.Profile)} push signed {Names.Of(r.Security)} over {Names.Of(r.Bearer)} from {r.Source}" +
                 $"{(r.Account.ServerAddress != null ? $", server {r.Account.ServerAddress}" : string.Empty)}");
        }
    }

    /// <summary>
    /// A rejection (not a duplicate); summarised under a flood. After authentication (replayed, nonce-exhausted,
    /// rate-limited, replay-history-unavailable) it names the server and session id (null when unknown).
    /// </summary>
    public void Rejected(Bearer bearer, string source, ReasonCode reason, string serverId = null, string sessionId = null)
    {
        if (Admit((false, bearer, reason, serverId, sessionId), source))
        {
            WriteRejected(bearer, source, reason, serverId, sessionId, 0);
        }
    }

    /// <summary>
    /// {"event":"error","reason":R,"serverId":S,"sessionId":I,"message":M}: an authentic trigger that could not be
    /// persisted (R <c>not-persisted</c>), so it was not reported as a session and the server's retry will be accepted
    /// once the store can be written. Never summarised.
    /// </summary>
    public void Error(string reason, string serverId, string sessionId, string message)
    {
        if (Json)
        {
            Line(null, w =>
            {
                w.WriteString("event", "error");
                w.WriteString("reason", reason);
                w.WriteString("serverId", serverId ?? string.Empty);
                w.WriteString("sessionId", sessionId ?? string.Empty);
                w.WriteString("message", message);
            });
        }
        else
        {
            Text(null, $"error {reason}: {message}");
        }
    }

    /// <summary>A duplicate trigger (same server and session id), suppressed; summarised under a flood.</summary>
    public void Duplicate(string sessionId, string serverId)
    {
        if (Admit((true, Bearer.Udp, ReasonCode.Duplicate, serverId, sessionId), null))
        {
            WriteDuplicate(sessionId, serverId, 0);
        }
    }

    /// <summary>
    /// The modem's listening state changed: {"event":"modem","state":"up"} once set up (at start and after every
    /// recovery), {"event":"modem","state":"down","reason":R} when it stopped listening, R one of <c>link-closed</c>,
    /// <c>silent</c>, <c>rebooted</c>, <c>reset</c>, <c>setup-failed</c>. The listener recovers on its own.
    /// </summary>
    public void Modem(bool up, string reason)
    {
        if (Json)
        {
            Line(null, w =>
            {
                w.WriteString("event", "modem");
                w.WriteString("state", up ? "up" : "down");
                if (!up)
                {
                    w.WriteString("reason", reason ?? string.Empty);
                }
            });
        }
        else
        {
            Text(up ? "modem up: set up and listening" : $"modem down ({reason}): reconnecting and setting it up again");
        }
    }

    /// <summary>
    /// A warning or error of the bearers or the store. With JSON it goes to the diagnostics writer (stderr), so stdout
    /// carries only the events of the contract.
    /// </summary>
    public void Note(string kind, string message)
    {
        if (Json || _diagnostics != null)
        {
            lock (_gate)
            {
                (_diagnostics ?? TextWriter.Null).WriteLine($"{kind}: {message}");
                _diagnostics?.Flush();
            }
        }
        else
        {
            Text($"{kind}: {message}");
        }
    }

    /// <summary>Writes the pending summaries and every queued line, then stops the writer thread.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _summaryTimer.Dispose();
        Summarise(all: true);
        _lines.CompleteAdding();
        _writer.Join();
    }

    private bool Admit((bool, Bearer, ReasonCode, string, string) key, string source)
    {
        long second = _clock.ElapsedMilliseconds / 1000;
        lock (_counters)
        {
            if (!_counters.TryGetValue(key, out var counter))
            {
                counter = new Counter { Second = second };
                _counters[key] = counter;
            }

            if (counter.Second != second)
            {
                Report(key, counter);
                counter.Second = second;
                counter.Written = 0;
            }

            if (counter.Written < IndividualPerSecond)
            {
                counter.Written++;
                return true;
            }

            counter.Suppressed++;
            counter.LastSource = source;
            return false;
        }
    }

    private void Summarise(bool all)
    {
        long second = _clock.ElapsedMilliseconds / 1000;
        lock (_counters)
        {
            foreach (var (key, counter) in _counters)
            {
                if (all || counter.Second != second)
                {
                    Report(key, counter);
                }
            }
        }
    }

    private void Report((bool Duplicate, Bearer Bearer, ReasonCode Reason, string ServerId, string SessionId) key, Counter counter)
    {
        if (counter.Suppressed == 0)
        {
            return;
        }

        if (key.Duplicate)
        {
            WriteDuplicate(key.SessionId, key.ServerId, counter.Suppressed);
        }
        else
        {
            WriteRejected(key.Bearer, counter.LastSource, key.Reason, key.ServerId, key.SessionId, counter.Suppressed);
        }

        counter.Suppressed = 0;
    }

    private void WriteRejected(Bearer bearer, string source, ReasonCode reason, string serverId, string sessionId, int count)
    {
        if (Json)
        {
            Line(null, w =>
            {
                w.WriteString("event", "rejected");
                w.WriteString("bearer", Names.Of(bearer));
                w.WriteString("source", source ?? string.Empty);
                w.WriteString("reason", Names.Of(reason));
                if (serverId != null) w.WriteString("serverId", serverId);
                if (sessionId != null) w.WriteString("sessionId", sessionId);
                if (count > 0) w.WriteNumber("count", count);
            });
        }
        else if (count > 0)
        {
            Text($"rejected {count} more over {Names.Of(bearer)} (the last from {source ?? "?"}): {Names.Of(reason)}");
        }
        else
        {
            Text($"rejected over {Names.Of(bearer)} from {source ?? "?"}: {Names.Of(reason)}{(serverId != null ? $" (server {serverId}, session {sessionId})" : string.Empty)}");
        }
    }

    private void WriteDuplicate(string sessionId, string serverId, int count)
    {
        if (Json)
        {
            Line(null, w =>
            {
                w.WriteString("event", "duplicate");
                w.WriteString("sessionId", sessionId);
                w.WriteString("serverId", serverId);
                if (count > 0) w.WriteNumber("count", count);
            });
        }
        else
        {
            Text($"{(count > 0 ? $"{count} more duplicates" : "duplicate")} of session {sessionId} from {serverId}: ignored, one session is enough");
        }
    }

    private void Line(Action written, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        Text(written, System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private void Text(string line) => Text(null, line);

    private void Text(Action written, string line)
    {
        try
        {
            _lines.Add((line, written));
        }
        catch (InvalidOperationException)
        {
            // Stopped: a bearer thread still winding down has nobody left to tell.
        }
    }

    private void WriteLines()
    {
        foreach (var (line, written) in _lines.GetConsumingEnumerable())
        {
            try
            {
                _output.WriteLine(line);
                if (_lines.Count == 0 || written != null)
                {
                    // A line someone waits for is flushed before they hear it was written (a session is acknowledged
                    // only once it has left the process).
                    _output.Flush();
                }

                written?.Invoke();
            }
            catch (IOException)
            {
                // A closed pipe: keep draining so producers never block; the session stays unacknowledged.
            }
            catch (Exception e) when (e is InvalidOperationException or UnauthorizedAccessException)
            {
                // An acknowledgement that could not be saved: the session is handed over again after a restart.
            }
        }

        try
        {
            _output.Flush();
        }
        catch (IOException)
        {
        }
    }

    private sealed class Counter
    {
        public long Second;
        public int Written;
        public int Suppressed;
        public string LastSource;
    }
}

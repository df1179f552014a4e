using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Cli;

/// <summary>
/// Writes the listener's events: one JSON object per line (the contract scripts rely on: "ready", "session", "rejected",
/// "duplicate", documented in the README) or a readable log line, flushed at
/// once so a pipe reader sees each event as it happens. Thread-safe (UDP and modem threads both report).
/// </summary>
public sealed class EventWriter(TextWriter output, bool json, TextWriter diagnostics = null)
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly object _gate = new();

    /// <summary>True when writing JSON lines.</summary>
    public bool Json => json;

    /// <summary>{"event":"ready","udpPort":N} (udpPort null with --no-udp).</summary>
    public void Ready(int? udpPort, string modem)
    {
        if (json)
        {
            Line(w =>
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

    /// <summary>An authenticated session request.</summary>
    public void Session(SessionRequest r)
    {
        if (json)
        {
            Line(w =>
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
            });
        }
        else
        {
            Text($"session {r.SessionId} requested by {r.ServerId} over {Names.Of(r.Bearer)} from {r.Source}: ui-mode {Names.Of(r.UiMode)}, " +
                 $"initiator {Names.Of(r.Initiator)}, version {r.Version}, nonce {Names.Of(r.Nonce)}{(r.IsResync ? " (resync: authenticate with the default nonce)" : string.Empty)}" +
                 $"{(r.Vendor is { Length: > 0 } v ? $", vendor {HexText.Format(v)}" : string.Empty)}");
        }
    }

    /// <summary>A rejection (not a duplicate).</summary>
    public void Rejected(Bearer bearer, string source, ReasonCode reason)
    {
        if (json)
        {
            Line(w =>
            {
                w.WriteString("event", "rejected");
                w.WriteString("bearer", Names.Of(bearer));
                w.WriteString("source", source ?? string.Empty);
                w.WriteString("reason", Names.Of(reason));
            });
        }
        else
        {
            Text($"rejected over {Names.Of(bearer)} from {source ?? "?"}: {Names.Of(reason)}");
        }
    }

    /// <summary>A duplicate trigger (same server and session id), suppressed.</summary>
    public void Duplicate(string sessionId, string serverId)
    {
        if (json)
        {
            Line(w =>
            {
                w.WriteString("event", "duplicate");
                w.WriteString("sessionId", sessionId);
                w.WriteString("serverId", serverId);
            });
        }
        else
        {
            Text($"duplicate of session {sessionId} from {serverId}: ignored, one session is enough");
        }
    }

    /// <summary>
    /// A warning or error of the bearers (modem trouble). With JSON it goes to the diagnostics writer (stderr), so
    /// stdout carries only the four events of the contract.
    /// </summary>
    public void Note(string kind, string message)
    {
        if (json || diagnostics != null)
        {
            lock (_gate)
            {
                (diagnostics ?? TextWriter.Null).WriteLine($"{kind}: {message}");
                diagnostics?.Flush();
            }
        }
        else
        {
            Text($"{kind}: {message}");
        }
    }

    private void Line(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        Text(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private void Text(string line)
    {
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}

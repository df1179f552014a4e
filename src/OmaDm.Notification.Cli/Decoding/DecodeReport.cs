using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Cli;

/// <summary>What <c>decode</c> found in one input: the layers, the trigger fields and the verdict.</summary>
public sealed class DecodeReport
{
    /// <summary>"accepted", "rejected" or "parsed" (decoded, no accounts given).</summary>
    public string Verdict { get; set; } = "parsed";

    /// <summary>The reason (None when accepted or parsed).</summary>
    public ReasonCode Reason { get; set; }

    /// <summary>The layers found, outermost first, each a list of named fields.</summary>
    public List<(string Name, List<(string Key, object Value)> Fields)> Layers { get; } = [];

    /// <summary>Session id text, when a trigger was decoded.</summary>
    public string SessionId { get; set; }

    /// <summary>Server identifier, when decoded.</summary>
    public string ServerId { get; set; }

    /// <summary>Version field, when decoded.</summary>
    public int? Version { get; set; }

    /// <summary>UI mode, when decoded.</summary>
    public UiMode? UiMode { get; set; }

    /// <summary>Initiator, when decoded.</summary>
    public Initiator? Initiator { get; set; }

    /// <summary>Which nonce matched (with accounts, when accepted).</summary>
    public NonceKind? Nonce { get; set; }

    /// <summary>Vendor tail hex, when decoded.</summary>
    public string Vendor { get; set; }

    /// <summary>Adds a layer and returns its field list.</summary>
    public List<(string Key, object Value)> AddLayer(string name)
    {
        var fields = new List<(string, object)>();
        Layers.Add((name, fields));
        return fields;
    }

    /// <summary>Copies the trigger's fields.</summary>
    public void SetTrigger(NotificationTrigger t, SessionIdFormat format)
    {
        SessionId = SessionIdText.Format(t.SessionId, format);
        ServerId = t.GetServerId();
        Version = t.Version;
        UiMode = t.UiMode;
        Initiator = t.Initiator;
        Vendor = HexText.Format(t.CopyVendor());
    }

    /// <summary>One JSON object on one line.</summary>
    public string ToJson(int input)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("input", input);
            w.WriteString("verdict", Verdict);
            w.WriteString("reason", Names.Of(Reason));
            WriteOrNull(w, "sessionId", SessionId);
            WriteOrNull(w, "serverId", ServerId);
            if (Version is int v) w.WriteNumber("version", v); else w.WriteNull("version");
            WriteOrNull(w, "uiMode", UiMode is { } m ? Names.Of(m) : null);
            WriteOrNull(w, "initiator", Initiator is { } i ? Names.Of(i) : null);
            WriteOrNull(w, "nonce", Nonce is { } n ? Names.Of(n) : null);
            WriteOrNull(w, "vendor", Vendor);
            w.WriteStartArray("layers");
            foreach (var (name, fields) in Layers)
            {
                w.WriteStartObject();
                w.WriteString("layer", name);
                foreach (var (key, value) in fields)
                {
                    switch (value)
                    {
                        case int number: w.WriteNumber(key, number); break;
                        case bool flag: w.WriteBoolean(key, flag); break;
                        case null: w.WriteNull(key); break;
                        default: w.WriteString(key, value.ToString()); break;
                    }
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Readable lines.</summary>
    public void WriteText(TextWriter output, int input)
    {
        output.WriteLine($"input {input}:");
        foreach (var (name, fields) in Layers)
        {
            output.Write($"  {name}:");
            foreach (var (key, value) in fields)
            {
                output.Write($" {key}={value}");
            }

            output.WriteLine();
        }

        if (ServerId != null)
        {
            output.WriteLine($"  trigger: session {SessionId} from {ServerId}, version {Version}, ui-mode {Names.Of(UiMode!.Value)}, initiator {Names.Of(Initiator!.Value)}" +
                             (string.IsNullOrEmpty(Vendor) ? string.Empty : $", vendor {Vendor}"));
        }

        output.WriteLine($"  verdict: {Verdict}{(Reason != ReasonCode.None ? $" ({Names.Of(Reason)})" : string.Empty)}{(Nonce is { } n ? $", nonce {Names.Of(n)}" : string.Empty)}");
    }

    private static void WriteOrNull(Utf8JsonWriter w, string name, string value)
    {
        if (value == null) w.WriteNull(name); else w.WriteString(name, value);
    }
}

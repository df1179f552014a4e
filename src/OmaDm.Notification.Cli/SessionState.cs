using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Cli;

/// <summary>
/// <c>listen --state DIR</c>: the agent's recent sessions (<see cref="NotificationAgent.GetRecentSessions"/>) kept in
/// <c>DIR/sessions.json</c> and restored at start-up, so a trigger repeated across a restart of the listener is still a
/// duplicate. Written atomically (temporary file, then rename over the old one): a crash leaves the old or the new
/// file, never half of one.
/// </summary>
public sealed class SessionState
{
    private const string FileName = "sessions.json";
    private readonly string _path;
    private readonly object _gate = new();

    private SessionState(string path) => _path = path;

    /// <summary>The entries read at start-up (older than the window already dropped).</summary>
    public SessionHistoryEntry[] Loaded { get; private set; } = [];

    /// <summary>Opens (creating the directory) and loads the state; a corrupt file is a usage error naming it.</summary>
    public static SessionState Open(string directory, TimeSpan window, DateTime nowUtc)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"state directory '{directory}': {e.Message}");
        }

        var state = new SessionState(Path.Combine(directory, FileName));
        if (File.Exists(state._path))
        {
            try
            {
                var loaded = JsonSerializer.Deserialize(File.ReadAllText(state._path), StateJsonContext.Default.StateFile);
                var kept = new List<SessionHistoryEntry>();
                foreach (var e in loaded?.Sessions ?? [])
                {
                    if (e?.ServerId != null && nowUtc - e.ReceivedUtc < window)
                    {
                        kept.Add(new SessionHistoryEntry(e.ServerId, e.SessionId, e.ReceivedUtc));
                    }
                }

                state.Loaded = [.. kept];
            }
            catch (Exception e) when (e is JsonException or IOException or ArgumentException)
            {
                throw new UsageException($"state file '{state._path}': {e.Message}");
            }
        }

        return state;
    }

    /// <summary>Rewrites the file with the agent's current history.</summary>
    public void Save(SessionHistoryEntry[] entries)
    {
        var file = new StateFile { Sessions = Array.ConvertAll(entries, e => new Entry { ServerId = e.ServerId, SessionId = e.SessionId, ReceivedUtc = e.ReceivedUtc }) };
        lock (_gate)
        {
            string temporary = _path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(file, StateJsonContext.Default.StateFile));
            File.Move(temporary, _path, overwrite: true);
        }
    }

    /// <summary>One remembered session.</summary>
    public sealed class Entry
    {
        /// <summary>Server identifier.</summary>
        public string ServerId { get; set; }

        /// <summary>Binary session id.</summary>
        public int SessionId { get; set; }

        /// <summary>When it was reported.</summary>
        public DateTime ReceivedUtc { get; set; }
    }

    /// <summary>The file's shape.</summary>
    public sealed class StateFile
    {
        /// <summary>The remembered sessions.</summary>
        public Entry[] Sessions { get; set; }
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(SessionState.StateFile))]
internal sealed partial class StateJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace OmaDm.Notification.Cli;

/// <summary>
/// <c>listen --state DIR</c>: the recent sessions (server id, session id, wall-clock time) kept in
/// <c>DIR/sessions.json</c>, so a trigger repeated across a restart of the listener is still a duplicate. Written
/// atomically (temporary file, then rename over the old one): a crash leaves the old or the new file, never half.
/// </summary>
public sealed class SessionState
{
    private const string FileName = "sessions.json";
    private readonly string _path;
    private readonly TimeSpan _window;
    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];

    private SessionState(string path, TimeSpan window)
    {
        _path = path;
        _window = window;
    }

    /// <summary>Opens (creating the directory) and loads the state; a corrupt file is a usage error naming it.</summary>
    public static SessionState Open(string directory, TimeSpan window)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"state directory '{directory}': {e.Message}");
        }

        var state = new SessionState(Path.Combine(directory, FileName), window);
        if (File.Exists(state._path))
        {
            try
            {
                var loaded = JsonSerializer.Deserialize(File.ReadAllText(state._path), StateJsonContext.Default.StateFile);
                if (loaded?.Sessions != null)
                {
                    state._entries.AddRange(loaded.Sessions);
                }
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                throw new UsageException($"state file '{state._path}': {e.Message}");
            }
        }

        return state;
    }

    /// <summary>True when this server and session id were reported within the window.</summary>
    public bool WasSeenRecently(string serverId, int sessionId, DateTime nowUtc)
    {
        lock (_gate)
        {
            return _entries.Exists(e => e.ServerId == serverId && e.SessionId == sessionId && nowUtc - e.ReceivedUtc < _window && e.ReceivedUtc <= nowUtc);
        }
    }

    /// <summary>Records a reported session and rewrites the file, dropping entries older than the window.</summary>
    public void Record(string serverId, int sessionId, DateTime nowUtc)
    {
        lock (_gate)
        {
            _entries.RemoveAll(e => nowUtc - e.ReceivedUtc >= _window || (e.ServerId == serverId && e.SessionId == sessionId));
            _entries.Add(new Entry { ServerId = serverId, SessionId = sessionId, ReceivedUtc = nowUtc });
            string temporary = _path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(new StateFile { Sessions = [.. _entries] }, StateJsonContext.Default.StateFile));
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

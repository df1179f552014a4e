using System;
using System.Collections.Generic;
using System.IO;
using OmaDm.Notification.Storage.FileSystem;

namespace OmaDm.Notification.Cli.Store;

/// <summary>
/// The flash file system in memory: <c>listen</c> without <c>--state</c> and the demo run the device's store over it, so
/// the composition is the same with or without a state directory; nothing outlives the process.
/// </summary>
public sealed class MemoryFileSystem : IFlashFileSystem
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool Exists(string name)
    {
        lock (_files)
        {
            return _files.ContainsKey(name);
        }
    }

    /// <inheritdoc />
    public long GetLength(string name)
    {
        lock (_files)
        {
            return _files.TryGetValue(name, out var bytes) ? bytes.Length : throw new IOException($"missing: {name}");
        }
    }

    /// <inheritdoc />
    public byte[] ReadAllBytes(string name)
    {
        lock (_files)
        {
            return _files.TryGetValue(name, out var bytes) ? (byte[])bytes.Clone() : throw new IOException($"missing: {name}");
        }
    }

    /// <inheritdoc />
    public void WriteAllBytes(string name, byte[] buffer, int offset, int count)
    {
        lock (_files)
        {
            _files[name] = buffer.AsSpan(offset, count).ToArray();
        }
    }

    /// <inheritdoc />
    public void Delete(string name)
    {
        lock (_files)
        {
            _files.Remove(name);
        }
    }

    /// <inheritdoc />
    public void Move(string source, string destination)
    {
        lock (_files)
        {
            if (_files.ContainsKey(destination) || !_files.Remove(source, out var bytes))
            {
                throw new IOException($"cannot move {source} to {destination}");
            }

            _files[destination] = bytes;
        }
    }

    /// <inheritdoc />
    public string[] List()
    {
        lock (_files)
        {
            return [.. _files.Keys];
        }
    }
}

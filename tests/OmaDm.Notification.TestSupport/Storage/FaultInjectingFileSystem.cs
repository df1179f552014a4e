using System;
using System.Collections;
using System.IO;
using OmaDm.Notification.Storage.FileSystem;
using OmaDm.Notification.Storage.Records;

namespace OmaDm.Notification.Tests.Storage
{
    /// <summary>Thrown by <see cref="FaultInjectingFileSystem"/> when the simulated power fails.</summary>
    public sealed class PowerCutException : IOException
    {
        /// <summary>Creates the exception.</summary>
        public PowerCutException()
            : base("power cut")
        {
        }
    }

    /// <summary>
    /// Test peer: an in-memory flash directory with nanoFramework's file semantics (Move throws when the destination
    /// exists) that loses power before mutating operation number <see cref="CutAtOperation"/> (0-based), optionally
    /// after writing only the first <see cref="TornBytes"/> bytes of that operation when it is a write. After the cut
    /// every call fails until <see cref="Reboot"/>, which keeps the files exactly as the cut left them.
    /// </summary>
    public sealed class FaultInjectingFileSystem : IFlashFileSystem, IChunkedFlashFileSystem
    {
        private readonly Hashtable _files = new Hashtable();
        private bool _powerOff;

        /// <summary>Mutating operation (write, delete, move) before which power fails; -1 never.</summary>
        public int CutAtOperation { get; set; } = -1;

        /// <summary>When the cut operation is a write, how many of its bytes reach the file (-1: none, the file is untouched).</summary>
        public int TornBytes { get; set; } = -1;

        /// <summary>Mutating operations performed (or attempted at the cut) since the last <see cref="ResetCounter"/>.</summary>
        public int Operations { get; private set; }

        /// <summary>
        /// Largest file <see cref="ReadAllBytes"/> returns; a larger one throws <see cref="OutOfMemoryException"/>, as
        /// reading it whole does on a device whose heap cannot hold it. Default: no limit.
        /// </summary>
        public int MaxReadBytes { get; set; } = int.MaxValue;

        /// <summary>
        /// How many next <see cref="OpenWrite"/> calls throw <see cref="OutOfMemoryException"/> before touching any file,
        /// as a device's file stream constructor does when the heap cannot hold it.
        /// </summary>
        public int OpenWriteOutOfMemory { get; set; }

        /// <summary>Most bytes handed over in one call: a whole-file write, or one chunk of a chunked write.</summary>
        public int LargestWrite { get; private set; }

        /// <summary>Whether the simulated power failed.</summary>
        public bool PowerFailed => _powerOff;

        /// <summary>Restores power, keeping the files; disarms the fault.</summary>
        public void Reboot()
        {
            _powerOff = false;
            CutAtOperation = -1;
            TornBytes = -1;
            Operations = 0;
        }

        /// <summary>Arms a fault relative to now.</summary>
        /// <param name="operation">Mutating operation index from now.</param>
        /// <param name="tornBytes">Bytes of a torn write, or -1.</param>
        public void Arm(int operation, int tornBytes)
        {
            Operations = 0;
            CutAtOperation = operation;
            TornBytes = tornBytes;
        }

        /// <summary>Resets the mutating-operation counter.</summary>
        public void ResetCounter()
        {
            Operations = 0;
        }

        /// <summary>Puts raw bytes into a file, bypassing faults (test setup and corruption).</summary>
        /// <param name="name">File name.</param>
        /// <param name="content">Content.</param>
        public void SetRaw(string name, byte[] content)
        {
            _files[name] = content;
        }

        /// <summary>Returns a file's raw bytes, or null.</summary>
        /// <param name="name">File name.</param>
        /// <returns>The bytes.</returns>
        public byte[] GetRaw(string name)
        {
            return (byte[])_files[name];
        }

        /// <inheritdoc />
        public bool Exists(string name)
        {
            CheckPower();
            return _files.Contains(name);
        }

        /// <inheritdoc />
        public long GetLength(string name)
        {
            CheckPower();
            byte[] content = (byte[])_files[name];
            if (content == null)
            {
                throw new IOException("missing");
            }

            return content.Length;
        }

        /// <inheritdoc />
        public byte[] ReadAllBytes(string name)
        {
            CheckPower();
            byte[] content = (byte[])_files[name];
            if (content == null)
            {
                throw new IOException("missing");
            }

            if (content.Length > MaxReadBytes)
            {
                throw new OutOfMemoryException();
            }

            byte[] copy = new byte[content.Length];
            Array.Copy(content, copy, content.Length);
            return copy;
        }

        /// <inheritdoc />
        public void WriteAllBytes(string name, byte[] buffer, int offset, int count)
        {
            CheckPower();
            if (Cut())
            {
                if (TornBytes >= 0)
                {
                    int kept = TornBytes < count ? TornBytes : count;
                    byte[] torn = new byte[kept];
                    Array.Copy(buffer, offset, torn, 0, kept);
                    _files[name] = torn;
                }

                throw new PowerCutException();
            }

            LargestWrite = count > LargestWrite ? count : LargestWrite;
            byte[] content = new byte[count];
            Array.Copy(buffer, offset, content, 0, count);
            _files[name] = content;
        }

        /// <summary>
        /// Opens a chunked write: one mutating operation, as <see cref="WriteAllBytes"/> is. At the cut with no torn bytes
        /// the file is untouched; with <see cref="TornBytes"/> it keeps that prefix of what the writer is given.
        /// </summary>
        /// <param name="name">File name.</param>
        /// <returns>The writer.</returns>
        public IFlashFileWriter OpenWrite(string name)
        {
            CheckPower();
            if (OpenWriteOutOfMemory > 0)
            {
                OpenWriteOutOfMemory--;
                throw new OutOfMemoryException();
            }

            int limit = -1;
            if (Cut())
            {
                if (TornBytes < 0)
                {
                    throw new PowerCutException();
                }

                // The power fails inside the write, once the torn bytes are in.
                limit = TornBytes;
                _powerOff = false;
            }

            _files[name] = new byte[0];
            return new ChunkWriter(this, name, limit);
        }

        /// <inheritdoc />
        public void Delete(string name)
        {
            CheckPower();
            if (Cut())
            {
                throw new PowerCutException();
            }

            _files.Remove(name);
        }

        /// <inheritdoc />
        public void Move(string source, string destination)
        {
            CheckPower();
            if (_files.Contains(destination) || !_files.Contains(source))
            {
                throw new IOException("move");
            }

            if (Cut())
            {
                throw new PowerCutException();
            }

            _files[destination] = _files[source];
            _files.Remove(source);
        }

        /// <inheritdoc />
        public string[] List()
        {
            CheckPower();
            string[] names = new string[_files.Count];
            int i = 0;
            foreach (object key in _files.Keys)
            {
                names[i++] = (string)key;
            }

            return names;
        }

        private bool Cut()
        {
            int index = Operations++;
            if (index == CutAtOperation)
            {
                _powerOff = true;
                return true;
            }

            return false;
        }

        private void CheckPower()
        {
            if (_powerOff)
            {
                throw new PowerCutException();
            }
        }

        // Gathers a chunked write; the file holds what was written when it ends (flushed, cut or abandoned).
        private sealed class ChunkWriter : IFlashFileWriter
        {
            private readonly FaultInjectingFileSystem _owner;
            private readonly string _name;
            private readonly int _limit;
            private PayloadWriter _content = new PayloadWriter(64);

            internal ChunkWriter(FaultInjectingFileSystem owner, string name, int limit)
            {
                _owner = owner;
                _name = name;
                _limit = limit;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                _owner.CheckPower();
                _owner.LargestWrite = count > _owner.LargestWrite ? count : _owner.LargestWrite;
                bool cut = _limit >= 0 && _content.Length + count > _limit;
                int n = cut ? _limit - _content.Length : count;
                _content.WriteBytes(buffer, offset, n);
                if (cut)
                {
                    Store();
                    _owner._powerOff = true;
                    throw new PowerCutException();
                }
            }

            public void Flush()
            {
                _owner.CheckPower();
                Store();
                if (_limit >= 0)
                {
                    // The cut fell after the last byte: the write is whole but the call never returned.
                    _owner._powerOff = true;
                    throw new PowerCutException();
                }
            }

            public void Dispose()
            {
                if (!_owner._powerOff && _content != null)
                {
                    Store();
                }
            }

            private void Store()
            {
                _owner._files[_name] = _content.ToArray();
                _content = null;
            }
        }
    }
}

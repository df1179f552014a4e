using System;
using System.IO;

namespace OmaDm.Notification.Storage.FileSystem
{
    /// <summary>
    /// <see cref="IFlashFileSystem"/> over <c>System.IO.File</c> in one directory: <c>I:\</c> (internal flash) or <c>D:\</c>
    /// (SD card) on the device, any directory on a host.
    /// </summary>
    public sealed class FlashFileSystem : IFlashFileSystem, IChunkedFlashFileSystem
    {
        /// <summary>The device's internal flash drive.</summary>
        public const string InternalFlash = "I:\\";

        private readonly string _root;

        /// <summary>Creates a file system rooted at a directory, which is created when missing.</summary>
        /// <param name="root">The directory, e.g. <see cref="InternalFlash"/>.</param>
        /// <exception cref="ArgumentException">The root is empty.</exception>
        public FlashFileSystem(string root)
        {
            if (root == null || root.Length == 0)
            {
                throw new ArgumentException("Invalid value.", nameof(root));
            }

            _root = root;
            if (!Directory.Exists(root))
            {
                Directory.CreateDirectory(root);
            }
        }

        /// <summary>The directory the names are relative to.</summary>
        public string Root => _root;

        /// <inheritdoc />
        public bool Exists(string name)
        {
            return File.Exists(PathOf(name));
        }

        /// <inheritdoc />
        public long GetLength(string name)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                throw new IOException(string.Concat("missing: ", name));
            }

            return new FileInfo(path).Length;
        }

        /// <inheritdoc />
        public byte[] ReadAllBytes(string name)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                throw new IOException(string.Concat("missing: ", name));
            }

            return File.ReadAllBytes(path);
        }

        /// <inheritdoc />
        public void WriteAllBytes(string name, byte[] buffer, int offset, int count)
        {
            using (var stream = new FileStream(PathOf(name), FileMode.Create, FileAccess.Write))
            {
                stream.Write(buffer, offset, count);

                // Flush before close so a power cut after this call cannot lose bytes the caller believes are written.
                stream.Flush();
            }
        }

        /// <inheritdoc />
        public IFlashFileWriter OpenWrite(string name)
        {
            return new FileWriter(new FileStream(PathOf(name), FileMode.Create, FileAccess.Write));
        }

        /// <inheritdoc />
        public void Delete(string name)
        {
            string path = PathOf(name);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        /// <inheritdoc />
        public void Move(string source, string destination)
        {
            string to = PathOf(destination);

            // The host's File.Move agrees, but make the nanoFramework rule explicit on every platform.
            if (File.Exists(to))
            {
                throw new IOException(string.Concat("exists: ", destination));
            }

            File.Move(PathOf(source), to);
        }

        /// <inheritdoc />
        public string[] List()
        {
            string[] paths = Directory.GetFiles(_root);
            string[] names = new string[paths.Length];
            for (int i = 0; i < paths.Length; i++)
            {
                names[i] = Path.GetFileName(paths[i]);
            }

            return names;
        }

        private string PathOf(string name)
        {
            if (name == null || name.Length == 0 || name.IndexOf('\\') >= 0 || name.IndexOf('/') >= 0)
            {
                throw new ArgumentException("Invalid value.", nameof(name));
            }

            return Path.Combine(_root, name);
        }

        private sealed class FileWriter : IFlashFileWriter
        {
            private readonly FileStream _stream;

            internal FileWriter(FileStream stream)
            {
                _stream = stream;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                _stream.Write(buffer, offset, count);
            }

            public void Flush()
            {
                _stream.Flush();
            }

            public void Dispose()
            {
                _stream.Dispose();
            }
        }
    }
}

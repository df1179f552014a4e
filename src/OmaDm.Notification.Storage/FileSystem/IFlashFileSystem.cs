namespace OmaDm.Notification.Storage.FileSystem
{
    /// <summary>
    /// The few file operations the store needs, by file name inside one directory (the device's flash drive <c>I:\</c>).
    /// Each call is one step a power cut can fall between; <see cref="WriteAllBytes"/> may be torn part-way (the file then
    /// holds any prefix of the new bytes). The semantics follow nanoFramework's <c>System.IO.File</c>: there is no
    /// replace, and <see cref="Move"/> throws when the destination exists.
    /// </summary>
    public interface IFlashFileSystem
    {
        /// <summary>Whether the file exists.</summary>
        /// <param name="name">File name inside the directory.</param>
        /// <returns><c>true</c> when it exists.</returns>
        bool Exists(string name);

        /// <summary>The size of a file, without reading it (so a file too large for the heap is refused, not read).</summary>
        /// <param name="name">File name inside the directory.</param>
        /// <returns>Bytes.</returns>
        /// <exception cref="System.IO.IOException">The file does not exist or cannot be read.</exception>
        long GetLength(string name);

        /// <summary>Reads a whole file.</summary>
        /// <param name="name">File name inside the directory.</param>
        /// <returns>The bytes.</returns>
        /// <exception cref="System.IO.IOException">The file does not exist or cannot be read.</exception>
        byte[] ReadAllBytes(string name);

        /// <summary>Creates or truncates the file, writes the bytes and flushes them to flash.</summary>
        /// <param name="name">File name inside the directory.</param>
        /// <param name="buffer">Source buffer.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <exception cref="System.IO.IOException">The write failed.</exception>
        void WriteAllBytes(string name, byte[] buffer, int offset, int count);

        /// <summary>Deletes the file; nothing happens when it does not exist.</summary>
        /// <param name="name">File name inside the directory.</param>
        void Delete(string name);

        /// <summary>Renames a file.</summary>
        /// <param name="source">Existing file name.</param>
        /// <param name="destination">New file name, which must not exist.</param>
        /// <exception cref="System.IO.IOException">The source is missing or the destination exists.</exception>
        void Move(string source, string destination);

        /// <summary>Lists the file names in the directory (names only, no directory part).</summary>
        /// <returns>The names, in no particular order.</returns>
        string[] List();
    }
}

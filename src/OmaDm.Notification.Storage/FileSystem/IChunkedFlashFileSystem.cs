namespace OmaDm.Notification.Storage.FileSystem
{
    /// <summary>
    /// A file system that writes a file in chunks, so a record is written without a buffer as large as the file. A
    /// chunked write is one step for a power cut, as <see cref="IFlashFileSystem.WriteAllBytes"/> is: it may be torn at
    /// any byte.
    /// </summary>
    public interface IChunkedFlashFileSystem
    {
        /// <summary>Creates or truncates a file and opens it for writing.</summary>
        /// <param name="name">File name inside the directory.</param>
        /// <returns>The writer; dispose it.</returns>
        /// <exception cref="System.IO.IOException">The file cannot be created.</exception>
        IFlashFileWriter OpenWrite(string name);
    }
}

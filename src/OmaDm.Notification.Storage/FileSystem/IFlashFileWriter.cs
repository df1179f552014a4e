using System;

namespace OmaDm.Notification.Storage.FileSystem
{
    /// <summary>
    /// A file being written in chunks (<see cref="IChunkedFlashFileSystem.OpenWrite"/>): the bytes of successive
    /// <see cref="Write"/> calls follow each other; <see cref="Flush"/> ends the write with everything on flash. A power
    /// cut or a failure before <see cref="Flush"/> returns leaves the file holding any prefix of the bytes.
    /// </summary>
    public interface IFlashFileWriter : IDisposable
    {
        /// <summary>Appends bytes.</summary>
        /// <param name="buffer">Source buffer.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <exception cref="System.IO.IOException">The write failed.</exception>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Flushes every byte written to flash.</summary>
        /// <exception cref="System.IO.IOException">The write failed.</exception>
        void Flush();
    }
}

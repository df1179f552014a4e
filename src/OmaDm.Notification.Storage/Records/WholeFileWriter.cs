using OmaDm.Notification.Storage.FileSystem;

namespace OmaDm.Notification.Storage.Records
{
    /// <summary>
    /// A chunked write over a file system that only writes whole files (the host's stores): the chunks are gathered
    /// and written by <see cref="IFlashFileSystem.WriteAllBytes"/> at <see cref="Flush"/>. The device's file system is
    /// an <see cref="IChunkedFlashFileSystem"/> and never needs this buffer.
    /// </summary>
    internal sealed class WholeFileWriter : IFlashFileWriter
    {
        private readonly IFlashFileSystem _files;
        private readonly string _name;
        private readonly PayloadWriter _content = new PayloadWriter(256);

        internal WholeFileWriter(IFlashFileSystem files, string name)
        {
            _files = files;
            _name = name;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _content.WriteBytes(buffer, offset, count);
        }

        public void Flush()
        {
            _files.WriteAllBytes(_name, _content.Buffer, 0, _content.Length);
        }

        public void Dispose()
        {
        }
    }
}

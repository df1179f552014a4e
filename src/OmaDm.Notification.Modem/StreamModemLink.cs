using System;
using System.IO;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// An <see cref="IModemLink"/> over a <see cref="Stream"/>: a serial port's base stream, a TCP connection to a
    /// modem emulator or a network serial server on the host. Streams that cannot time out block in
    /// <see cref="Read"/>; the AT channel tolerates that because command timeouts do not depend on the reader.
    /// </summary>
    public sealed class StreamModemLink : IModemLink
    {
        private readonly Stream _stream;
        private int _currentTimeout = -2;
        private bool _closed;

        /// <summary>Wraps a readable, writable stream.</summary>
        /// <param name="stream">The stream; the caller keeps ownership.</param>
        public StreamModemLink(Stream stream)
        {
            if (stream == null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            _stream = stream;
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            if (_closed)
            {
                return -1;
            }

            try
            {
                if (_stream.CanTimeout && _currentTimeout != timeoutMilliseconds)
                {
                    _stream.ReadTimeout = timeoutMilliseconds;
                    _currentTimeout = timeoutMilliseconds;
                }

                int read = _stream.Read(buffer, offset, count);
                if (read <= 0)
                {
                    // A stream returns 0 only at its end: the peer has gone.
                    _closed = true;
                    return -1;
                }

                return read;
            }
            catch (TimeoutException)
            {
                return 0;
            }
            catch (ObjectDisposedException)
            {
                _closed = true;
                return -1;
            }
            catch (IOException)
            {
                // Socket-backed streams report a read timeout as an IOException and stay usable.
                if (!_stream.CanRead)
                {
                    _closed = true;
                    return -1;
                }

                return 0;
            }
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            _stream.Write(buffer, offset, count);
            _stream.Flush();
        }
    }
}

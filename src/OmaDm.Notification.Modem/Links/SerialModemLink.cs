using System;
using System.IO.Ports;
using System.Threading;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// The device's <see cref="IModemLink"/>: a nanoFramework <see cref="SerialPort"/> (COM2 or COM3 on the ESP32;
    /// COM1 is the debug port). Reads wait on the port's DataReceived event instead of a blocking read with a timeout,
    /// because the event may fire once for several chunks and <see cref="SerialPort.BytesToRead"/> is the truth.
    /// </summary>
    public sealed class SerialModemLink : IModemLink, IDisposable
    {
        private readonly SerialPort _port;
        private readonly AutoResetEvent _dataArrived = new AutoResetEvent(false);

        /// <summary>Opens the port (pins must already be mapped with Configuration.SetPinFunction).</summary>
        /// <param name="portName">"COM2" or "COM3".</param>
        /// <param name="baudRate">Modem baud rate (115200 for all supported modems by default).</param>
        public SerialModemLink(string portName, int baudRate)
        {
            _port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One);
            _port.ReadBufferSize = 2048;
            _port.Handshake = Handshake.None;
            _port.DataReceived += OnDataReceived;
            _port.Open();
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            if (!_port.IsOpen)
            {
                return -1;
            }

            if (_port.BytesToRead == 0)
            {
                _dataArrived.WaitOne(timeoutMilliseconds, false);
                if (!_port.IsOpen)
                {
                    return -1;
                }

                if (_port.BytesToRead == 0)
                {
                    return 0;
                }
            }

            int available = _port.BytesToRead;
            return _port.Read(buffer, offset, available < count ? available : count);
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        /// <summary>Closes the port.</summary>
        public void Dispose()
        {
            _port.DataReceived -= OnDataReceived;
            _port.Close();
            _dataArrived.Set();
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            _dataArrived.Set();
        }
    }
}

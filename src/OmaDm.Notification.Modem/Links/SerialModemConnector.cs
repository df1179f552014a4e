using System;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// Re-opens the device's modem UART (<see cref="SerialModemLink"/>) for <see cref="AtChannel.Connector"/>: after a
    /// read that throws, or a modem silent for longer than the worker's limit, the port is closed and opened again.
    /// </summary>
    public sealed class SerialModemConnector : IModemConnector
    {
        private readonly string _portName;
        private readonly int _baudRate;

        /// <summary>Creates a connector for a port.</summary>
        /// <param name="portName">"COM2" or "COM3" (pins already mapped).</param>
        /// <param name="baudRate">Modem baud rate.</param>
        public SerialModemConnector(string portName, int baudRate)
        {
            _portName = portName;
            _baudRate = baudRate;
        }

        /// <inheritdoc />
        public IModemLink Open()
        {
            try
            {
                return new SerialModemLink(_portName, _baudRate);
            }
            catch (Exception)
            {
                return null; // the worker tries again after its back-off
            }
        }

        /// <inheritdoc />
        public void Release(IModemLink link)
        {
            var serial = link as SerialModemLink;
            if (serial == null)
            {
                return;
            }

            try
            {
                serial.Dispose();
            }
            catch (Exception)
            {
                // Closing a port that already failed: nothing more to do.
            }
        }
    }
}

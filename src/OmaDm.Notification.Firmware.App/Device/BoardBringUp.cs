using System.Device.Gpio;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using OmaDm.Notification.Firmware.Boards;

namespace OmaDm.Notification.Firmware.Device
{
    /// <summary>
    /// Applies a <see cref="BoardProfile"/> to the ESP32 (device only): the <see cref="BoardSequencer"/>'s levels on
    /// GPIO (push-pull or open-drain), its waits as <c>Thread.Sleep</c>, and the modem UART's pins via
    /// <c>Configuration.SetPinFunction</c> before the port is opened.
    /// </summary>
    public sealed class BoardBringUp : IBoardPins
    {
        private readonly BoardProfile _board;
        private readonly BoardSequencer _sequencer;
        private readonly GpioController _gpio = new GpioController();

        /// <summary>Creates the bring-up for a board.</summary>
        /// <param name="board">The board.</param>
        /// <param name="clock">Monotonic time for the modem's ready deadline.</param>
        public BoardBringUp(BoardProfile board, IClock clock)
        {
            _board = board;
            _sequencer = new BoardSequencer(board, this, clock);
        }

        /// <summary>Asks the modem for <c>AT</c>/<c>OK</c> (set once the AT channel runs); null waits the whole deadline.</summary>
        public ModemProbe Probe { get; set; }

        /// <summary>Opens every output pin at its rest level and switches the status LED on.</summary>
        public void InitializePins()
        {
            _sequencer.InitializePins();
        }

        /// <summary>Pulses the power key with the board's timing and polls AT until the modem answers.</summary>
        /// <returns>True when the modem answered before the board's deadline.</returns>
        public bool PowerOnModem()
        {
            return _sequencer.PowerOn(Probe);
        }

        /// <summary>Restarts the modem the board's way (the watchdog's remedy for a stuck modem).</summary>
        public void RestartModem()
        {
            _sequencer.Restart(Probe);
        }

        /// <summary>Routes the modem UART to the board's pins; call before the port is opened.</summary>
        public void RouteModemUart()
        {
            bool com3 = _board.ModemPort == "COM3";
            Configuration.SetPinFunction(_board.ModemRxPin, com3 ? DeviceFunction.COM3_RX : DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(_board.ModemTxPin, com3 ? DeviceFunction.COM3_TX : DeviceFunction.COM2_TX);
        }

        /// <summary>Switches the status LED.</summary>
        /// <param name="on">On or off.</param>
        public void SetStatusLed(bool on)
        {
            _sequencer.SetStatusLed(on);
        }

        /// <inheritdoc />
        public void Write(int pin, bool high)
        {
            Drive(pin, PinMode.Output, high);
        }

        /// <inheritdoc />
        public void WriteOpenDrain(int pin, bool high)
        {
            Drive(pin, PinMode.OutputOpenDrain, high);
        }

        /// <inheritdoc />
        public bool Read(int pin)
        {
            if (!_gpio.IsPinOpen(pin))
            {
                _gpio.OpenPin(pin, PinMode.Input);
            }

            return _gpio.Read(pin) == PinValue.High;
        }

        /// <inheritdoc />
        public void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }

        private void Drive(int pin, PinMode mode, bool high)
        {
            if (!_gpio.IsPinOpen(pin))
            {
                _gpio.OpenPin(pin, mode);
            }

            _gpio.Write(pin, high ? PinValue.High : PinValue.Low);
        }
    }
}

using System.Device.Gpio;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using OmaDm.Notification.Firmware.Boards;

namespace OmaDm.Notification.Firmware.Device
{
    /// <summary>
    /// Applies a <see cref="BoardProfile"/> to the ESP32 (device only): supply enables, modem power key and reset over
    /// GPIO, the modem UART's pins via <c>Configuration.SetPinFunction</c> before the port is opened.
    /// </summary>
    public sealed class BoardBringUp
    {
        private readonly BoardProfile _board;
        private readonly GpioController _gpio = new GpioController();

        /// <summary>Creates the bring-up for a board.</summary>
        /// <param name="board">The board.</param>
        public BoardBringUp(BoardProfile board)
        {
            _board = board;
        }

        /// <summary>Opens every output pin at its idle level and switches the status LED on.</summary>
        public void InitializePins()
        {
            foreach (int pin in _board.PowerEnablePins)
            {
                Drive(pin, true);
            }

            if (_board.ResetPin != BoardProfile.NoPin)
            {
                Drive(_board.ResetPin, !_board.ResetActiveHigh);
            }

            if (_board.PowerKeyPin != BoardProfile.NoPin)
            {
                Drive(_board.PowerKeyPin, _board.PowerKeyRestHigh);
            }

            if (_board.DtrPin != BoardProfile.NoPin)
            {
                // DTR low keeps the modem out of sleep, so it answers the UART at once.
                Drive(_board.DtrPin, false);
            }

            SetStatusLed(true);
        }

        /// <summary>Pulses the power key with the board's timing and waits until the modem can answer AT.</summary>
        public void PowerOnModem()
        {
            if (_board.PowerKeyPin == BoardProfile.NoPin)
            {
                Thread.Sleep(_board.ModemReadyMilliseconds);
                return;
            }

            Drive(_board.PowerKeyPin, _board.PowerKeyRestHigh);
            Thread.Sleep(100);
            Drive(_board.PowerKeyPin, _board.PowerKeyPulseHigh);
            Thread.Sleep(_board.PowerKeyPulseMilliseconds);
            Drive(_board.PowerKeyPin, _board.PowerKeyRestHigh);
            Thread.Sleep(_board.ModemReadyMilliseconds);
        }

        /// <summary>
        /// Power-cycles the modem: the watchdog's remedy for a stuck modem. Uses the reset line when the board has one,
        /// else drops the supply enables, else a second power-key pulse.
        /// </summary>
        public void RestartModem()
        {
            if (_board.ResetPin != BoardProfile.NoPin)
            {
                Drive(_board.ResetPin, _board.ResetActiveHigh);
                Thread.Sleep(_board.ResetPulseMilliseconds);
                Drive(_board.ResetPin, !_board.ResetActiveHigh);
                Thread.Sleep(_board.ModemReadyMilliseconds);
                return;
            }

            int[] enables = _board.PowerEnablePins;
            if (enables.Length > 0)
            {
                foreach (int pin in enables)
                {
                    Drive(pin, false);
                }

                Thread.Sleep(2000);
                foreach (int pin in enables)
                {
                    Drive(pin, true);
                }
            }

            PowerOnModem();
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
            if (_board.StatusLedPin != BoardProfile.NoPin)
            {
                Drive(_board.StatusLedPin, on == _board.StatusLedActiveHigh);
            }
        }

        private void Drive(int pin, bool high)
        {
            if (!_gpio.IsPinOpen(pin))
            {
                _gpio.OpenPin(pin, PinMode.Output);
            }

            _gpio.Write(pin, high ? PinValue.High : PinValue.Low);
        }
    }
}

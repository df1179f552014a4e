using nanoFramework.TestFramework;
using OmaDm.Notification.Firmware;
using OmaDm.Notification.Firmware.Boards;

namespace OmaDm.Notification.Tests.Firmware
{
    [TestClass]
    public class BoardProfileTests
    {
        private static BoardProfile[] AllBoards()
        {
            return new BoardProfile[] { new LilyGoTCallSim800l(), new LilyGoTA7670(), new LilyGoTSim7600(), new DevKitCQuectelBg96() };
        }

        [TestMethod]
        public void Validate_EveryBoard_ConsistentWiring()
        {
            foreach (BoardProfile board in AllBoards())
            {
                Assert.IsNull(board.Validate(), board.Name + ": " + board.Validate());
                Assert.IsTrue(board.PowerKeyPulseMilliseconds > 0, board.Name);
                Assert.IsTrue(board.ModemReadyMilliseconds > 0, board.Name);
                Assert.AreNotEqual((int)ModemModel.None, (int)board.Modem, board.Name);
            }
        }

        [TestMethod]
        public void TCall_PinsFromLilyGoDefinitions()
        {
            var board = new LilyGoTCallSim800l();
            Assert.AreEqual(27, board.ModemTxPin);
            Assert.AreEqual(26, board.ModemRxPin);
            Assert.AreEqual(4, board.PowerKeyPin);
            Assert.AreEqual(5, board.ResetPin);
            Assert.AreEqual(1, board.PowerEnablePins.Length);
            Assert.AreEqual(23, board.PowerEnablePins[0]);
            Assert.AreEqual((int)ModemModel.Sim800, (int)board.Modem);
        }

        [TestMethod]
        public void TA7670_PinsFromLilyGoDefinitions()
        {
            var board = new LilyGoTA7670();
            Assert.AreEqual(26, board.ModemTxPin);
            Assert.AreEqual(27, board.ModemRxPin);
            Assert.AreEqual(4, board.PowerKeyPin);
            Assert.AreEqual(12, board.PowerEnablePins[0]);
            Assert.AreEqual(25, board.DtrPin);
            Assert.AreEqual(33, board.RingPin);
            Assert.IsTrue(board.ResetActiveHigh);
        }

        [TestMethod]
        public void Validate_PinUsedTwiceOrInputOnlyOutput_Named()
        {
            Assert.Contains("used twice", new MiswiredBoard(16, 16, 18).Validate());
            Assert.Contains("input-only", new MiswiredBoard(17, 16, 35).Validate());
            Assert.Contains("SPI flash", new MiswiredBoard(17, 6, 18).Validate());
        }

        [TestMethod]
        public void OutputPins_SkipsNotConnected()
        {
            int[] pins = new LilyGoTCallSim800l().OutputPins();
            Assert.AreEqual(4, pins.Length); // power key 4, reset 5, LED 13, enable 23
        }

        [TestMethod]
        public void DefaultConfiguration_SelectsAValidBoardAndPushPort()
        {
            FirmwareConfiguration configuration = FirmwareConfiguration.CreateDefault();
            Assert.IsNotNull(configuration.Board);
            Assert.IsNull(configuration.Board.Validate());
            Assert.AreEqual(2948, configuration.UdpPort);
            Assert.AreEqual("I:\\", configuration.DataDirectory);
        }

        private sealed class MiswiredBoard : BoardProfile
        {
            private readonly int _tx;
            private readonly int _rx;
            private readonly int _key;

            public MiswiredBoard(int tx, int rx, int key)
            {
                _tx = tx;
                _rx = rx;
                _key = key;
            }

            public override string Name => "miswired";

            public override ModemModel Modem => ModemModel.Bg96;

            public override int ModemTxPin => _tx;

            public override int ModemRxPin => _rx;

            public override int PowerKeyPin => _key;

            public override bool PowerKeyPulseHigh => true;

            public override int PowerKeyPulseMilliseconds => 600;

            public override bool PowerKeyRestHigh => false;

            public override int ModemReadyMilliseconds => 5000;
        }
    }
}

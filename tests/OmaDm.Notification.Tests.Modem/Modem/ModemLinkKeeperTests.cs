using nanoFramework.TestFramework;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Simulation;

namespace OmaDm.Notification.Tests.Modem
{
    /// <summary>Which link an AT channel uses: closed once per generation, replaced once per failing generation.</summary>
    [TestClass]
    public class ModemLinkKeeperTests
    {
        [TestMethod]
        public void Close_SameGenerationTwice_OnlyFirstCloses()
        {
            var keeper = new ModemLinkKeeper(new ScriptedModem(2), new ModemEventRecorder().Record);
            int generation = keeper.Generation;
            Assert.IsTrue(keeper.Close(generation));
            Assert.IsFalse(keeper.IsOpen);
            Assert.IsFalse(keeper.Close(generation));
        }

        [TestMethod]
        public void Close_OlderGeneration_CurrentLinkStaysOpen()
        {
            var keeper = new ModemLinkKeeper(new ScriptedModem(2), new ModemEventRecorder().Record);
            int old = keeper.Generation;
            keeper.NotifyReset();
            Assert.IsFalse(keeper.Close(old)); // late failure of a replaced link
            Assert.IsTrue(keeper.IsOpen);
        }

        [TestMethod]
        public void NotifyReset_OpenLink_GenerationMovesSameLinkNoNewFraming()
        {
            var modem = new ScriptedModem(2);
            var keeper = new ModemLinkKeeper(modem, new ModemEventRecorder().Record);
            int before = keeper.Generation;
            keeper.NotifyReset();
            int generation;
            bool open;
            bool newLink;
            Assert.AreSame(modem, keeper.ForReading(out generation, out open, out newLink));
            Assert.AreEqual(before + 1, generation);
            Assert.AreEqual("reset", keeper.GenerationReason);
            Assert.IsTrue(open);
            Assert.IsFalse(newLink);
            Assert.AreEqual(0, keeper.Reconnects);
        }

        [TestMethod]
        public void Reconnect_StaleOrRepeatedGeneration_OneOpenAndNewLinkFlaggedOnce()
        {
            var modem = new ScriptedModem(2);
            var connector = new ScriptedModemConnector(modem, new ManualClock());
            var log = new ModemEventRecorder();
            var keeper = new ModemLinkKeeper(modem, log.Record);
            int seen = keeper.Generation;
            Assert.IsFalse(keeper.Reconnect(seen)); // no connector
            keeper.Connector = connector;
            Assert.IsTrue(keeper.Reconnect(seen));
            Assert.IsTrue(keeper.Reconnect(seen)); // another worker saw the same failure: already replaced
            Assert.AreEqual(1, connector.Attempts);
            Assert.AreEqual(seen + 1, keeper.Generation);
            Assert.AreEqual("link-closed", keeper.GenerationReason);
            Assert.AreEqual(1, log.Count(ModemEventKind.LinkReopened));
            int generation;
            bool open;
            bool newLink;
            keeper.ForReading(out generation, out open, out newLink);
            Assert.IsTrue(open);
            Assert.IsTrue(newLink);
            keeper.ForReading(out generation, out open, out newLink);
            Assert.IsFalse(newLink);
        }

        [TestMethod]
        public void Reconnect_ConnectorCannotOpen_ClosedUntilALaterAttempt()
        {
            var modem = new ScriptedModem(2);
            var connector = new ScriptedModemConnector(modem, new ManualClock());
            var keeper = new ModemLinkKeeper(modem, new ModemEventRecorder().Record);
            keeper.Connector = connector;
            int seen = keeper.Generation;
            connector.Available = false;
            Assert.IsFalse(keeper.Reconnect(seen));
            Assert.IsFalse(keeper.IsOpen);
            Assert.IsNull(keeper.Link);
            Assert.AreEqual(seen, keeper.Generation);
            connector.Available = true;
            Assert.IsTrue(keeper.Reconnect(seen));
            Assert.IsTrue(keeper.IsOpen);
            Assert.AreEqual(1, keeper.Reconnects);
        }
    }
}

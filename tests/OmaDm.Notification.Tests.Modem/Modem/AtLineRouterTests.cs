using nanoFramework.TestFramework;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Modem
{
    /// <summary>The reading side of an AT channel with no command waiting: URCs by prefix, the rest unexpected, link end.</summary>
    [TestClass]
    public class AtLineRouterTests
    {
        [TestMethod]
        public void Step_UnregisteredLine_ReportedUnexpectedAndCounted()
        {
            var modem = new ScriptedModem(2);
            var log = new ModemEventRecorder();
            string delivered = null;
            AtLineRouter router = Router(modem, log, (sender, line, payload) => delivered = line);
            modem.EmitUrc("+XYZ: 1");
            ReadAll(router, modem);
            Assert.AreEqual(1, router.UnexpectedLines);
            Assert.AreEqual("+XYZ: 1", log.LastDetail(ModemEventKind.UnexpectedLine));
            Assert.IsNull(delivered);
        }

        [TestMethod]
        public void Step_RegisteredUrcSplitAcrossReads_DeliveredOnceNotCounted()
        {
            var modem = new ScriptedModem(2);
            modem.MaxChunk = 3;
            var log = new ModemEventRecorder();
            string delivered = null;
            int count = 0;
            AtLineRouter router = Router(modem, log, (sender, line, payload) =>
            {
                delivered = line;
                count++;
            });
            router.RegisterUrc("+CMTI:", false, null);
            modem.EmitUrc("+CMTI: \"SM\",3");
            ReadAll(router, modem);
            Assert.AreEqual("+CMTI: \"SM\",3", delivered);
            Assert.AreEqual(1, count);
            Assert.AreEqual(0, router.UnexpectedLines);
        }

        [TestMethod]
        public void Step_DataUrcBytesLikeLineEnds_DeliveredInHexNotAsLines()
        {
            var modem = new ScriptedModem(2);
            modem.MaxChunk = 2;
            var log = new ModemEventRecorder();
            string header = null;
            string data = null;
            AtLineRouter router = Router(modem, log, (sender, line, payload) =>
            {
                header = line;
                data = payload;
            });
            router.RegisterDataUrc("+IPD", 16);
            modem.EmitUrc("+IPD4");
            modem.EmitRaw(new byte[] { 0x4F, 0x4B, 0x0D, 0x0A }); // "OK" CRLF: payload, not a line
            ReadAll(router, modem);
            Assert.AreEqual("+IPD4", header);
            Assert.AreEqual("4F4B0D0A", data);
            Assert.AreEqual(0, router.UnexpectedLines);
        }

        [TestMethod]
        public void Step_LinkEndedWithoutConnector_ClosedOnceThenFalse()
        {
            var modem = new ScriptedModem(2);
            var log = new ModemEventRecorder();
            var keeper = new ModemLinkKeeper(modem, log.Record);
            var router = new AtLineRouter(keeper, 64, (sender, line, payload) => { }, log.Record);
            router.ReadPollMilliseconds = 0;
            modem.Close();
            Assert.IsTrue(router.Step()); // closes the link and reports it
            Assert.IsFalse(keeper.IsOpen);
            Assert.AreEqual(1, log.Count(ModemEventKind.LinkClosed));
            Assert.IsFalse(router.Step());
            Assert.AreEqual(1, log.Count(ModemEventKind.LinkClosed));
        }

        private static AtLineRouter Router(ScriptedModem modem, ModemEventRecorder log, UrcHandler deliver)
        {
            var router = new AtLineRouter(new ModemLinkKeeper(modem, log.Record), 64, deliver, log.Record);
            router.ReadPollMilliseconds = 0;
            return router;
        }

        private static void ReadAll(AtLineRouter router, ScriptedModem modem)
        {
            while (router.Step() && modem.PendingOutput > 0)
            {
            }
        }
    }
}

using nanoFramework.TestFramework;
using OmaDm.Notification.Modem;
using OmaDm.Notification.Modem.Ip;
using OmaDm.Notification.Modem.Profiles;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Modem
{
    /// <summary>
    /// The modem catalog: each entry's row here (name, profile, UDP dialect), so a new entry without its row fails
    /// <see cref="All_EveryEntry_HasItsRowInThisTest"/>. Adding a model: its entry in <c>ModemCatalog.All()</c> and its
    /// row in <see cref="Names"/>, <see cref="Profiles"/> and <see cref="Dialects"/>.
    /// </summary>
    [TestClass]
    public class ModemCatalogTests
    {
        private static string[] Names()
        {
            return new string[] { "generic", "sim800", "sim7600", "a7670", "bg95", "bg96", "eg91" };
        }

        private static System.Type[] Profiles()
        {
            return new System.Type[]
            {
                typeof(ModemProfile), typeof(Sim800Profile), typeof(Sim7600Profile), typeof(Sim7600Profile),
                typeof(QuectelBg9xProfile), typeof(QuectelBg9xProfile), typeof(QuectelEg91Profile),
            };
        }

        private static UdpDialect[] Dialects()
        {
            return new UdpDialect[]
            {
                UdpDialect.None, UdpDialect.None, UdpDialect.Simcom, UdpDialect.SimcomCipRxGet5,
                UdpDialect.Quectel, UdpDialect.Quectel, UdpDialect.Quectel,
            };
        }

        [TestMethod]
        public void All_EveryEntry_HasItsRowInThisTest()
        {
            string[] names = ModemCatalog.Names();
            Assert.AreEqual(Names().Length, names.Length, "catalog entries vs rows of this test");
            for (int i = 0; i < names.Length; i++)
            {
                Assert.AreEqual(Names()[i], names[i]);
            }
        }

        [TestMethod]
        public void Find_EveryName_ItsProfileAndDialect()
        {
            string[] names = Names();
            for (int i = 0; i < names.Length; i++)
            {
                ModemModel model = ModemCatalog.Find(names[i]);
                Assert.IsNotNull(model, names[i]);
                Assert.AreEqual(names[i], model.Name);
                Assert.IsFalse(model.Description == null || model.Description.Length == 0, names[i]);
                ModemProfile profile = model.CreateProfile();
                Assert.AreEqual(Profiles()[i].FullName, profile.GetType().FullName, names[i]);
                Assert.AreEqual((int)Dialects()[i], (int)model.Udp, names[i]);
                Assert.IsFalse(object.ReferenceEquals(profile, model.CreateProfile()), names[i] + ": a fresh profile each time");
            }
        }

        [TestMethod]
        public void Find_UnknownNullOrOtherCase_Null()
        {
            Assert.IsNull(ModemCatalog.Find("bg97"));
            Assert.IsNull(ModemCatalog.Find(null));
            Assert.IsNull(ModemCatalog.Find(string.Empty));
            Assert.IsNull(ModemCatalog.Find("SIM7600"));
        }

        [TestMethod]
        public void LineLength_EveryModel_HoldsTheLongestLineOfItsServices()
        {
            string[] names = Names();
            for (int i = 0; i < names.Length; i++)
            {
                ModemModel model = ModemCatalog.Find(names[i]);

                // SMS: the SMSC address (12 octets) and an SMS-DELIVER (164 octets) in hex on one line.
                Assert.IsTrue(model.LineLength(false) >= 2 * (12 + 164), names[i]);
                // UDP: a Quectel hex data line is decoded as it arrives (AtCommand.HexPayload), SIMCom's bytes are framed
                // by length: neither needs a longer line, so the channel's line buffer stays small.
                Assert.AreEqual(model.LineLength(false), model.LineLength(true), names[i]);
                Assert.IsTrue(model.LineLength(true) < 2 * ModemModel.MaxDatagram, names[i]);
            }

            Assert.AreEqual(ModemCatalog.Find(ModemCatalog.Sim800).LineLength(false), ModemCatalog.Find(ModemCatalog.Sim800).LineLength(true), "no UDP, no longer line");
        }

        [TestMethod]
        public void CreateUdpService_EachDialect_ItsServiceConfigured()
        {
            var steps = new SteppedModem(new ScriptedModem(4));
            AtChannel channel = steps.Channel;
            ManualClock clock = steps.Clock;
            ModemModel a7670 = ModemCatalog.Find(ModemCatalog.A7670);
            var a76xx = (SimcomUdpService)a7670.CreateUdpService(channel, a7670.CreateProfile(), clock, "apn");
            Assert.IsTrue(a76xx.SenderByCipRxGet5);
            Assert.AreEqual(ModemModel.MaxDatagram, a76xx.MaxDatagram);

            ModemModel sim7600 = ModemCatalog.Find(ModemCatalog.Sim7600);
            var simcom = (SimcomUdpService)sim7600.CreateUdpService(channel, sim7600.CreateProfile(), clock, "apn");
            Assert.IsFalse(simcom.SenderByCipRxGet5);

            ModemModel eg91 = ModemCatalog.Find(ModemCatalog.Eg91);
            ModemUdpService quectel = eg91.CreateUdpService(channel, eg91.CreateProfile(), clock, "apn");
            Assert.IsInstanceOfType(quectel, typeof(QuectelUdpService));
            Assert.AreEqual(ModemModel.MaxDatagram, quectel.MaxDatagram);

            ModemModel sim800 = ModemCatalog.Find(ModemCatalog.Sim800);
            Assert.IsNull(sim800.CreateUdpService(channel, sim800.CreateProfile(), clock, "apn"));
        }
    }
}

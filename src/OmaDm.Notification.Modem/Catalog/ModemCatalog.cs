using OmaDm.Notification.Modem.Profiles;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// Every modem model the project knows, in one place: name → profile, UDP dialect (and from it the AT channel's line
    /// bound). Boards name their module here (<c>BoardProfile.Modem</c>), <c>dmnotify listen --modem-profile</c> takes
    /// these names. Adding a model is one entry in <see cref="All"/> (and a name constant) plus its row in
    /// <c>ModemCatalogTests</c>; a model whose AT dialect differs gets its profile class in <c>Profiles/</c> first.
    /// </summary>
    public static class ModemCatalog
    {
        /// <summary>Any 3GPP TS 27.005 modem, SMS only (the 3GPP defaults of <see cref="ModemProfile"/>).</summary>
        public const string Generic = "generic";

        /// <summary>SIMCom SIM800/SIM800L/SIM800C.</summary>
        public const string Sim800 = "sim800";

        /// <summary>SIMCom SIM7600 series.</summary>
        public const string Sim7600 = "sim7600";

        /// <summary>SIMCom A7670/A76xx.</summary>
        public const string A7670 = "a7670";

        /// <summary>Quectel BG95.</summary>
        public const string Bg95 = "bg95";

        /// <summary>Quectel BG96.</summary>
        public const string Bg96 = "bg96";

        /// <summary>Quectel EG91.</summary>
        public const string Eg91 = "eg91";

        /// <summary>Every entry, in a fresh array (no static state: nanoCLR runs static initialisers eagerly).</summary>
        /// <returns>The entries.</returns>
        public static ModemModel[] All()
        {
            return new ModemModel[]
            {
                new ModemModel(Generic, "any 3GPP TS 27.005 modem (SMS only)", UdpDialect.None, () => new ModemProfile("generic 27.005")),
                new ModemModel(Sim800, "SIMCom SIM800/SIM800L/SIM800C (2G; SMS only here)", UdpDialect.None, () => new Sim800Profile()),
                new ModemModel(Sim7600, "SIMCom SIM7600 series (LTE Cat-1/4)", UdpDialect.Simcom, () => new Sim7600Profile()),
                new ModemModel(A7670, "SIMCom A7670/A76xx (LTE Cat-1; A7670E-LNXY-UBL has no SMS)", UdpDialect.SimcomCipRxGet5, () => new Sim7600Profile()),
                new ModemModel(Bg95, "Quectel BG95 (LTE-M/NB-IoT)", UdpDialect.Quectel, () => new QuectelBg9xProfile()),
                new ModemModel(Bg96, "Quectel BG96 (LTE-M/NB-IoT)", UdpDialect.Quectel, () => new QuectelBg9xProfile()),
                new ModemModel(Eg91, "Quectel EG91 (LTE Cat 1; SMS in the module's memory)", UdpDialect.Quectel, () => new QuectelEg91Profile()),
            };
        }

        /// <summary>The entry of a name.</summary>
        /// <param name="name">The model name (as in <see cref="All"/>, lower case).</param>
        /// <returns>The entry, or null for null or an unknown name.</returns>
        public static ModemModel Find(string name)
        {
            if (name == null)
            {
                return null;
            }

            ModemModel[] all = All();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Name == name)
                {
                    return all[i];
                }
            }

            return null;
        }

        /// <summary>Every name, in catalog order.</summary>
        /// <returns>The names.</returns>
        public static string[] Names()
        {
            ModemModel[] all = All();
            var names = new string[all.Length];
            for (int i = 0; i < all.Length; i++)
            {
                names[i] = all[i].Name;
            }

            return names;
        }
    }
}

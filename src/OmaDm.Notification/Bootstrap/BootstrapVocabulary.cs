namespace OmaDm.Notification.Bootstrap
{
    /// <summary>
    /// The names and values a bootstrap mapper compares with, as bytes (a decode compares spans, it does not build strings),
    /// and the slots of a DM account. Built once, on the first decode, not in a static initialiser.
    /// </summary>
    internal sealed class BootstrapVocabulary
    {
        /// <summary>Account slot: server id.</summary>
        public const int ServerId = 0;

        /// <summary>Account slot: name.</summary>
        public const int Name = 1;

        /// <summary>Account slot: server address.</summary>
        public const int Address = 2;

        /// <summary>Account slot: server port (digits).</summary>
        public const int Port = 3;

        /// <summary>Account slot: server password.</summary>
        public const int ServerPassword = 4;

        /// <summary>Account slot: server nonce.</summary>
        public const int ServerNonce = 5;

        /// <summary>Account slot: client name.</summary>
        public const int ClientName = 6;

        /// <summary>Account slot: client password.</summary>
        public const int ClientPassword = 7;

        /// <summary>Account slot: client nonce.</summary>
        public const int ClientNonce = 8;

        /// <summary>Account slot: the server credentials' authentication type.</summary>
        public const int AuthType = 9;

        /// <summary>Account slot: the application id (CP APPID, DM AppID); compared, not returned.</summary>
        public const int AppId = 10;

        /// <summary>Number of account slots.</summary>
        public const int AccountSlots = 11;

        /// <summary>Creates the vocabulary.</summary>
        public BootstrapVocabulary()
        {
            W7 = Ascii("w7");
            Client = Ascii("CLIENT");
            AppSrv = Ascii("APPSRV");
            NameAttribute = Ascii("name");
            ValueAttribute = Ascii("value");
            TypeAttribute = Ascii("type");
            CpNames = new byte[][]
            {
                null, Ascii("NAME"), Ascii("PROVIDER-ID"), Ascii("APPID"), Ascii("ADDR"), Ascii("PORTNBR"),
                Ascii("AAUTHLEVEL"), Ascii("AAUTHNAME"), Ascii("AAUTHSECRET"), Ascii("AAUTHDATA"), Ascii("AAUTHTYPE"),
            };
            CpTypes = new byte[][] { null, Ascii("APPLICATION"), Ascii("APPADDR"), Ascii("PORT"), Ascii("APPAUTH") };
            CpPage0Values = new byte[][]
            {
                Ascii("IPV4"), Ascii("IPV6"), Ascii("E164"), Ascii("ALPHA"), Ascii("APN"), Ascii("SCODE"), Ascii("TETRA-ITSI"),
                Ascii("MAN"),
            };
            CpPage0AuthValues = new byte[][]
            {
                Ascii("PAP"), Ascii("CHAP"), Ascii("HTTP-BASIC"), Ascii("HTTP-DIGEST"), Ascii("WTLS-SS"), Ascii("MD5"),
            };
            CpPage1Values = new byte[][]
            {
                null, Ascii("IPV6"), Ascii("E164"), Ascii("ALPHA"), null, null, null, null, Ascii("APPSRV"), Ascii("OBEX"),
                null, Ascii(","), Ascii("HTTP-"), Ascii("BASIC"), Ascii("DIGEST"),
            };
            ProvPublicId = Ascii("-//WAPFORUM//DTD PROV 1.0//EN");
            SyncMl12PublicId = Ascii("-//SYNCML//DTD SyncML 1.2//EN");
            DmAcc = Ascii("DMAcc");
            DmNames = new byte[][]
            {
                null, Ascii("ServerID"), Ascii("Name"), Ascii("AppID"), Ascii("AppAddr"), Ascii("AppAuth"),
            };
            AppAddrLeaves = new byte[][] { null, Ascii("Addr"), Ascii("Port"), Ascii("PortNbr") };
            AppAuthLeaves = new byte[][]
            {
                null, Ascii("AAuthLevel"), Ascii("AAuthType"), Ascii("AAuthName"), Ascii("AAuthSecret"), Ascii("AAuthData"),
            };
            SrvCred = Ascii("SRVCRED");
            ClCred = Ascii("CLCRED");
            B64 = Ascii("b64");
            Bin = Ascii("bin");
        }

        /// <summary>"w7", the DM client's application id (OMA-TS-DM_Bootstrap 1.2 appendix, w7 registration).</summary>
        public byte[] W7 { get; }

        /// <summary>AAUTHLEVEL "CLIENT": credentials the server proves to the client.</summary>
        public byte[] Client { get; }

        /// <summary>AAUTHLEVEL "APPSRV": credentials the client proves to the server.</summary>
        public byte[] AppSrv { get; }

        /// <summary>Literal attribute "name".</summary>
        public byte[] NameAttribute { get; }

        /// <summary>Literal attribute "value".</summary>
        public byte[] ValueAttribute { get; }

        /// <summary>Literal attribute "type".</summary>
        public byte[] TypeAttribute { get; }

        /// <summary>CP parm names by <c>ClientProvisioningMapper</c> name id (index 0: any other name).</summary>
        public byte[][] CpNames { get; }

        /// <summary>CP characteristic types by type id (index 0: any other type).</summary>
        public byte[][] CpTypes { get; }

        /// <summary>CP code page 0 attribute values 0x85..0x8C (ADDRTYPE).</summary>
        public byte[][] CpPage0Values { get; }

        /// <summary>CP code page 0 attribute values 0x9A..0x9F (AUTHTYPE).</summary>
        public byte[][] CpPage0AuthValues { get; }

        /// <summary>CP code page 1 attribute values 0x85..0x93 (null: not defined).</summary>
        public byte[][] CpPage1Values { get; }

        /// <summary>The literal public identifier of PROV 1.0.</summary>
        public byte[] ProvPublicId { get; }

        /// <summary>The literal public identifier of SyncML 1.2.</summary>
        public byte[] SyncMl12PublicId { get; }

        /// <summary>"DMAcc".</summary>
        public byte[] DmAcc { get; }

        /// <summary>Names below ./DMAcc/x by DM name id (index 0: any other).</summary>
        public byte[][] DmNames { get; }

        /// <summary>Names below ./DMAcc/x/AppAddr/y (index 0: any other).</summary>
        public byte[][] AppAddrLeaves { get; }

        /// <summary>Names below ./DMAcc/x/AppAuth/y (index 0: any other).</summary>
        public byte[][] AppAuthLeaves { get; }

        /// <summary>AAuthLevel "SRVCRED".</summary>
        public byte[] SrvCred { get; }

        /// <summary>AAuthLevel "CLCRED".</summary>
        public byte[] ClCred { get; }

        /// <summary>Meta Format "b64".</summary>
        public byte[] B64 { get; }

        /// <summary>Meta Format "bin".</summary>
        public byte[] Bin { get; }

        /// <summary>The index in <paramref name="table"/> whose bytes equal the span, or 0 when none does.</summary>
        /// <param name="text">The bytes.</param>
        /// <param name="start">First byte of the span.</param>
        /// <param name="length">Its length.</param>
        /// <param name="table">Names, index 0 unused.</param>
        /// <returns>The index, or 0.</returns>
        public static int Find(BootstrapText text, int start, int length, byte[][] table)
        {
            for (int i = 1; i < table.Length; i++)
            {
                if (table[i] != null && text.SpanEquals(start, length, table[i]))
                {
                    return i;
                }
            }

            return 0;
        }

        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }
    }
}

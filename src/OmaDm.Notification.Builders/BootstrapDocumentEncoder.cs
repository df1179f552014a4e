// Builds the WBXML body of a bootstrap push from a BootstrapAccount, in both profiles (OMA-TS-DM_Bootstrap 1.2):
//
// CP (OMA-WAP-TS-ProvCont 1.1; public id 0x0B), the w7 APPLICATION:
//   <wap-provisioningdoc version="1.0"><characteristic type="APPLICATION">
//     APPID=w7  PROVIDER-ID=<ServerId>  [NAME]  [<characteristic type="APPADDR"> ADDR [PORT/PORTNBR]]
//     [<characteristic type="APPAUTH"> AAUTHLEVEL=APPSRV AAUTHNAME AAUTHSECRET AAUTHDATA]     (the client's)
//     <characteristic type="APPAUTH"> AAUTHLEVEL=CLIENT [AAUTHTYPE] AAUTHNAME=<ServerId> AAUTHSECRET [AAUTHDATA]
//   Tokens: tags 05/06/07 (page 0); type=APPLICATION 55, APPADDR 56, APPAUTH 57, PORT 53; names APPID 36,
//   PROVIDER-ID 38, NAME 07, ADDR 34, PORTNBR 23, AAUTHLEVEL 30, AAUTHNAME 31, AAUTHSECRET 32, AAUTHDATA 2F,
//   AAUTHTYPE 33 (attribute page 1); value= 06 and version="1.0" 46 (page 0); APPSRV value 8D (page 1).
//
// DM profile (SyncML 1.2 WBXML, public id 0x1201; SyncML page 0, MetInf page 1): a SyncHdr, then one Add of
// ./DMAcc/boot/{AppID, ServerID, Name, AppAddr/a/Addr, AppAddr/a/Port/p/PortNbr,
// AppAuth/s/{AAuthLevel=SRVCRED, AAuthType, AAuthName, AAuthSecret, AAuthData}, AppAuth/c/{...CLCRED}}, each Data
// as OPAQUE (as libwbxml writes it), nonces with Meta Format b64.
//
// The server id repeats (PROVIDER-ID and the server's AAUTHNAME; Source and ServerID), so it goes in the string
// table, as real encoders do with repeated text.

using System;
using System.Text;
using OmaDm.Notification.Bootstrap;

namespace OmaDm.Notification.Builders
{
    /// <summary>Encodes a <see cref="BootstrapAccount"/> as a CP or DM-profile bootstrap document (WBXML).</summary>
    public static class BootstrapDocumentEncoder
    {
        private const int Version13 = 0x03;
        private const int Utf8 = 106;
        private const int ProvPublicId = 0x0B;
        private const int SyncMl12PublicId = 0x1201;

        private const int CpTagDoc = 0x05;
        private const int CpTagCharacteristic = 0x06;
        private const int CpTagParm = 0x07;
        private const int CpValue = 0x06;
        private const int CpVersion10 = 0x46;
        private const int CpTypeApplication = 0x55;
        private const int CpTypeAppAddr = 0x56;
        private const int CpTypeAppAuth = 0x57;
        private const int CpTypePort = 0x53;
        private const int CpAppId = 0x36;
        private const int CpProviderId = 0x38;
        private const int CpName = 0x07;
        private const int CpAddr = 0x34;
        private const int CpPortNbr = 0x23;
        private const int CpAAuthLevel = 0x30;
        private const int CpAAuthName = 0x31;
        private const int CpAAuthSecret = 0x32;
        private const int CpAAuthData = 0x2F;
        private const int CpAAuthType = 0x33;
        private const int CpAppSrvValue = 0x8D;

        private const int MlAdd = 0x05;
        private const int MlCmdId = 0x0B;
        private const int MlData = 0x0F;
        private const int MlFinal = 0x12;
        private const int MlItem = 0x14;
        private const int MlLocUri = 0x17;
        private const int MlMeta = 0x1A;
        private const int MlMsgId = 0x1B;
        private const int MlSessionId = 0x25;
        private const int MlSource = 0x27;
        private const int MlSyncBody = 0x2B;
        private const int MlSyncHdr = 0x2C;
        private const int MlSyncMl = 0x2D;
        private const int MlTarget = 0x2E;
        private const int MlVerDtd = 0x31;
        private const int MlVerProto = 0x32;
        private const int MetInfFormat = 0x07;

        private const string AccountRoot = "./DMAcc/boot/";

        /// <summary>Encodes <paramref name="account"/> as a Client Provisioning document (a w7 APPLICATION).</summary>
        /// <param name="account">The account; <see cref="BootstrapAccount.ServerId"/> and
        /// <see cref="BootstrapAccount.ServerPassword"/> are required.</param>
        /// <returns>The WBXML document.</returns>
        /// <exception cref="ArgumentNullException">The account, its server id or its server password is null.</exception>
        public static byte[] EncodeClientProvisioning(BootstrapAccount account)
        {
            Check(account);
            var w = new WbxmlWriter(Version13, ProvPublicId, Utf8);
            w.TableString(account.ServerId);
            w.StartElement(0, CpTagDoc, true, true);
            w.Attribute(0, CpVersion10);
            w.EndAttributes();
            Characteristic(w, CpTypeApplication);
            Parm(w, CpAppId, "w7");
            Parm(w, CpProviderId, account.ServerId);
            Parm(w, CpName, account.Name);
            if (account.ServerAddress != null)
            {
                Characteristic(w, CpTypeAppAddr);
                Parm(w, CpAddr, account.ServerAddress);
                if (account.ServerPort >= 0)
                {
                    Characteristic(w, CpTypePort);
                    Parm(w, CpPortNbr, account.ServerPort.ToString());
                    w.EndElement();
                }

                w.EndElement();
            }

            if (account.ClientName != null || account.ClientPassword != null)
            {
                Characteristic(w, CpTypeAppAuth);
                w.StartElement(0, CpTagParm, true, false);
                w.Attribute(1, CpAAuthLevel);
                w.Attribute(0, CpValue);
                w.Attribute(1, CpAppSrvValue);
                w.EndAttributes();
                Parm(w, CpAAuthName, account.ClientName);
                Parm(w, CpAAuthSecret, account.ClientPassword);
                Parm(w, CpAAuthData, account.ClientNonceBase64);
                w.EndElement();
            }

            Characteristic(w, CpTypeAppAuth);
            Parm(w, CpAAuthLevel, "CLIENT");
            Parm(w, CpAAuthType, account.AuthType);
            Parm(w, CpAAuthName, account.ServerId);
            Parm(w, CpAAuthSecret, account.ServerPassword);
            Parm(w, CpAAuthData, account.ServerNonceBase64);
            w.EndElement();
            w.EndElement();
            w.EndElement();
            return w.ToArray();
        }

        /// <summary>Encodes <paramref name="account"/> as a SyncML DM 1.2 bootstrap message (Add of ./DMAcc/boot).</summary>
        /// <param name="account">The account; <see cref="BootstrapAccount.ServerId"/> and
        /// <see cref="BootstrapAccount.ServerPassword"/> are required.</param>
        /// <returns>The WBXML document.</returns>
        /// <exception cref="ArgumentNullException">The account, its server id or its server password is null.</exception>
        public static byte[] EncodeDmProfile(BootstrapAccount account)
        {
            Check(account);
            var w = new WbxmlWriter(Version13, SyncMl12PublicId, Utf8);
            w.TableString(account.ServerId);
            w.StartElement(0, MlSyncMl, false, true);
            w.StartElement(0, MlSyncHdr, false, true);
            Leaf(w, MlVerDtd, "1.2");
            Leaf(w, MlVerProto, "DM/1.2");
            Leaf(w, MlSessionId, "1");
            Leaf(w, MlMsgId, "1");
            Location(w, MlTarget, "./");
            Location(w, MlSource, account.ServerId);
            w.EndElement();
            w.StartElement(0, MlSyncBody, false, true);
            w.StartElement(0, MlAdd, false, true);
            Leaf(w, MlCmdId, "1");
            Item(w, "AppID", "w7", false);
            Item(w, "ServerID", account.ServerId, false);
            Item(w, "Name", account.Name, false);
            Item(w, "AppAddr/a/Addr", account.ServerAddress, false);
            if (account.ServerAddress != null && account.ServerPort >= 0)
            {
                Item(w, "AppAddr/a/Port/p/PortNbr", account.ServerPort.ToString(), false);
            }

            Item(w, "AppAuth/s/AAuthLevel", "SRVCRED", false);
            Item(w, "AppAuth/s/AAuthType", account.AuthType, false);
            Item(w, "AppAuth/s/AAuthName", account.ServerId, false);
            Item(w, "AppAuth/s/AAuthSecret", account.ServerPassword, false);
            Item(w, "AppAuth/s/AAuthData", account.ServerNonceBase64, true);
            if (account.ClientName != null || account.ClientPassword != null)
            {
                Item(w, "AppAuth/c/AAuthLevel", "CLCRED", false);
                Item(w, "AppAuth/c/AAuthName", account.ClientName, false);
                Item(w, "AppAuth/c/AAuthSecret", account.ClientPassword, false);
                Item(w, "AppAuth/c/AAuthData", account.ClientNonceBase64, true);
            }

            w.EndElement();
            w.StartElement(0, MlFinal, false, false);
            w.EndElement();
            w.EndElement();
            return w.ToArray();
        }

        private static void Check(BootstrapAccount account)
        {
            if (account == null)
            {
                throw new ArgumentNullException(nameof(account));
            }

            if (account.ServerId == null || account.ServerPassword == null)
            {
                throw new ArgumentNullException(nameof(account), "a bootstrap account needs a server id and a server password");
            }
        }

        private static void Characteristic(WbxmlWriter w, int type)
        {
            w.StartElement(0, CpTagCharacteristic, true, true);
            w.Attribute(1, type);
            w.EndAttributes();
        }

        private static void Parm(WbxmlWriter w, int name, string value)
        {
            if (value == null)
            {
                return;
            }

            // NAME and PORTNBR have the same token on both attribute pages; like libwbxml, take page 0's.
            w.StartElement(0, CpTagParm, true, false);
            w.Attribute(name == CpName || name == CpPortNbr ? 0 : 1, name);
            w.Attribute(0, CpValue);
            w.String(value);
            w.EndAttributes();
        }

        private static void Leaf(WbxmlWriter w, int tag, string text)
        {
            w.StartElement(0, tag, false, true);
            w.String(text);
            w.EndElement();
        }

        private static void Location(WbxmlWriter w, int tag, string uri)
        {
            w.StartElement(0, tag, false, true);
            Leaf(w, MlLocUri, uri);
            w.EndElement();
        }

        private static void Item(WbxmlWriter w, string path, string value, bool base64)
        {
            if (value == null)
            {
                return;
            }

            w.StartElement(0, MlItem, false, true);
            Location(w, MlTarget, AccountRoot + path);
            if (base64)
            {
                w.StartElement(0, MlMeta, false, true);
                w.StartElement(1, MetInfFormat, false, true);
                w.String("b64");
                w.EndElement();
                w.EndElement();
            }

            w.StartElement(0, MlData, false, true);
            w.Opaque(Encoding.UTF8.GetBytes(value));
            w.EndElement();
            w.EndElement();
        }
    }
}

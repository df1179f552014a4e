using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Tests.Storage;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Dispatch
{
    [TestClass]
    public class BootstrapAgentTests
    {
        private const string Source = "10.0.0.7:49154";

        private sealed class Device
        {
            public FaultInjectingFileSystem Files = new FaultInjectingFileSystem();
            public AccountStore Store;
            public AccountTable Accounts = new AccountTable();
            public NotificationAgent Agent;
            public BootstrapReport Report;
            public int Reports;
            public int Sessions;
            public ReasonCode LastRejection = ReasonCode.None;

            public Device(BootstrapPolicy policy)
                : this(policy, new FaultInjectingFileSystem())
            {
            }

            public Device(BootstrapPolicy policy, FaultInjectingFileSystem files)
            {
                Files = files;
                Store = new AccountStore(Files);
                Store.Open();
                var options = new AgentOptions();
                options.DuplicateWindowMilliseconds = 0;
                options.RateLimitCount = 0;
                Agent = new NotificationAgent(Accounts, new ManualClock(), options);
                Agent.Bootstrap = new BootstrapAgent(policy, new BootstrapAccountStore(Store, Accounts), Accounts);
                Agent.BootstrapAccepted += (sender, report) => { Report = report; Reports++; };
                Agent.SessionRequested += (sender, request) => Sessions++;
                Agent.Rejected += (sender, rejection) => LastRejection = rejection.Reason;
            }

            public ReasonCode Push(byte[] pdu)
            {
                return Agent.ProcessPush(pdu, 0, pdu.Length, Bearer.Udp, Source);
            }
        }

        private static BootstrapPolicy PinPolicy() => new BootstrapPolicy { UserPin = BootstrapPushVectors.Pin };

        private static byte[] Signed(byte[] document, BootstrapSecurity security) =>
            BootstrapPushEncoder.Encode(document, BootstrapProfile.ClientProvisioning, security, BootstrapPushVectors.Imsi, BootstrapPushVectors.Pin);

        [TestMethod]
        public void ProcessPush_CpSignedUserPin_CommitsReportsAndPackage0ThenStartsASession()
        {
            var device = new Device(PinPolicy());
            AssertReason.AreEqual(ReasonCode.UnknownServer, device.Push(BootstrapPushVectors.AppendixCPush()));

            AssertReason.AreEqual(ReasonCode.None, device.Push(Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserPin)));
            Assert.AreEqual(1, device.Reports);
            Assert.AreEqual(BootstrapPushVectors.Server, device.Report.ServerId);
            Assert.AreEqual((int)BootstrapProfile.ClientProvisioning, (int)device.Report.Profile);
            Assert.AreEqual((int)BootstrapSecurity.UserPin, (int)device.Report.Security);
            Assert.IsFalse(device.Report.Replaced);
            Assert.AreEqual("device", device.Report.Account.ClientName);
            Assert.AreEqual("secret", device.Store.Find(BootstrapPushVectors.Server).Password);
            Assert.AreEqual("bm9uY2U=", device.Store.Find(BootstrapPushVectors.Server).NonceBase64);

            AssertReason.AreEqual(ReasonCode.None, device.Push(BootstrapPushVectors.AppendixCPush()));
            Assert.AreEqual(1, device.Sessions);
        }

        [TestMethod]
        public void ProcessPush_AcceptedBootstrap_SurvivesAReboot()
        {
            var device = new Device(PinPolicy());
            AssertReason.AreEqual(ReasonCode.None, device.Push(Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserPin)));
            device.Files.Reboot();
            AccountStore reopened = StoreTestData.Reopen(device.Files);
            Assert.AreEqual("secret", reopened.Find(BootstrapPushVectors.Server).Password);
        }

        [TestMethod]
        public void ProcessPush_UserNetworkPin_Accepted()
        {
            var device = new Device(new BootstrapPolicy { UserPin = BootstrapPushVectors.Pin, Imsi = BootstrapPushVectors.Imsi });
            AssertReason.AreEqual(ReasonCode.None, device.Push(Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserNetworkPin)));
        }

        [TestMethod]
        public void ProcessPush_NetworkPin_RefusedByDefaultAcceptedWhenEnabled()
        {
            byte[] push = Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.NetworkPin);
            var device = new Device(new BootstrapPolicy { UserPin = BootstrapPushVectors.Pin, Imsi = BootstrapPushVectors.Imsi });
            AssertReason.AreEqual(ReasonCode.BootstrapSecNotAllowed, device.Push(push));
            Assert.AreEqual(0, device.Store.Count);

            device = new Device(new BootstrapPolicy { Imsi = BootstrapPushVectors.Imsi, AllowNetworkPin = true });
            AssertReason.AreEqual(ReasonCode.None, device.Push(push));
        }

        [TestMethod]
        public void ProcessPush_MethodWithoutItsSecret_SecNotAllowed()
        {
            // USERNETWPIN is allowed by default, but this device has no IMSI.
            var device = new Device(PinPolicy());
            AssertReason.AreEqual(ReasonCode.BootstrapSecNotAllowed, device.Push(Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserNetworkPin)));
            Assert.AreEqual(ReasonCode.BootstrapSecNotAllowed, device.LastRejection);
        }

        [TestMethod]
        public void ProcessPush_Unsigned_UnauthenticatedAndNothingStored()
        {
            var device = new Device(PinPolicy());
            AssertReason.AreEqual(ReasonCode.BootstrapUnauthenticated, device.Push(Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.None)));
            Assert.AreEqual(0, device.Store.Count);
            Assert.AreEqual(0, device.Accounts.Count);
        }

        [TestMethod]
        public void ProcessPush_UserPinMac_SecUnsupported()
        {
            byte[] document = BootstrapPushVectors.CpDocument();
            var encoder = new WspPushEncoder { ContentTypeForm = WspContentTypeForm.WithSecurity, ContentTypeCode = BootstrapPushEncoder.ContentTypeConnectivityWbxml, ApplicationIdForm = WspApplicationIdForm.None };
            encoder.Security = (int)BootstrapSecurity.UserPinMac;
            encoder.MacText = BootstrapPushEncoder.MacText(document, 0, document.Length, BootstrapSecurity.UserPin, null, BootstrapPushVectors.Pin);
            var device = new Device(PinPolicy());
            AssertReason.AreEqual(ReasonCode.BootstrapSecUnsupported, device.Push(encoder.Encode(document, 0, document.Length)));
        }

        [TestMethod]
        public void ProcessPush_WrongPinOrChangedBodyOrBadMacText_MacMismatch()
        {
            var device = new Device(PinPolicy());
            byte[] document = BootstrapPushVectors.CpDocument();
            byte[] wrongPin = BootstrapPushEncoder.Encode(document, BootstrapProfile.ClientProvisioning, BootstrapSecurity.UserPin, null, "4321");
            AssertReason.AreEqual(ReasonCode.BootstrapMacMismatch, device.Push(wrongPin));

            byte[] changed = Signed(document, BootstrapSecurity.UserPin);
            changed[changed.Length - 10] ^= 0x01;
            AssertReason.AreEqual(ReasonCode.BootstrapMacMismatch, device.Push(changed));

            var encoder = new WspPushEncoder { ContentTypeForm = WspContentTypeForm.WithSecurity, ContentTypeCode = BootstrapPushEncoder.ContentTypeConnectivityWbxml, ApplicationIdForm = WspApplicationIdForm.None };
            encoder.Security = (int)BootstrapSecurity.UserPin;
            encoder.MacText = "not forty hex digits";
            AssertReason.AreEqual(ReasonCode.BootstrapMacMismatch, device.Push(encoder.Encode(document, 0, document.Length)));
            Assert.AreEqual(0, device.Store.Count);
        }

        [TestMethod]
        public void ProcessPush_SignedPushTruncatedAtEveryLength_RejectedAndNothingStored()
        {
            var device = new Device(PinPolicy());
            byte[] push = Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserPin);
            for (int length = 0; length < push.Length; length++)
            {
                ReasonCode reason = device.Agent.ProcessPush(TestBytes.Prefix(push, length), 0, length, Bearer.Udp, Source);
                Assert.IsTrue(reason != ReasonCode.None, "length " + length);
            }

            Assert.AreEqual(0, device.Store.Count);
            Assert.AreEqual(0, device.Reports);
        }

        [TestMethod]
        public void ProcessPush_AnyOctetAfterTidAndPduTypeChanged_RefusedAndNothingStored()
        {
            // The TID (any value is legal) and the PDU type (06 Push and 07 ConfirmedPush are both accepted) are the only
            // octets neither the routing nor the MAC covers (WAP-230-WSP 8.2.4.1).
            var device = new Device(PinPolicy());
            byte[] push = Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserPin);
            for (int i = 2; i < push.Length; i++)
            {
                push[i] ^= 0x01;
                Assert.IsTrue(device.Push(push) != ReasonCode.None, "octet " + i);
                push[i] ^= 0x01;
            }

            Assert.AreEqual(0, device.Store.Count);
            push[0] ^= 0x01;
            AssertReason.AreEqual(ReasonCode.None, device.Push(push));
        }

        [TestMethod]
        public void ProcessPush_SignedPushInsideLargerBuffer_Accepted()
        {
            var device = new Device(PinPolicy());
            byte[] push = Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserPin);
            byte[] embedded = TestBytes.Embed(push, 5, 7);
            AssertReason.AreEqual(ReasonCode.None, device.Agent.ProcessPush(embedded, 5, push.Length, Bearer.Sms, "+15550100"));
            Assert.AreEqual((int)Bearer.Sms, (int)device.Report.Bearer);
        }

        [TestMethod]
        public void ProcessPush_HeldServerIdOverwriteOff_AccountExistsAndKept()
        {
            var device = new Device(PinPolicy());
            byte[] original = Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserPin);
            AssertReason.AreEqual(ReasonCode.None, device.Push(original));
            AssertReason.AreEqual(ReasonCode.BootstrapAccountExists, device.Push(Signed(BootstrapPushVectors.RotatedDocument(), BootstrapSecurity.UserPin)));
            Assert.AreEqual("secret", device.Store.Find(BootstrapPushVectors.Server).Password);

            // The same signed push delivered again is refused the same way: a replay cannot undo a later change either.
            AssertReason.AreEqual(ReasonCode.BootstrapAccountExists, device.Push(original));
            Assert.AreEqual(1, device.Reports);
        }

        [TestMethod]
        public void IsAuthenticated_BootstrapRefusedAfterItsMac_TrueBeforeItFalse()
        {
            // An SMS bearer trying part candidates stops, and releases the parts, once a combination authenticated.
            Assert.IsTrue(NotificationAgent.IsAuthenticated(ReasonCode.BootstrapAccountExists));
            Assert.IsTrue(NotificationAgent.IsAuthenticated(ReasonCode.BootstrapMalformed));
            Assert.IsTrue(NotificationAgent.IsAuthenticated(ReasonCode.BootstrapNoDmAccount));
            Assert.IsTrue(NotificationAgent.IsAuthenticated(ReasonCode.BootstrapReplayed));
            Assert.IsFalse(NotificationAgent.IsAuthenticated(ReasonCode.BootstrapMacMismatch));
            Assert.IsFalse(NotificationAgent.IsAuthenticated(ReasonCode.BootstrapUnauthenticated));
            Assert.IsFalse(NotificationAgent.IsAuthenticated(ReasonCode.BootstrapSecNotAllowed));
            Assert.IsFalse(NotificationAgent.IsAuthenticated(ReasonCode.BootstrapSecUnsupported));
        }

        [TestMethod]
        public void ProcessPush_HeldServerIdOverwriteOn_ReplacedAndReported()
        {
            var device = new Device(new BootstrapPolicy { UserPin = BootstrapPushVectors.Pin, AllowOverwrite = true });
            AssertReason.AreEqual(ReasonCode.None, device.Push(Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserPin)));
            AssertReason.AreEqual(ReasonCode.None, device.Push(Signed(BootstrapPushVectors.RotatedDocument(), BootstrapSecurity.UserPin)));
            Assert.IsTrue(device.Report.Replaced);
            Assert.IsTrue(device.Report.PasswordChanged);
            Assert.AreEqual("rotated", device.Store.Find(BootstrapPushVectors.Server).Password);
            Assert.AreEqual("rotated", device.Accounts.Find(BootstrapPushVectors.Server).Password);
            AssertReason.AreEqual(ReasonCode.DigestMismatch, device.Push(BootstrapPushVectors.AppendixCPush()));
        }

        [TestMethod]
        public void ProcessPush_ReplayOverwriteOn_RefusedAlsoAfterARebootAndNotRolledBack()
        {
            var policy = new BootstrapPolicy { UserPin = BootstrapPushVectors.Pin, AllowOverwrite = true };
            var device = new Device(policy);
            byte[] original = Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserPin);
            AssertReason.AreEqual(ReasonCode.None, device.Push(original));
            AssertReason.AreEqual(ReasonCode.None, device.Push(Signed(BootstrapPushVectors.RotatedDocument(), BootstrapSecurity.UserPin)));
            AssertReason.AreEqual(ReasonCode.BootstrapReplayed, device.Push(original));
            Assert.AreEqual("rotated", device.Store.Find(BootstrapPushVectors.Server).Password);
            Assert.AreEqual("rotated", device.Accounts.Find(BootstrapPushVectors.Server).Password);
            Assert.AreEqual("bootstrap-replayed", ReasonCodeText.ToKebabCase(ReasonCode.BootstrapReplayed));

            device.Files.Reboot();
            var rebooted = new Device(policy, device.Files);
            AssertReason.AreEqual(ReasonCode.BootstrapReplayed, rebooted.Push(original));
            Assert.AreEqual("rotated", rebooted.Store.Find(BootstrapPushVectors.Server).Password);
            Assert.AreEqual(0, rebooted.Reports);
        }

        [TestMethod]
        public void ProcessPush_ReplayAfterCapacityLaterBootstraps_OldestForgottenAndAccepted()
        {
            // The stated residual: only the last BootstrapFingerprints.Capacity accepted bootstraps are remembered.
            var device = new Device(new BootstrapPolicy { UserPin = BootstrapPushVectors.Pin, AllowOverwrite = true });
            byte[] original = Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserPin);
            AssertReason.AreEqual(ReasonCode.None, device.Push(original));
            for (int i = 0; i < BootstrapFingerprints.Capacity; i++)
            {
                AssertReason.AreEqual(ReasonCode.BootstrapReplayed, device.Push(original), "still held after " + i.ToString());
                var account = new BootstrapAccount { ServerId = BootstrapPushVectors.Server, ServerPassword = "p" + i.ToString() };
                AssertReason.AreEqual(ReasonCode.None, device.Push(Signed(BootstrapDocumentEncoder.EncodeClientProvisioning(account), BootstrapSecurity.UserPin)));
            }

            AssertReason.AreEqual(ReasonCode.None, device.Push(original));
            Assert.AreEqual("secret", device.Store.Find(BootstrapPushVectors.Server).Password);
        }

        [TestMethod]
        public void ProcessPush_StoreAtItsLimit_StoreFull()
        {
            var device = new Device(PinPolicy());
            for (int i = 0; i < StoreCodec.MaxAccounts; i++)
            {
                StoreTestData.AreEqual(StoreReason.None, device.Store.AddOrReplace(StoreTestData.Account("s" + i, string.Empty)));
            }

            AssertReason.AreEqual(ReasonCode.BootstrapStoreFull, device.Push(Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserPin)));
            Assert.IsNull(device.Accounts.Find(BootstrapPushVectors.Server));
        }

        [TestMethod]
        public void ProcessPush_PowerCutDuringTheCommit_NothingLiveAndTheStoreWholeAfterReboot()
        {
            var device = new Device(PinPolicy());
            device.Files.ResetCounter();
            device.Files.Arm(0, 10);
            ReasonCode reason = device.Push(Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserPin));
            AssertReason.AreEqual(ReasonCode.BootstrapStoreFull, reason);
            Assert.IsNull(device.Accounts.Find(BootstrapPushVectors.Server));
            device.Files.Reboot();
            Assert.AreEqual(0, StoreTestData.Reopen(device.Files).Count);
        }

        [TestMethod]
        public void ProcessPush_NoBootstrapPath_RefusedByName()
        {
            var agent = new NotificationAgent(new AccountTable(), new ManualClock(), null);
            byte[] signed = Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.UserPin);
            byte[] unsigned = Signed(BootstrapPushVectors.CpDocument(), BootstrapSecurity.None);
            AssertReason.AreEqual(ReasonCode.BootstrapSecNotAllowed, agent.ProcessPush(signed, 0, signed.Length, Bearer.Udp, Source));
            AssertReason.AreEqual(ReasonCode.BootstrapUnauthenticated, agent.ProcessPush(unsigned, 0, unsigned.Length, Bearer.Udp, Source));
        }
    }
}

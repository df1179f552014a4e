using System;
using System.Collections;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Tests.Dispatch
{
    [TestClass]
    public class NotificationAgentTests
    {
        // Appendix C signed with password "secret" and nonce "nonce", digest computed on the host with Python hashlib/base64.
        private static readonly byte[] AppendixCSigned = TestBytes.FromHex("7fc65a24e9d7ad28df2850ac24656fd4" + "02D0000000123412636F6D2E6D676D747372762E6D616E616765");

        // The same push without X-WAP-Application-ID: TID 01, Push, headers length 1, Content-Type 0xC4.
        private static readonly byte[] WspHeaderWithoutApplicationId = TestBytes.FromHex("01 06 01 C4");

        // Content-Type 0x58 (application/vnd.syncml.dm.notification, the DM 1.3 format): not package #0.
        private static readonly byte[] WspHeaderDm13 = TestBytes.FromHex("01 06 03 D8 AF 87");

        private const string Server = "com.mgmtsrv.manage";
        private const string Password = "secret";
        private const string NonceBase64 = "bm9uY2U=";
        private const string Source = "10.0.0.7:49154";
        private const int Window = 60000;

        /// <summary>Records what the agent raised.</summary>
        private sealed class Recorder
        {
            public readonly ArrayList Requests = new ArrayList();
            public readonly ArrayList Reasons = new ArrayList();
            public readonly ArrayList RejectedServerIds = new ArrayList();
            public readonly ArrayList RejectedSessionIds = new ArrayList();
            public int HistoryChanges;

            public void Attach(NotificationAgent agent)
            {
                agent.SessionRequested += (sender, request) => Requests.Add(request);
                agent.Rejected += (sender, rejection) =>
                {
                    Reasons.Add(rejection.Reason);
                    RejectedServerIds.Add(rejection.ServerId);
                    RejectedSessionIds.Add(rejection.SessionId);
                };
                agent.RecentSessionsChanged += sender => HistoryChanges++;
            }

            public SessionRequest Request(int index) => (SessionRequest)Requests[index];

            public ReasonCode Reason(int index) => (ReasonCode)Reasons[index];
        }

        private static AgentOptions Options(int rateLimitCount)
        {
            var options = new AgentOptions();
            options.DuplicateWindowMilliseconds = Window;
            options.RateLimitCount = rateLimitCount;
            options.RateLimitWindowMilliseconds = 10 * Window;
            return options;
        }

        private static NotificationAgent NewAgent(ManualClock clock, AgentOptions options, ResyncPolicy policy)
        {
            var accounts = new AccountTable();
            accounts.AddOrReplace(new ServerAccount(Server, Password, NonceBase64, policy));
            accounts.AddOrReplace(new ServerAccount("PC Suite Data Sync", "", "", ResyncPolicy.Off));
            return new NotificationAgent(accounts, clock, options);
        }

        private static byte[] Signed(int sessionId)
        {
            return SignedPackage0.Sign(Server, Password, TestBytes.Ascii("nonce"), SignedPackage0.Trigger(sessionId, Server, new byte[0]));
        }

        // A trigger with a vendor-specific tail (OMA-TS-DM_Notification 6.2.13): same session id, other trigger bytes.
        private static readonly byte[] VendorTailA = new byte[] { 0xA1 };
        private static readonly byte[] VendorTailB = new byte[] { 0xB2 };

        private static byte[] SignedWithVendor(int sessionId, byte[] vendor)
        {
            return SignedPackage0.Sign(Server, Password, TestBytes.Ascii("nonce"), SignedPackage0.Trigger(sessionId, Server, vendor));
        }

        private static byte[] SignedResync(int sessionId)
        {
            return SignedPackage0.Sign(Server, Password, new byte[4], SignedPackage0.Trigger(sessionId, Server, new byte[0]));
        }

        private static byte[] Forged(int sessionId)
        {
            return SignedPackage0.Sign(Server, "guess", TestBytes.Ascii("nonce"), SignedPackage0.Trigger(sessionId, Server, new byte[0]));
        }

        private static ReasonCode Process(NotificationAgent agent, byte[] message)
        {
            return agent.ProcessPackage0(message, 0, message.Length, Bearer.Udp, Source);
        }

        [TestMethod]
        public void ProcessPackage0_AppendixCSigned_RaisesRequestWithEveryField()
        {
            var clock = new ManualClock(5000, new DateTime(2024, 5, 6, 7, 8, 9));
            NotificationAgent agent = NewAgent(clock, Options(6), ResyncPolicy.Off);
            var recorder = new Recorder();
            recorder.Attach(agent);

            AssertReason.AreEqual(ReasonCode.None, agent.ProcessPackage0(AppendixCSigned, 0, AppendixCSigned.Length, Bearer.Sms, "+4917012345"));

            Assert.AreEqual(1, recorder.Requests.Count);
            Assert.AreEqual(0, recorder.Reasons.Count);
            SessionRequest request = recorder.Request(0);
            Assert.AreEqual("1234", request.SessionId);
            Assert.AreEqual(0x1234, request.SessionIdValue);
            Assert.AreEqual(Server, request.ServerId);
            Assert.AreSame(agent.Accounts.Find(Server), request.Account);
            Assert.AreEqual((int)UiMode.Background, (int)request.UiMode);
            Assert.AreEqual((int)Initiator.Client, (int)request.Initiator);
            Assert.AreEqual(11, request.Version);
            Assert.AreEqual(0, request.Vendor.Length);
            Assert.AreEqual((int)Bearer.Sms, (int)request.Bearer);
            Assert.AreEqual("+4917012345", request.Source);
            Assert.AreEqual((int)NonceKind.Stored, (int)request.Nonce);
            Assert.IsFalse(request.IsResync);
            Assert.AreEqual(new DateTime(2024, 5, 6, 7, 8, 9), request.ReceivedUtc);
            Assert.AreEqual(5000L, request.ReceivedMonotonicMilliseconds);
            Assert.AreEqual(1, recorder.HistoryChanges);
        }

        [TestMethod]
        public void ProcessPackage0_NokiaCapture_VendorTailCopiedAndSessionZero()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            var recorder = new Recorder();
            recorder.Attach(agent);
            AssertReason.AreEqual(ReasonCode.None, Process(agent, SpecVectors.NokiaContacts));
            SessionRequest request = recorder.Request(0);
            Assert.AreEqual("0", request.SessionId);
            Assert.AreEqual(12, request.Version);
            Assert.AreEqual((int)Initiator.Server, (int)request.Initiator);
            Assert.AreEqual(TestBytes.ToHex(SpecVectors.NokiaContactsTail), TestBytes.ToHex(request.Vendor));
        }

        [TestMethod]
        public void ProcessPackage0_AtOffsetInLargerBuffer_Accepted()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            byte[] buffer = TestBytes.Embed(AppendixCSigned, 11, 7);
            AssertReason.AreEqual(ReasonCode.None, agent.ProcessPackage0(buffer, 11, AppendixCSigned.Length, Bearer.Udp, Source));
        }

        [TestMethod]
        public void ProcessPackage0_TruncatedAtEveryLength_RejectedWithoutRequest()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            var recorder = new Recorder();
            recorder.Attach(agent);
            for (int length = 0; length < AppendixCSigned.Length; length++)
            {
                ReasonCode reason = agent.ProcessPackage0(AppendixCSigned, 0, length, Bearer.Udp, Source);
                Assert.IsTrue(reason == ReasonCode.Truncated || reason == ReasonCode.Malformed, "length " + length);
            }

            Assert.AreEqual(0, recorder.Requests.Count);
            Assert.AreEqual(AppendixCSigned.Length, recorder.Reasons.Count);
        }

        [TestMethod]
        public void ProcessPackage0_ZeroBytesResync_FlaggedAsResync()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.ZeroBytesThenAscii);
            var recorder = new Recorder();
            recorder.Attach(agent);
            byte[] trigger = SignedPackage0.Trigger(7, Server, new byte[0]);
            Process(agent, SignedPackage0.Sign(Server, Password, new byte[4], trigger));
            Process(agent, SignedPackage0.Sign(Server, Password, TestBytes.Ascii("0x00000000"), SignedPackage0.Trigger(8, Server, new byte[0])));
            Assert.AreEqual(2, recorder.Requests.Count);
            Assert.AreEqual((int)NonceKind.ZeroBytes, (int)recorder.Request(0).Nonce);
            Assert.IsTrue(recorder.Request(0).IsResync);
            Assert.AreEqual((int)NonceKind.AsciiZeros, (int)recorder.Request(1).Nonce);
            Assert.IsTrue(recorder.Request(1).IsResync);
        }

        [TestMethod]
        public void ProcessPackage0_ResyncOff_ZeroBytesDigestMismatch()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            byte[] message = SignedPackage0.Sign(Server, Password, new byte[4], SignedPackage0.Trigger(7, Server, new byte[0]));
            AssertReason.AreEqual(ReasonCode.DigestMismatch, Process(agent, message));
        }

        [TestMethod]
        public void ProcessPackage0_UnknownServer_RejectedWithIdsFilled()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            var recorder = new Recorder();
            recorder.Attach(agent);
            byte[] message = SignedPackage0.Sign("stranger", Password, TestBytes.Ascii("nonce"), SignedPackage0.Trigger(0x42, "stranger", new byte[0]));
            AssertReason.AreEqual(ReasonCode.UnknownServer, Process(agent, message));
            Assert.AreEqual(0, recorder.Requests.Count);
            AssertReason.AreEqual(ReasonCode.UnknownServer, recorder.Reason(0));
            Assert.AreEqual("stranger", (string)recorder.RejectedServerIds[0]);
            Assert.AreEqual(0x42, (int)recorder.RejectedSessionIds[0]);
        }

        [TestMethod]
        public void ProcessPackage0_DigestMismatch_RejectedWithIdsFilled()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.ZeroBytesThenAscii);
            var recorder = new Recorder();
            recorder.Attach(agent);
            AssertReason.AreEqual(ReasonCode.DigestMismatch, Process(agent, Forged(0x99)));
            Assert.AreEqual(0, recorder.Requests.Count);
            AssertReason.AreEqual(ReasonCode.DigestMismatch, recorder.Reason(0));
            Assert.AreEqual(Server, (string)recorder.RejectedServerIds[0]);
            Assert.AreEqual(0x99, (int)recorder.RejectedSessionIds[0]);
            Assert.AreEqual(0, recorder.HistoryChanges);
        }

        [TestMethod]
        public void ProcessPackage0_UnsupportedVersion_Rejected()
        {
            AgentOptions options = Options(6);
            options.AcceptedVersions = new int[] { 12 };
            NotificationAgent agent = NewAgent(new ManualClock(), options, ResyncPolicy.Off);
            AssertReason.AreEqual(ReasonCode.UnsupportedVersion, Process(agent, AppendixCSigned));
            AssertReason.AreEqual(ReasonCode.None, Process(agent, SpecVectors.NokiaContacts));
        }

        [TestMethod]
        public void ProcessPackage0_ForgedTriggers_ConsumeNoRateLimitAndNoDuplicateSlot()
        {
            AgentOptions options = Options(1);
            options.DuplicateCapacity = 1;
            NotificationAgent agent = NewAgent(new ManualClock(), options, ResyncPolicy.ZeroBytesThenAscii);
            for (int i = 0; i < 5; i++)
            {
                AssertReason.AreEqual(ReasonCode.DigestMismatch, Process(agent, Forged(0x10)));
            }

            Assert.AreEqual(0, agent.GetRecentSessions().Length);
            AssertReason.AreEqual(ReasonCode.None, Process(agent, Signed(0x10)));
        }

        [TestMethod]
        public void ProcessPackage0_DuplicateWithinWindow_OneCallback()
        {
            var clock = new ManualClock();
            NotificationAgent agent = NewAgent(clock, Options(6), ResyncPolicy.Off);
            var recorder = new Recorder();
            recorder.Attach(agent);
            AssertReason.AreEqual(ReasonCode.None, Process(agent, Signed(1)));
            agent.CompleteSession(Server, 1);
            clock.Advance(Window - 1);
            AssertReason.AreEqual(ReasonCode.Duplicate, Process(agent, Signed(1)));
            Assert.AreEqual(1, recorder.Requests.Count);
            AssertReason.AreEqual(ReasonCode.Duplicate, recorder.Reason(0));
            Assert.AreEqual(Server, (string)recorder.RejectedServerIds[0]);
            Assert.AreEqual(1, recorder.HistoryChanges);
        }

        [TestMethod]
        public void ProcessPackage0_AfterCompleteSessionAndWindow_NewCallback()
        {
            var clock = new ManualClock();
            NotificationAgent agent = NewAgent(clock, Options(6), ResyncPolicy.Off);
            var recorder = new Recorder();
            recorder.Attach(agent);
            Process(agent, Signed(1));
            agent.CompleteSession(Server, 1);
            clock.Advance(Window);

            // The same session id again in a new trigger (another vendor tail): a new session.
            AssertReason.AreEqual(ReasonCode.None, Process(agent, SignedWithVendor(1, VendorTailA)));
            Assert.AreEqual(2, recorder.Requests.Count);
        }

        [TestMethod]
        public void ProcessPackage0_SessionStillOpenAfterWindow_Duplicate()
        {
            var clock = new ManualClock();
            NotificationAgent agent = NewAgent(clock, Options(6), ResyncPolicy.Off);
            Process(agent, Signed(1));
            clock.Advance(Window * 3);
            AssertReason.AreEqual(ReasonCode.Duplicate, Process(agent, Signed(1)));
            agent.CompleteSession(Server, 1);
            AssertReason.AreEqual(ReasonCode.None, Process(agent, SignedWithVendor(1, VendorTailA)));
        }

        [TestMethod]
        public void ProcessPackage0_OtherSessionIdOrServer_NotDuplicate()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            AssertReason.AreEqual(ReasonCode.None, Process(agent, Signed(0)));
            AssertReason.AreEqual(ReasonCode.None, Process(agent, Signed(1)));
            AssertReason.AreEqual(ReasonCode.None, Process(agent, SpecVectors.NokiaContacts));
        }

        [TestMethod]
        public void ProcessPackage0_RateLimit_ExhaustedThenRecoversAfterWindow()
        {
            var clock = new ManualClock();
            AgentOptions options = Options(2);
            NotificationAgent agent = NewAgent(clock, options, ResyncPolicy.Off);
            AssertReason.AreEqual(ReasonCode.None, Process(agent, Signed(1)));
            clock.Advance(1000);
            AssertReason.AreEqual(ReasonCode.None, Process(agent, Signed(2)));
            AssertReason.AreEqual(ReasonCode.RateLimited, Process(agent, Signed(3)));

            // Another server has its own budget.
            AssertReason.AreEqual(ReasonCode.None, Process(agent, SpecVectors.NokiaContacts));

            // The first request leaves the window: one more is allowed, then the limit holds again.
            clock.Advance(options.RateLimitWindowMilliseconds - 1000);
            AssertReason.AreEqual(ReasonCode.None, Process(agent, Signed(3)));
            AssertReason.AreEqual(ReasonCode.RateLimited, Process(agent, Signed(4)));
        }

        [TestMethod]
        public void ProcessPackage0_RateLimitedTrigger_NotRememberedAsDuplicate()
        {
            var clock = new ManualClock();
            AgentOptions options = Options(1);
            NotificationAgent agent = NewAgent(clock, options, ResyncPolicy.Off);
            Process(agent, Signed(1));
            AssertReason.AreEqual(ReasonCode.RateLimited, Process(agent, Signed(2)));
            clock.Advance(options.RateLimitWindowMilliseconds);
            AssertReason.AreEqual(ReasonCode.None, Process(agent, Signed(2)));
        }

        [TestMethod]
        [DataRow(0, 0, "0")]
        [DataRow(1, 0, "1")]
        [DataRow(0xFF, 0, "FF")]
        [DataRow(0xFFFF, 0, "FFFF")]
        [DataRow(0x1234, 1, "4660")]
        [DataRow(0xFFFF, 1, "65535")]
        public void ProcessPackage0_SessionIdFormatOfAccount_UsedInRequest(int sessionId, int format, string expected)
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            agent.Accounts.Find(Server).SessionIdFormat = (SessionIdFormat)format;
            var recorder = new Recorder();
            recorder.Attach(agent);
            Process(agent, Signed(sessionId));
            Assert.AreEqual(expected, recorder.Request(0).SessionId);
            Assert.AreEqual(sessionId, recorder.Request(0).SessionIdValue);
        }

        [TestMethod]
        public void SessionRequested_SubscriberThrows_OthersStillCalledAndFaultReported()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            var recorder = new Recorder();
            agent.SessionRequested += (sender, request) => throw new InvalidOperationException("bad handler");
            recorder.Attach(agent);
            var faults = new ArrayList();
            agent.HandlerFaulted += (sender, exception) => faults.Add(exception);

            AssertReason.AreEqual(ReasonCode.None, Process(agent, Signed(1)));
            Assert.AreEqual(1, recorder.Requests.Count);
            Assert.AreEqual(1, agent.HandlerFaultCount);
            Assert.AreEqual(1, faults.Count);
            Assert.IsInstanceOfType(faults[0], typeof(InvalidOperationException));
        }

        [TestMethod]
        public void Rejected_SubscriberThrows_StillRejectedAndNoRequest()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            var recorder = new Recorder();
            agent.Rejected += (sender, rejection) => throw new InvalidOperationException("bad handler");
            agent.HandlerFaulted += (sender, exception) => throw new InvalidOperationException("bad fault handler");
            recorder.Attach(agent);

            AssertReason.AreEqual(ReasonCode.DigestMismatch, Process(agent, Forged(1)));
            Assert.AreEqual(0, recorder.Requests.Count);
            Assert.AreEqual(1, recorder.Reasons.Count);
            Assert.AreEqual(1, agent.HandlerFaultCount);
            Assert.AreEqual(0, agent.GetRecentSessions().Length);
        }

        [TestMethod]
        public void RecentSessions_RestoredAfterReboot_SuppressDuplicateForOneWindow()
        {
            var clock = new ManualClock();
            NotificationAgent before = NewAgent(clock, Options(6), ResyncPolicy.Off);
            Process(before, Signed(0x77));
            SessionHistoryEntry[] saved = before.GetRecentSessions();
            Assert.AreEqual(1, saved.Length);
            Assert.AreEqual(Server, saved[0].ServerId);
            Assert.AreEqual(0x77, saved[0].SessionId);
            Assert.AreEqual(clock.UtcNow, saved[0].ReceivedUtc);

            // Reboot: the monotonic clock starts again from zero.
            var rebooted = new ManualClock(0, clock.UtcNow.AddMinutes(5));
            NotificationAgent after = NewAgent(rebooted, Options(6), ResyncPolicy.Off);
            after.RestoreRecentSessions(saved);
            AssertReason.AreEqual(ReasonCode.Duplicate, Process(after, Signed(0x77)));
            rebooted.Advance(Window);
            AssertReason.AreEqual(ReasonCode.None, Process(after, Signed(0x77)));
        }

        [TestMethod]
        public void RestoreRecentSessions_EntriesOutOfOrder_EvictionFollowsTheirAge()
        {
            // Saved newest first (slot order is not age order): session 2 five minutes after session 1.
            var saved = new SessionHistoryEntry[]
            {
                new SessionHistoryEntry(Server, 2, new DateTime(2024, 1, 1, 10, 5, 0)),
                new SessionHistoryEntry(Server, 1, new DateTime(2024, 1, 1, 10, 0, 0)),
            };
            var rebooted = new ManualClock(0, new DateTime(2024, 1, 1, 10, 6, 0));
            AgentOptions options = Options(0);
            options.DuplicateWindowMilliseconds = 60 * Window;
            options.DuplicateCapacity = 2;
            NotificationAgent agent = NewAgent(rebooted, options, ResyncPolicy.Off);
            agent.RestoreRecentSessions(saved);

            // A new session takes the slot of the oldest: session 1, not session 2.
            Assert.AreEqual((int)ReasonCode.None, (int)Process(agent, Signed(3)));
            Assert.AreEqual((int)ReasonCode.Duplicate, (int)Process(agent, Signed(2)));
            Assert.AreEqual((int)ReasonCode.None, (int)Process(agent, Signed(1)));
        }

        [TestMethod]
        public void RestoreRecentSessions_OlderEntryPastWindowBeforeReboot_NotSuppressedNewerIs()
        {
            // Session 1 was received 11 minutes before session 2: with a 10-minute window it was no longer a duplicate
            // when the device went down, and a reboot must not make it one again.
            var saved = new SessionHistoryEntry[]
            {
                new SessionHistoryEntry(Server, 1, new DateTime(2024, 1, 1, 10, 0, 0)),
                new SessionHistoryEntry(Server, 2, new DateTime(2024, 1, 1, 10, 11, 0)),
            };
            AgentOptions options = Options(0);
            options.DuplicateWindowMilliseconds = 10 * Window;
            NotificationAgent agent = NewAgent(new ManualClock(), options, ResyncPolicy.Off);
            agent.RestoreRecentSessions(saved);
            Assert.AreEqual((int)ReasonCode.Duplicate, (int)Process(agent, Signed(2)));
            Assert.AreEqual((int)ReasonCode.None, (int)Process(agent, Signed(1)));
        }

        [TestMethod]
        public void RestoreRecentSessions_MoreThanCapacity_NewestKept()
        {
            var saved = new SessionHistoryEntry[]
            {
                new SessionHistoryEntry(Server, 3, new DateTime(2024, 1, 1, 10, 3, 0)),
                new SessionHistoryEntry(Server, 1, new DateTime(2024, 1, 1, 10, 1, 0)),
                new SessionHistoryEntry(Server, 2, new DateTime(2024, 1, 1, 10, 2, 0)),
            };
            AgentOptions options = Options(0);
            options.DuplicateWindowMilliseconds = 60 * Window;
            options.DuplicateCapacity = 2;
            NotificationAgent agent = NewAgent(new ManualClock(), options, ResyncPolicy.Off);
            agent.RestoreRecentSessions(saved);
            Assert.AreEqual(2, agent.GetRecentSessions().Length);
            Assert.AreEqual((int)ReasonCode.Duplicate, (int)Process(agent, Signed(3)));
            Assert.AreEqual((int)ReasonCode.Duplicate, (int)Process(agent, Signed(2)));
        }

        [TestMethod]
        public void RecentSessions_BeyondCapacity_OldestClosedForgotten()
        {
            var clock = new ManualClock();
            AgentOptions options = Options(0);
            options.DuplicateCapacity = 2;
            NotificationAgent agent = NewAgent(clock, options, ResyncPolicy.Off);
            Process(agent, Signed(1));
            agent.CompleteSession(Server, 1);
            clock.Advance(1);
            Process(agent, Signed(2));
            clock.Advance(1);
            Process(agent, Signed(3));
            Assert.AreEqual(2, agent.GetRecentSessions().Length);

            // Session 1 was closed and oldest: forgotten (the same trigger stays Replayed, a new one with its id is
            // accepted). Sessions 2 and 3 are open: still duplicates.
            AssertReason.AreEqual(ReasonCode.Replayed, Process(agent, Signed(1)));
            AssertReason.AreEqual(ReasonCode.None, Process(agent, SignedWithVendor(1, VendorTailA)));
            AssertReason.AreEqual(ReasonCode.Duplicate, Process(agent, Signed(3)));
        }

        [TestMethod]
        public void ProcessPackage0_SameTriggerAfterSessionAndWindow_ReplayedWhileNonceCurrent()
        {
            var clock = new ManualClock();
            NotificationAgent agent = NewAgent(clock, Options(0), ResyncPolicy.Off);
            Assert.AreEqual((int)ReasonCode.None, (int)Process(agent, Signed(1)));
            agent.CompleteSession(Server, 1);
            clock.Advance(100 * Window);
            Assert.AreEqual((int)ReasonCode.Replayed, (int)Process(agent, Signed(1)));

            // The server sets a new nonce: the old trigger no longer verifies, and the history under the old nonce is moot.
            agent.Accounts.Find(Server).TrySetNonce("bm9uY2Uy"); // "nonce2"
            Assert.AreEqual((int)ReasonCode.DigestMismatch, (int)Process(agent, Signed(1)));
        }

        [TestMethod]
        public void ProcessPackage0_DuplicateAfterRingReused_Replayed()
        {
            // Within the window, but its slot taken by later sessions: the replay history still refuses it.
            var clock = new ManualClock();
            AgentOptions options = Options(0);
            options.DuplicateCapacity = 2;
            NotificationAgent agent = NewAgent(clock, options, ResyncPolicy.Off);
            for (int session = 1; session <= 3; session++)
            {
                Assert.AreEqual((int)ReasonCode.None, (int)Process(agent, Signed(session)));
                agent.CompleteSession(Server, session);
            }

            Assert.AreEqual((int)ReasonCode.Replayed, (int)Process(agent, Signed(1)));
            Assert.AreEqual((int)ReasonCode.Duplicate, (int)Process(agent, Signed(3)));
        }

        [TestMethod]
        public void ProcessPackage0_ResyncSignedAfterManyOtherSessions_StillReplayed()
        {
            // A captured resync-signed trigger must not be accepted again after more other sessions than the duplicate ring holds.
            var clock = new ManualClock();
            AgentOptions options = Options(0);
            options.DuplicateCapacity = 4;
            NotificationAgent agent = NewAgent(clock, options, ResyncPolicy.ZeroBytes);
            Assert.AreEqual((int)ReasonCode.None, (int)Process(agent, SignedResync(0x500)));
            agent.CompleteSession(Server, 0x500);
            for (int session = 1; session <= 31; session++)
            {
                Assert.AreEqual((int)ReasonCode.None, (int)Process(agent, Signed(session)));
                agent.CompleteSession(Server, session);
                clock.Advance(Window);
            }

            // The stored nonce changes too (the resync session set a new one): the default nonce did not.
            agent.Accounts.Find(Server).TrySetNonce("bm9uY2Uy");
            Assert.AreEqual((int)ReasonCode.Replayed, (int)Process(agent, SignedResync(0x500)));
        }

        [TestMethod]
        public void ProcessPackage0_ReplayHistoryFull_NonceExhaustedUntilNonceChanges()
        {
            var clock = new ManualClock();
            AgentOptions options = Options(0);
            options.ReplayHistoryCapacity = 2;
            NotificationAgent agent = NewAgent(clock, options, ResyncPolicy.Off);
            Assert.AreEqual((int)ReasonCode.None, (int)Process(agent, Signed(1)));
            Assert.AreEqual((int)ReasonCode.None, (int)Process(agent, Signed(2)));
            Assert.AreEqual((int)ReasonCode.NonceExhausted, (int)Process(agent, Signed(3)));
            agent.CompleteSession(Server, 1);
            clock.Advance(Window);
            Assert.AreEqual((int)ReasonCode.Replayed, (int)Process(agent, Signed(1)));

            ServerAccount account = agent.Accounts.Find(Server);
            account.TrySetNonce("bm9uY2Uy"); // "nonce2"
            byte[] underNewNonce = SignedPackage0.Sign(Server, Password, TestBytes.Ascii("nonce2"), SignedPackage0.Trigger(3, Server, new byte[0]));
            Assert.AreEqual((int)ReasonCode.None, (int)Process(agent, underNewNonce));
        }

        [TestMethod]
        public void ProcessPackage0_ListGrownTwice_EveryTriggerReplayedAndCapacityHolds()
        {
            // A key's list starts at 4 prefixes and doubles: capacity 9 grows it 4, 8, 9, losing nothing on the way.
            AgentOptions options = Options(0);
            options.ReplayHistoryCapacity = 9;
            var clock = new ManualClock();
            NotificationAgent agent = NewAgent(clock, options, ResyncPolicy.Off);
            for (int id = 1; id <= 9; id++)
            {
                Assert.AreEqual((int)ReasonCode.None, (int)Process(agent, Signed(id)), "session " + id);
                agent.CompleteSession(Server, id);
            }

            Assert.AreEqual((int)ReasonCode.NonceExhausted, (int)Process(agent, Signed(10)));
            clock.Advance(Window);
            NotificationAgent after = NewAgent(new ManualClock(), options, ResyncPolicy.Off);
            after.RestoreReplayHistory(agent.GetReplayHistory(), agent.GetRetiredReplayKeys());
            for (int id = 1; id <= 9; id++)
            {
                Assert.AreEqual((int)ReasonCode.Replayed, (int)Process(agent, Signed(id)), "session " + id);
                Assert.AreEqual((int)ReasonCode.Replayed, (int)Process(after, Signed(id)), "restored, session " + id);
            }

            Assert.AreEqual((int)ReasonCode.NonceExhausted, (int)Process(after, Signed(10)));
        }

        [TestMethod]
        public void ProcessPackage0_PasswordChanged_ResyncListStartsAgain()
        {
            AgentOptions options = Options(0);
            options.ReplayHistoryCapacity = 1;
            NotificationAgent agent = NewAgent(new ManualClock(), options, ResyncPolicy.ZeroBytes);
            Assert.AreEqual((int)ReasonCode.None, (int)Process(agent, SignedResync(0x500)));
            agent.CompleteSession(Server, 0x500);
            Assert.AreEqual((int)ReasonCode.NonceExhausted, (int)Process(agent, SignedResync(0x501)));

            agent.Accounts.Find(Server).Password = "changed";
            byte[] underNewPassword = SignedPackage0.Sign(Server, "changed", new byte[4], SignedPackage0.Trigger(0x501, Server, new byte[0]));
            Assert.AreEqual((int)ReasonCode.None, (int)Process(agent, underNewPassword));
        }

        [TestMethod]
        public void ReplayHistory_RestoredAfterReboot_ReplayStillRefused()
        {
            var clock = new ManualClock();
            NotificationAgent before = NewAgent(clock, Options(0), ResyncPolicy.ZeroBytes);
            Process(before, Signed(1));
            Process(before, SignedResync(0x500));
            ReplayHistoryEntry[] saved = before.GetReplayHistory();
            Assert.AreEqual(2, saved.Length);
            Assert.IsFalse(saved[0].IsResync);
            Assert.IsTrue(saved[1].IsResync);
            Assert.AreEqual(ReplayHistoryEntry.DigestPrefixLength, saved[0].Digests.Length);

            // Reboot without the session history: the duplicate window is gone, the replay history is not.
            NotificationAgent after = NewAgent(new ManualClock(), Options(0), ResyncPolicy.ZeroBytes);
            after.RestoreReplayHistory(saved, before.GetRetiredReplayKeys());
            Assert.AreEqual((int)ReasonCode.Replayed, (int)Process(after, Signed(1)));
            Assert.AreEqual((int)ReasonCode.Replayed, (int)Process(after, SignedResync(0x500)));
            Assert.AreEqual((int)ReasonCode.None, (int)Process(after, SignedWithVendor(1, VendorTailB)));
        }

        [TestMethod]
        public void ProcessPackage0_AccountRemovedAndReAdded_ReplayStillRefused()
        {
            var clock = new ManualClock();
            NotificationAgent agent = NewAgent(clock, Options(0), ResyncPolicy.Off);
            Process(agent, Signed(1));
            agent.CompleteSession(Server, 1);
            clock.Advance(Window);
            agent.Accounts.Remove(Server);
            agent.Accounts.AddOrReplace(new ServerAccount(Server, Password, NonceBase64, ResyncPolicy.Off));
            AssertReason.AreEqual(ReasonCode.Replayed, Process(agent, Signed(1)));
        }

        [TestMethod]
        public void ProcessPackage0_NonceBackToOldValue_ReplayStillRefused()
        {
            // Nonce A -> B (one trigger under B) -> A; the trigger accepted under A stays refused.
            var clock = new ManualClock();
            NotificationAgent agent = NewAgent(clock, Options(0), ResyncPolicy.Off);
            AssertReason.AreEqual(ReasonCode.None, Process(agent, Signed(1)));
            agent.CompleteSession(Server, 1);
            clock.Advance(Window);
            ServerAccount account = agent.Accounts.Find(Server);
            account.TrySetNonce("bm9uY2Uy"); // "nonce2"
            byte[] underB = SignedPackage0.Sign(Server, Password, TestBytes.Ascii("nonce2"), SignedPackage0.Trigger(2, Server, new byte[0]));
            AssertReason.AreEqual(ReasonCode.None, Process(agent, underB));
            account.TrySetNonce(NonceBase64);
            AssertReason.AreEqual(ReasonCode.Replayed, Process(agent, Signed(1)));
        }

        [TestMethod]
        public void ProcessPackage0_PasswordBackToOldValue_ResyncReplayStillRefused()
        {
            // Password pw1 -> pwX (one resync trigger) -> pw1; the resync trigger under pw1 stays refused.
            var clock = new ManualClock();
            NotificationAgent agent = NewAgent(clock, Options(0), ResyncPolicy.ZeroBytes);
            AssertReason.AreEqual(ReasonCode.None, Process(agent, SignedResync(0x500)));
            agent.CompleteSession(Server, 0x500);
            clock.Advance(Window);
            ServerAccount account = agent.Accounts.Find(Server);
            account.Password = "changed";
            byte[] underX = SignedPackage0.Sign(Server, "changed", new byte[4], SignedPackage0.Trigger(0x501, Server, new byte[0]));
            AssertReason.AreEqual(ReasonCode.None, Process(agent, underX));
            account.Password = Password;
            AssertReason.AreEqual(ReasonCode.Replayed, Process(agent, SignedResync(0x500)));
        }

        private static byte[] UnderNonce(int n, int sessionId)
        {
            return SignedPackage0.Sign(Server, Password, TestBytes.Ascii("n" + n), SignedPackage0.Trigger(sessionId, Server, new byte[0]));
        }

        private static string NonceText(int n)
        {
            return Convert.ToBase64String(TestBytes.Ascii("n" + n));
        }

        [TestMethod]
        public void ProcessPackage0_KeyChurn_BoundedAndRetiredKeyRefused()
        {
            // More keys than the history holds. It stays within its fixed bounds; a retired key's
            // triggers, old and new, are refused by name until its nonce is no longer current.
            var clock = new ManualClock();
            NotificationAgent agent = NewAgent(clock, Options(0), ResyncPolicy.Off);
            ServerAccount account = agent.Accounts.Find(Server);
            int keys = NotificationAgent.MaxReplayKeys + 8;
            for (int n = 0; n < keys; n++)
            {
                account.TrySetNonce(NonceText(n));
                AssertReason.AreEqual(ReasonCode.None, Process(agent, UnderNonce(n, n)), "key " + n);
                agent.CompleteSession(Server, n);
            }

            clock.Advance(Window);
            Assert.AreEqual(NotificationAgent.MaxReplayKeys, agent.GetReplayHistory().Length);
            Assert.AreEqual(8 * ReplayHistoryEntry.KeyLength, agent.GetRetiredReplayKeys().Length);
            account.TrySetNonce(NonceText(0));
            AssertReason.AreEqual(ReasonCode.ReplayHistoryUnavailable, Process(agent, UnderNonce(0, 0)));
            AssertReason.AreEqual(ReasonCode.ReplayHistoryUnavailable, Process(agent, UnderNonce(0, 0x700)));
            account.TrySetNonce(NonceText(keys - 1));
            AssertReason.AreEqual(ReasonCode.Replayed, Process(agent, UnderNonce(keys - 1, keys - 1)));
            account.TrySetNonce(NonceText(keys));
            AssertReason.AreEqual(ReasonCode.None, Process(agent, UnderNonce(keys, 0x701)));
        }

        [TestMethod]
        public void ProcessPackage0_CommitterFails_NotPersistedAndNothingKept()
        {
            // A trigger that cannot be persisted is not reported, and memory stays as on disk, so the
            // retry is accepted once saving works; also when the commit had to retire a key to make room.
            var clock = new ManualClock();
            NotificationAgent agent = NewAgent(clock, Options(0), ResyncPolicy.Off);
            var recorder = new Recorder();
            recorder.Attach(agent);
            ServerAccount account = agent.Accounts.Find(Server);
            for (int n = 0; n < NotificationAgent.MaxReplayKeys; n++)
            {
                account.TrySetNonce(NonceText(n));
                Process(agent, UnderNonce(n, n));
                agent.CompleteSession(Server, n);
            }

            bool saving = false;
            agent.Committer = (sender, request) => saving;
            int sessions = agent.GetRecentSessions().Length;
            account.TrySetNonce(NonceText(99));
            AssertReason.AreEqual(ReasonCode.NotPersisted, Process(agent, UnderNonce(99, 99)));
            Assert.AreEqual(NotificationAgent.MaxReplayKeys, recorder.Requests.Count);
            Assert.AreEqual(sessions, agent.GetRecentSessions().Length);
            Assert.AreEqual(0, agent.GetRetiredReplayKeys().Length);
            clock.Advance(Window);
            account.TrySetNonce(NonceText(0));
            AssertReason.AreEqual(ReasonCode.Replayed, Process(agent, UnderNonce(0, 0)));

            saving = true;
            account.TrySetNonce(NonceText(99));
            AssertReason.AreEqual(ReasonCode.None, Process(agent, UnderNonce(99, 99)));
            Assert.AreEqual(ReplayHistoryEntry.KeyLength, agent.GetRetiredReplayKeys().Length);
        }

        private static string Snapshot(NotificationAgent agent)
        {
            var text = new System.Text.StringBuilder();
            ReplayHistoryEntry[] entries = agent.GetReplayHistory();
            for (int i = 0; i < entries.Length; i++)
            {
                text.Append(Convert.ToBase64String(entries[i].Key)).Append(entries[i].IsResync ? 'r' : 's').Append(Convert.ToBase64String(entries[i].Digests)).Append(';');
            }

            text.Append(Convert.ToBase64String(agent.GetRetiredReplayKeys())).Append('|');
            SessionHistoryEntry[] sessions = agent.GetRecentSessions();
            for (int i = 0; i < sessions.Length; i++)
            {
                text.Append(sessions[i].SessionId).Append(sessions[i].IsPending ? 'p' : 'd').Append(',');
            }

            return text.ToString();
        }

        [TestMethod]
        public void Committer_FailsAtRandom_StateAsBeforeEveryTime()
        {
            // A walk over 48 nonces (so slots fill and keys retire), a third of the saves failing: after every failed
            // save, the history, the retired keys and the sessions are exactly as before the trigger.
            var clock = new ManualClock();
            AgentOptions options = Options(0);
            options.DuplicateCapacity = 8;
            NotificationAgent agent = NewAgent(clock, options, ResyncPolicy.ZeroBytes);
            ServerAccount account = agent.Accounts.Find(Server);
            bool saving = true;
            agent.Committer = (sender, request) => saving;
            // The DM client takes every request at once (a backlog would refuse as handover-backlog).
            agent.SessionRequested += (sender, request) => agent.AcknowledgeSession(request.ServerId, request.SessionIdValue);
            uint seed = 12345;
            int failed = 0;
            for (int step = 0; step < 300; step++)
            {
                seed = seed * 1103515245 + 12345;
                int n = (int)((seed >> 8) % 48);
                saving = (seed >> 20) % 3 != 0;
                account.TrySetNonce(NonceText(n));
                byte[] message = (seed >> 4) % 5 == 0
                    ? SignedPackage0.Sign(Server, Password, new byte[4], SignedPackage0.Trigger(step, Server, new byte[0]))
                    : UnderNonce(n, step);
                string before = Snapshot(agent);
                ReasonCode reason = Process(agent, message);
                if (reason == ReasonCode.NotPersisted)
                {
                    failed++;
                    Assert.AreEqual(before, Snapshot(agent), "step " + step.ToString());
                }

                clock.Advance(Window);
            }

            Assert.IsTrue(failed > 20, "failed saves " + failed.ToString());
            Assert.IsTrue(agent.GetRetiredReplayKeys().Length > 0, "keys were retired");
        }

        [TestMethod]
        public void MarkReplayHistoryLost_RefusedUntilNewNonce()
        {
            // An unreadable history fails closed for the current keys, stored and resync.
            NotificationAgent agent = NewAgent(new ManualClock(), Options(0), ResyncPolicy.ZeroBytes);
            agent.MarkReplayHistoryLost();
            AssertReason.AreEqual(ReasonCode.ReplayHistoryUnavailable, Process(agent, Signed(1)));
            AssertReason.AreEqual(ReasonCode.ReplayHistoryUnavailable, Process(agent, SignedResync(0x500)));
            agent.Accounts.Find(Server).TrySetNonce("bm9uY2Uy"); // "nonce2"
            byte[] underNew = SignedPackage0.Sign(Server, Password, TestBytes.Ascii("nonce2"), SignedPackage0.Trigger(1, Server, new byte[0]));
            AssertReason.AreEqual(ReasonCode.None, Process(agent, underNew));
        }

        [TestMethod]
        public void GetPendingRequests_NotAcknowledgedBeforeReboot_HandedOverAgain()
        {
            // Persisted but not acknowledged, so handed over after the restart, with its ids.
            NotificationAgent before = NewAgent(new ManualClock(), Options(0), ResyncPolicy.Off);
            SessionHistoryEntry[] saved = null;
            before.Committer = (sender, request) =>
            {
                saved = sender.GetRecentSessions();
                return true;
            };
            Process(before, SignedWithVendor(0x1A, VendorTailA));
            Assert.IsTrue(saved[0].IsPending);

            NotificationAgent after = NewAgent(new ManualClock(), Options(0), ResyncPolicy.Off);
            after.RestoreRecentSessions(saved);
            SessionRequest[] pending = after.GetPendingRequests();
            Assert.AreEqual(1, pending.Length);
            Assert.IsTrue(pending[0].IsRedelivery);
            Assert.AreEqual("1A", pending[0].SessionId);
            Assert.AreEqual(Server, pending[0].ServerId);
            Assert.AreEqual(0xA1, (int)pending[0].Vendor[0]);
            Assert.AreEqual(Source, pending[0].Source);
            Assert.IsTrue(after.AcknowledgeSession(Server, 0x1A));
            Assert.AreEqual(0, after.GetPendingRequests().Length);
            Assert.IsFalse(after.GetRecentSessions()[0].IsPending);
        }

        [TestMethod]
        public void ProcessPackage0_PendingFull_RefusedHandoverBacklogRetryAcceptedAfterAck()
        {
            // The DM client stalls: the fifth trigger must not displace a pending one (which would then be lost).
            var clock = new ManualClock();
            AgentOptions options = Options(0);
            options.DuplicateCapacity = 8;
            NotificationAgent agent = NewAgent(clock, options, ResyncPolicy.Off);
            SessionHistoryEntry[] saved = null;
            ReplayHistoryEntry[] replays = null;
            byte[] retired = null;
            agent.Committer = (sender, request) =>
            {
                saved = sender.GetRecentSessions();
                replays = sender.GetReplayHistory();
                retired = sender.GetRetiredReplayKeys();
                return true;
            };
            for (int i = 1; i <= NotificationAgent.MaxPendingSessions; i++)
            {
                AssertReason.AreEqual(ReasonCode.None, Process(agent, Signed(i)));
            }

            int fifth = NotificationAgent.MaxPendingSessions + 1;
            AssertReason.AreEqual(ReasonCode.HandoverBacklog, Process(agent, Signed(fifth)));
            Assert.IsTrue(NotificationAgent.IsAuthenticated(ReasonCode.HandoverBacklog));
            Assert.AreEqual("handover-backlog", ReasonCodeText.ToKebabCase(ReasonCode.HandoverBacklog));
            Assert.AreEqual(NotificationAgent.MaxPendingSessions, agent.GetPendingRequests().Length);
            Assert.AreEqual(1, agent.GetPendingRequests()[0].SessionIdValue);

            // A restart keeps the four pending and still refuses the fifth.
            NotificationAgent after = NewAgent(clock, options, ResyncPolicy.Off);
            after.RestoreRecentSessions(saved);
            after.RestoreReplayHistory(replays, retired);
            after.Committer = agent.Committer;
            Assert.AreEqual(NotificationAgent.MaxPendingSessions, after.GetPendingRequests().Length);
            clock.Advance(Window);
            AssertReason.AreEqual(ReasonCode.HandoverBacklog, Process(after, Signed(fifth)));

            Assert.IsTrue(after.AcknowledgeSession(Server, 1));
            AssertReason.AreEqual(ReasonCode.None, Process(after, Signed(fifth)));
            AssertReason.AreEqual(ReasonCode.Replayed, Process(after, Signed(2)));
            Assert.AreEqual(NotificationAgent.MaxPendingSessions, after.GetPendingRequests().Length);
        }

        [TestMethod]
        public void ReplayHistory_ForgedTriggers_NothingRemembered()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(0), ResyncPolicy.Off);
            Process(agent, Forged(1));
            Assert.AreEqual(0, agent.GetReplayHistory().Length);
        }

        [TestMethod]
        public void ReportRejection_LowerLayer_RaisedWithoutIds()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            NotificationRejection seen = null;
            string source = null;
            agent.Rejected += (sender, rejection) =>
            {
                seen = rejection;
                source = rejection.Source;
            };
            agent.ReportRejection(ReasonCode.Incomplete, Bearer.Sms, "+491701");
            Assert.IsNotNull(seen);
            AssertReason.AreEqual(ReasonCode.Incomplete, seen.Reason);
            Assert.AreEqual((int)Bearer.Sms, (int)seen.Bearer);
            Assert.AreEqual("+491701", source);
            Assert.IsNull(seen.ServerId);
            Assert.AreEqual(-1, seen.SessionId);
        }

        [TestMethod]
        public void ProcessPush_AppendixCPush_RaisesRequest()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            var recorder = new Recorder();
            recorder.Attach(agent);
            byte[] push = TestBytes.Embed(TestBytes.Concat(SpecVectors.AppendixCWspHeader, AppendixCSigned), 3, 2);
            int length = SpecVectors.AppendixCWspHeader.Length + AppendixCSigned.Length;
            AssertReason.AreEqual(ReasonCode.None, agent.ProcessPush(push, 3, length, Bearer.Sms, "+4917012345"));
            Assert.AreEqual(1, recorder.Requests.Count);
            Assert.AreEqual("1234", recorder.Request(0).SessionId);
        }

        [TestMethod]
        public void ProcessPush_TruncatedAtEveryLength_RejectedWithoutRequest()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            var recorder = new Recorder();
            recorder.Attach(agent);
            byte[] push = TestBytes.Concat(SpecVectors.AppendixCWspHeader, AppendixCSigned);
            for (int length = 0; length < push.Length; length++)
            {
                ReasonCode reason = agent.ProcessPush(push, 0, length, Bearer.Udp, Source);
                Assert.IsTrue(reason == ReasonCode.Truncated || reason == ReasonCode.Malformed, "length " + length);
            }

            Assert.AreEqual(0, recorder.Requests.Count);
        }

        [TestMethod]
        public void ProcessPush_MissingApplicationId_AcceptedOnlyWhenOptionAllows()
        {
            byte[] push = TestBytes.Concat(WspHeaderWithoutApplicationId, AppendixCSigned);
            NotificationAgent lenient = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            AssertReason.AreEqual(ReasonCode.None, lenient.ProcessPush(push, 0, push.Length, Bearer.Udp, Source));

            AgentOptions strictOptions = Options(6);
            strictOptions.AcceptMissingApplicationId = false;
            NotificationAgent strict = NewAgent(new ManualClock(), strictOptions, ResyncPolicy.Off);
            var recorder = new Recorder();
            recorder.Attach(strict);
            AssertReason.AreEqual(ReasonCode.WrongApplication, strict.ProcessPush(push, 0, push.Length, Bearer.Udp, Source));
            Assert.AreEqual(0, recorder.Requests.Count);
            AssertReason.AreEqual(ReasonCode.WrongApplication, recorder.Reason(0));
        }

        [TestMethod]
        public void ProcessPush_Dm13ContentType_RejectedWithItsReason()
        {
            NotificationAgent agent = NewAgent(new ManualClock(), Options(6), ResyncPolicy.Off);
            byte[] push = TestBytes.Concat(WspHeaderDm13, AppendixCSigned);
            AssertReason.AreEqual(ReasonCode.DmNotificationV13, agent.ProcessPush(push, 0, push.Length, Bearer.Udp, Source));
        }

        [TestMethod]
        public void Constructor_BadArguments_Throw()
        {
            var options = new AgentOptions();
            options.DuplicateCapacity = 0;
            Assert.ThrowsException(typeof(ArgumentNullException), () => new NotificationAgent(null, new ManualClock(), null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new NotificationAgent(new AccountTable(), null, null));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new NotificationAgent(new AccountTable(), new ManualClock(), options));
        }
    }
}

using System;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Tests.Dispatch
{
    [TestClass]
    public class PendingHandoverTests
    {
        private const string Server = "s";

        private static readonly DateTime Utc = new DateTime(2026, 1, 1);

        private static SessionHistoryEntry Stored(int sessionId)
        {
            return new SessionHistoryEntry(Server, sessionId, Utc, Bearer.Sms, "+100", UiMode.Informative, Initiator.Client, 11, new byte[] { 9 }, NonceKind.ZeroBytes);
        }

        // A window of eight slots with the given sessions restored as pending at the given times.
        private static PendingHandover Restored(DuplicateWindow window, int[] sessionIds, long[] times)
        {
            var handover = new PendingHandover(window, new AccountTable(), new char[SessionIdText.MaxLength]);
            for (int i = 0; i < sessionIds.Length; i++)
            {
                handover.Redeliver(window.Restore(Server, sessionIds[i], times[i], Utc), Stored(sessionIds[i]), times[i]);
            }

            return handover;
        }

        [TestMethod]
        public void HasRoom_MaxRequestsWaiting_False()
        {
            var window = new DuplicateWindow(8, 1000);
            PendingHandover handover = Restored(window, new int[] { 1, 2, 3 }, new long[] { 1, 2, 3 });
            Assert.IsTrue(handover.HasRoom(window.SlotFor(Server, 5)));
            handover.Redeliver(window.Restore(Server, 4, 4, Utc), Stored(4), 4);
            Assert.AreEqual(PendingHandover.MaxRequests, handover.Count());
            Assert.IsFalse(handover.HasRoom(window.SlotFor(Server, 5)));
        }

        [TestMethod]
        public void HasRoom_SlotHoldsRequestOrNone_False()
        {
            var window = new DuplicateWindow(8, 1000);
            PendingHandover handover = Restored(window, new int[] { 1 }, new long[] { 1 });
            Assert.IsFalse(handover.HasRoom(window.SlotFor(Server, 1)));
            Assert.IsFalse(handover.HasRoom(-1));
        }

        [TestMethod]
        public void Acknowledge_Waiting_ReleasedOnce()
        {
            var window = new DuplicateWindow(8, 1000);
            PendingHandover handover = Restored(window, new int[] { 1, 2 }, new long[] { 1, 2 });
            Assert.IsTrue(handover.Acknowledge(Server, 1));
            Assert.IsFalse(handover.Acknowledge(Server, 1));
            Assert.IsFalse(handover.Acknowledge(Server, 3));
            Assert.AreEqual(1, handover.Count());
            Assert.AreEqual(2, handover.GetRequests()[0].SessionIdValue);

            // Handed over, still remembered: the duplicate window keeps it.
            Assert.AreNotEqual(-1, window.Find(Server, 1));
        }

        [TestMethod]
        public void GetRequests_RestoredOutOfOrder_OldestFirstTiesKept()
        {
            var window = new DuplicateWindow(8, 1000);
            PendingHandover handover = Restored(window, new int[] { 7, 5, 6, 8 }, new long[] { 30, 10, 30, 20 });
            SessionRequest[] requests = handover.GetRequests();
            Assert.AreEqual(4, requests.Length);
            Assert.AreEqual(5, requests[0].SessionIdValue);
            Assert.AreEqual(8, requests[1].SessionIdValue);
            Assert.AreEqual(7, requests[2].SessionIdValue);
            Assert.AreEqual(6, requests[3].SessionIdValue);
        }

        [TestMethod]
        public void StoredWholeFrom_MoreThanMaxWaiting_NewestOnly()
        {
            var window = new DuplicateWindow(8, 1000);
            PendingHandover handover = Restored(window, new int[] { 1, 2, 3, 4, 5, 6 }, new long[] { 60, 10, 50, 20, 40, 30 });
            Assert.AreEqual(21L, handover.StoredWholeFrom());
            Assert.IsTrue(handover.Acknowledge(Server, 2));
            Assert.IsTrue(handover.Acknowledge(Server, 4));
            Assert.AreEqual(long.MinValue, handover.StoredWholeFrom());
        }

        [TestMethod]
        public void Redeliver_UnknownAccount_HexSessionIdFromEntry()
        {
            var window = new DuplicateWindow(2, 1000);
            PendingHandover handover = Restored(window, new int[] { 0x1A2B }, new long[] { 77 });
            SessionRequest request = handover.GetRequests()[0];
            Assert.IsTrue(request.IsRedelivery);
            Assert.AreEqual("1A2B", request.SessionId);
            Assert.IsNull(request.Account);
            Assert.AreEqual("+100", request.Source);
            Assert.AreEqual(77L, request.ReceivedMonotonicMilliseconds);
            Assert.IsTrue(request.IsResync);
        }
    }
}

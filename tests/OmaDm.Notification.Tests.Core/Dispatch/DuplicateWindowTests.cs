using System;
using nanoFramework.TestFramework;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Tests.Dispatch
{
    [TestClass]
    public class DuplicateWindowTests
    {
        private const string Server = "s";
        private const int Window = 1000;

        private static readonly DateTime Utc = new DateTime(2026, 1, 1);

        private static void Remember(DuplicateWindow window, int sessionId, long now)
        {
            window.Remember(window.SlotFor(Server, sessionId), Server, sessionId, now, Utc);
        }

        [TestMethod]
        public void IsDuplicate_OpenSessionAfterWindow_True()
        {
            var window = new DuplicateWindow(2, Window);
            Remember(window, 1, 0);
            Assert.IsTrue(window.IsDuplicate(Server, 1, 10 * Window));
            Assert.IsFalse(window.IsDuplicate(Server, 2, 1));
            Assert.IsFalse(window.IsDuplicate("t", 1, 1));
        }

        [TestMethod]
        public void IsDuplicate_CompletedSession_OnlyInsideWindow()
        {
            var window = new DuplicateWindow(2, Window);
            Remember(window, 1, 0);
            window.Complete(Server, 1);
            Assert.IsTrue(window.IsDuplicate(Server, 1, Window - 1));
            Assert.IsFalse(window.IsDuplicate(Server, 1, Window));
        }

        [TestMethod]
        public void SlotFor_Full_OldestClosedBeforeOlderOpen()
        {
            var window = new DuplicateWindow(3, Window);
            Remember(window, 1, 0);
            Remember(window, 2, 5);
            Remember(window, 3, 9);
            window.Complete(Server, 3);
            window.Complete(Server, 2);
            Assert.AreEqual(window.Find(Server, 2), window.SlotFor(Server, 4));
        }

        [TestMethod]
        public void SlotFor_FullAllOpen_OldestOpen()
        {
            var window = new DuplicateWindow(2, Window);
            Remember(window, 1, 7);
            Remember(window, 2, 3);
            Assert.AreEqual(window.Find(Server, 2), window.SlotFor(Server, 3));
        }

        [TestMethod]
        public void SlotFor_EverySlotHolds_MinusOneButOwnSlotFound()
        {
            var window = new DuplicateWindow(2, Window);
            Remember(window, 1, 0);
            window.Hold(window.Find(Server, 1), new SessionRequest());
            Remember(window, 2, 5);
            Assert.AreEqual(window.Find(Server, 2), window.SlotFor(Server, 3));
            window.Hold(window.Find(Server, 2), new SessionRequest());
            Assert.AreEqual(-1, window.SlotFor(Server, 3));
            Assert.AreEqual(window.Find(Server, 1), window.SlotFor(Server, 1));
        }

        [TestMethod]
        public void Undo_AfterRemember_PreviousSessionAndRequestBack()
        {
            var window = new DuplicateWindow(1, Window);
            var held = new SessionRequest();
            Remember(window, 1, 0);
            window.Complete(Server, 1);
            window.Hold(0, held);
            window.Remember(0, Server, 2, 50, Utc);
            Assert.IsNull(window.HeldRequest(0));
            window.Undo();
            Assert.AreEqual(0, window.Find(Server, 1));
            Assert.AreEqual(-1, window.Find(Server, 2));
            Assert.AreSame(held, window.HeldRequest(0));
            Assert.IsFalse(window.IsDuplicate(Server, 1, Window));
        }

        [TestMethod]
        public void Undo_FirstRemember_SlotFreeAgain()
        {
            var window = new DuplicateWindow(1, Window);
            Remember(window, 1, 0);
            window.Undo();
            Assert.AreEqual(-1, window.Find(Server, 1));
            Assert.AreEqual(0, window.ToEntries(long.MinValue).Length);
        }

        [TestMethod]
        public void Restore_FullAndOlderThanAll_Dropped()
        {
            var window = new DuplicateWindow(1, Window);
            Remember(window, 1, 100);
            window.Complete(Server, 1);
            Assert.AreEqual(-1, window.Restore(Server, 2, 100, Utc));
            Assert.AreEqual(0, window.Restore(Server, 2, 101, Utc));
            Assert.IsFalse(window.IsDuplicate(Server, 1, 101));
        }

        [TestMethod]
        public void Restore_SameIdTwice_KeepsNewerTime()
        {
            var window = new DuplicateWindow(2, Window);
            Assert.AreEqual(0, window.Restore(Server, 1, 500, Utc));
            Assert.AreEqual(-1, window.Restore(Server, 1, 400, Utc));
            Assert.AreEqual(500L, window.ReceivedMilliseconds(0));
            Assert.AreEqual(0, window.Restore(Server, 1, 600, Utc));
            Assert.AreEqual(600L, window.ReceivedMilliseconds(0));
        }

        [TestMethod]
        public void Restore_SlotHoldsRequest_NotOverwritten()
        {
            var window = new DuplicateWindow(1, Window);
            Remember(window, 1, 0);
            window.Hold(0, new SessionRequest());
            Assert.AreEqual(-1, window.Restore(Server, 1, 10, Utc));
            Assert.AreEqual(0L, window.ReceivedMilliseconds(0));
        }

        [TestMethod]
        public void ToEntries_HeldBeforeDetailedFrom_StoredAsHandedOver()
        {
            var window = new DuplicateWindow(3, Window);
            var handover = new PendingHandover(window, new AccountTable(), new char[SessionIdText.MaxLength]);
            var stored = new SessionHistoryEntry(Server, 2, Utc, Bearer.Udp, "src", UiMode.Background, Initiator.Server, 12, new byte[0], NonceKind.Stored);
            Remember(window, 1, 10);
            handover.Redeliver(window.Restore(Server, 2, 20, Utc), stored, 20);
            handover.Redeliver(window.Find(Server, 1), stored, 10);
            SessionHistoryEntry[] entries = window.ToEntries(20);
            Assert.AreEqual(2, entries.Length);
            Assert.IsFalse(entries[0].IsPending);
            Assert.IsTrue(entries[1].IsPending);
            Assert.AreEqual(2, entries[1].SessionId);
            Assert.AreEqual("src", entries[1].Source);
            Assert.IsTrue(window.ToEntries(long.MinValue)[0].IsPending);
        }
    }
}

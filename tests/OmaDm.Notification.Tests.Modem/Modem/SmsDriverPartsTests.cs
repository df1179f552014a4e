using System.Collections;
using nanoFramework.TestFramework;
using OmaDm.Notification.Modem.Sms;

namespace OmaDm.Notification.Tests.Modem
{
    /// <summary>What the SMS driver's parts keep and read, without a modem.</summary>
    [TestClass]
    public class SmsDriverPartsTests
    {
        // PDU lines as TS 27.005 3.4.2 frames them: SMSC length octet 00, then a 2-octet TPDU. Only the framing matters
        // to the reader (the header's <length> is 2); the sink would judge the content.
        private static readonly string PduA = "000102";
        private static readonly string PduB = "00A0B1";

        [TestMethod]
        public void MarkSeen_SamePduAgainInEitherCase_Repeat()
        {
            var set = new SmsDeliveredSet();
            Assert.IsTrue(set.MarkSeen(3, PduB));
            Assert.IsFalse(set.MarkSeen(3, PduB));
            Assert.IsFalse(set.MarkSeen(3, "00a0b1"));
        }

        [TestMethod]
        public void MarkSeen_OtherPduInReusedSlot_New()
        {
            var set = new SmsDeliveredSet();
            Assert.IsTrue(set.MarkSeen(3, PduA));
            Assert.IsTrue(set.MarkSeen(3, PduB));
            Assert.IsTrue(set.MarkSeen(4, PduB)); // same PDU, other slot
        }

        [TestMethod]
        public void MarkSeen_AfterForgetOrForgetAll_New()
        {
            var set = new SmsDeliveredSet();
            set.MarkSeen(1, PduA);
            set.MarkSeen(2, PduA);
            set.Forget(1);
            Assert.IsTrue(set.MarkSeen(1, PduA));
            Assert.IsFalse(set.MarkSeen(2, PduA));
            set.ForgetAll();
            Assert.IsTrue(set.MarkSeen(2, PduA));
        }

        [TestMethod]
        public void Missed_UpToMaxReads_QueuedOnceOldestFirst()
        {
            var retries = new SmsReadRetries();
            Assert.IsFalse(retries.HasPending);
            Assert.AreEqual(-1, retries.TakeNext());
            Assert.IsFalse(retries.Missed(7, 3));
            Assert.IsFalse(retries.Missed(2, 3));
            Assert.IsFalse(retries.Missed(7, 3)); // queued already
            Assert.AreEqual(7, retries.TakeNext());
            Assert.AreEqual(2, retries.TakeNext());
            Assert.IsFalse(retries.HasPending);
        }

        [TestMethod]
        public void Missed_BeyondMaxReads_SaysSoOnceAndQueuesNoMore()
        {
            var retries = new SmsReadRetries();
            Assert.IsFalse(retries.Missed(5, 2));
            Assert.AreEqual(5, retries.TakeNext());
            Assert.IsFalse(retries.Missed(5, 2));
            Assert.AreEqual(5, retries.TakeNext());
            Assert.IsTrue(retries.Missed(5, 2)); // the third miss: left to the sweep
            Assert.IsFalse(retries.HasPending);
            Assert.IsFalse(retries.Missed(5, 2)); // said once
            Assert.IsFalse(retries.HasPending);
        }

        [TestMethod]
        public void Missed_AfterRead_CountStartsAgain()
        {
            var retries = new SmsReadRetries();
            retries.Missed(5, 1);
            retries.TakeNext();
            retries.Read(5);
            Assert.IsFalse(retries.Missed(5, 1));
            Assert.AreEqual(5, retries.TakeNext());
            Assert.IsTrue(retries.Missed(5, 1));
        }

        [TestMethod]
        public void Failed_SameIndexTwice_MovedOnceThenForgotten()
        {
            var failed = new SmsDeleteRetries();
            var deletions = new ArrayList();
            failed.MoveTo(deletions); // nothing failed yet
            Assert.AreEqual(0, deletions.Count);
            failed.Failed(4);
            failed.Failed(9);
            failed.Failed(4);
            Assert.AreEqual(2, failed.Count);
            failed.MoveTo(deletions);
            Assert.AreEqual(2, deletions.Count);
            Assert.AreEqual(4, (int)deletions[0]);
            Assert.AreEqual(9, (int)deletions[1]);
            Assert.AreEqual(0, failed.Count);
        }

        [TestMethod]
        public void Add_TokenNotAnIndexOrTwice_AddedOnlyOnce()
        {
            var deletions = new ArrayList();
            SmsDeleteRetries.Add(deletions, 6);
            SmsDeleteRetries.Add(deletions, 6);
            SmsDeleteRetries.Add(deletions, null);
            SmsDeleteRetries.Add(deletions, "6");
            Assert.AreEqual(1, deletions.Count);
            Assert.AreEqual(6, (int)deletions[0]);
        }

        [TestMethod]
        public void Check_ReachesWarningPercent_SaysSoOnceUntilBelowAgain()
        {
            var gauge = new SmsStorageGauge();
            Assert.IsNull(gauge.Check("+CPMS: 7,10,7,10,7,10", SmsStorageGauge.SetFormUsedField, 80));
            Assert.AreEqual("8/10", gauge.Check("+CPMS: 8,10,8,10,8,10", SmsStorageGauge.SetFormUsedField, 80));
            Assert.IsNull(gauge.Check("+CPMS: 9,10,9,10,9,10", SmsStorageGauge.SetFormUsedField, 80));
            Assert.IsNull(gauge.Check("+CPMS: 2,10,2,10,2,10", SmsStorageGauge.SetFormUsedField, 80));
            Assert.AreEqual("9/10", gauge.Check("+CPMS: \"SM\",9,10,\"SM\",9,10", SmsStorageGauge.ReadFormUsedField, 80));
        }

        [TestMethod]
        public void Check_NoLineOrNoNumbers_NothingChanges()
        {
            var gauge = new SmsStorageGauge();
            Assert.IsNull(gauge.Check(null, SmsStorageGauge.SetFormUsedField, 80));
            Assert.IsNull(gauge.Check("+CPMS: 10,0", SmsStorageGauge.SetFormUsedField, 80));
            Assert.IsNull(gauge.Check("+CPMS: \"SM\"", SmsStorageGauge.ReadFormUsedField, 80));
            Assert.AreEqual("10/10", gauge.Check("+CPMS: 10,10", SmsStorageGauge.SetFormUsedField, 80));
        }

        [TestMethod]
        public void MoveNext_Listing_ReceivedMessagesWithTheirPduLines()
        {
            string[] lines = new string[]
            {
                "+CMGL: 1,1,,2",
                PduA,
                "+CMGL: 2,2,,2", // stored unsent: outgoing, passed over with its PDU
                PduB,
                "+CMGL: 3,0,,2",
                "RING", // a URC in the PDU's place
                "+CMGL: ,0,,2", // no index
                PduA,
                "+CMGL: 4,0,,2",
                PduB,
                "+CMGL: 5,0,,2", // on the last line: passed over
            };
            var reader = new SmsListingReader();
            reader.Rewind();
            Assert.IsTrue(reader.MoveNext(lines));
            Assert.AreEqual(1, reader.Index);
            Assert.AreEqual(1, reader.PduLine);
            Assert.IsTrue(reader.MoveNext(lines));
            Assert.AreEqual(3, reader.Index);
            Assert.AreEqual(-1, reader.PduLine);
            Assert.IsTrue(reader.MoveNext(lines));
            Assert.AreEqual(4, reader.Index);
            Assert.AreEqual(9, reader.PduLine);
            Assert.IsFalse(reader.MoveNext(lines));
            Assert.IsFalse(reader.MoveNext(lines));
            reader.Rewind();
            Assert.IsTrue(reader.MoveNext(lines));
            Assert.AreEqual(1, reader.Index);
        }

        [TestMethod]
        public void FindRead_ReceivedOutgoingOrEmpty_SaysWhich()
        {
            var reader = new SmsListingReader();
            Assert.AreEqual(1, reader.FindRead(new string[] { "+CMGR: 0,,2", PduA }));
            Assert.AreEqual(1, reader.PduLine);
            Assert.AreEqual(1, reader.FindRead(new string[] { "+CMGR: 1,,2", "+CREG: 1" }));
            Assert.AreEqual(-1, reader.PduLine);
            Assert.AreEqual(1, reader.FindRead(new string[] { "+CMGR: 1,,2" }));
            Assert.AreEqual(-1, reader.PduLine);
            Assert.AreEqual(0, reader.FindRead(new string[] { "+CMGR: 3,,2", PduA }));
            Assert.AreEqual(-1, reader.FindRead(new string[0]));
        }

        [TestMethod]
        public void FindImsi_Answer_FirstLineOfSixToFifteenDigits()
        {
            Assert.AreEqual("204081234567890", SmsSetupReplies.FindImsi(new string[] { "+CREG: 1", " 204081234567890 " }));
            Assert.AreEqual("123456", SmsSetupReplies.FindImsi(new string[] { "12345", "123456" }));
            Assert.IsNull(SmsSetupReplies.FindImsi(new string[] { "1234567890123456", "20408123456789X" }));
            Assert.IsNull(SmsSetupReplies.FindImsi(new string[0]));
        }

        [TestMethod]
        public void Differs_ReadBackSetting_OnlyCommonFieldsCompared()
        {
            Assert.IsFalse(SmsSetupReplies.Differs("+CNMI: 2,1,0,0,0", "2,1,0,0,0"));
            Assert.IsTrue(SmsSetupReplies.Differs("+CNMI: 0,0,0,0,0", "2,1,0,0,0"));
            Assert.IsFalse(SmsSetupReplies.Differs("+CNMI: 2,1", "2,1,0,0,0"));
            Assert.IsTrue(SmsSetupReplies.Differs("+CMEE: 2", "1"));
        }
    }
}

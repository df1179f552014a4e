using System.Collections;
using nanoFramework.TestFramework;
using OmaDm.Notification.Simulation;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Wdp;

namespace OmaDm.Notification.Tests.Wdp
{
    [TestClass]
    public class ConcatenationReassemblerTests
    {
        // User data of three parts (3GPP TS 23.040 9.2.3.24.1): ports 2948 in part 1 only (CDMA-style), reference 7.
        private static readonly byte[] Part1 = new byte[] { 0x0B, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, 0x00, 0x03, 0x07, 0x03, 0x01, 0x11, 0x12 };
        private static readonly byte[] Part2 = new byte[] { 0x05, 0x00, 0x03, 0x07, 0x03, 0x02, 0x21, 0x22 };
        private static readonly byte[] Part3 = new byte[] { 0x05, 0x00, 0x03, 0x07, 0x03, 0x03, 0x31 };

        // Part 2 again but to port 9200: contradicts part 1.
        private static readonly byte[] Part2OtherPort = new byte[] { 0x0B, 0x05, 0x04, 0x23, 0xF0, 0x23, 0xF0, 0x00, 0x03, 0x07, 0x03, 0x02, 0x21, 0x22 };

        // A two-part message with another reference (8), 100 payload octets in part 1.
        private static readonly byte[] OtherHeader = new byte[] { 0x05, 0x00, 0x03, 0x08, 0x02, 0x01 };

        private static readonly byte[] Assembled = new byte[] { 0x11, 0x12, 0x21, 0x22, 0x31 };

        // Forgeries under the same sender and reference 7: each part number with other payload octets.
        private static readonly byte[] Part1Forged = new byte[] { 0x0B, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, 0x00, 0x03, 0x07, 0x03, 0x01, 0xE1, 0xE2 };
        private static readonly byte[] Part2Forged = new byte[] { 0x05, 0x00, 0x03, 0x07, 0x03, 0x02, 0xE1, 0xE2 };
        private static readonly byte[] Part2ForgedAgain = new byte[] { 0x05, 0x00, 0x03, 0x07, 0x03, 0x02, 0xF1, 0xF2 };
        private static readonly byte[] Part3Forged = new byte[] { 0x05, 0x00, 0x03, 0x07, 0x03, 0x03, 0xE1 };

        private static readonly byte[] AssembledWithForgedPart2 = new byte[] { 0x11, 0x12, 0xE1, 0xE2, 0x31 };

        [TestMethod]
        public void Add_OutOfOrderWithDuplicate_CompletesOnceWithEveryToken()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 4, 1000, 60000);
            var givenUp = new ArrayList();
            Assert.AreEqual((int)ReassemblyStatus.Pending, (int)Add(reassembler, "+1", Part3, 3, givenUp, out PendingMessage _));
            Assert.AreEqual((int)ReassemblyStatus.Pending, (int)Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _));
            Assert.AreEqual((int)ReassemblyStatus.Pending, (int)Add(reassembler, "+1", Part3, 33, givenUp, out PendingMessage _));
            Assert.AreEqual(3, reassembler.PendingBytes);
            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part2, 2, givenUp, out PendingMessage message));
            Assert.IsTrue(message.IsWapPush);
            Assert.IsTrue(TestBytes.RangeEquals(Assembled, message.Assemble(), 0, 5));
            Assert.AreEqual(4, message.Tokens.Length);
            Assert.AreEqual(0, givenUp.Count);

            // Held until the caller says a combination authenticated.
            Assert.AreEqual(1, reassembler.PendingMessages);
            Assert.IsTrue(reassembler.Finish(message));
            Assert.IsFalse(reassembler.Finish(message));
            Assert.AreEqual(0, reassembler.PendingMessages);
            Assert.AreEqual(0, reassembler.PendingBytes);
        }

        [TestMethod]
        public void Add_ConflictingPartSameKey_KeptAsCandidateEachCombinationOfferedOnce()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 4, 1000, 60000, 2, 2);
            var givenUp = new ArrayList();
            Add(reassembler, "+1", Part2Forged, 20, givenUp, out PendingMessage _);
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _);
            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part3, 3, givenUp, out PendingMessage message));
            byte[][][] first = message.TakeTrials(8);
            Assert.AreEqual(1, first.Length);
            Assert.IsTrue(TestBytes.RangeEquals(AssembledWithForgedPart2, PendingMessage.Assemble(first[0]), 0, 5));
            Assert.AreEqual(0, message.TakeTrials(8).Length);

            // The genuine part 2 arrives later: a second candidate, one new combination.
            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part2, 2, givenUp, out PendingMessage _));
            byte[][][] second = message.TakeTrials(8);
            Assert.AreEqual(1, second.Length);
            Assert.IsTrue(TestBytes.RangeEquals(Assembled, PendingMessage.Assemble(second[0]), 0, 5));
            Assert.AreEqual(3 + 2 + 2, reassembler.PendingBytes);
            Assert.AreEqual(4, message.Tokens.Length);
            Assert.AreEqual(2, message.TriedCombinations);
        }

        [TestMethod]
        public void Add_CandidatesBeyondBound_NewestReplacesAllButFirst()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 4, 1000, 60000, 2, 2);
            var givenUp = new ArrayList();
            var released = new ArrayList();
            Add(reassembler, "+1", Part2Forged, 20, givenUp, out PendingMessage message);
            Add(reassembler, "+1", Part2ForgedAgain, 21, givenUp, out PendingMessage _);
            Assert.AreEqual((int)ReassemblyStatus.Pending, (int)Add(reassembler, "+1", Part2, 2, givenUp, out PendingMessage _));
            Assert.AreEqual(4, reassembler.PendingBytes);
            Assert.AreEqual(2, message.BackedCopies);
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _);
            reassembler.TakeReleasable(released, message);
            Assert.AreEqual("21", Joined(released), "the replaced copy");

            // The genuine newest first, then the kept first copy; the replaced copy is in no combination.
            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part3, 3, givenUp, out PendingMessage _));
            byte[][][] trials = message.TakeTrials(8);
            Assert.AreEqual(2, trials.Length);
            Assert.IsTrue(TestBytes.RangeEquals(Assembled, PendingMessage.Assemble(trials[0]), 0, 5));
            Assert.IsTrue(TestBytes.RangeEquals(AssembledWithForgedPart2, PendingMessage.Assemble(trials[1]), 0, 5));
        }

        [TestMethod]
        public void TakeTrials_GenuineAfterForgedRounds_FirstTrialGenuineAtBudgetOne()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 4, 1000, 60000, 2, 2);
            var givenUp = new ArrayList();
            byte[][] genuine = new byte[][] { Part1, Part2, Part3 };
            PendingMessage message = null;
            for (int round = 1; round <= 20; round++)
            {
                for (int p = 0; p < genuine.Length; p++)
                {
                    byte[] forged = (byte[])genuine[p].Clone();
                    forged[forged.Length - 1] ^= (byte)round;
                    Add(reassembler, "+1", forged, 100 * round + p, givenUp, out message);
                    Assert.IsTrue(message.TakeTrials(1).Length <= 1);
                }
            }

            Add(reassembler, "+1", Part3, 3, givenUp, out PendingMessage _);
            message.TakeTrials(1);
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _);
            message.TakeTrials(1);
            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part2, 2, givenUp, out PendingMessage _));
            byte[][][] trials = message.TakeTrials(1);
            Assert.AreEqual(1, trials.Length);
            Assert.AreEqual(5, PendingMessage.Assemble(trials[0]).Length);
            Assert.IsTrue(TestBytes.RangeEquals(Assembled, PendingMessage.Assemble(trials[0]), 0, 5));
            Assert.AreEqual(2 * (2 + 2 + 1), reassembler.PendingBytes);
        }

        [TestMethod]
        public void Add_CopyIdenticalToOlderCandidate_PromotedNewestItsCombinationsTried()
        {
            // The genuine bytes of parts 2 and 3 planted first, forged copies after them, then the genuine parts.
            var reassembler = new ConcatenationReassembler(new ManualClock(), 4, 1000, 60000, 2, 2);
            var givenUp = new ArrayList();
            var released = new ArrayList();
            Add(reassembler, "+1", Part2, 20, givenUp, out PendingMessage message);
            Add(reassembler, "+1", Part3, 30, givenUp, out PendingMessage _);
            Add(reassembler, "+1", Part2Forged, 21, givenUp, out PendingMessage _);
            Add(reassembler, "+1", Part3Forged, 31, givenUp, out PendingMessage _);
            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _));
            Assert.AreEqual(1, message.TakeTrials(1).Length);
            reassembler.TakeReleasable(released, message);
            Assert.AreEqual(0, released.Count);

            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part2, 2, givenUp, out PendingMessage _));
            reassembler.TakeReleasable(released, message);
            Assert.AreEqual("2", Joined(released), "the duplicate copy; the held candidate keeps its slot");
            Assert.AreEqual(5, message.BackedCopies);
            byte[][][] trials = message.TakeTrials(1);
            Assert.AreEqual(1, trials.Length);
            Assert.AreEqual(Part3Forged[6], PendingMessage.Assemble(trials[0])[4], "the promoted part with the others' newest");
            Assert.AreEqual((int)ReassemblyStatus.Pending, (int)Add(reassembler, "+1", Part2, 3, givenUp, out PendingMessage _), "already the newest");
            Assert.AreEqual(0, message.TakeTrials(8).Length);

            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part3, 4, givenUp, out PendingMessage _));
            trials = message.TakeTrials(1);
            Assert.AreEqual(5, PendingMessage.Assemble(trials[0]).Length);
            Assert.IsTrue(TestBytes.RangeEquals(Assembled, PendingMessage.Assemble(trials[0]), 0, 5));
            Assert.AreEqual(2 + (2 * 2) + (2 * 1), reassembler.PendingBytes);
        }

        [TestMethod]
        public void Add_EveryPartTwoCandidates_AllCombinationsWithinBudget()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 4, 1000, 60000, 2, 2);
            var givenUp = new ArrayList();
            byte[][] forged = new byte[][] { Part1Forged, Part2Forged, Part3Forged };
            for (int i = 0; i < forged.Length; i++)
            {
                Add(reassembler, "+1", forged[i], 10 + i, givenUp, out PendingMessage _);
            }

            Add(reassembler, "+1", Part3, 3, givenUp, out PendingMessage message);
            Add(reassembler, "+1", Part2, 2, givenUp, out PendingMessage _);
            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _));
            byte[][][] trials = message.TakeTrials(8);
            Assert.AreEqual(8, trials.Length);
            int genuine = 0;
            for (int i = 0; i < trials.Length; i++)
            {
                genuine += TestBytes.RangeEquals(Assembled, PendingMessage.Assemble(trials[i]), 0, 5) && PendingMessage.Assemble(trials[i]).Length == 5 ? 1 : 0;
            }

            Assert.AreEqual(1, genuine);
        }

        [TestMethod]
        public void Add_FloodFromOneOtherSender_OnlyItsOwnMessagesGivenUp()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 4, 1000, 60000, 2, 2);
            var givenUp = new ArrayList();
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage valid);
            for (int reference = 0; reference < 100; reference++)
            {
                Add(reassembler, "+666", TwoPartFirst(reference), 100 + reference, givenUp, out PendingMessage _);
            }

            Assert.AreEqual(98, givenUp.Count);
            for (int i = 0; i < givenUp.Count; i++)
            {
                Assert.AreEqual("+666", ((PendingMessage)givenUp[i]).Sender);
            }

            Add(reassembler, "+1", Part2, 2, givenUp, out PendingMessage _);
            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part3, 3, givenUp, out PendingMessage message));
            Assert.AreSame(valid, message);
        }

        [TestMethod]
        public void Add_MessageBoundAcrossSenders_SenderWithMostMessagesGivesUpFirst()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 3, 1000, 60000, 2, 2);
            var givenUp = new ArrayList();
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _);
            Add(reassembler, "+2", TwoPartFirst(1), 2, givenUp, out PendingMessage _);
            Add(reassembler, "+2", TwoPartFirst(2), 3, givenUp, out PendingMessage _);
            Add(reassembler, "+3", TwoPartFirst(3), 4, givenUp, out PendingMessage _);
            Assert.AreEqual(1, givenUp.Count);
            Assert.AreEqual("+2", ((PendingMessage)givenUp[0]).Sender);
            Assert.AreEqual(1, ((PendingMessage)givenUp[0]).Tokens.Length);
            Assert.AreEqual(2, (int)((PendingMessage)givenUp[0]).Tokens[0]);
        }

        [TestMethod]
        public void Add_TrustedSender_NotDisplacedByOtherSenders()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 2, 1000, 60000, 2, 2);
            var givenUp = new ArrayList();
            reassembler.Trust("+1");
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage valid);
            for (int i = 0; i < 50; i++)
            {
                Add(reassembler, "+2" + i.ToString(), TwoPartFirst(i), 100 + i, givenUp, out PendingMessage _);
            }

            Assert.AreEqual(49, givenUp.Count);
            Assert.AreEqual(2, reassembler.PendingMessages);
            Add(reassembler, "+1", Part2, 2, givenUp, out PendingMessage _);
            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part3, 3, givenUp, out PendingMessage message));
            Assert.AreSame(valid, message);
        }

        [TestMethod]
        public void Add_OnlyTrustedSendersHeld_NewSenderNotAdmitted()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 1, 1000, 60000, 2, 2);
            var givenUp = new ArrayList();
            reassembler.Trust("+1");
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _);
            Assert.AreEqual((int)ReassemblyStatus.Evicted, (int)Add(reassembler, "+2", TwoPartFirst(1), 2, givenUp, out PendingMessage refused));
            Assert.AreEqual(1, refused.Tokens.Length);
            Assert.AreEqual(0, givenUp.Count);
            Assert.AreEqual(1, reassembler.PendingMessages);
            Assert.AreEqual(2, reassembler.PendingBytes);
        }

        [TestMethod]
        public void Add_PartNamingOtherPort_RefusedAndMessageUnchanged()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 4, 1000, 60000);
            var givenUp = new ArrayList();
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _);
            Assert.ThrowsException(typeof(System.ArgumentException), () => Add(reassembler, "+1", Part2OtherPort, 2, givenUp, out PendingMessage _));
            Add(reassembler, "+1", Part2, 2, givenUp, out PendingMessage _);
            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part3, 3, givenUp, out PendingMessage message));
            Assert.IsTrue(message.IsWapPush);
            Assert.AreEqual(3, message.Tokens.Length);
        }

        [TestMethod]
        public void Add_DeclaredTotalAbovePartBound_RefusedAtBoundCompletes()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 4, 1000, 60000, 2, 2, 4, 3);
            var givenUp = new ArrayList();
            byte[] fourParts = new byte[] { 0x05, 0x00, 0x03, 0x09, 0x04, 0x01, 0x11 };
            Assert.ThrowsException(typeof(System.ArgumentException), () => Add(reassembler, "+1", fourParts, 9, givenUp, out PendingMessage _));
            Assert.AreEqual(0, reassembler.PendingMessages);
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _);
            Add(reassembler, "+1", Part2, 2, givenUp, out PendingMessage _);
            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part3, 3, givenUp, out PendingMessage _));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new ConcatenationReassembler(new ManualClock(), 4, 1000, 60000, 2, 2, 4, 1));
        }

        [TestMethod]
        public void Add_DifferentSenders_KeptApart()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 4, 1000, 60000);
            var givenUp = new ArrayList();
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _);
            Add(reassembler, "+2", Part2, 2, givenUp, out PendingMessage _);
            Assert.AreEqual((int)ReassemblyStatus.Pending, (int)Add(reassembler, "+2", Part3, 3, givenUp, out PendingMessage _));
            Assert.AreEqual(2, reassembler.PendingMessages);
        }

        [TestMethod]
        public void Add_MoreMessagesThanBound_OldestGivenUp()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 2, 1000, 60000);
            var givenUp = new ArrayList();
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _);
            Add(reassembler, "+2", Part1, 2, givenUp, out PendingMessage _);
            Add(reassembler, "+3", Part1, 3, givenUp, out PendingMessage _);
            Assert.AreEqual(1, givenUp.Count);
            Assert.AreEqual("+1", ((PendingMessage)givenUp[0]).Sender);
            Assert.AreEqual(2, reassembler.PendingMessages);
            Assert.AreEqual(4, reassembler.PendingBytes);
        }

        [TestMethod]
        public void Add_MoreBytesThanBound_OldestGivenUpThenOversizedMessageItself()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 4, 100, 60000);
            var givenUp = new ArrayList();
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _);
            byte[] large = TestBytes.Concat(OtherHeader, new byte[99]);
            Assert.AreEqual((int)ReassemblyStatus.Pending, (int)Add(reassembler, "+2", large, 2, givenUp, out PendingMessage _));
            Assert.AreEqual(1, givenUp.Count);
            Assert.AreEqual(99, reassembler.PendingBytes);

            givenUp.Clear();
            byte[] tooLarge = TestBytes.Concat(OtherHeader, new byte[101]);
            Assert.AreEqual((int)ReassemblyStatus.Evicted, (int)Add(reassembler, "+3", tooLarge, 3, givenUp, out PendingMessage evicted));
            Assert.AreEqual("+3", evicted.Sender);
            Assert.AreEqual(1, givenUp.Count);
            Assert.AreEqual(0, reassembler.PendingMessages);
            Assert.AreEqual(0, reassembler.PendingBytes);
        }

        [TestMethod]
        public void Add_ForgedLastPartAheadAtByteBound_OlderCopyTrimmedMessageCompletes()
        {
            // One message near the byte bound: a forged copy of its last part must cost that copy, not the message.
            var reassembler = new ConcatenationReassembler(new ManualClock(), 4, 100, 60000, 2, 2);
            var givenUp = new ArrayList();
            byte[] header = new byte[] { 0x05, 0x00, 0x03, 0x09, 0x03, 0x03 };
            byte[] last = TestBytes.Concat(header, new byte[15]);
            byte[] forged = (byte[])last.Clone();
            forged[forged.Length - 1] = 0xEE;
            Add(reassembler, "+1", forged, 9, givenUp, out PendingMessage _);
            for (int p = 1; p <= 2; p++)
            {
                header[5] = (byte)p;
                Add(reassembler, "+1", TestBytes.Concat(header, new byte[40]), p, givenUp, out PendingMessage _);
            }

            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", last, 3, givenUp, out PendingMessage message));
            Assert.AreEqual(0, givenUp.Count);
            Assert.AreEqual(95, reassembler.PendingBytes);
            byte[][][] trials = message.TakeTrials(8);
            Assert.AreEqual(1, trials.Length);
            Assert.AreEqual(0, (int)trials[0][2][14], "the genuine last part, the newest");
        }

        [TestMethod]
        public void ExpireStale_AfterTimeout_GivesUpOldOnly()
        {
            var clock = new ManualClock();
            var reassembler = new ConcatenationReassembler(clock, 4, 1000, 60000);
            var givenUp = new ArrayList();
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _);
            clock.Advance(30000);
            Add(reassembler, "+2", Part1, 2, givenUp, out PendingMessage _);
            clock.Advance(29999);
            Assert.AreEqual(0, reassembler.ExpireStale().Length);
            clock.Advance(1);
            PendingMessage[] expired = reassembler.ExpireStale();
            Assert.AreEqual(1, expired.Length);
            Assert.AreEqual("+1", expired[0].Sender);
            Assert.AreEqual(1, expired[0].Tokens.Length);
            Assert.AreEqual(1, reassembler.PendingMessages);
        }

        [TestMethod]
        public void Constructor_BadBounds_Throw()
        {
            Assert.ThrowsException(typeof(System.ArgumentNullException), () => new ConcatenationReassembler(null, 1, 1, 1));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new ConcatenationReassembler(new ManualClock(), 0, 1, 1));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new ConcatenationReassembler(new ManualClock(), 1, 0, 1));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new ConcatenationReassembler(new ManualClock(), 1, 1, 0));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new ConcatenationReassembler(new ManualClock(), 1, 1, 1, 0, 1));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new ConcatenationReassembler(new ManualClock(), 1, 1, 1, 1, 0));
        }

        // Part 1 of a two-part message to port 2948 with the given 8-bit reference, one payload octet.
        private static byte[] TwoPartFirst(int reference)
        {
            return new byte[] { 0x0B, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, 0x00, 0x03, (byte)reference, 0x02, 0x01, 0x99 };
        }

        [TestMethod]
        public void TakeReleasable_SpareAndBeyondStoredBound_ReleasedUntrustedFirst()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 8, 1000, 60000, 2, 2, 2);
            var givenUp = new ArrayList();
            var released = new ArrayList();
            reassembler.Trust("+T");
            Add(reassembler, "+T", Part1, 1, givenUp, out PendingMessage trusted);
            reassembler.TakeReleasable(released, trusted);
            Add(reassembler, "+A", Part1, 2, givenUp, out PendingMessage a);
            reassembler.TakeReleasable(released, a);
            Assert.AreEqual(0, released.Count, "two first copies: within the bound");

            Add(reassembler, "+B", Part1, 3, givenUp, out PendingMessage b);
            reassembler.TakeReleasable(released, b);
            Assert.AreEqual("2", Joined(released), "over the bound: the other untrusted sender's slot, not the new one");
            Add(reassembler, "+B", Part1Forged, 4, givenUp, out b);
            Add(reassembler, "+B", Part1, 5, givenUp, out b);
            reassembler.TakeReleasable(released, b);
            Assert.AreEqual("2 5 4", Joined(released), "the duplicate at once; over the bound, +B's older candidate (its first copy came again) before its newest");

            // Portless parts before the part that claims 2948 may be an ordinary long text: kept until it comes.
            Add(reassembler, "+C", Part2, 6, givenUp, out PendingMessage c);
            Add(reassembler, "+C", Part2, 7, givenUp, out c);
            reassembler.TakeReleasable(released, c);
            Assert.AreEqual("2 5 4", Joined(released));
            Add(reassembler, "+C", Part1, 8, givenUp, out c);
            reassembler.TakeReleasable(released, c);
            Assert.AreEqual("2 5 4 7 3 8", Joined(released), "the spare copy, then +B's slot, then the new message's own before the trusted one");
            Assert.AreEqual(1, trusted.BackedCopies);
            Assert.AreEqual(1, c.BackedCopies);
            Assert.AreEqual(4, reassembler.PendingMessages, "every message still held in memory");
        }

        private static string Joined(ArrayList tokens)
        {
            string text = string.Empty;
            for (int i = 0; i < tokens.Count; i++)
            {
                text += (i == 0 ? string.Empty : " ") + tokens[i].ToString();
            }

            return text;
        }

        private static ReassemblyStatus Add(ConcatenationReassembler reassembler, string sender, byte[] userData, int token, ArrayList givenUp, out PendingMessage message)
        {
            var header = new UserDataHeader();
            AssertReason.AreEqual(ReasonCode.None, header.Decode(userData, 0, userData.Length));
            return reassembler.Add(sender, header, userData, token, givenUp, out message);
        }
    }
}

using System.Collections;
using nanoFramework.TestFramework;
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
            Assert.AreEqual(0, reassembler.PendingMessages);
            Assert.AreEqual(0, reassembler.PendingBytes);
        }

        [TestMethod]
        public void Add_PartContradictingPort_NotWapPush()
        {
            var reassembler = new ConcatenationReassembler(new ManualClock(), 4, 1000, 60000);
            var givenUp = new ArrayList();
            Add(reassembler, "+1", Part1, 1, givenUp, out PendingMessage _);
            Add(reassembler, "+1", Part2OtherPort, 2, givenUp, out PendingMessage _);
            Assert.AreEqual((int)ReassemblyStatus.Complete, (int)Add(reassembler, "+1", Part3, 3, givenUp, out PendingMessage message));
            Assert.IsTrue(message.HasWapPushPort);
            Assert.IsTrue(message.HasOtherPort);
            Assert.IsFalse(message.IsWapPush);
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
        }

        private static ReassemblyStatus Add(ConcatenationReassembler reassembler, string sender, byte[] userData, int token, ArrayList givenUp, out PendingMessage message)
        {
            var header = new UserDataHeader();
            AssertReason.AreEqual(ReasonCode.None, header.Decode(userData, 0, userData.Length));
            return reassembler.Add(sender, header, userData, token, givenUp, out message);
        }
    }
}

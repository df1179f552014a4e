using System;
using nanoFramework.TestFramework;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Tests.TestSupport;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Tests.Builders
{
    [TestClass]
    public class TriggerBuilderTests
    {
        // OMA-TS-DM_Notification Appendix C: version 11, ui-mode 1, initiator 0, session 0x1234, "com.mgmtsrv.manage".
        private static readonly byte[] AppendixCTrigger = TestBytes.FromHex("02D0000000 1234 12 636F6D2E6D676D74737276 2E6D616E616765");

        // Captured Nokia PC Suite DS notification (interop notes): empty password and nonce, version 12, session 0.
        private static readonly byte[] NokiaContacts = TestBytes.FromHex("0179ab671b68f26698269b4ca78222ad0318000000000012" + "5043205375697465204461746120" + "53796e63106000000008436f6e7461637473");

        // The second captured Nokia PC Suite DS notification (interop notes).
        private static readonly byte[] NokiaCalendar = TestBytes.FromHex("65adf16b1feed840028683cfc8226b8b0318000000000012" + "5043205375697465204461746120" + "53796e6310600000000843616c656e646172");

        // The DS bodies the Nokia captures carry as vendor tails.
        private static readonly byte[] NokiaContactsTail = TestBytes.FromHex("106000000008436f6e7461637473");
        private static readonly byte[] NokiaCalendarTail = TestBytes.FromHex("10600000000843616c656e646172");

        // Four zero bytes: the resynchronisation nonce as Android/Motorola and Samsung read it (interop notes).
        private static readonly byte[] ZeroNonce = new byte[4];

        [TestMethod]
        public void BuildTrigger_AppendixCFields_MatchesAppendixCBytes()
        {
            var builder = new TriggerBuilder
            {
                ServerId = "com.mgmtsrv.manage",
                Version = 11,
                UiMode = UiMode.Background,
                Initiator = Initiator.Client,
                SessionId = 0x1234,
            };

            AssertBytes(AppendixCTrigger, builder.BuildTrigger());
        }

        [TestMethod]
        public void Build_NokiaContactsFields_ReproducesCapturedDigest()
        {
            AssertBytes(NokiaContacts, Nokia(NokiaContactsTail).Build());
        }

        [TestMethod]
        public void Build_NokiaCalendarFields_ReproducesCapturedDigest()
        {
            AssertBytes(NokiaCalendar, Nokia(NokiaCalendarTail).Build());
        }

        [TestMethod]
        public void Build_DigestNonceDiffers_DigestDiffersTriggerSame()
        {
            var normal = Nokia(NokiaContactsTail).Build();
            var builder = Nokia(NokiaContactsTail);
            builder.DigestNonce = ZeroNonce;
            var resync = builder.Build();

            Assert.AreEqual(normal.Length, resync.Length);
            Assert.IsFalse(SameRange(normal, resync, 0, 16));
            Assert.IsTrue(SameRange(normal, resync, 16, normal.Length - 16));
        }

        [TestMethod]
        public void Build_DigestNonceEqualsNonce_SameAsDefault()
        {
            var builder = Nokia(NokiaContactsTail);
            builder.DigestNonce = new byte[0];
            AssertBytes(NokiaContacts, builder.Build());
        }

        [TestMethod]
        public void Build_ForgedDigest_WritesItVerbatim()
        {
            var builder = Nokia(NokiaContactsTail);
            builder.ForgedDigest = TestBytes.FromHex("000102030405060708090A0B0C0D0E0F");
            var message = builder.Build();

            Assert.IsTrue(SameRange(message, builder.ForgedDigest, 0, 16));
            Assert.IsTrue(SameRange(message, NokiaContacts, 16, NokiaContacts.Length - 16));
        }

        [TestMethod]
        public void Build_ForgedDigestWrongLength_Throws()
        {
            var builder = Nokia(NokiaContactsTail);
            builder.ForgedDigest = new byte[15];
            Assert.ThrowsException(typeof(ArgumentException), () => builder.Build());
        }

        [TestMethod]
        public void BuildTrigger_EmptyServerId_Throws()
        {
            var builder = new TriggerBuilder { ServerId = string.Empty };
            Assert.ThrowsException(typeof(ArgumentException), () => builder.BuildTrigger());
        }

        [TestMethod]
        public void BuildTrigger_SessionIdAboveFFFF_Throws()
        {
            var builder = new TriggerBuilder { ServerId = "a", SessionId = 0x10000 };
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => builder.BuildTrigger());
        }

        [TestMethod]
        public void BuildTrigger_ReservedAllOnes_SetsThe27Bits()
        {
            var builder = new TriggerBuilder { ServerId = "A", Version = 11, UiMode = UiMode.Background, Initiator = Initiator.Client, SessionId = 0x1234, Reserved = 0x7FFFFFF };
            AssertBytes(TestBytes.FromHex("02D7FFFFFF 1234 01 41"), builder.BuildTrigger());
        }

        [TestMethod]
        public void BuildTrigger_LongVendorTail_TriggerLongerThan255()
        {
            var builder = new TriggerBuilder { ServerId = "srv", Vendor = new byte[300] };
            var trigger = builder.BuildTrigger();
            Assert.AreEqual(TriggerBuilder.FixedHeaderLength + 3 + 300, trigger.Length);
            Assert.AreEqual((byte)3, trigger[7]);
        }

        private static TriggerBuilder Nokia(byte[] tail)
        {
            return new TriggerBuilder
            {
                ServerId = "PC Suite Data Sync",
                Password = string.Empty,
                Nonce = new byte[0],
                Version = 12,
                UiMode = UiMode.Background,
                Initiator = Initiator.Server,
                SessionId = 0,
                Vendor = tail,
            };
        }

        private static bool SameRange(byte[] a, byte[] b, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static void AssertBytes(byte[] expected, byte[] actual)
        {
            Assert.AreEqual(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], actual[i], "byte " + i.ToString());
            }
        }
    }
}

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
        // Four zero bytes: the resynchronisation nonce as Android/Motorola and Samsung read it.
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

            AssertBytes(SpecVectors.AppendixCTrigger, builder.BuildTrigger());
        }

        [TestMethod]
        public void Build_NokiaContactsFields_ReproducesCapturedDigest()
        {
            AssertBytes(SpecVectors.NokiaContacts, Nokia(SpecVectors.NokiaContactsTail).Build());
        }

        [TestMethod]
        public void Build_NokiaCalendarFields_ReproducesCapturedDigest()
        {
            AssertBytes(SpecVectors.NokiaCalendar, Nokia(SpecVectors.NokiaCalendarTail).Build());
        }

        [TestMethod]
        public void Build_DigestNonceDiffers_DigestDiffersTriggerSame()
        {
            var normal = Nokia(SpecVectors.NokiaContactsTail).Build();
            var builder = Nokia(SpecVectors.NokiaContactsTail);
            builder.DigestNonce = ZeroNonce;
            var resync = builder.Build();

            Assert.AreEqual(normal.Length, resync.Length);
            Assert.IsFalse(SameRange(normal, resync, 0, 16));
            Assert.IsTrue(SameRange(normal, resync, 16, normal.Length - 16));
        }

        [TestMethod]
        public void Build_DigestNonceEqualsNonce_SameAsDefault()
        {
            var builder = Nokia(SpecVectors.NokiaContactsTail);
            builder.DigestNonce = new byte[0];
            AssertBytes(SpecVectors.NokiaContacts, builder.Build());
        }

        [TestMethod]
        public void Build_ForgedDigest_WritesItVerbatim()
        {
            var builder = Nokia(SpecVectors.NokiaContactsTail);
            builder.ForgedDigest = TestBytes.FromHex("000102030405060708090A0B0C0D0E0F");
            var message = builder.Build();

            Assert.IsTrue(SameRange(message, builder.ForgedDigest, 0, 16));
            Assert.IsTrue(SameRange(message, SpecVectors.NokiaContacts, 16, SpecVectors.NokiaContacts.Length - 16));
        }

        [TestMethod]
        public void Build_ForgedDigestWrongLength_Throws()
        {
            var builder = Nokia(SpecVectors.NokiaContactsTail);
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

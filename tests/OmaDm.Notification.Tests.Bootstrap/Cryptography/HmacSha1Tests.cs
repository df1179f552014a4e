using System;
using nanoFramework.TestFramework;
using OmaDm.Notification.Cryptography;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.Cryptography
{
    [TestClass]
    public class HmacSha1Tests
    {
        // RFC 2202 section 3, test cases 1..7 for HMAC-SHA-1: key, data, digest (one field per line).
        private static readonly byte[] Key1 = Fill(0x0B, 20);
        private static readonly byte[] Data1 = TestBytes.Ascii("Hi There");
        private static readonly byte[] Mac1 = TestBytes.FromHex("B617318655057264E28BC0B6FB378C8EF146BE00");

        private static readonly byte[] Key2 = TestBytes.Ascii("Jefe");
        private static readonly byte[] Data2 = TestBytes.Ascii("what do ya want for nothing?");
        private static readonly byte[] Mac2 = TestBytes.FromHex("EFFCDF6AE5EB2FA2D27416D5F184DF9C259A7C79");

        private static readonly byte[] Key3 = Fill(0xAA, 20);
        private static readonly byte[] Data3 = Fill(0xDD, 50);
        private static readonly byte[] Mac3 = TestBytes.FromHex("125D7342B9AC11CD91A39AF48AA17B4F63F175D3");

        private static readonly byte[] Key4 = TestBytes.FromHex("0102030405060708090A0B0C0D0E0F10111213141516171819");
        private static readonly byte[] Data4 = Fill(0xCD, 50);
        private static readonly byte[] Mac4 = TestBytes.FromHex("4C9007F4026250C6BC8414F9BF50C86C2D7235DA");

        private static readonly byte[] Key5 = Fill(0x0C, 20);
        private static readonly byte[] Data5 = TestBytes.Ascii("Test With Truncation");
        private static readonly byte[] Mac5 = TestBytes.FromHex("4C1A03424B55E07FE7F27BE1D58BB9324A9A5A04");

        private static readonly byte[] Key6 = Fill(0xAA, 80);
        private static readonly byte[] Data6 = TestBytes.Ascii("Test Using Larger Than Block-Size Key - Hash Key First");
        private static readonly byte[] Mac6 = TestBytes.FromHex("AA4AE5E15272D00E95705637CE8A3B55ED402112");

        private static readonly byte[] Key7 = Fill(0xAA, 80);
        private static readonly byte[] Data7 = TestBytes.Ascii("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data");
        private static readonly byte[] Mac7 = TestBytes.FromHex("E8E99D0F45237D786D6BBAA7965C7808BBFF1A91");

        private static byte[] Fill(int value, int count)
        {
            byte[] bytes = new byte[count];
            for (int i = 0; i < count; i++)
            {
                bytes[i] = (byte)value;
            }

            return bytes;
        }

        private static void AssertMac(byte[] key, byte[] data, byte[] expected, string name)
        {
            var hmac = new HmacSha1();
            hmac.SetKey(key, 0, key.Length);
            byte[] output = new byte[HmacSha1.MacLength];
            hmac.Compute(data, 0, data.Length, output, 0);
            Assert.AreEqual(TestBytes.ToHex(expected), TestBytes.ToHex(output), name);
        }

        [TestMethod]
        public void Compute_Rfc2202Case1_Matches() => AssertMac(Key1, Data1, Mac1, "case 1");

        [TestMethod]
        public void Compute_Rfc2202Case2_Matches() => AssertMac(Key2, Data2, Mac2, "case 2");

        [TestMethod]
        public void Compute_Rfc2202Case3_Matches() => AssertMac(Key3, Data3, Mac3, "case 3");

        [TestMethod]
        public void Compute_Rfc2202Case4_Matches() => AssertMac(Key4, Data4, Mac4, "case 4");

        [TestMethod]
        public void Compute_Rfc2202Case5_Matches() => AssertMac(Key5, Data5, Mac5, "case 5");

        [TestMethod]
        public void Compute_Rfc2202Case6KeyLongerThanBlock_Matches() => AssertMac(Key6, Data6, Mac6, "case 6");

        [TestMethod]
        public void Compute_Rfc2202Case7KeyAndDataLongerThanBlock_Matches() => AssertMac(Key7, Data7, Mac7, "case 7");

        [TestMethod]
        public void Compute_KeyChangedAndRangeInsideLargerBuffers_UsesOnlyTheRanges()
        {
            var hmac = new HmacSha1();
            hmac.SetKey(Key6, 0, Key6.Length);
            byte[] key = TestBytes.Embed(Key2, 3, 9);
            byte[] data = TestBytes.Embed(Data2, 11, 4);
            hmac.SetKey(key, 3, Key2.Length);
            byte[] output = new byte[HmacSha1.MacLength + 2];
            hmac.Compute(data, 11, Data2.Length, output, 2);
            Assert.IsTrue(TestBytes.RangeEquals(Mac2, output, 2, HmacSha1.MacLength));

            // Again under the same key: the padded keys are kept, not consumed.
            hmac.Compute(data, 11, Data2.Length, output, 2);
            Assert.IsTrue(TestBytes.RangeEquals(Mac2, output, 2, HmacSha1.MacLength));
        }

        [TestMethod]
        public void Compute_NoKey_Throws()
        {
            var hmac = new HmacSha1();
            Assert.ThrowsException(typeof(InvalidOperationException), () => hmac.Compute(Data1, 0, Data1.Length, new byte[HmacSha1.MacLength], 0));
            hmac.SetKey(Key1, 0, Key1.Length);
            hmac.ClearKey();
            Assert.IsFalse(hmac.HasKey);
        }

        [TestMethod]
        public void FixedTimeEquals_DifferenceAtEitherEnd_IsFalse()
        {
            byte[] copy = TestBytes.Concat(Mac1);
            Assert.IsTrue(HmacSha1.FixedTimeEquals(Mac1, 0, copy, 0, HmacSha1.MacLength));
            copy[0] ^= 1;
            Assert.IsFalse(HmacSha1.FixedTimeEquals(Mac1, 0, copy, 0, HmacSha1.MacLength));
            copy[0] ^= 1;
            copy[HmacSha1.MacLength - 1] ^= 0x80;
            Assert.IsFalse(HmacSha1.FixedTimeEquals(Mac1, 0, copy, 0, HmacSha1.MacLength));
        }
    }
}

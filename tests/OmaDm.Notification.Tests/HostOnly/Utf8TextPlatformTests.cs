using System;
using System.Text;
using nanoFramework.TestFramework;
using OmaDm.Notification.Storage.Records;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>
    /// The device's strict UTF-8 (<see cref="Utf8Text"/>) against the platform's throwing decoder and encoder
    /// (<c>new UTF8Encoding(false, true)</c>, which follows RFC 3629): the same verdict and the same text for random and
    /// near-valid bytes, and the same bytes for random strings, lone surrogates included. The one intended difference:
    /// <see cref="Utf8Text"/> refuses U+0000 (nanoCLR's strings end at a NUL), which the platform accepts.
    /// </summary>
    [TestClass]
    public class Utf8TextPlatformTests
    {
        private const int Inputs = 200_000;

        private static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);

        [TestMethod]
        public void TryDecode_RandomAndNearValidBytes_AgreesWithPlatformStrictDecoder()
        {
            var random = new Random(0x3629);
            int accepted = 0;
            for (int i = 0; i < Inputs; i++)
            {
                byte[] bytes;
                if (i % 2 == 0)
                {
                    bytes = new byte[random.Next(0, 12)];
                    random.NextBytes(bytes);
                }
                else
                {
                    // Valid text from random code points, then one byte changed: mostly near the boundaries.
                    var text = new StringBuilder();
                    for (int k = random.Next(1, 5); k > 0; k--)
                    {
                        int point = random.Next(0, 0x110000);
                        text.Append(point >= 0xD800 && point <= 0xDFFF ? "a" : char.ConvertFromUtf32(point));
                    }

                    bytes = Strict.GetBytes(text.ToString());
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                string expected;
                try
                {
                    expected = Strict.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    expected = null;
                }

                expected = expected != null && expected.IndexOf('\0') >= 0 ? null : expected;

                bool ok = Utf8Text.TryDecode(bytes, 0, bytes.Length, out string actual);
                Assert.AreEqual(expected != null, ok, Convert.ToHexString(bytes));
                Assert.AreEqual(expected, actual, Convert.ToHexString(bytes));
                Assert.AreEqual(ok ? -1 : 0, Math.Min(0, Utf8Text.FindInvalid(bytes, 0, bytes.Length)), Convert.ToHexString(bytes));
                accepted += ok ? 1 : 0;
            }

            Assert.IsTrue(accepted > Inputs / 10 && accepted < Inputs * 9 / 10, "accepted " + accepted);
        }

        [TestMethod]
        public void GetBytes_RandomUtf16_AgreesWithPlatformStrictEncoder()
        {
            var random = new Random(0x2279);
            for (int i = 0; i < Inputs; i++)
            {
                char[] chars = new char[random.Next(0, 6)];
                for (int k = 0; k < chars.Length; k++)
                {
                    // Surrogates one time in four, so pairs and lone halves both occur.
                    chars[k] = random.Next(4) == 0 ? (char)random.Next(0xD800, 0xE000) : (char)random.Next(0, 0x10000);
                }

                string text = new string(chars);
                byte[] expected;
                try
                {
                    expected = Strict.GetBytes(text);
                }
                catch (EncoderFallbackException)
                {
                    expected = null;
                }

                expected = text.IndexOf('\0') >= 0 ? null : expected;

                Assert.AreEqual(expected == null ? -1 : expected.Length, Utf8Text.GetByteCount(text));
                if (expected != null)
                {
                    Assert.AreEqual(Convert.ToHexString(expected), Convert.ToHexString(Utf8Text.GetBytes(text)));
                }
            }
        }
    }
}

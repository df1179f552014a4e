using System;
using nanoFramework.TestFramework;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Tests.Trigger
{
    [TestClass]
    public class SessionIdTextTests
    {
        [TestMethod]
        [DataRow(0, "0")]
        [DataRow(1, "1")]
        [DataRow(0xA, "A")]
        [DataRow(0xFF, "FF")]
        [DataRow(0x100, "100")]
        [DataRow(0x0ABC, "ABC")]
        [DataRow(0x1234, "1234")]
        [DataRow(0xFFFF, "FFFF")]
        public void Format_Hexadecimal_UpperCaseWithoutLeadingZeros(int sessionId, string expected)
        {
            Assert.AreEqual(expected, SessionIdText.Format(sessionId, SessionIdFormat.Hexadecimal));
        }

        [TestMethod]
        [DataRow(0, "0")]
        [DataRow(9, "9")]
        [DataRow(10, "10")]
        [DataRow(0x1234, "4660")]
        [DataRow(0xFFFF, "65535")]
        public void Format_Decimal_WithoutLeadingZeros(int sessionId, string expected)
        {
            Assert.AreEqual(expected, SessionIdText.Format(sessionId, SessionIdFormat.Decimal));
        }

        [TestMethod]
        public void Format_EveryValue_MatchesPlatformHexAndDecimal()
        {
            for (int sessionId = 0; sessionId <= 0xFFFF; sessionId += 0x101)
            {
                Assert.AreEqual(sessionId.ToString("X"), SessionIdText.Format(sessionId, SessionIdFormat.Hexadecimal));
                Assert.AreEqual(sessionId.ToString(), SessionIdText.Format(sessionId, SessionIdFormat.Decimal));
            }
        }

        [TestMethod]
        [DataRow(-1)]
        [DataRow(0x10000)]
        public void Format_OutOfRange_Throws(int sessionId)
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => SessionIdText.Format(sessionId, SessionIdFormat.Hexadecimal));
        }
    }
}

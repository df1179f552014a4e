using nanoFramework.TestFramework;

namespace OmaDm.Notification.Tests.TestSupport
{
    /// <summary>
    /// Compares reason codes by name, so a failure reads <c>expected &lt;digest-mismatch&gt; but was &lt;unknown-server&gt;</c>
    /// on the host and in the emulator alike (nanoFramework prints an enum as its number).
    /// </summary>
    public static class AssertReason
    {
        /// <summary>Asserts two reason codes are the same, comparing and showing their names.</summary>
        /// <param name="expected">The expected reason.</param>
        /// <param name="actual">The actual reason.</param>
        /// <param name="message">Shown on failure.</param>
        public static void AreEqual(ReasonCode expected, ReasonCode actual, string message = "")
        {
            Assert.AreEqual(ReasonCodeText.ToKebabCase(expected), ReasonCodeText.ToKebabCase(actual), message);
        }
    }
}

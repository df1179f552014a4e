using System;
using nanoFramework.TestFramework;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Tests.Bootstrap;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.HostOnly
{
    /// <summary>
    /// A refused bootstrap document allocates nothing: the decoder's working memory is made once, and strings are made
    /// only for an accepted account (BootstrapDocumentDecoder's remarks).
    /// </summary>
    [TestClass]
    public class BootstrapAllocationTests
    {
        [TestMethod]
        public void Decode_MalformedAndNoAccountDocuments_AllocateNothing()
        {
            var account = new BootstrapAccount();
            byte[] cp = BootstrapVectors.CpW7;
            byte[] dm = BootstrapVectors.DmW7;
            byte[] cht = BootstrapVectors.MozillaCht;

            // Warm up (JIT, the decoder's working memory) before measuring.
            AssertReason.AreEqual(ReasonCode.None, BootstrapDocumentDecoder.Decode(cp, 0, cp.Length, BootstrapProfile.ClientProvisioning, account));
            AssertReason.AreEqual(ReasonCode.BootstrapMalformed, BootstrapDocumentDecoder.Decode(dm, 0, dm.Length - 1, BootstrapProfile.DmProfile, account));

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++)
            {
                BootstrapDocumentDecoder.Decode(cp, 0, cp.Length - 1, BootstrapProfile.ClientProvisioning, account);
                BootstrapDocumentDecoder.Decode(dm, 0, dm.Length - 1, BootstrapProfile.DmProfile, account);
                BootstrapDocumentDecoder.Decode(cht, 0, cht.Length, BootstrapProfile.ClientProvisioning, account);
                BootstrapDocumentDecoder.Decode(cp, 0, cp.Length, BootstrapProfile.DmProfile, account);
            }

            Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before, "bytes allocated while refusing");
        }
    }
}

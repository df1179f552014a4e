using System;
using System.Collections.Generic;
using nanoFramework.TestFramework;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.Tests.HostOnly.Hardening
{
    /// <summary>
    /// Deterministic mutation suite: at least 100,000 mutated inputs per decoder (fixed seeds), each decoded alone and
    /// inside a larger buffer of random bytes at an offset. Every one must end in a defined <see cref="ReasonCode"/>
    /// (the targets throw on anything else, and on accepted ranges outside the input), with the same verdict at both
    /// places: a decoder must not read outside its window.
    /// </summary>
    [TestClass]
    public class MutationTests
    {
        private const int InputsPerDecoder = 100_000;

        [TestMethod]
        public void SmsDeliverDecoder_MutatedVectors_EndInNamedReason()
        {
            Dictionary<ReasonCode, int> seen = RunMutations(HardeningVectors.SmsSeeds, 23040, FuzzTargets.Sms);
            Assert.IsTrue(seen.ContainsKey(ReasonCode.None) && seen.ContainsKey(ReasonCode.Truncated) && seen.ContainsKey(ReasonCode.Malformed), Describe(seen));
        }

        [TestMethod]
        public void WspPushDecoder_MutatedVectors_EndInNamedReason()
        {
            Dictionary<ReasonCode, int> seen = RunMutations(HardeningVectors.WspSeeds, 230, FuzzTargets.Wsp);
            Assert.IsTrue(seen.ContainsKey(ReasonCode.None) && seen.ContainsKey(ReasonCode.NotPush) && seen.ContainsKey(ReasonCode.Truncated), Describe(seen));
        }

        [TestMethod]
        public void TriggerDecoder_MutatedVectors_EndInNamedReason()
        {
            Dictionary<ReasonCode, int> seen = RunMutations(HardeningVectors.TriggerSeeds, 62, FuzzTargets.Trigger);
            Assert.IsTrue(seen.ContainsKey(ReasonCode.None) && seen.ContainsKey(ReasonCode.UnsupportedVersion) && seen.ContainsKey(ReasonCode.Malformed), Describe(seen));
        }

        [TestMethod]
        public void NotificationAgentProcessPush_MutatedPushes_EndInNamedReasonAndReachDigest()
        {
            Dictionary<ReasonCode, int> seen = RunMutations(HardeningVectors.WspSeeds, 5121, FuzzTargets.Push);
            Assert.IsTrue(seen.ContainsKey(ReasonCode.None) && seen.ContainsKey(ReasonCode.DigestMismatch) && seen.ContainsKey(ReasonCode.UnknownServer), Describe(seen));
        }

        [TestMethod]
        public void SmsNotificationReceiverReceive_MutatedPdus_EndInNamedReasonAndReachDigest()
        {
            Dictionary<ReasonCode, int> seen = RunMutations(HardeningVectors.SmsSeeds, 9324, FuzzTargets.ReceiveSms);
            Assert.IsTrue(seen.ContainsKey(ReasonCode.None) && seen.ContainsKey(ReasonCode.DigestMismatch) && seen.ContainsKey(ReasonCode.NotWdp), Describe(seen));
        }

        [TestMethod]
        public void BootstrapDocumentDecoder_MutatedDocuments_EndInNamedReason()
        {
            Dictionary<ReasonCode, int> seen = RunMutations(FuzzTargets.Seeds("wbxml"), 192, FuzzTargets.Wbxml);
            Assert.IsTrue(seen.ContainsKey(ReasonCode.None) && seen.ContainsKey(ReasonCode.BootstrapMalformed) && seen.ContainsKey(ReasonCode.BootstrapNoDmAccount), Describe(seen));
        }

        private static Dictionary<ReasonCode, int> RunMutations(byte[][] vectors, int seed, Func<byte[], int, int, ReasonCode> target)
        {
            var random = new Random(seed);
            var seen = new Dictionary<ReasonCode, int>();
            int inputs = 0;
            foreach (byte[] input in Mutator.Mutations(vectors, seed, InputsPerDecoder))
            {
                ReasonCode alone = Decode(target, input, 0, input.Length);
                byte[] larger = Mutator.Embed(input, random, out int offset);
                ReasonCode embedded = Decode(target, larger, offset, input.Length);
                AssertReason.AreEqual(alone, embedded, "at an offset: " + Convert.ToHexString(input));
                seen[alone] = seen.TryGetValue(alone, out int n) ? n + 1 : 1;
                inputs++;
            }

            Assert.IsTrue(inputs >= InputsPerDecoder, "only " + inputs + " inputs");
            return seen;
        }

        private static ReasonCode Decode(Func<byte[], int, int, ReasonCode> target, byte[] buffer, int offset, int count)
        {
            try
            {
                return target(buffer, offset, count);
            }
            catch (Exception exception)
            {
                throw new InvalidOperationException(
                    "input " + Convert.ToHexString(buffer, offset, count) + " threw " + exception.GetType().Name + ": " + exception.Message, exception);
            }
        }

        private static string Describe(Dictionary<ReasonCode, int> seen)
        {
            var parts = new List<string>();
            foreach (KeyValuePair<ReasonCode, int> pair in seen)
            {
                parts.Add(pair.Key + "=" + pair.Value);
            }

            return string.Join(", ", parts);
        }
    }
}

using System;
using nanoFramework.TestFramework;

namespace OmaDm.Notification.Tests.HostOnly.Hardening
{
    /// <summary>
    /// The CI smoke of every fuzz target (no AFL needed): the target's entry function in-process over its seeds, then
    /// a few thousand random inputs and havoc-style mutations of the seeds. A long campaign runs the same functions
    /// under AFL++ (tests/Fuzz/run.sh).
    /// </summary>
    [TestClass]
    public class FuzzSmokeTests
    {
        private const int RandomInputs = 3000;

        [TestMethod]
        public void FuzzTargets_SeedsAndRandomInputs_EndInNamedReason()
        {
            foreach (string target in FuzzTargets.Names)
            {
                var random = new Random(target.GetHashCode() & 0x7FFF ^ 0x2948);
                byte[][] seeds = FuzzTargets.Seeds(target);
                int accepted = 0;
                foreach (byte[] seed in seeds)
                {
                    accepted += FuzzTargets.Run(target, seed, 0, seed.Length) == ReasonCode.None ? 1 : 0;
                }

                Assert.IsTrue(accepted > 0, target + ": no seed accepted, the seeds do not reach the deep paths");
                for (int i = 0; i < RandomInputs; i++)
                {
                    byte[] input;
                    if (i % 2 == 0)
                    {
                        input = new byte[random.Next(0, 400)];
                        random.NextBytes(input);
                    }
                    else
                    {
                        input = (byte[])seeds[random.Next(seeds.Length)].Clone();
                        for (int k = random.Next(1, 6); k > 0 && input.Length > 0; k--)
                        {
                            input[random.Next(input.Length)] = (byte)random.Next(256);
                        }
                    }

                    try
                    {
                        FuzzTargets.Run(target, input, 0, input.Length);
                    }
                    catch (Exception exception)
                    {
                        throw new InvalidOperationException(target + " input " + Convert.ToHexString(input) + ": " + exception.Message, exception);
                    }
                }
            }
        }
    }
}

using System;

namespace OmaDm.Notification.DeviceBenchmarks
{
    /// <summary>
    /// The device cost of each path, measured in the runtime it runs in (nanoCLR in the emulator runner:
    /// <c>tests/Emulator/run.sh --run OmaDm.Notification.DeviceBenchmarks</c>). Prints one line per operation:
    /// <c>bench|name|runs timed|µs per run|heap blocks per run|runs until a collection</c>.
    /// </summary>
    public static class Program
    {
        private const int TimedRuns = 500;

        public static void Main()
        {
            Console.WriteLine("bench-start");
            try
            {
                Measure();
            }
            catch (Exception ex)
            {
                Console.WriteLine("bench-failed|" + ex.GetType().FullName + "|" + ex.Message);
            }
        }

        private static void Measure()
        {
            var scenarios = new Scenarios();
            var probe = new AllocationProbe();
            Console.WriteLine("bench-calibration|new object() per window|" + probe.WindowBlocks);
            IBenchmark[] all = scenarios.All();
            for (int i = 0; i < all.Length; i++)
            {
                IBenchmark benchmark = all[i];
                benchmark.Run();
                long start = DateTime.UtcNow.Ticks;
                for (int run = 0; run < TimedRuns; run++)
                {
                    benchmark.Run();
                }

                long ticks = DateTime.UtcNow.Ticks - start;
                double blocks = probe.BlocksPerRun(benchmark, out int runs);
                Console.WriteLine("bench|" + benchmark.Name + "|" + TimedRuns + "|" + (ticks / 10.0 / TimedRuns).ToString("F1")
                    + "|" + blocks.ToString("F2") + "|" + runs);
            }

            Console.WriteLine("bench-done");
        }
    }
}

using System;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.DeviceBenchmarks
{
    /// <summary>
    /// The device cost of each path, measured in the runtime it runs in (nanoCLR in the emulator runner:
    /// <c>tests/Emulator/run.sh --run OmaDm.Notification.DeviceBenchmarks</c>), beside the figures this program gave at
    /// commit <see cref="Comparison.RecordedAt"/> (recorded, not re-run: another machine load, the same meter). Prints
    /// one line per operation:
    /// <c>bench|name|µs per run|heap blocks per run|recorded at e32fa3a: µs, heap blocks</c>
    /// (µs: the median of <see cref="Rounds"/> rounds of <see cref="RunsPerRound"/> runs; heap blocks: see
    /// <see cref="AllocationMeter"/> for its error).
    /// </summary>
    public static class Program
    {
        private const int Rounds = 7;
        private const int RunsPerRound = 100;

        public static void Main()
        {
            // First, on a heap that holds nothing of the timing scenarios.
            Console.WriteLine("heap-start");
            try
            {
                new HeapBudget().Run();
                Console.WriteLine("heap-done");
            }
            catch (Exception ex)
            {
                Console.WriteLine("heap-failed|" + ex.GetType().FullName + "|" + ex.Message);
            }

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
            var meter = new AllocationMeter();
            Console.WriteLine("bench-calibration|new object() per window|" + meter.WindowBlocks);
            Comparison[] all = scenarios.All();
            for (int i = 0; i < all.Length; i++)
            {
                Comparison comparison = all[i];
                IBenchmark current = comparison.Current;
                var currentTimes = new double[Rounds];
                current.Run();
                for (int round = 0; round < Rounds; round++)
                {
                    currentTimes[round] = Time(current);
                }

                double micros = Median(currentTimes);
                Console.WriteLine("bench|" + comparison.Name + "|" + micros.ToString("F1") + "|"
                    + meter.PerRun(new MeasuredOperation(current.Run)).ToString("F2") + "|"
                    + (comparison.Recorded == null ? "-" : "recorded at " + Comparison.RecordedAt + ": " + comparison.Recorded));
            }

            Console.WriteLine("bench-done");
        }

        private static double Time(IBenchmark benchmark)
        {
            long start = DateTime.UtcNow.Ticks;
            for (int run = 0; run < RunsPerRound; run++)
            {
                benchmark.Run();
            }

            return (DateTime.UtcNow.Ticks - start) / 10.0 / RunsPerRound;
        }

        private static double Median(double[] values)
        {
            // Insertion sort: a handful of values, and no Array.Sort on the device.
            for (int i = 1; i < values.Length; i++)
            {
                double value = values[i];
                int j = i - 1;
                for (; j >= 0 && values[j] > value; j--)
                {
                    values[j + 1] = values[j];
                }

                values[j + 1] = value;
            }

            return values[values.Length / 2];
        }
    }
}

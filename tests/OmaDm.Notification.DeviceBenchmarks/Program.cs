using System;
using OmaDm.Notification.Tests.TestSupport;

namespace OmaDm.Notification.DeviceBenchmarks
{
    /// <summary>
    /// The device cost of each path, measured in the runtime it runs in (nanoCLR in the emulator runner:
    /// <c>tests/Emulator/run.sh --run OmaDm.Notification.DeviceBenchmarks</c>), today's code beside the code as it was
    /// before the interpreter work (the <c>Baseline</c> folder), alternated round by round so both see the same machine load. Prints
    /// one line per operation:
    /// <c>bench|name|µs per run|heap blocks per run|baseline µs per run|baseline heap blocks per run|baseline µs / µs</c>
    /// (µs: the median of <see cref="Rounds"/> rounds of <see cref="RunsPerRound"/> runs).
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
                IBenchmark baseline = comparison.Baseline;
                var currentTimes = new double[Rounds];
                var baselineTimes = new double[Rounds];
                current.Run();
                if (baseline != null)
                {
                    baseline.Run();
                }

                for (int round = 0; round < Rounds; round++)
                {
                    currentTimes[round] = Time(current);
                    if (baseline != null)
                    {
                        baselineTimes[round] = Time(baseline);
                    }
                }

                double micros = Median(currentTimes);
                string line = "bench|" + comparison.Name + "|" + micros.ToString("F1") + "|"
                    + meter.PerRun(new MeasuredOperation(current.Run)).ToString("F2");
                if (baseline != null)
                {
                    double baselineMicros = Median(baselineTimes);
                    line += "|" + baselineMicros.ToString("F1") + "|"
                        + meter.PerRun(new MeasuredOperation(baseline.Run)).ToString("F2") + "|"
                        + (baselineMicros / micros).ToString("F2") + "x";
                }
                else
                {
                    line += "|-|-|-";
                }

                Console.WriteLine(line);
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

using System;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace OmaDm.Notification.DeviceBenchmarks
{
    /// <summary>
    /// Counts what an operation allocates on nanoCLR, garbage included, without an instrumented runtime. The heap is
    /// compacted and filled with a ballast array until only a small window stays free; a weakly referenced sentinel
    /// object is made, then the operation runs until the collector runs, which is the moment the sentinel dies. The
    /// number of runs that fit in the window, against the number of plain objects (one heap block each) that fit in
    /// the same window, gives heap blocks per run. An operation that never exhausts the window in
    /// <see cref="MaxRuns"/> runs allocates nothing measurable (less than one block per <see cref="MaxRuns"/> runs).
    /// </summary>
    public sealed class AllocationProbe
    {
        /// <summary>Bytes left free for the runs: small enough to exhaust quickly, large enough to resolve one block per run.</summary>
        public const int WindowBytes = 48 * 1024;

        private const int ChunkBytes = 2000;

        private const int SampleChunks = 32;

        /// <summary>Runs after which an operation counts as allocation-free.</summary>
        public const int MaxRuns = 20000;

        private readonly int calibration;

        public AllocationProbe()
        {
            calibration = RunsUntilCollection(new NewObject());
        }

        /// <summary>Plain objects (one heap block each) that fit in the window.</summary>
        public int WindowBlocks => calibration;

        /// <summary>Heap blocks an operation allocates per run, or 0 when it did not exhaust the window.</summary>
        public double BlocksPerRun(IBenchmark operation, out int runs)
        {
            runs = RunsUntilCollection(operation);
            return runs >= MaxRuns ? 0 : (double)calibration / runs;
        }

        private static int RunsUntilCollection(IBenchmark operation)
        {
            // Collections without compaction: the 64-bit posix nanoCLR mis-relocates references when it compacts. The
            // free space may then be fragmented, so the ballast is made of small chunks, sized by what one really costs.
            uint before = NativeGC.Run(false);
            object[] sample = new object[SampleChunks];
            for (int i = 0; i < sample.Length; i++)
            {
                sample[i] = new byte[ChunkBytes];
            }

            uint after = NativeGC.Run(false);
            int chunkCost = (int)(before - after) / SampleChunks;
            object[] ballast = new object[((int)after - WindowBytes) / chunkCost];
            for (int i = 0; i < ballast.Length; i++)
            {
                ballast[i] = new byte[ChunkBytes];
            }

            var sentinel = new WeakReference(new object());
            int runs = 0;
            while (runs < MaxRuns && sentinel.IsAlive)
            {
                operation.Run();
                runs++;
            }

            // Keeps the ballast reachable until here; it goes with the next collection.
            ballast[0] = sample;
            return runs;
        }

        private sealed class NewObject : IBenchmark
        {
            public string Name => "new object()";

            public object Keep;

            public void Run() => Keep = new object();
        }
    }
}

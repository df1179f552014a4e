using System;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace OmaDm.Notification.Tests.TestSupport
{
    /// <summary>
    /// Counts what an operation allocates per run, garbage included, in the runtime the tests run in. This is the
    /// nanoCLR implementation (device-only; the host build compiles AllocationMeter.Host.cs instead, with the same API):
    /// the unit is the heap block (24 bytes on the x64 emulator build, 12 on a 32-bit board).
    /// </summary>
    /// <remarks>
    /// nanoCLR has no allocation counter, so this counts without one. Everything unused is collected, then a ballast of
    /// small arrays fills the free heap until only <see cref="WindowBytes"/> stay free; a weakly referenced sentinel
    /// object is made, and the operation runs until the collector runs, which is the moment the sentinel dies. The runs
    /// that fit in the window, against the plain objects (one heap block each) that fit in the same window, give heap
    /// blocks per run. An operation that runs <see cref="MaxRuns"/> times without a collection allocates less than half a
    /// block per run, so nothing on every run: it reports 0. Collections never compact here (<c>Run(false)</c>): the
    /// 64-bit posix nanoCLR mis-relocates references when it compacts.
    /// </remarks>
    public sealed class AllocationMeter
    {
        /// <summary>Bytes left free for the runs: small enough to exhaust quickly, large enough to resolve one block per run.</summary>
        public const int WindowBytes = 48 * 1024;

        private const int ChunkBytes = 2000;
        private const int SampleChunks = 32;

        private readonly int _windowBlocks;
        private object _keep;

        /// <summary>Calibrates the meter: how many plain objects fit in the window.</summary>
        public AllocationMeter()
        {
            _windowBlocks = RunsUntilCollection(NewObject, int.MaxValue);
        }

        /// <summary>The unit of <see cref="PerRun"/> in this runtime.</summary>
        public string Unit => "heap blocks";

        /// <summary>Plain objects (one heap block each) that fit in the window.</summary>
        public int WindowBlocks => _windowBlocks;

        /// <summary>Runs after which an operation counts as allocating nothing: twice the window, in runs of one block.</summary>
        public int MaxRuns => _windowBlocks * 2;

        /// <summary>Heap blocks the operation allocates per run (the operation runs many times); 0 when nothing.</summary>
        /// <param name="operation">The operation; it must not keep what it allocates.</param>
        /// <returns>Heap blocks per run.</returns>
        public double PerRun(MeasuredOperation operation)
        {
            operation();
            int runs = RunsUntilCollection(operation, MaxRuns);
            return runs >= MaxRuns ? 0 : (double)_windowBlocks / runs;
        }

        private void NewObject()
        {
            _keep = new object();
        }

        private static int RunsUntilCollection(MeasuredOperation operation, int limit)
        {
            // Without compaction the free space may be fragmented, so the ballast is made of small chunks, sized by what
            // one really costs.
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
            while (runs < limit && sentinel.IsAlive)
            {
                operation();
                runs++;
            }

            // Keeps the ballast reachable until here; it goes with the next collection.
            ballast[0] = sample;
            return runs;
        }
    }
}

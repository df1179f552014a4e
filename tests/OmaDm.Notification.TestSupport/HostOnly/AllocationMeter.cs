using System;

namespace OmaDm.Notification.Tests.TestSupport
{
    /// <summary>
    /// Counts what an operation allocates per run, in the runtime the tests run in. This is the .NET implementation
    /// (host-only, compiled by OmaDm.Notification.TestSupport.csproj; the device build has Common/AllocationMeter.cs, the
    /// same API): the unit is the byte, from <see cref="GC.GetAllocatedBytesForCurrentThread"/>.
    /// </summary>
    public sealed class AllocationMeter
    {
        private const int Runs = 200;

        /// <summary>The unit of <see cref="PerRun"/> in this runtime.</summary>
        public string Unit => "bytes";

        /// <summary>Bytes the operation allocates per run (after a warm-up run); 0 when nothing.</summary>
        /// <param name="operation">The operation; it must not keep what it allocates.</param>
        /// <returns>Bytes per run.</returns>
        public double PerRun(MeasuredOperation operation)
        {
            operation();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Runs; i++)
            {
                operation();
            }

            return (double)(GC.GetAllocatedBytesForCurrentThread() - before) / Runs;
        }
    }
}

namespace OmaDm.Notification.DeviceBenchmarks
{
    /// <summary>One path measured with today's code, printed beside the figures recorded for it at an earlier commit.</summary>
    public sealed class Comparison
    {
        /// <summary>The commit whose figures <see cref="Recorded"/> holds (README "Benchmarks", measured by this program).</summary>
        public const string RecordedAt = "e32fa3a";

        public Comparison(string name, IBenchmark current, string recorded)
        {
            Name = name;
            Current = current;
            Recorded = recorded;
        }

        public string Name { get; }

        public IBenchmark Current { get; }

        /// <summary>"µs range, heap blocks" as recorded at <see cref="RecordedAt"/>, or null when the path is newer.</summary>
        public string Recorded { get; }
    }
}

namespace OmaDm.Notification.DeviceBenchmarks
{
    /// <summary>One path measured with today's code and, where one exists, with the pre-issue-12 baseline code.</summary>
    public sealed class Comparison
    {
        public Comparison(string name, IBenchmark current, IBenchmark baseline)
        {
            Name = name;
            Current = current;
            Baseline = baseline;
        }

        public string Name { get; }

        public IBenchmark Current { get; }

        /// <summary>The same path through the Baseline copies, or null when there is none.</summary>
        public IBenchmark Baseline { get; }
    }
}

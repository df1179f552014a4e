using BenchmarkDotNet.Running;

namespace OmaDm.Notification.Benchmarks
{
    /// <summary>Entry point: BenchmarkDotNet's switcher, so --filter, --job and --inProcess work as documented.</summary>
    public static class Program
    {
        /// <summary>Runs the benchmarks the arguments select.</summary>
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}

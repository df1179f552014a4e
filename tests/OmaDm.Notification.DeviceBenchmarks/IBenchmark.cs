namespace OmaDm.Notification.DeviceBenchmarks
{
    /// <summary>One operation to time and to count allocations of. Run must not allocate anything of its own.</summary>
    public interface IBenchmark
    {
        void Run();
    }
}

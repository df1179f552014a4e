namespace OmaDm.Notification.Tests.TestSupport
{
    /// <summary>One run of an operation whose allocations an <see cref="AllocationMeter"/> counts.</summary>
    public delegate void MeasuredOperation();
}

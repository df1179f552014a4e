namespace OmaDm.Notification.Wdp
{
    /// <summary>What <see cref="ConcatenationReassembler.Add"/> did with a part.</summary>
    public enum ReassemblyStatus
    {
        /// <summary>The part is held (or was a duplicate); the message is not complete yet.</summary>
        Pending = 0,

        /// <summary>This part completed its message.</summary>
        Complete = 1,

        /// <summary>The message does not fit the byte bound even alone: it was given up with this part.</summary>
        Evicted = 2,
    }
}

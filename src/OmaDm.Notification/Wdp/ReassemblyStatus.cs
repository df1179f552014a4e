namespace OmaDm.Notification.Wdp
{
    /// <summary>What <see cref="ConcatenationReassembler.Add"/> did with a part.</summary>
    public enum ReassemblyStatus
    {
        /// <summary>The part is held (or was a duplicate); the message is not complete yet.</summary>
        Pending = 0,

        /// <summary>
        /// Every part number has a candidate and this part added combinations not tried yet (take them with
        /// <see cref="PendingMessage.TakeTrials"/>); the message stays held until <see cref="ConcatenationReassembler.Finish"/>.
        /// </summary>
        Complete = 1,

        /// <summary>
        /// The message does not fit the bounds (its octets alone, or every other held message is a trusted sender's): it
        /// was given up with this part.
        /// </summary>
        Evicted = 2,
    }
}

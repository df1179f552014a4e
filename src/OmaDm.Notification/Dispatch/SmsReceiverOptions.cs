namespace OmaDm.Notification.Dispatch
{
    /// <summary>Bounds and tolerances of <see cref="SmsNotificationReceiver"/>.</summary>
    public sealed class SmsReceiverOptions
    {
        /// <summary>
        /// Concatenated messages held at once (default 16); beyond it the sender holding the most messages gives up its
        /// oldest (reported Evicted).
        /// </summary>
        public int MaxPendingMessages { get; set; } = 16;

        /// <summary>
        /// User-data bytes held for pending messages, every candidate counted (default 4096); beyond it the sender holding
        /// the most bytes gives up its oldest message (reported Evicted).
        /// </summary>
        public int MaxPendingBytes { get; set; } = 4096;

        /// <summary>
        /// Concatenated messages one sender may hold at once; its own oldest is given up beyond it (default 2). A sender
        /// whose trigger authenticated may hold twice as many (<see cref="Wdp.ConcatenationReassembler.TrustedQuotaFactor"/>).
        /// </summary>
        public int MaxMessagesPerSender { get; set; } = 2;

        /// <summary>
        /// Distinct payloads kept per part number of one message, genuine and forged alike (default 2): the first copy and
        /// the newest ones; a conflicting copy beyond it replaces the oldest but the first.
        /// </summary>
        public int MaxCandidatesPerPart { get; set; } = 2;

        /// <summary>
        /// Combinations of candidates tried through authentication per candidate added to a complete message (default 8):
        /// those using the new candidate, the newest candidates of the other parts first. Per arrival, not per message, so
        /// forged copies sent ahead of the genuine parts cannot spend the genuine parts' tries; each try is one
        /// verification, paid for with one received SMS.
        /// </summary>
        public int MaxCombinationsPerArrival { get; set; } = 8;

        /// <summary>
        /// Stored copies of pending WAP push messages' parts left in the modem's storage at once (default 4): the copy of
        /// each held candidate (the first and the newest copy of each part), so a restart re-reads it. Every other copy
        /// (duplicates, replaced candidates) is deleted as soon as it is read, and beyond this bound the sender with the
        /// most stored copies has one deleted; all stay held in memory. So no flood of forged parts holds more than this
        /// many slots.
        /// </summary>
        public int MaxStoredParts { get; set; } = 4;

        /// <summary>
        /// Declared parts a concatenated message may have (default 16, at least 2). A message's tables are sized by its
        /// declared total when its first part arrives (3 references or counts per part on a 32-bit board, about 0.4 KB
        /// for 16 parts), so without this bound 16 first parts declaring 255 parts each held about 80 KB, the whole heap
        /// of the smallest board. A part declaring more is refused <see cref="ReasonCode.Oversized"/> at once (released
        /// when it names port 2948, left stored otherwise). 16 parts of 128 octets carry <see cref="MaxMessageBytes"/>:
        /// a longer message could not be taken anyway.
        /// </summary>
        public int MaxPartsPerMessage { get; set; } = 16;

        /// <summary>
        /// Octets a reassembled message may have (default 2,048): a combination of parts longer than this is refused
        /// <see cref="ReasonCode.Oversized"/> without being assembled, so no unauthenticated SMS makes the receive path
        /// allocate more than this in one piece (on a fragmented 80 KB heap a larger request is the first to fail). A
        /// package #0 is far smaller; a bootstrap document over SMS may take up to this (over UDP the socket listener
        /// takes 1,024 octets by default, UdpListenerOptions.MaxDatagramBytes, and the modem's UDP service up to 1,500).
        /// </summary>
        public int MaxMessageBytes { get; set; } = 2048;

        /// <summary>A concatenated message not completed within this time is given up as Incomplete (default 10 minutes).</summary>
        public int ReassemblyTimeoutMilliseconds { get; set; } = 10 * 60 * 1000;

        /// <summary>Skip the four port bytes some CDMA carriers repeat before the WSP PDU (default off).</summary>
        public bool TolerateCdmaDuplicatePorts { get; set; }
    }
}

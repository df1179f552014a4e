namespace OmaDm.Notification.Modem
{
    /// <summary>One URC an <see cref="AtChannel"/> recognises (<see cref="AtUrcRegistry"/>): its prefix and what follows it.</summary>
    internal sealed class AtUrcRegistration
    {
        /// <summary>Creates a registration for a prefix.</summary>
        /// <param name="prefix">The prefix.</param>
        public AtUrcRegistration(string prefix)
        {
            Prefix = prefix;
        }

        /// <summary>The prefix (<c>+CMTI:</c>, <c>RING</c>).</summary>
        public string Prefix { get; }

        /// <summary>True when one data line follows the URC.</summary>
        public bool PayloadLine { get; set; }

        /// <summary>Recognises the data line; null for any line that is not itself a URC.</summary>
        public PayloadLineTest PayloadTest { get; set; }

        /// <summary>True when the line ends in a byte count followed by that many raw bytes (<c>+IPD&lt;len&gt;</c>).</summary>
        public bool DataLength { get; set; }

        /// <summary>Largest raw payload accepted after a <see cref="DataLength"/> header.</summary>
        public int MaxDataLength { get; set; }
    }
}

namespace OmaDm.Notification.Modem
{
    /// <summary>What one <see cref="AtLineFramer.Feed"/> completed.</summary>
    public enum AtFrameKind
    {
        /// <summary>Nothing yet: the input ended inside a line or payload (or held only blank lines).</summary>
        None = 0,

        /// <summary>A non-empty text line (<see cref="AtLineFramer.Line"/>).</summary>
        Line = 1,

        /// <summary>A payload announced by <see cref="AtLineFramer.ExpectBinary"/> (<see cref="AtLineFramer.Data"/>).</summary>
        Binary = 2,

        /// <summary>A line longer than the bound ended; its text was discarded.</summary>
        OverlongLine = 3,

        /// <summary>A line that held only non-text bytes ended; nothing of it is left.</summary>
        GarbageLine = 4,
    }
}

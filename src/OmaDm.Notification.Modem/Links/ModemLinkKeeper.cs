using System;
using System.Threading;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// Keeps an <see cref="AtChannel"/>'s link: which link is current, whether it is still open, and its generation
    /// (moved by a new link or by a reset a worker noticed). A link that ended is closed once per generation; a new one
    /// comes from the <see cref="Connector"/>. The channel reads and writes the link; this class only says which link
    /// that is. Its state is guarded by its own lock; the channel holds its command lock around <see cref="Reconnect"/>
    /// so no command writes to the link being replaced.
    /// </summary>
    public sealed class ModemLinkKeeper
    {
        private readonly object _lock = new object();
        private readonly AutoResetEvent _linkChanged = new AutoResetEvent(false);
        private readonly ModemEventHandler _report;
        private IModemLink _link;
        private int _generation;
        private bool _closed;
        private bool _newLink;

        /// <summary>Keeps the first link.</summary>
        /// <param name="link">The link the channel was created with.</param>
        /// <param name="report">Told of a failed re-open and of a new link (the channel raises them as its own events).</param>
        public ModemLinkKeeper(IModemLink link, ModemEventHandler report)
        {
            _link = link;
            _report = report;
        }

        /// <summary>Opens a new link after the current one ended; null: links are never replaced.</summary>
        public IModemConnector Connector { get; set; }

        /// <summary>The current link (null while <see cref="Reconnect"/> has released the old one and has no new one).</summary>
        public IModemLink Link => _link;

        /// <summary>False once the link of the current generation was closed, until a new link is opened.</summary>
        public bool IsOpen => !_closed;

        /// <summary>Counts the times the modem's state may have been lost (a new link or a reset).</summary>
        public int Generation => _generation;

        /// <summary>Why <see cref="Generation"/> last moved: <c>link-closed</c> (a new link) or <c>reset</c>.</summary>
        public string GenerationReason { get; private set; }

        /// <summary>Links opened by <see cref="Reconnect"/>.</summary>
        public int Reconnects { get; private set; }

        /// <summary>The link to write to and its generation, read together.</summary>
        /// <param name="generation">The link's generation.</param>
        /// <returns>The link (possibly closed meanwhile: a write to it fails and is reported by the writer).</returns>
        public IModemLink ForWriting(out int generation)
        {
            lock (_lock)
            {
                generation = _generation;
                return _link;
            }
        }

        /// <summary>The link to read from, its generation and state, read together.</summary>
        /// <param name="generation">The link's generation.</param>
        /// <param name="open">False when the link ended (nothing to read until a new one).</param>
        /// <param name="newLink">True once after each new link: the reader starts at a line boundary.</param>
        /// <returns>The link.</returns>
        public IModemLink ForReading(out int generation, out bool open, out bool newLink)
        {
            lock (_lock)
            {
                generation = _generation;
                open = !_closed;
                newLink = _newLink;
                _newLink = false;
                return _link;
            }
        }

        /// <summary>Closes the link of a generation that ended (end of stream, a read or write that threw).</summary>
        /// <param name="generation">The generation of the link that ended.</param>
        /// <returns>True when this call closed it; false when it was closed already or has been replaced.</returns>
        public bool Close(int generation)
        {
            lock (_lock)
            {
                if (generation != _generation || _closed)
                {
                    return false;
                }

                _closed = true;
                return true;
            }
        }

        /// <summary>A worker found the modem's settings lost without a boot URC: the generation moves on.</summary>
        public void NotifyReset()
        {
            lock (_lock)
            {
                _generation++;
                GenerationReason = "reset";
            }
        }

        /// <summary>
        /// Replaces the link of <paramref name="seenGeneration"/> with <see cref="Connector"/>'s next one; only the first
        /// of several callers that saw the same generation does. <see cref="AtChannel.Reconnect"/> calls it under its command lock.
        /// </summary>
        /// <param name="seenGeneration">The generation the caller found failing.</param>
        /// <returns>True when there is an open link of a newer generation (opened now or by another caller).</returns>
        public bool Reconnect(int seenGeneration)
        {
            IModemConnector connector = Connector;
            if (connector == null)
            {
                return false;
            }

            IModemLink old;
            lock (_lock)
            {
                if (_generation != seenGeneration)
                {
                    return !_closed;
                }

                old = _link;
                _link = null;
                _closed = true; // bytes the reader still gets from the old link are dropped
            }

            if (old != null)
            {
                connector.Release(old);
            }

            IModemLink fresh;
            try
            {
                fresh = connector.Open();
            }
            catch (Exception ex)
            {
                _report(this, ModemEventKind.LinkFailed, "reconnect: " + ex.Message);
                fresh = null;
            }

            if (fresh == null)
            {
                return false;
            }

            lock (_lock)
            {
                _link = fresh;
                _generation++;
                GenerationReason = "link-closed";
                _newLink = true;
                _closed = false;
                Reconnects++;
            }

            _linkChanged.Set();
            _report(this, ModemEventKind.LinkReopened, null);
            return true;
        }

        /// <summary>Waits at most <paramref name="milliseconds"/> for <see cref="Reconnect"/> to open a new link.</summary>
        /// <param name="milliseconds">Longest wait.</param>
        public void WaitForLink(int milliseconds)
        {
            _linkChanged.WaitOne(milliseconds, false);
        }
    }
}

using System;
using System.Threading;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// The reading side of an <see cref="AtChannel"/> (3GPP TS 27.007 clause 5, TS 27.005 clause 3): one pass
    /// (<see cref="Step"/>) reads the current link's bytes, frames them with an <see cref="AtLineFramer"/> and routes every
    /// frame: to the command the channel is waiting on, by prefix to a registered URC (put together with its data by an
    /// <see cref="AtUrcAssembler"/>), or, when neither, reports it as unexpected. A link that ends is closed here and the
    /// waiting command fails with <see cref="AtResult.LinkFailure"/>. Writing commands and waiting for their result is the
    /// channel's job; which link is current is the <see cref="ModemLinkKeeper"/>'s.
    /// </summary>
    /// <remarks>
    /// Line framing (<see cref="AtLineFramer"/>): lines end at CR or LF; blank lines are skipped. Bytes that are not
    /// printable ASCII are dropped and counted (a modem powering up or a baud-rate glitch sends them); a line longer
    /// than <see cref="MaxLineLength"/> is discarded up to its end and counted. An echoed command line is ignored, so echo
    /// may be on or off. A response line announcing raw bytes (<see cref="AtCommand.BinaryLengthField"/>) switches the
    /// reader to counting exactly that many bytes. A data line announced by a header (the PDU after <c>+CMGL:</c>,
    /// <c>+CMGR:</c>, <c>+CMT:</c>) is the first line that passes the command's or URC's <see cref="PayloadLineTest"/>;
    /// a URC or stray line in between is handled as itself, never taken as the data. Every line that starts with a
    /// registered URC prefix, wherever it falls (even inside a response), is a URC. URCs and events are handed to the
    /// delegates given at construction on the thread that calls <see cref="Step"/>.
    /// <para>Memory: one read buffer, the framer's line buffer and the URC registrations, all made once; routing a line
    /// allocates nothing beyond the line's string.</para>
    /// </remarks>
    public sealed class AtLineRouter
    {
        private const int ReadChunk = 256;

        private readonly object _readLock = new object();
        private readonly object _stateLock = new object();
        private readonly AtUrcRegistry _urcs = new AtUrcRegistry();
        private readonly byte[] _readBuffer = new byte[ReadChunk];
        private readonly AtLineFramer _framer;
        private readonly AtUrcAssembler _assembler;
        private readonly ModemLinkKeeper _links;
        private readonly ModemEventHandler _report;

        private AtPendingCommand _pending;
        private int _unexpectedLines;
        private int _commandPayloadsMissed;

        /// <summary>Creates the reader of a channel.</summary>
        /// <param name="links">Which link to read (shared with the channel, which writes it).</param>
        /// <param name="maxLineLength">Bound of one line in characters (longer lines are discarded).</param>
        /// <param name="deliver">Receives every complete URC (the channel raises it).</param>
        /// <param name="report">Told of discarded lines and garbage, unexpected lines and link failures.</param>
        public AtLineRouter(ModemLinkKeeper links, int maxLineLength, UrcHandler deliver, ModemEventHandler report)
        {
            if (links == null)
            {
                throw new ArgumentNullException(nameof(links));
            }

            if (deliver == null)
            {
                throw new ArgumentNullException(nameof(deliver));
            }

            if (report == null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            _links = links;
            _report = report;
            _framer = new AtLineFramer(maxLineLength);
            _assembler = new AtUrcAssembler(_framer, deliver);
            ReadPollMilliseconds = 50;
        }

        /// <summary>Bound of one line.</summary>
        public int MaxLineLength => _framer.MaxLineLength;

        /// <summary>How long one <see cref="Step"/> waits for bytes.</summary>
        public int ReadPollMilliseconds { get; set; }

        /// <summary>Lines discarded for exceeding <see cref="MaxLineLength"/>.</summary>
        public int OverlongLines => _framer.OverlongLines;

        /// <summary>Non-text bytes dropped.</summary>
        public int GarbageBytes => _framer.GarbageBytes;

        /// <summary>Bytes of data URC payloads over their bound, discarded unread.</summary>
        public int SkippedDataBytes => _framer.SkippedBytes;

        /// <summary>Lines that were neither the waiting command's nor a registered URC.</summary>
        public int UnexpectedLines => _unexpectedLines;

        /// <summary>Data lines announced by a header that were never seen (a URC or damaged line stood in their place).</summary>
        public int MissingPayloads => _commandPayloadsMissed + _assembler.MissingPayloads;

        /// <summary>Registers a URC prefix (<see cref="AtChannel.RegisterUrc(string, bool)"/>).</summary>
        /// <param name="prefix">The prefix.</param>
        /// <param name="payloadLine">True when one data line follows the URC.</param>
        /// <param name="payloadTest">Recognises the data line; null: any line that is not a URC.</param>
        public void RegisterUrc(string prefix, bool payloadLine, PayloadLineTest payloadTest)
        {
            lock (_stateLock)
            {
                _urcs.Register(prefix, payloadLine, payloadTest);
            }
        }

        /// <summary>Registers a URC followed by raw bytes it counts (<see cref="AtChannel.RegisterDataUrc"/>).</summary>
        /// <param name="prefix">The prefix before the count.</param>
        /// <param name="maxLength">Largest payload accepted, at most <see cref="AtLineFramer.MaxBinaryLength"/>.</param>
        public void RegisterDataUrc(string prefix, int maxLength)
        {
            lock (_stateLock)
            {
                AtUrcRegistration registration = _urcs.Register(prefix, false, null);
                registration.DataLength = true;
                registration.MaxDataLength = maxLength;
            }
        }

        /// <summary>
        /// One pass: waits at most <see cref="ReadPollMilliseconds"/> for the link's bytes, frames them and routes every
        /// complete frame on the calling thread. Passes from several threads run one at a time.
        /// </summary>
        /// <returns>False once the link has ended and cannot be replaced (nothing will ever be read again).</returns>
        public bool Step()
        {
            lock (_readLock)
            {
                return ReadOnce();
            }
        }

        // The command written next: its lines are routed to it until it is withdrawn.
        internal void Await(AtPendingCommand pending)
        {
            lock (_stateLock)
            {
                _pending = pending;
            }
        }

        // No longer routed to: an unanswered command ends as a timeout, or a link failure once the link is closed. A late
        // final result for it will arrive with no command waiting and be reported as unexpected.
        internal void Withdraw(AtPendingCommand pending)
        {
            lock (_stateLock)
            {
                if (_pending == pending)
                {
                    _pending = null;
                }

                if (!pending.Done)
                {
                    pending.Finish(!_links.IsOpen ? AtResult.LinkFailure : AtResult.Timeout, -1, null);
                }
            }
        }

        private bool ReadOnce()
        {
            int generation;
            bool open;
            bool newLink;
            IModemLink link = _links.ForReading(out generation, out open, out newLink);
            if (newLink)
            {
                _framer.Reset(); // a new link starts at a line boundary
                _assembler.Reset();
            }

            if (!open)
            {
                if (_links.Connector == null)
                {
                    return false;
                }

                _links.WaitForLink(ReadPollMilliseconds);
                return true;
            }

            int read;
            try
            {
                read = link.Read(_readBuffer, 0, _readBuffer.Length, ReadPollMilliseconds);
            }
            catch (Exception ex)
            {
                _report(this, ModemEventKind.LinkFailed, ex.Message);
                if (_links.Connector == null)
                {
                    Thread.Sleep(ReadPollMilliseconds);
                    return true;
                }

                read = -1; // with a connector a throwing link is replaced, not polled
            }

            if (read < 0)
            {
                if (CloseLink(generation))
                {
                    _report(this, ModemEventKind.LinkClosed, null);
                }

                return true; // the next pass ends the reader or waits for a new link
            }

            if (generation == _links.Generation)
            {
                Consume(_readBuffer, read); // else: late bytes of a replaced link
            }

            return true;
        }

        // True when this call closed the link of that generation (the command in flight then fails).
        private bool CloseLink(int generation)
        {
            if (!_links.Close(generation))
            {
                return false;
            }

            lock (_stateLock)
            {
                if (_pending != null)
                {
                    _pending.Finish(AtResult.LinkFailure, -1, null);
                }
            }

            return true;
        }

        private void Consume(byte[] buffer, int count)
        {
            int offset = 0;
            while (offset < count)
            {
                offset += _framer.Feed(buffer, offset, count - offset);
                if (_framer.Garbled)
                {
                    _report(this, ModemEventKind.GarbageDiscarded, null);
                }

                switch (_framer.Frame)
                {
                    case AtFrameKind.Line:
                        Dispatch(_framer.Line);
                        break;
                    case AtFrameKind.Binary:
                        if (_assembler.TakeData(_framer.Data))
                        {
                            break;
                        }

                        lock (_stateLock)
                        {
                            if (_pending != null)
                            {
                                _pending.Data = _framer.Data;
                            }
                        }

                        break;
                    case AtFrameKind.OverlongLine:
                        _report(this, ModemEventKind.OverlongLineDiscarded, null);
                        break;
                }
            }
        }

        private void Dispatch(string line)
        {
            if (_assembler.TakePayloadLine(line))
            {
                return;
            }

            AtUrcRegistration urc;
            lock (_stateLock)
            {
                AtPendingCommand pending = _pending;
                bool payloadMissed;
                if (pending != null && !pending.Done && pending.Take(line, _urcs, _framer, out payloadMissed))
                {
                    if (payloadMissed)
                    {
                        _commandPayloadsMissed++;
                    }

                    return;
                }

                urc = _urcs.Match(line);
                if (urc == null)
                {
                    if (pending != null && !pending.Done && !pending.AwaitingPayloadLine)
                    {
                        pending.Lines.Add(line);
                        return;
                    }

                    _unexpectedLines++;
                }
            }

            if (urc == null)
            {
                _report(this, ModemEventKind.UnexpectedLine, line);
            }
            else
            {
                _assembler.Start(urc, line);
            }
        }
    }
}

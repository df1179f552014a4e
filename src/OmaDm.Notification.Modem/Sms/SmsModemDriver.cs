using System;
using System.Collections;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>
    /// Receives SMS in PDU mode (3GPP TS 27.005) and hands each SMS-DELIVER to an <see cref="ISmsSink"/>, losing none:
    /// <list type="bullet">
    /// <item>set-up <c>AT</c>, <c>ATE0</c>, <c>AT+CMEE=1</c>, profile extras, <c>AT+CMGF=0</c>, <c>AT+CPMS</c>,
    /// <c>AT+CNMI</c>; then a sweep with <c>AT+CMGL=4</c> so messages that arrived while the device was off are handled;</item>
    /// <item><c>+CMTI: "SM",n</c> → <c>AT+CMGR=n</c> → sink → <c>AT+CMGD=n</c> only for the tokens the sink releases
    /// (a processed message, or every part of a completed or given-up concatenation);</item>
    /// <item><c>+CMT: ,len</c> + PDU → sink (no token) → <c>AT+CNMA</c> when the profile requires it;</item>
    /// <item>foreign SMS stay in storage unless <see cref="SmsDriverOptions.DeleteForeignMessages"/>; a warning when
    /// storage is nearly full; a message seen twice (sweep and URC) reaches the sink once;</item>
    /// <item>a PDU line is the hex whose length its header announces: a URC between a <c>+CMGL:</c>/<c>+CMGR:</c> header
    /// and its PDU is handled as a URC, and a message whose PDU did not come is read again with <c>AT+CMGR</c>
    /// (<see cref="SmsDriverOptions.ReadAttempts"/> times), then left to the periodic sweep
    /// (<see cref="SmsDriverOptions.SweepIntervalMilliseconds"/>), which also checks <c>AT+CNMI?</c> so a modem that
    /// restarted without a boot URC is set up again.</item>
    /// <item>settings lost without a boot URC (an auto-bauding SIM800 rebooted; <c>AT+CNMA</c> too late, after which the
    /// modem zeroes <c>&lt;mt&gt;</c>/<c>&lt;ds&gt;</c>, TS 27.005 3.4.4, BG96 AT Manual 8.12) are found by the
    /// maintenance's <c>AT+CNMI?</c>/<c>AT+CMEE?</c> and made again; a refused CNMA re-sends <c>AT+CNMI</c> at once;</item>
    /// <item>a modem that refuses the SMS set-up is reported as <see cref="ModemEventKind.SmsUnsupported"/>, naming the
    /// variants its profile knows to lack SMS;</item>
    /// <item>out of memory while a stored message is converted or in the sink (thrown, or the sink's
    /// <see cref="SmsDisposition.Retry"/>) is reported as <see cref="ModemEventKind.OutOfMemory"/>; the message stays
    /// stored and the sweep after <see cref="SmsDriverOptions.RetryDelayMilliseconds"/> delivers every stored message
    /// again.</item>
    /// </list>
    /// </summary>
    /// <remarks>
    /// The driver sequences the receiving of messages; its parts each do one job: <see cref="SmsSettings"/> (set-up,
    /// settings check, storage use), <see cref="SmsDeleter"/> (deletes and their retries, <see cref="SmsDeleteRetries"/>),
    /// <see cref="SmsDeliveredSet"/> (what the sink has seen), <see cref="SmsReadRetries"/> (messages whose PDU did not
    /// come), <see cref="SmsListingReader"/> (<c>+CMGL:</c>/<c>+CMGR:</c> responses) and <see cref="SmsSetupReplies"/>.
    /// </remarks>
    public sealed class SmsModemDriver : ModemWorker, ISmsModemDialogue
    {
        // Constant details: no string is built while memory is short.
        private const string OutOfMemoryStored = "sms: left in storage, read again after the retry delay";
        private const string OutOfMemoryDirect = "sms: +CMT message lost (not stored)";

        private readonly ISmsSink _sink;
        private readonly SmsDriverOptions _options;
        private readonly SmsDeliveredSet _delivered = new SmsDeliveredSet();
        private readonly SmsSettings _settings;
        private readonly SmsDeleter _deleter;
        // The re-read list here and the deleter's failed deletes are created at their first use: rare, and 35 heap blocks
        // on nanoCLR.
        private readonly SmsReadRetries _unread = new SmsReadRetries();
        private readonly SmsListingReader _listing = new SmsListingReader();
        private readonly PayloadLineTest _pduLine = AtText.IsSmsPduLine;
        private long _nextSweep;
        private bool _sweepNeeded;

        /// <summary>Creates a driver; add it to a <see cref="ModemLoop"/>.</summary>
        /// <param name="channel">The AT channel.</param>
        /// <param name="profile">The modem profile.</param>
        /// <param name="sink">Where received PDUs go.</param>
        /// <param name="clock">Injected time.</param>
        /// <param name="options">Policies; null for defaults.</param>
        public SmsModemDriver(AtChannel channel, ModemProfile profile, ISmsSink sink, IClock clock, SmsDriverOptions options)
            : base(channel, profile, clock)
        {
            if (sink == null)
            {
                throw new ArgumentNullException(nameof(sink));
            }

            _sink = sink;
            _options = options ?? new SmsDriverOptions();
            RetryDelayMilliseconds = _options.RetryDelayMilliseconds;
            IdleWaitMilliseconds = _options.IdleWaitMilliseconds;
            IdleProbeIntervalMilliseconds = _options.IdleProbeIntervalMilliseconds;
            MaintenanceIntervalMilliseconds = _options.MaintenanceIntervalMilliseconds;
            ReconnectMaxDelayMilliseconds = _options.ReconnectMaxDelayMilliseconds;
            ReconnectAfterSilenceMilliseconds = _options.ReconnectAfterSilenceMilliseconds;
            SetupCheckIntervalMilliseconds = _options.MaintenanceIntervalMilliseconds;
            _settings = new SmsSettings(this, profile, _options);
            _deleter = new SmsDeleter(this, profile, _delivered);
        }

        /// <inheritdoc />
        protected override void RegisterUrcs()
        {
            Channel.RegisterUrc("+CMTI:", false);
            Channel.RegisterUrc("+CMT:", _pduLine);
        }

        /// <inheritdoc />
        protected override bool Wants(string line)
        {
            return line.StartsWith("+CMTI:") || line.StartsWith("+CMT:");
        }

        /// <inheritdoc />
        protected override bool RunSetup()
        {
            if (!_settings.Make())
            {
                return false;
            }

            if (_options.ReadImsi)
            {
                ReadImsi();
            }

            _sweepNeeded = true;
            return true;
        }

        /// <summary>The SIM's IMSI from the last <c>AT+CIMI</c>, or null (not read, or refused).</summary>
        public string Imsi { get; private set; }

        /// <summary>Raised when <c>AT+CIMI</c> gave an IMSI other than the one known (at the first set-up, after a SIM swap).</summary>
        public event ImsiHandler ImsiRead;

        // 27.007 7.4: the response is the IMSI alone on an information line (no prefix), 6..15 digits.
        private void ReadImsi()
        {
            AtResponse response = Execute(new AtCommand("AT+CIMI", Profile.CommandTimeoutMilliseconds));
            string imsi = response.IsOk ? SmsSetupReplies.FindImsi(response.Lines) : null;
            if (imsi != null && imsi != Imsi)
            {
                Imsi = imsi;
                ImsiHandler handler = ImsiRead;
                if (handler != null)
                {
                    handler(this, imsi);
                }
            }
        }

        /// <inheritdoc />
        protected override void OnReady()
        {
            Sweep();
        }

        /// <inheritdoc />
        protected override void OnIdle()
        {
            if (_sweepNeeded || Clock.MonotonicMilliseconds >= _nextSweep)
            {
                Sweep();
            }

            if (_unread.HasPending && !IsSuspect)
            {
                ReadStored(_unread.TakeNext());
            }
        }

        /// <inheritdoc />
        protected override bool IsSetupIntact()
        {
            return _settings.AreIntact();
        }

        /// <inheritdoc />
        protected override void HandleUrc(string line, string payload)
        {
            if (line.StartsWith("+CMTI:"))
            {
                // +CMTI: <mem>,<index>
                int index = AtText.IntField(AtText.Fields(line), 1);
                if (index < 0)
                {
                    Raise(ModemEventKind.UnreadableMessage, line);
                    _sweepNeeded = true;
                    return;
                }

                ReadStored(index);
                return;
            }

            // +CMT: [<alpha>],<length> then the PDU line.
            if (payload == null)
            {
                Raise(ModemEventKind.UnreadableMessage, line);
                return;
            }

            Deliver(payload, -1);
            if (Profile.UseDirectDelivery && Profile.DirectDeliveryRequiresAck)
            {
                _settings.Acknowledge();
            }
        }

        /// <inheritdoc />
        protected override void OnMaintenance()
        {
            object[] expired;
            try
            {
                expired = _sink.ExpireStale();
            }
            catch (Exception ex)
            {
                Raise(ModemEventKind.HandlerFailed, "ExpireStale: " + ex.Message);
                expired = new object[0];
            }

            _deleter.Retry(expired);
        }

        private void Sweep()
        {
            _sweepNeeded = false;
            _nextSweep = Clock.MonotonicMilliseconds + _options.SweepIntervalMilliseconds;
            var command = new AtCommand("AT+CMGL=4", Profile.ListTimeoutMilliseconds);
            command.ResponsePrefix = "+CMGL:";
            command.PayloadLineAfterHeader = true;
            command.PayloadTest = _pduLine;
            AtResponse response = Execute(command);
            if (!response.IsOk)
            {
                _sweepNeeded = !IsSuspect; // after a timeout the set-up runs again and sweeps anyway
                return;
            }

            string[] lines = response.Lines;
            _listing.Rewind();
            while (_listing.MoveNext(lines))
            {
                if (_listing.PduLine < 0)
                {
                    ReadAgain(_listing.Index);
                    continue;
                }

                Deliver(lines[_listing.PduLine], _listing.Index);
                if (IsSuspect)
                {
                    return;
                }
            }

            _settings.CheckStorage();
        }

        private void ReadStored(int index)
        {
            var command = new AtCommand("AT+CMGR=" + index, Profile.MessageTimeoutMilliseconds);
            command.ResponsePrefix = "+CMGR:";
            command.PayloadLineAfterHeader = true;
            command.PayloadTest = _pduLine;
            AtResponse response = Execute(command);
            if (!response.IsOk)
            {
                if (response.ErrorCode == SmsDeleter.InvalidMemoryIndex)
                {
                    _delivered.Forget(index); // already deleted (the sweep handled it)
                }
                else if (!IsSuspect)
                {
                    Raise(ModemEventKind.UnreadableMessage, "index " + index);
                    _sweepNeeded = true; // a later sweep picks the message up; it stays stored
                }

                return;
            }

            string[] lines = response.Lines;
            int found = _listing.FindRead(lines); // 0: an outgoing message, not ours
            if (found < 0)
            {
                _delivered.Forget(index); // OK without a message: the slot is empty
            }
            else if (found > 0 && _listing.PduLine < 0)
            {
                ReadAgain(index); // a URC or damage took the PDU's place
            }
            else if (found > 0)
            {
                Deliver(lines[_listing.PduLine], index);
                _settings.CheckStorage();
            }
        }

        // A stored message was listed or read without its PDU: read it again soon, a bounded number of times.
        private void ReadAgain(int index)
        {
            if (_unread.Missed(index, _options.ReadAttempts))
            {
                Raise(ModemEventKind.UnreadableMessage, "index " + index + ": no PDU after " + _options.ReadAttempts + " reads; left to the periodic sweep");
            }
        }

        // index < 0: delivered directly (+CMT), nothing stored.
        private void Deliver(string pduHex, int index)
        {
            byte[] pdu;
            try
            {
                pdu = AtText.FromHex(pduHex);
            }
            catch (OutOfMemoryException)
            {
                ReadAllAgainLater(index);
                return;
            }

            if (pdu == null)
            {
                Raise(ModemEventKind.UnreadableMessage, index < 0 ? "+CMT" : "index " + index);
                return;
            }

            object token = null;
            if (index >= 0)
            {
                _unread.Read(index);
                if (!_delivered.MarkSeen(index, pduHex))
                {
                    return; // the sink already has this stored message (sweep and URC both saw it)
                }

                token = index;
            }

            SmsReceiveResult result;
            try
            {
                result = _sink.Receive(pdu, 0, pdu.Length, token);
            }
            catch (OutOfMemoryException)
            {
                pdu = null; // garbage now: the retry's reads need the room
                ReadAllAgainLater(index);
                return;
            }
            catch (Exception ex)
            {
                Raise(ModemEventKind.HandlerFailed, "sink: " + ex.Message);
                return;
            }

            if (result.Disposition == SmsDisposition.Retry)
            {
                ReadAllAgainLater(index);
                return;
            }

            var deletions = new ArrayList();
            for (int i = 0; i < result.ReleasedTokens.Length; i++)
            {
                SmsDeleteRetries.Add(deletions, result.ReleasedTokens[i]);
            }

            if (token != null && (result.Disposition == SmsDisposition.Processed
                || (result.Disposition == SmsDisposition.Foreign && _options.DeleteForeignMessages)))
            {
                SmsDeleteRetries.Add(deletions, token);
            }

            _deleter.DeleteAll(deletions);
        }

        // Out of memory while the sink had the message: it stays stored, and every fingerprint is forgotten so the sweep
        // after the retry delay delivers it again with every other stored message (the sink may have let go of parts it
        // held of its concatenation). A +CMT message has no stored copy: it is lost, and said so.
        private void ReadAllAgainLater(int index)
        {
            _delivered.ForgetAll();
            long retryAt = Clock.MonotonicMilliseconds + RetryDelayMilliseconds;
            if (retryAt < _nextSweep)
            {
                _nextSweep = retryAt;
            }

            Raise(ModemEventKind.OutOfMemory, index < 0 ? OutOfMemoryDirect : OutOfMemoryStored);
        }

        AtResponse ISmsModemDialogue.Send(AtCommand command)
        {
            return Execute(command);
        }

        void ISmsModemDialogue.Report(ModemEventKind kind, string detail)
        {
            Raise(kind, detail);
        }

        bool ISmsModemDialogue.IsSuspect
        {
            get { return IsSuspect; }
        }
    }
}

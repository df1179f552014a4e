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
    /// The driver sequences the AT dialogue; its parts each keep one kind of state or read one kind of reply:
    /// <see cref="SmsDeliveredSet"/> (what the sink has seen), <see cref="SmsReadRetries"/> (messages whose PDU did not
    /// come), <see cref="SmsDeleteRetries"/> (failed deletes), <see cref="SmsStorageGauge"/> (storage nearly full),
    /// <see cref="SmsListingReader"/> (<c>+CMGL:</c>/<c>+CMGR:</c> responses) and <see cref="SmsSetupReplies"/>.
    /// </remarks>
    public sealed class SmsModemDriver : ModemWorker
    {
        private const int InvalidMemoryIndex = 321; // TS 27.005 3.2.5: the slot is empty (already deleted)

        // Constant details: no string is built while memory is short.
        private const string OutOfMemoryStored = "sms: left in storage, read again after the retry delay";
        private const string OutOfMemoryDirect = "sms: +CMT message lost (not stored)";

        private readonly ISmsSink _sink;
        private readonly SmsDriverOptions _options;
        private readonly SmsDeliveredSet _delivered = new SmsDeliveredSet();
        // Their collections are created at their first use (a failed delete, a PDU that did not come): rare, and 35 heap
        // blocks on nanoCLR.
        private readonly SmsDeleteRetries _failedDeletes = new SmsDeleteRetries();
        private readonly SmsReadRetries _unread = new SmsReadRetries();
        private readonly SmsStorageGauge _storage = new SmsStorageGauge();
        private readonly SmsListingReader _listing = new SmsListingReader();
        private readonly PayloadLineTest _pduLine = AtText.IsSmsPduLine;
        private long _nextSweep;
        private bool _sweepNeeded;
        private bool _noSmsReported;

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
            string[] commands = Profile.GetSetupCommands();
            string storageCommand = Profile.GetStorageCommand();
            for (int i = 0; i < commands.Length; i++)
            {
                bool storage = commands[i] == storageCommand;
                var command = new AtCommand(commands[i], storage ? Profile.MessageTimeoutMilliseconds : Profile.CommandTimeoutMilliseconds);
                command.ResponsePrefix = storage ? "+CPMS:" : null;
                AtResponse response = Execute(command);
                if (!response.IsOk)
                {
                    ReportNoSms(commands[i], response);
                    return false;
                }

                if (storage)
                {
                    // Set form: +CPMS: <used1>,<total1>,<used2>,<total2>,<used3>,<total3>
                    CheckStorage(response.FindLine("+CPMS:"), SmsStorageGauge.SetFormUsedField);
                }
            }

            if (_options.ReadImsi)
            {
                ReadImsi();
            }

            _sweepNeeded = true;
            _noSmsReported = false;
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
            if (!response.IsOk)
            {
                return;
            }

            string imsi = SmsSetupReplies.FindImsi(response.Lines);
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
            // The settings made by the set-up, read back: a modem that restarted without a boot URC (an auto-bauding
            // SIM800 sends none) or zeroed <mt>/<ds> after a late AT+CNMA has lost them, and no +CMTI would come again.
            string indication = Profile.UseDirectDelivery ? Profile.DirectDeliverySetting : Profile.StoreAndIndicateSetting;
            string lost = Differs("AT+CNMI?", "+CNMI:", indication) ?? Differs("AT+CMEE?", "+CMEE:", "1");
            if (lost == null)
            {
                return true; // intact, or the modem cannot tell: the periodic sweep still finds what was stored
            }

            Raise(ModemEventKind.SettingsLost, lost);
            return false;
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
                AtResponse ack = Execute("AT+CNMA", Profile.CommandTimeoutMilliseconds);
                if (!ack.IsOk && !IsSuspect)
                {
                    // Too late: the modem answered the network with RP-ERROR and set <mt> and <ds> to 0.
                    Raise(ModemEventKind.SettingsLost, "AT+CNMA -> " + ack.FinalLine);
                    Execute(Profile.GetIndicationCommand(), Profile.CommandTimeoutMilliseconds);
                }
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

            var retry = new ArrayList();
            _failedDeletes.MoveTo(retry);
            for (int i = 0; i < expired.Length; i++)
            {
                SmsDeleteRetries.Add(retry, expired[i]);
            }

            DeleteAll(retry);
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

            CheckStorageNow();
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
                if (response.ErrorCode == InvalidMemoryIndex)
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
            int found = _listing.FindRead(lines);
            if (found < 0)
            {
                _delivered.Forget(index); // OK without a message: the slot is empty
                return;
            }

            if (found == 0)
            {
                return; // an outgoing message: not ours
            }

            if (_listing.PduLine < 0)
            {
                ReadAgain(index); // a URC or damage took the PDU's place
                return;
            }

            Deliver(lines[_listing.PduLine], index);
            CheckStorageNow();
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

            DeleteAll(deletions);
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

        private void DeleteAll(ArrayList indexes)
        {
            for (int i = 0; i < indexes.Count; i++)
            {
                int index = (int)indexes[i];
                AtResponse response = Execute("AT+CMGD=" + index, Profile.MessageTimeoutMilliseconds);
                if (response.IsOk || response.ErrorCode == InvalidMemoryIndex)
                {
                    _delivered.Forget(index);
                    Raise(ModemEventKind.MessageDeleted, index.ToString());
                }
                else
                {
                    // Keep the fingerprint so a re-read does not deliver it again; retry at the next maintenance.
                    _failedDeletes.Failed(index);
                    Raise(ModemEventKind.DeleteFailed, index.ToString());
                }
            }
        }

        private void CheckStorageNow()
        {
            var command = new AtCommand("AT+CPMS?", Profile.MessageTimeoutMilliseconds);
            command.ResponsePrefix = "+CPMS:";
            AtResponse response = Execute(command);
            if (response.IsOk)
            {
                // Read form: +CPMS: <mem1>,<used1>,<total1>,...
                CheckStorage(response.FindLine("+CPMS:"), SmsStorageGauge.ReadFormUsedField);
            }
        }

        private void CheckStorage(string line, int usedField)
        {
            string full = _storage.Check(line, usedField, _options.StorageWarningPercent);
            if (full != null)
            {
                Raise(ModemEventKind.StorageNearlyFull, full);
            }
        }

        // A modem without SMS refuses the SMS set-up; say so by name once per run of failed set-ups. Only a stable refusal
        // counts: a temporary error is an ordinary set-up failure that is retried.
        private void ReportNoSms(string command, AtResponse response)
        {
            bool smsCommand = command == "AT+CMGF=0" || command == Profile.GetStorageCommand() || command == Profile.GetIndicationCommand();
            if (!smsCommand || _noSmsReported || !SmsSetupReplies.IsStableRefusal(response))
            {
                return;
            }

            _noSmsReported = true;
            string known = Profile.NoSmsVariants == null ? string.Empty : " (" + Profile.NoSmsVariants + ")";
            Raise(ModemEventKind.SmsUnsupported, command + " -> " + response.FinalLine + ": this modem may have no SMS" + known);
        }

        // The read-back line when its numbers differ from the expected ones, else null (also when the query fails).
        private string Differs(string query, string prefix, string expected)
        {
            var command = new AtCommand(query, Profile.CommandTimeoutMilliseconds);
            command.ResponsePrefix = prefix;
            AtResponse response = Execute(command);
            string line = response.IsOk ? response.FindLine(prefix) : null;
            return line != null && SmsSetupReplies.Differs(line, expected) ? line : null;
        }
    }
}

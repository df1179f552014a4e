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
    public sealed class SmsModemDriver : ModemWorker
    {
        private const int InvalidMemoryIndex = 321; // TS 27.005 3.2.5: the slot is empty (already deleted)
        private const int StatusStoredUnsent = 2;  // TS 27.005 3.1 <stat>: 2 and 3 are outgoing messages

        // Constant details: no string is built while memory is short.
        private const string OutOfMemoryStored = "sms: left in storage, read again after the retry delay";
        private const string OutOfMemoryDirect = "sms: +CMT message lost (not stored)";

        private readonly ISmsSink _sink;
        private const int MinImsiDigits = 6;
        private const int MaxImsiDigits = 15;
        private readonly SmsDriverOptions _options;
        private readonly Hashtable _delivered = new Hashtable(); // index -> fingerprint of the PDU the sink has seen
        // Created at their first use (a failed delete, a PDU that did not come): rare, and 35 heap blocks on nanoCLR.
        private ArrayList _failedDeletes;
        private ArrayList _unread; // indexes whose PDU did not come, read again
        private Hashtable _readAttempts; // index -> reads of it that got no PDU
        private readonly PayloadLineTest _pduLine = AtText.IsSmsPduLine;
        private long _nextSweep;
        private bool _sweepNeeded;
        private bool _storageWarned;
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
                    CheckStorage(response.FindLine("+CPMS:"), 0);
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

            string[] lines = response.Lines;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (IsImsi(line))
                {
                    if (line != Imsi)
                    {
                        Imsi = line;
                        ImsiHandler handler = ImsiRead;
                        if (handler != null)
                        {
                            handler(this, line);
                        }
                    }

                    return;
                }
            }
        }

        private static bool IsImsi(string line)
        {
            if (line.Length < MinImsiDigits || line.Length > MaxImsiDigits)
            {
                return false;
            }

            for (int i = 0; i < line.Length; i++)
            {
                if (line[i] < '0' || line[i] > '9')
                {
                    return false;
                }
            }

            return true;
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

            if (_unread != null && _unread.Count != 0 && !IsSuspect)
            {
                var retry = (int)_unread[0];
                _unread.RemoveAt(0);
                ReadStored(retry);
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
            if (_failedDeletes != null)
            {
                for (int i = 0; i < _failedDeletes.Count; i++)
                {
                    retry.Add(_failedDeletes[i]);
                }

                _failedDeletes.Clear();
            }
            for (int i = 0; i < expired.Length; i++)
            {
                AddToken(retry, expired[i]);
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
            for (int i = 0; i + 1 < lines.Length; i++)
            {
                if (!lines[i].StartsWith("+CMGL:"))
                {
                    continue;
                }

                // +CMGL: <index>,<stat>,[<alpha>],<length> then the PDU line, unless a URC or damage took its place.
                string[] fields = AtText.Fields(lines[i]);
                int index = AtText.IntField(fields, 0);
                int status = AtText.IntField(fields, 1);
                bool hasPdu = i + 1 < lines.Length && AtText.IsSmsPduLine(lines[i], lines[i + 1]);
                if (hasPdu)
                {
                    i++;
                }

                if (index < 0 || status >= StatusStoredUnsent)
                {
                    continue;
                }

                if (!hasPdu)
                {
                    ReadAgain(index);
                    continue;
                }

                Deliver(lines[i], index);
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
                    _delivered.Remove(index); // already deleted (the sweep handled it)
                }
                else if (!IsSuspect)
                {
                    Raise(ModemEventKind.UnreadableMessage, "index " + index);
                    _sweepNeeded = true; // a later sweep picks the message up; it stays stored
                }

                return;
            }

            string[] lines = response.Lines;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("+CMGR:"))
                {
                    // +CMGR: <stat>,[<alpha>],<length> then the PDU line, unless a URC or damage took its place.
                    if (AtText.IntField(AtText.Fields(lines[i]), 0) >= StatusStoredUnsent)
                    {
                        return;
                    }

                    if (i + 1 < lines.Length && AtText.IsSmsPduLine(lines[i], lines[i + 1]))
                    {
                        Deliver(lines[i + 1], index);
                        CheckStorageNow();
                    }
                    else
                    {
                        ReadAgain(index);
                    }

                    return;
                }
            }

            _delivered.Remove(index); // OK without a message: the slot is empty
        }

        // A stored message was listed or read without its PDU: read it again soon, a bounded number of times; after that
        // only the periodic sweep tries it (so one damaged slot cannot keep the modem busy).
        private void ReadAgain(int index)
        {
            if (_readAttempts == null)
            {
                _readAttempts = new Hashtable();
                _unread = new ArrayList();
            }

            object attempts = _readAttempts[index];
            int made = attempts == null ? 1 : (int)attempts + 1;
            if (made > _options.ReadAttempts)
            {
                if (made == _options.ReadAttempts + 1)
                {
                    Raise(ModemEventKind.UnreadableMessage, "index " + index + ": no PDU after " + _options.ReadAttempts + " reads; left to the periodic sweep");
                }

                _readAttempts[index] = made;
                return;
            }

            _readAttempts[index] = made;
            if (!_unread.Contains(index))
            {
                _unread.Add(index);
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
                if (_readAttempts != null)
                {
                    _readAttempts.Remove(index);
                }

                int fingerprint = Fingerprint(pduHex);
                object seen = _delivered[index];
                if (seen != null && (int)seen == fingerprint)
                {
                    return; // the sink already has this stored message (sweep and URC both saw it)
                }

                _delivered[index] = fingerprint;
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
                AddToken(deletions, result.ReleasedTokens[i]);
            }

            if (token != null && (result.Disposition == SmsDisposition.Processed
                || (result.Disposition == SmsDisposition.Foreign && _options.DeleteForeignMessages)))
            {
                AddToken(deletions, token);
            }

            DeleteAll(deletions);
        }

        // Out of memory while the sink had the message: it stays stored, and every fingerprint is forgotten so the sweep
        // after the retry delay delivers it again with every other stored message (the sink may have let go of parts it
        // held of its concatenation). A +CMT message has no stored copy: it is lost, and said so.
        private void ReadAllAgainLater(int index)
        {
            _delivered.Clear();
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
                    _delivered.Remove(index);
                    Raise(ModemEventKind.MessageDeleted, index.ToString());
                }
                else
                {
                    // Keep the fingerprint so a re-read does not deliver it again; retry at the next maintenance.
                    if (_failedDeletes == null)
                    {
                        _failedDeletes = new ArrayList();
                    }

                    AddToken(_failedDeletes, index);
                    Raise(ModemEventKind.DeleteFailed, index.ToString());
                }
            }
        }

        private static void AddToken(ArrayList list, object token)
        {
            if (!(token is int))
            {
                return;
            }

            if (!list.Contains(token))
            {
                list.Add(token);
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
                CheckStorage(response.FindLine("+CPMS:"), 1);
            }
        }

        private void CheckStorage(string line, int usedField)
        {
            if (line == null)
            {
                return;
            }

            string[] fields = AtText.Fields(line);
            int used = AtText.IntField(fields, usedField);
            int total = AtText.IntField(fields, usedField + 1);
            if (used < 0 || total <= 0)
            {
                return;
            }

            bool nearlyFull = used * 100 >= total * _options.StorageWarningPercent;
            if (nearlyFull && !_storageWarned)
            {
                Raise(ModemEventKind.StorageNearlyFull, used + "/" + total);
            }

            _storageWarned = nearlyFull;
        }

        // A modem without SMS refuses the SMS set-up; say so by name once per run of failed set-ups. Only a stable refusal
        // counts (plain ERROR, or 27.005/27.007 302 "operation not allowed" / 303 "operation not supported", as the
        // A7670E-LNXY-UBL answers): a temporary error (314 SIM busy, 310 SIM not inserted, 515 please wait) is an
        // ordinary set-up failure that is retried, so a module that boots slowly is not taken for one without SMS.
        private void ReportNoSms(string command, AtResponse response)
        {
            bool smsCommand = command == "AT+CMGF=0" || command == Profile.GetStorageCommand() || command == Profile.GetIndicationCommand();
            if (!smsCommand || _noSmsReported || !IsStableRefusal(response))
            {
                return;
            }

            _noSmsReported = true;
            string known = Profile.NoSmsVariants == null ? string.Empty : " (" + Profile.NoSmsVariants + ")";
            Raise(ModemEventKind.SmsUnsupported, command + " -> " + response.FinalLine + ": this modem may have no SMS" + known);
        }

        private const int OperationNotAllowed = 302;
        private const int OperationNotSupported = 303;

        private static bool IsStableRefusal(AtResponse response)
        {
            if (response.Result == AtResult.Error)
            {
                return true;
            }

            if (response.Result != AtResult.CmsError && response.Result != AtResult.CmeError)
            {
                return false;
            }

            if (response.ErrorCode == OperationNotAllowed || response.ErrorCode == OperationNotSupported)
            {
                return true;
            }

            // Verbose error reporting (AT+CMEE=2) names the error instead of numbering it.
            string line = response.FinalLine;
            return line != null && (line.IndexOf("operation not supported") >= 0 || line.IndexOf("operation not allowed") >= 0);
        }

        // The read-back line when its numbers differ from the expected ones, else null (also when the query fails).
        private string Differs(string query, string prefix, string expected)
        {
            var command = new AtCommand(query, Profile.CommandTimeoutMilliseconds);
            command.ResponsePrefix = prefix;
            AtResponse response = Execute(command);
            string line = response.IsOk ? response.FindLine(prefix) : null;
            if (line == null)
            {
                return null;
            }

            string[] actual = AtText.Fields(line);
            string[] wanted = expected.Split(',');
            for (int i = 0; i < wanted.Length && i < actual.Length; i++)
            {
                if (AtText.IntField(actual, i) != AtText.ParseDecimal(wanted[i]))
                {
                    return line;
                }
            }

            return null;
        }

        // FNV-1a over the hex text: tells a re-read of the same message from a new message in a reused slot.
        private static int Fingerprint(string text)
        {
            uint hash = 2166136261;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= 'a' && c <= 'f')
                {
                    c = (char)(c - 32);
                }

                hash = (hash ^ c) * 16777619;
            }

            return (int)hash;
        }
    }
}

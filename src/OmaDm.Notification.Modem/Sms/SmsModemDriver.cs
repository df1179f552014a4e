using System;
using System.Collections;
using OmaDm.Notification.Dispatch;
using OmaDm.Notification.Wdp;

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
    /// storage is nearly full; a message seen twice (sweep and URC) reaches the sink once.</item>
    /// </list>
    /// </summary>
    public sealed class SmsModemDriver : ModemWorker
    {
        private const int InvalidMemoryIndex = 321; // TS 27.005 3.2.5: the slot is empty (already deleted)
        private const int StatusStoredUnsent = 2;  // TS 27.005 3.1 <stat>: 2 and 3 are outgoing messages

        private readonly ISmsSink _sink;
        private readonly SmsDriverOptions _options;
        private readonly Hashtable _delivered = new Hashtable(); // index -> fingerprint of the PDU the sink has seen
        private readonly ArrayList _failedDeletes = new ArrayList();
        private bool _sweepNeeded;
        private bool _storageWarned;

        /// <summary>Creates a driver; call <see cref="ModemWorker.Start"/> and start the channel.</summary>
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
        }

        /// <inheritdoc />
        protected override void RegisterUrcs()
        {
            Channel.RegisterUrc("+CMTI:", false);
            Channel.RegisterUrc("+CMT:", true);
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
                    return false;
                }

                if (storage)
                {
                    // Set form: +CPMS: <used1>,<total1>,<used2>,<total2>,<used3>,<total3>
                    CheckStorage(response.FindLine("+CPMS:"), 0);
                }
            }

            _sweepNeeded = true;
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
            if (_sweepNeeded)
            {
                Sweep();
            }
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
                Execute("AT+CNMA", Profile.CommandTimeoutMilliseconds);
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
            for (int i = 0; i < _failedDeletes.Count; i++)
            {
                retry.Add(_failedDeletes[i]);
            }

            _failedDeletes.Clear();
            for (int i = 0; i < expired.Length; i++)
            {
                AddToken(retry, expired[i]);
            }

            DeleteAll(retry);
        }

        private void Sweep()
        {
            _sweepNeeded = false;
            var command = new AtCommand("AT+CMGL=4", Profile.ListTimeoutMilliseconds);
            command.ResponsePrefix = "+CMGL:";
            command.PayloadLineAfterHeader = true;
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

                // +CMGL: <index>,<stat>,[<alpha>],<length> then the PDU line.
                string[] fields = AtText.Fields(lines[i]);
                int index = AtText.IntField(fields, 0);
                int status = AtText.IntField(fields, 1);
                i++;
                if (index < 0 || status >= StatusStoredUnsent)
                {
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
            for (int i = 0; i + 1 < lines.Length; i++)
            {
                if (lines[i].StartsWith("+CMGR:"))
                {
                    // +CMGR: <stat>,[<alpha>],<length> then the PDU line.
                    if (AtText.IntField(AtText.Fields(lines[i]), 0) < StatusStoredUnsent)
                    {
                        Deliver(lines[i + 1], index);
                        CheckStorageNow();
                    }

                    return;
                }
            }

            _delivered.Remove(index); // OK without a message: the slot is empty
        }

        // index < 0: delivered directly (+CMT), nothing stored.
        private void Deliver(string pduHex, int index)
        {
            byte[] pdu = AtText.FromHex(pduHex);
            if (pdu == null)
            {
                Raise(ModemEventKind.UnreadableMessage, index < 0 ? "+CMT" : "index " + index);
                return;
            }

            object token = null;
            if (index >= 0)
            {
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
            catch (Exception ex)
            {
                Raise(ModemEventKind.HandlerFailed, "sink: " + ex.Message);
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

namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>
    /// The modem's SMS settings (3GPP TS 27.005): made by the set-up (<c>AT+CMGF=0</c>, <c>AT+CPMS</c>, <c>AT+CNMI</c>
    /// and the profile's commands), read back by the maintenance (<c>AT+CNMI?</c>, <c>AT+CMEE?</c>) to find them lost,
    /// made again when an <c>AT+CNMA</c> came too late, and the use of message storage (<c>AT+CPMS?</c>) watched for a nearly full warning. A modem that refuses the SMS
    /// set-up is named as one that may have no SMS. Used from the driver's pass only; not synchronised.
    /// </summary>
    internal sealed class SmsSettings
    {
        private readonly ISmsModemDialogue _modem;
        private readonly ModemProfile _profile;
        private readonly SmsDriverOptions _options;
        private readonly SmsStorageGauge _storage = new SmsStorageGauge();
        private bool _noSmsReported;

        internal SmsSettings(ISmsModemDialogue modem, ModemProfile profile, SmsDriverOptions options)
        {
            _modem = modem;
            _profile = profile;
            _options = options;
        }

        /// <summary>Sends the profile's set-up commands, stopping at the first refused one.</summary>
        /// <returns>True when every command was accepted.</returns>
        internal bool Make()
        {
            string[] commands = _profile.GetSetupCommands();
            string storageCommand = _profile.GetStorageCommand();
            for (int i = 0; i < commands.Length; i++)
            {
                bool storage = commands[i] == storageCommand;
                var command = new AtCommand(commands[i], storage ? _profile.MessageTimeoutMilliseconds : _profile.CommandTimeoutMilliseconds);
                command.ResponsePrefix = storage ? "+CPMS:" : null;
                AtResponse response = _modem.Send(command);
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

            _noSmsReported = false;
            return true;
        }

        /// <summary>Reads the settings back; reports <see cref="ModemEventKind.SettingsLost"/> when they differ.</summary>
        /// <returns>False when the settings were lost; true when intact or the modem cannot tell.</returns>
        internal bool AreIntact()
        {
            // A modem that restarted without a boot URC (an auto-bauding SIM800 sends none) or zeroed <mt>/<ds> after a
            // late AT+CNMA has lost them, and no +CMTI would come again.
            string indication = _profile.UseDirectDelivery ? _profile.DirectDeliverySetting : _profile.StoreAndIndicateSetting;
            string lost = Differs("AT+CNMI?", "+CNMI:", indication) ?? Differs("AT+CMEE?", "+CMEE:", "1");
            if (lost == null)
            {
                return true; // intact, or the modem cannot tell: the periodic sweep still finds what was stored
            }

            _modem.Report(ModemEventKind.SettingsLost, lost);
            return false;
        }

        /// <summary>Acknowledges a message delivered directly (<c>AT+CNMA</c>); a refusal means it came too late: the modem
        /// answered the network with RP-ERROR and set &lt;mt&gt; and &lt;ds&gt; to 0 (TS 27.005 3.4.4, BG96 AT Manual
        /// 8.12), so the indication setting is made again at once.</summary>
        internal void Acknowledge()
        {
            AtResponse ack = _modem.Send(new AtCommand("AT+CNMA", _profile.CommandTimeoutMilliseconds));
            if (!ack.IsOk && !_modem.IsSuspect)
            {
                _modem.Report(ModemEventKind.SettingsLost, "AT+CNMA -> " + ack.FinalLine);
                _modem.Send(new AtCommand(_profile.GetIndicationCommand(), _profile.CommandTimeoutMilliseconds));
            }
        }

        /// <summary>Asks the storage use with <c>AT+CPMS?</c> and warns when it is nearly full.</summary>
        internal void CheckStorage()
        {
            var command = new AtCommand("AT+CPMS?", _profile.MessageTimeoutMilliseconds);
            command.ResponsePrefix = "+CPMS:";
            AtResponse response = _modem.Send(command);
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
                _modem.Report(ModemEventKind.StorageNearlyFull, full);
            }
        }

        // A modem without SMS refuses the SMS set-up; say so by name once per run of failed set-ups. Only a stable refusal
        // counts: a temporary error is an ordinary set-up failure that is retried.
        private void ReportNoSms(string command, AtResponse response)
        {
            bool smsCommand = command == "AT+CMGF=0" || command == _profile.GetStorageCommand() || command == _profile.GetIndicationCommand();
            if (!smsCommand || _noSmsReported || !SmsSetupReplies.IsStableRefusal(response))
            {
                return;
            }

            _noSmsReported = true;
            string known = _profile.NoSmsVariants == null ? string.Empty : " (" + _profile.NoSmsVariants + ")";
            _modem.Report(ModemEventKind.SmsUnsupported, command + " -> " + response.FinalLine + ": this modem may have no SMS" + known);
        }

        // The read-back line when its numbers differ from the expected ones, else null (also when the query fails).
        private string Differs(string query, string prefix, string expected)
        {
            var command = new AtCommand(query, _profile.CommandTimeoutMilliseconds);
            command.ResponsePrefix = prefix;
            AtResponse response = _modem.Send(command);
            string line = response.IsOk ? response.FindLine(prefix) : null;
            return line != null && SmsSetupReplies.Differs(line, expected) ? line : null;
        }
    }
}

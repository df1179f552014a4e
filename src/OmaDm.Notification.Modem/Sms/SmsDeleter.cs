using System.Collections;

namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>
    /// Deletes stored messages with <c>AT+CMGD</c> (3GPP TS 27.005 3.5.4) and deletes again, at the next maintenance,
    /// those whose delete failed. Used from the driver's pass only; not synchronised.
    /// </summary>
    internal sealed class SmsDeleter
    {
        /// <summary>TS 27.005 3.2.5 error 321: the slot is empty (already deleted).</summary>
        internal const int InvalidMemoryIndex = 321;

        private readonly ISmsModemDialogue _modem;
        private readonly ModemProfile _profile;
        private readonly SmsDeliveredSet _delivered;
        private readonly SmsDeleteRetries _failed = new SmsDeleteRetries();

        internal SmsDeleter(ISmsModemDialogue modem, ModemProfile profile, SmsDeliveredSet delivered)
        {
            _modem = modem;
            _profile = profile;
            _delivered = delivered;
        }

        /// <summary>Deletes each index; a deleted one is forgotten by the delivered set, a failed one kept to retry.</summary>
        /// <param name="indexes">Storage indexes (boxed ints).</param>
        internal void DeleteAll(ArrayList indexes)
        {
            for (int i = 0; i < indexes.Count; i++)
            {
                int index = (int)indexes[i];
                AtResponse response = _modem.Send(new AtCommand("AT+CMGD=" + index, _profile.MessageTimeoutMilliseconds));
                if (response.IsOk || response.ErrorCode == InvalidMemoryIndex)
                {
                    _delivered.Forget(index);
                    _modem.Report(ModemEventKind.MessageDeleted, index.ToString());
                }
                else
                {
                    // Keep the fingerprint so a re-read does not deliver it again; retry at the next maintenance.
                    _failed.Failed(index);
                    _modem.Report(ModemEventKind.DeleteFailed, index.ToString());
                }
            }
        }

        /// <summary>Deletes again the indexes whose delete failed, then those the sink gave up (stale concatenations).</summary>
        /// <param name="expired">The sink's tokens of the parts it gave up.</param>
        internal void Retry(object[] expired)
        {
            var retry = new ArrayList();
            _failed.MoveTo(retry);
            for (int i = 0; i < expired.Length; i++)
            {
                SmsDeleteRetries.Add(retry, expired[i]);
            }

            DeleteAll(retry);
        }
    }
}

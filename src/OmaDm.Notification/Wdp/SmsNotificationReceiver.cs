using System;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Wdp
{
    /// <summary>
    /// WDP over SMS: decodes an SMS-DELIVER, checks the user data header's destination port (2948), reassembles
    /// concatenated messages, and hands the WSP PDU to the <see cref="NotificationAgent"/>. Keeps, per pending message,
    /// the storage tokens of its parts so the modem driver deletes a stored SMS only once its whole message is done.
    /// </summary>
    public sealed class SmsNotificationReceiver
    {
        /// <summary>Creates a receiver.</summary>
        /// <param name="agent">The agent that processes reassembled WSP PDUs and reports rejections.</param>
        /// <param name="clock">Injected time for reassembly timeouts.</param>
        /// <param name="options">Bounds and tolerances; null for defaults.</param>
        public SmsNotificationReceiver(NotificationAgent agent, IClock clock, SmsReceiverOptions options)
        {
            throw new NotImplementedException();
        }

        /// <summary>Receives one TPDU as a modem gives it in PDU mode (SMSC address first).</summary>
        /// <param name="pdu">Buffer holding the PDU bytes (already converted from hex).</param>
        /// <param name="offset">First byte (the SMSC address length).</param>
        /// <param name="count">Length.</param>
        /// <param name="storageToken">Opaque token for the stored copy (the modem index), or null when not stored (+CMT).</param>
        /// <returns>The disposition, reason and released tokens.</returns>
        public SmsReceiveResult Receive(byte[] pdu, int offset, int count, object storageToken)
        {
            throw new NotImplementedException();
        }

        /// <summary>Gives up on concatenated messages older than the timeout (each reported as Incomplete).</summary>
        /// <returns>Storage tokens of the given-up parts, now safe to delete; empty, never null.</returns>
        public object[] ExpireStale()
        {
            throw new NotImplementedException();
        }
    }
}

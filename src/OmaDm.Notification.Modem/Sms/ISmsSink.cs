using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>
    /// Where the driver hands each received SMS-DELIVER. The product's sink is <see cref="SmsReceiverSink"/> over the
    /// core's SmsNotificationReceiver; the interface keeps the driver testable with a recording sink.
    /// </summary>
    public interface ISmsSink
    {
        /// <summary>Receives one TPDU as the modem gives it in PDU mode (SMSC address first).</summary>
        /// <param name="pdu">Buffer with the PDU bytes.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <param name="storageToken">The boxed storage index, or null for a directly delivered (+CMT) message.</param>
        /// <returns>What the driver may do with the stored copy and which stored messages are now safe to delete.</returns>
        SmsReceiveResult Receive(byte[] pdu, int offset, int count, object storageToken);

        /// <summary>Gives up on stale incomplete messages.</summary>
        /// <returns>Tokens now safe to delete; empty, never null.</returns>
        object[] ExpireStale();
    }
}

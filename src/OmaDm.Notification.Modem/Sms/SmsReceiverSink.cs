using System;
using OmaDm.Notification.Dispatch;

namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>The product's <see cref="ISmsSink"/>: the core's <see cref="SmsNotificationReceiver"/>.</summary>
    public sealed class SmsReceiverSink : ISmsSink
    {
        private readonly SmsNotificationReceiver _receiver;

        /// <summary>Wraps a receiver.</summary>
        /// <param name="receiver">The receiver wired to the notification agent.</param>
        public SmsReceiverSink(SmsNotificationReceiver receiver)
        {
            if (receiver == null)
            {
                throw new ArgumentNullException(nameof(receiver));
            }

            _receiver = receiver;
        }

        /// <inheritdoc />
        public SmsReceiveResult Receive(byte[] pdu, int offset, int count, object storageToken)
        {
            return _receiver.Receive(pdu, offset, count, storageToken);
        }

        /// <inheritdoc />
        public object[] ExpireStale()
        {
            return _receiver.ExpireStale();
        }
    }
}

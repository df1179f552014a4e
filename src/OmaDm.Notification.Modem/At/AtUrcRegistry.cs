using System.Collections;

namespace OmaDm.Notification.Modem
{
    /// <summary>
    /// The URCs an <see cref="AtChannel"/> recognises: one registration per prefix (registering a prefix again replaces
    /// its settings), matched by <c>StartsWith</c> in registration order. Not synchronised: the channel calls it under
    /// its state lock.
    /// </summary>
    internal sealed class AtUrcRegistry
    {
        private readonly ArrayList _registrations = new ArrayList();

        /// <summary>Registers a URC prefix, or changes the settings of one already registered.</summary>
        /// <param name="prefix">The prefix.</param>
        /// <param name="payloadLine">True when one data line follows the URC.</param>
        /// <param name="payloadTest">Recognises the data line; null for any line that is not itself a URC.</param>
        /// <returns>The registration.</returns>
        public AtUrcRegistration Register(string prefix, bool payloadLine, PayloadLineTest payloadTest)
        {
            AtUrcRegistration registration = null;
            for (int i = 0; i < _registrations.Count && registration == null; i++)
            {
                var existing = (AtUrcRegistration)_registrations[i];
                if (existing.Prefix == prefix)
                {
                    registration = existing;
                }
            }

            if (registration == null)
            {
                registration = new AtUrcRegistration(prefix);
                _registrations.Add(registration);
            }

            registration.PayloadLine = payloadLine;
            registration.PayloadTest = payloadTest;
            return registration;
        }

        /// <summary>The first registration whose prefix starts <paramref name="line"/>, or null.</summary>
        /// <param name="line">A line from the modem.</param>
        /// <returns>The registration, or null.</returns>
        public AtUrcRegistration Match(string line)
        {
            for (int i = 0; i < _registrations.Count; i++)
            {
                var registration = (AtUrcRegistration)_registrations[i];
                if (line.StartsWith(registration.Prefix))
                {
                    return registration;
                }
            }

            return null;
        }
    }
}

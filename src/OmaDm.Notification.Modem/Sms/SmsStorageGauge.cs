namespace OmaDm.Notification.Modem.Sms
{
    /// <summary>
    /// Whether message storage is nearly full, from a <c>+CPMS:</c> line (3GPP TS 27.005 3.2.2): says so once when use
    /// reaches the warning percentage, and again only after use has dropped below it. Used from the driver's pass only;
    /// not synchronised.
    /// </summary>
    public sealed class SmsStorageGauge
    {
        /// <summary>The used count's field in the set form <c>+CPMS: &lt;used1&gt;,&lt;total1&gt;,...</c>.</summary>
        public const int SetFormUsedField = 0;

        /// <summary>The used count's field in the read form <c>+CPMS: &lt;mem1&gt;,&lt;used1&gt;,&lt;total1&gt;,...</c>.</summary>
        public const int ReadFormUsedField = 1;

        private bool _warned;

        /// <summary>Reads the use of the first storage from <paramref name="line"/>.</summary>
        /// <param name="line">The <c>+CPMS:</c> line, or null (then nothing changes).</param>
        /// <param name="usedField">Where the used count is: <see cref="SetFormUsedField"/> or
        /// <see cref="ReadFormUsedField"/>; the total follows it.</param>
        /// <param name="warningPercent">The use, in percent of the total, that counts as nearly full.</param>
        /// <returns>"used/total" when storage has just become nearly full, else null (not full, already said, or a line
        /// without numbers).</returns>
        public string Check(string line, int usedField, int warningPercent)
        {
            if (line == null)
            {
                return null;
            }

            string[] fields = AtText.Fields(line);
            int used = AtText.IntField(fields, usedField);
            int total = AtText.IntField(fields, usedField + 1);
            if (used < 0 || total <= 0)
            {
                return null;
            }

            bool nearlyFull = used * 100 >= total * warningPercent;
            bool warn = nearlyFull && !_warned;
            _warned = nearlyFull;
            return warn ? used + "/" + total : null;
        }
    }
}

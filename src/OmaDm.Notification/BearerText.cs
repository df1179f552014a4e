namespace OmaDm.Notification
{
    /// <summary>
    /// The one table of <see cref="Bearer"/> names: the firmware's logs and <c>dmnotify</c>'s text and JSON output all
    /// print a bearer through it (nanoFramework prints enums as numbers).
    /// </summary>
    public static class BearerText
    {
        /// <summary>Returns the lower-case name of <paramref name="bearer"/>: <c>sms</c> or <c>udp</c>.</summary>
        /// <param name="bearer">The bearer.</param>
        /// <returns>The name, or <c>unknown</c> for a value that is not a member.</returns>
        public static string Name(Bearer bearer)
        {
            switch (bearer)
            {
                case Bearer.Sms: return "sms";
                case Bearer.Udp: return "udp";
                default: return "unknown";
            }
        }
    }
}

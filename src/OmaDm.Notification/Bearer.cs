namespace OmaDm.Notification
{
    /// <summary>The bearer that carried a notification (OMA-TS-DM_Notification 7.1).</summary>
    public enum Bearer
    {
        /// <summary>WAP push over SMS (WDP in the user data header), through the modem.</summary>
        Sms = 0,

        /// <summary>WAP push over UDP port 2948: a socket over Wi-Fi/Ethernet, or the modem's own IP stack.</summary>
        Udp = 1,
    }
}

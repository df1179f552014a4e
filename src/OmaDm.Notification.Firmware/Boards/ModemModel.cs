namespace OmaDm.Notification.Firmware.Boards
{
    /// <summary>The cellular module on a board, which selects the modem profile (AT dialect, IP-stack UDP commands).</summary>
    public enum ModemModel
    {
        /// <summary>No modem (Wi-Fi only).</summary>
        None = 0,

        /// <summary>SIMCom SIM800/SIM800L (2G; SMS, UDP via AT+CIPSTART/AT+CLPORT).</summary>
        Sim800 = 1,

        /// <summary>SIMCom SIM7600 series (LTE Cat-1/4; UDP via AT+NETOPEN/AT+CIPOPEN/AT+CIPRXGET).</summary>
        Sim7600 = 2,

        /// <summary>SIMCom A7670/A76xx (LTE Cat-1; same TCP/IP commands as SIM7600).</summary>
        A7670 = 3,

        /// <summary>Quectel BG95 (LTE-M/NB-IoT; UDP via AT+QIOPEN "UDP SERVICE"/AT+QIRD).</summary>
        Bg95 = 4,

        /// <summary>Quectel BG96 (LTE-M/NB-IoT; same TCP/IP commands as BG95).</summary>
        Bg96 = 5,
    }
}

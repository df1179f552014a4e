namespace OmaDm.Notification.Bootstrap
{
    /// <summary>
    /// The SEC parameter of a bootstrap push's Content-Type (OMA-WAP-TS-ProvBoot 1.1 section 5.3, OMA-TS-DM_Bootstrap
    /// 1.3 section 5.3.1): which shared secret keys the HMAC-SHA1 in the MAC parameter. The values are the wire's
    /// Short-integer values without the 0x80 flag.
    /// </summary>
    public enum BootstrapSecurity
    {
        /// <summary>No SEC parameter in the push (an unauthenticated bootstrap; never accepted).</summary>
        None = -1,

        /// <summary>0x80 NETWPIN: the key is the IMSI as SIM semi-octets. The IMSI is no secret, so this is off by default.</summary>
        NetworkPin = 0,

        /// <summary>0x81 USERPIN: the key is the user PIN's ASCII.</summary>
        UserPin = 1,

        /// <summary>0x82 USERNETWPIN: the key is the NETWPIN key followed by the user PIN's ASCII.</summary>
        UserNetworkPin = 2,

        /// <summary>0x83 USERPINMAC: the PIN is itself a MAC over the document (ProvBoot 5.4); not implemented, refused by name.</summary>
        UserPinMac = 3,
    }
}

using OmaDm.Notification.Bootstrap;

namespace OmaDm.Notification.Storage.Accounts
{
    /// <summary>
    /// The device's own bootstrap settings, provisioned at manufacture (the <c>[bootstrap]</c> section of
    /// <c>provision.txt</c>) and kept in the accounts record, since the file is deleted after its one commit: the user
    /// PIN (a per-device secret, never logged), the allowed SEC methods and the overwrite policy.
    /// </summary>
    public sealed class BootstrapSettings
    {
        /// <summary>The <c>[bootstrap]</c> section header.</summary>
        public const string Section = "[bootstrap]";

        /// <summary>The user PIN key (1..<see cref="BootstrapKey.MaxPinLength"/> printable ASCII characters).</summary>
        public const string PinKey = "pin";

        /// <summary>The allowed methods key: a comma-separated list of <c>userpin</c>, <c>usernetwpin</c>, <c>netwpin</c>.</summary>
        public const string SecKey = "sec";

        /// <summary>The overwrite key: <c>true</c> or <c>false</c>.</summary>
        public const string OverwriteKey = "overwrite";

        /// <summary>The name of SEC=USERPIN in <see cref="SecKey"/>.</summary>
        public const string UserPinName = "userpin";

        /// <summary>The name of SEC=USERNETWPIN in <see cref="SecKey"/>.</summary>
        public const string UserNetworkPinName = "usernetwpin";

        /// <summary>The name of SEC=NETWPIN in <see cref="SecKey"/>.</summary>
        public const string NetworkPinName = "netwpin";

        /// <summary>The user PIN, or null when none is provisioned. Never logged.</summary>
        public string Pin;

        /// <summary>Accept SEC=NETWPIN. Default false.</summary>
        public bool AllowNetworkPin;

        /// <summary>Accept SEC=USERPIN. Default true.</summary>
        public bool AllowUserPin = true;

        /// <summary>Accept SEC=USERNETWPIN. Default true.</summary>
        public bool AllowUserNetworkPin = true;

        /// <summary>Let a bootstrap replace an account the device holds. Default false.</summary>
        public bool AllowOverwrite;

        /// <summary>True when the values are ones the store keeps: no PIN or a valid one, at least one method.</summary>
        /// <returns><c>true</c> when valid.</returns>
        public bool IsValid()
        {
            return (Pin == null || BootstrapKey.IsValidPin(Pin)) && (AllowNetworkPin || AllowUserPin || AllowUserNetworkPin);
        }

        /// <summary>Returns a copy.</summary>
        /// <returns>The copy.</returns>
        public BootstrapSettings Clone()
        {
            return new BootstrapSettings
            {
                Pin = Pin,
                AllowNetworkPin = AllowNetworkPin,
                AllowUserPin = AllowUserPin,
                AllowUserNetworkPin = AllowUserNetworkPin,
                AllowOverwrite = AllowOverwrite,
            };
        }

        /// <summary>
        /// The policy the board boots with: these settings (PIN, methods, overwrite), provisioned for this device, over
        /// the image's <paramref name="configured"/> policy, which keeps only its IMSI (read from the modem at set-up).
        /// </summary>
        /// <param name="configured">The image's policy, or null.</param>
        /// <returns>A new policy.</returns>
        public BootstrapPolicy ToPolicy(BootstrapPolicy configured)
        {
            return new BootstrapPolicy
            {
                UserPin = Pin,
                AllowNetworkPin = AllowNetworkPin,
                AllowUserPin = AllowUserPin,
                AllowUserNetworkPin = AllowUserNetworkPin,
                AllowOverwrite = AllowOverwrite,
                Imsi = configured == null ? null : configured.Imsi,
            };
        }

        /// <summary>Sets the allowed methods from a <see cref="SecKey"/> value.</summary>
        /// <param name="list">Comma-separated method names, blanks around each allowed; none repeated.</param>
        /// <returns><c>false</c> (nothing changed) for an empty list, an unknown or repeated name.</returns>
        public bool TrySetMethods(string list)
        {
            bool network = false;
            bool user = false;
            bool userNetwork = false;
            int start = 0;
            while (start <= list.Length)
            {
                int comma = list.IndexOf(',', start);
                int end = comma < 0 ? list.Length : comma;
                string name = Provisioning.TrimBlanks(list.Substring(start, end - start));
                if (name == NetworkPinName && !network)
                {
                    network = true;
                }
                else if (name == UserPinName && !user)
                {
                    user = true;
                }
                else if (name == UserNetworkPinName && !userNetwork)
                {
                    userNetwork = true;
                }
                else
                {
                    return false;
                }

                start = end + 1;
            }

            AllowNetworkPin = network;
            AllowUserPin = user;
            AllowUserNetworkPin = userNetwork;
            return true;
        }
    }
}

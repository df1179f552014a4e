namespace OmaDm.Notification.Trigger
{
    /// <summary>Who caused the management action, 1 bit (OMA-TS-DM_Notification 6.2.8).</summary>
    public enum Initiator
    {
        /// <summary>"0": the end user (client) initiated it.</summary>
        Client = 0,

        /// <summary>"1": the server (operator, enterprise) initiated it.</summary>
        Server = 1,
    }
}

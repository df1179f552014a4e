using System;
using OmaDm.Notification.Bootstrap;
using OmaDm.Notification.Storage.Records;

namespace OmaDm.Notification.Cli.Store;

/// <summary>
/// The bootstrap committer of <c>listen --state DIR</c>: the device's own committer, run under the state directory's
/// <c>.store.lock</c> (the lock <c>dmnotify nonce</c> and <c>dmnotify account</c> take) after the accounts were reloaded
/// from disk, so a nonce or an account another process committed since the listener last read the store is kept, not
/// overwritten with the listener's older copy. The agent reports the bootstrap only after this returned
/// <see cref="ReasonCode.None"/>, that is after the commit. A store that stays locked or cannot be re-read refuses the
/// bootstrap (bootstrap-store-full: "could not be written"), with a note saying why.
/// </summary>
internal sealed class LockedBootstrapStore(StateDirectory state, object gate, Func<StoreReason> reload, IBootstrapStore inner, Action<string> note, Action committed) : IBootstrapStore
{
    /// <inheritdoc />
    public bool WasAccepted(byte[] mac, int macOffset) => inner.WasAccepted(mac, macOffset);

    /// <inheritdoc />
    public ReasonCode Commit(BootstrapAccount account, bool allowOverwrite, byte[] mac, int macOffset)
    {
        // The same gate as the listener's own reload, so the two never interleave their reads of the store.
        lock (gate)
        {
            try
            {
                using (state.LockStore())
                {
                    StoreReason reloaded = reload();
                    if (reloaded is not (StoreReason.None or StoreReason.NotFound))
                    {
                        note($"bootstrap not committed: the accounts record could not be re-read ({StoreCommands.ReasonText(reloaded)})");
                        return ReasonCode.BootstrapStoreFull;
                    }

                    ReasonCode reason = inner.Commit(account, allowOverwrite, mac, macOffset);
                    committed();
                    return reason;
                }
            }
            catch (Exception e) when (e is UsageException or System.IO.IOException or UnauthorizedAccessException)
            {
                note($"bootstrap not committed: {e.Message}");
                return ReasonCode.BootstrapStoreFull;
            }
        }
    }
}

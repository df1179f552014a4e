using System;
using OmaDm.Notification.Modem;

namespace OmaDm.Notification.Cli;

/// <summary>
/// Re-opens <c>--modem</c> for the AT channel after the link ended (ser2net restarted, the USB modem re-enumerated);
/// each new reason it cannot is reported once, not on every attempt of the back-off.
/// </summary>
public sealed class ModemEndpointConnector(ModemEndpoint endpoint, Action<string> report) : IModemConnector
{
    private string _lastError;

    /// <inheritdoc />
    public IModemLink Open()
    {
        IModemLink link = endpoint.TryOpen(out string error);
        if (link == null && error != _lastError)
        {
            report($"{endpoint.Text}: cannot reconnect: {error}; retrying");
        }

        _lastError = error;
        return link;
    }

    /// <inheritdoc />
    public void Release(IModemLink link) => (link as IDisposable)?.Dispose();
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using OmaDm.Notification.Builders;
using OmaDm.Notification.Simulation;

namespace OmaDm.Notification.Cli;

/// <summary>
/// The SMS step of the demo: the Modem library's real 27.005 driver talks over loopback TCP to the simulated modem the
/// device tests use (<see cref="ScriptedModem"/>, exported by <see cref="ScriptedModemTcpBridge"/>), which receives
/// the trigger as a concatenated SMS, parts out of order.
/// </summary>
public static class DemoSms
{
    // The SMS-DELIVER encoder splits only payloads above one SMS (140 octets), so a vendor tail makes the push long
    // enough to need concatenation; the tail is digested like the rest of the trigger.
    private const int VendorTailLength = 150;

    // SIM storage slots of the simulated modem; AT+CPMS reports them as the total.
    private const int StorageSlots = 30;

    /// <summary>Delivers the trigger as a concatenated SMS through the simulated modem; true when the agent accepted it.</summary>
    public static bool Run(TextWriter output, AgentHost host, TriggerBuilder trigger, BlockingCollection<string> outcomes, CancellationToken stop)
    {
        var vendor = new byte[VendorTailLength];
        for (int i = 0; i < vendor.Length; i++)
        {
            vendor[i] = (byte)('a' + (i % 26));
        }

        trigger.Vendor = vendor;
        byte[] package0 = trigger.Build();
        byte[] push = new WspPushEncoder().Encode(package0, 0, package0.Length);
        var parts = new List<string>(SmsPdus.Encode(push, "+15550100"));

        var modem = new ScriptedModem(StorageSlots);
        using var bridge = new ScriptedModemTcpBridge(modem);
        // Modem warnings and errors are shown, not hidden: a demo that needs to hide one has a bug to fix.
        using var log = new EventPrinter(output, json: false);
        using var bearer = ModemConnection.Start(host, log, ModemEndpoint.Parse($"tcp:127.0.0.1:{bridge.Port}"), stop);
        output.WriteLine($"   The modem driver set up the simulated modem on tcp:127.0.0.1:{bridge.Port} (ATE0, CMEE, CMGF=0, CPMS, CNMI, start-up sweep).");
        output.WriteLine($"   A {push.Length}-byte push with a {VendorTailLength}-byte vendor tail needs {parts.Count} SMS; they arrive last part first:");
        for (int i = parts.Count - 1; i >= 0; i--)
        {
            output.WriteLine($"     part {i + 1}/{parts.Count}: {parts[i]}");
            modem.Receive(parts[i]);
        }

        bool accepted = Demo.Expect(output, outcomes, "ACCEPTED");
        var waited = Stopwatch.StartNew();
        while (modem.StoredCount > 0 && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(20);
        }

        output.WriteLine(modem.StoredCount == 0
            ? "   The driver deleted every part from modem storage once the whole message was processed."
            : $"   {modem.StoredCount} part(s) are still in modem storage.");
        return accepted && modem.StoredCount == 0;
    }
}

using System;
using System.CommandLine;
using System.IO;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Cli.Store;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Cli;

/// <summary>
/// <c>dmnotify nonce</c> and <c>dmnotify account add|remove|list</c>: changes to the device's store in a state
/// directory, as a DM client on a gateway makes them (the NextNonce of the server's challenge, a new server). Each is
/// one crash-safe commit under the store lock, so it is safe while <c>listen --state</c> runs on the same directory,
/// which picks the change up within a fraction of a second.
/// </summary>
public static class StoreCommands
{
    /// <summary>Creates <c>nonce</c>.</summary>
    public static Command CreateNonce(TextWriter output)
    {
        var state = StateOption();
        var serverId = new Option<string>("--server-id") { Description = "The account's server identifier.", Required = true };
        var nonce = new Option<string>("--nonce") { Description = "The new server nonce, base64 with '=' padding (the NextNonce of the server's challenge).", Required = true };
        var command = new Command("nonce", DmNotify.Describe("Replace an account's server nonce in the store of a state directory (safe while listen runs on it).")) { state, serverId, nonce };
        command.SetAction(r =>
        {
            string text = r.GetValue(nonce);
            if (text.Length == 0 || !AccountSettingText.IsNonce(text))
            {
                throw new UsageException($"--nonce: '{text}' is not base64 with '=' padding (the strict rule the digest check uses).");
            }

            return Change(r.GetValue(state), output, store => store.UpdateNonce(r.GetValue(serverId), text), $"nonce of {r.GetValue(serverId)} updated");
        });
        return command;
    }

    /// <summary>Creates <c>account</c> with <c>add</c>, <c>remove</c> and <c>list</c>.</summary>
    public static Command CreateAccount(TextWriter output)
    {
        var command = new Command("account", DmNotify.Describe("Add, remove or list the accounts in the store of a state directory (safe while listen runs on it)."));

        var state = StateOption();
        var serverId = new Option<string>("--server-id") { Description = "Server identifier (1..255 UTF-8 bytes).", Required = true };
        var password = new Option<string>("--password") { Description = "Server password.", Required = true };
        var allowEmpty = new Option<bool>("--allow-empty-password") { Description = "Accept an empty password (anyone who knows the server id could then sign)." };
        var nonce = new Option<string>("--nonce") { Description = "Server nonce, base64 (default empty).", DefaultValueFactory = _ => string.Empty };
        var resync = new Option<string>("--resync") { Description = "Nonce resynchronisation: off, zero-bytes or zero-bytes-then-ascii.", DefaultValueFactory = _ => "off" };
        resync.AcceptOnlyFromAmong("off", "zero-bytes", "zero-bytes-then-ascii");
        var format = new Option<string>("--session-id-format") { Description = "How session ids of this server are written: hex or decimal.", DefaultValueFactory = _ => "hex" };
        format.AcceptOnlyFromAmong("hex", "decimal");
        var add = new Command("add", DmNotify.Describe("Add an account, or replace the one with the same server id. A server id it does not accept, or a store it cannot write, is a usage error (2).")) { state, serverId, password, allowEmpty, nonce, resync, format };
        add.SetAction(r =>
        {
            if (r.GetValue(password).Length == 0 && !r.GetValue(allowEmpty))
            {
                throw new UsageException("--password is empty: anyone who knows the server id could sign; add --allow-empty-password if the server really has none.");
            }

            if (!AccountSettingText.IsNonce(r.GetValue(nonce)))
            {
                throw new UsageException($"--nonce: '{r.GetValue(nonce)}' is not base64 with '=' padding (the strict rule the digest check uses).");
            }

            if (!AccountSettingText.TryParseResync(r.GetValue(resync), out ResyncPolicy policy))
            {
                throw new UsageException($"--resync: '{r.GetValue(resync)}'; expected {AccountSettingText.ResyncOff}, {AccountSettingText.ResyncZeroBytes} or {AccountSettingText.ResyncZeroBytesThenAscii}.");
            }

            var record = new AccountRecord(r.GetValue(serverId), r.GetValue(password), r.GetValue(nonce), policy)
            {
                SessionIdFormat = r.GetValue(format) == "decimal" ? SessionIdFormat.Decimal : SessionIdFormat.Hexadecimal,
            };
            if (record.Problem() is string problem)
            {
                throw new UsageException($"account add: {problem}; the store would refuse it.");
            }

            return Change(r.GetValue(state), output, store => store.AddOrReplace(record), $"account {record.ServerId} stored");
        });

        var removeState = StateOption();
        var removeId = new Option<string>("--server-id") { Description = "Server identifier.", Required = true };
        var remove = new Command("remove", DmNotify.Describe("Remove an account (both slots are rewritten, so its password does not linger). An unknown server id is a usage error (2).")) { removeState, removeId };
        remove.SetAction(r => Change(r.GetValue(removeState), output, store => store.Remove(r.GetValue(removeId)), $"account {r.GetValue(removeId)} removed"));

        var listState = StateOption();
        var list = new Command("list", DmNotify.Describe("List the accounts (server id, nonce, resync policy; never the password).")) { listState };
        list.SetAction(r =>
        {
            using var directory = OpenExisting(r.GetValue(listState));
            var store = new AccountStore(directory.Files);
            using (directory.LockStore())
            {
                Require(store.Open(), directory, allowEmpty: true);
            }

            foreach (var account in store.GetAccounts())
            {
                output.WriteLine($"{account.ServerId}\tnonce={account.NonceBase64}\tresync={ResyncName(account.Resync)}\tsessionIdFormat={(account.SessionIdFormat == SessionIdFormat.Decimal ? "decimal" : "hex")}");
            }

            return ExitCodes.Ok;
        });

        command.Subcommands.Add(add);
        command.Subcommands.Add(remove);
        command.Subcommands.Add(list);
        return command;
    }

    /// <summary>The kebab-case name of a store reason.</summary>
    // The device's names (StoreReasonText), except that a success reads "ok" in the tool's messages.
    public static string ReasonText(StoreReason reason) => reason == StoreReason.None ? "ok" : StoreReasonText.ToKebabCase(reason);

    private static Option<string> StateOption() => new("--state") { Description = "The state directory of listen --state (the device's store).", Required = true };

    private static int Change(string path, TextWriter output, Func<AccountStore, StoreReason> change, string done)
    {
        using var directory = OpenExisting(path);
        var store = new AccountStore(directory.Files);
        using (directory.LockStore())
        {
            Require(store.Open(), directory, allowEmpty: true);
            StoreReason reason = change(store);
            switch (reason)
            {
                case StoreReason.None:
                    output.WriteLine(done);
                    return ExitCodes.Ok;
                case StoreReason.UnknownAccount:
                    throw new UsageException($"--server-id: the store in '{directory.Path}' has no such account.");
                case StoreReason.InvalidValue:
                    throw new UsageException($"refused by the store ({ReasonText(reason)}): a server id of 1..255 bytes, base64 nonce, and at most {StoreCodec.MaxAccounts} accounts.");
                default:
                    throw new UsageException($"--state '{directory.Path}': the change was not written ({ReasonText(reason)}); the store is unchanged.{directory.PlantedLinks()}");
            }
        }
    }

    private static StateDirectory OpenExisting(string path) => Directory.Exists(path)
        ? StateDirectory.Open(path, listener: false)
        : throw new UsageException($"--state '{path}' does not exist (listen --state creates it).");

    private static void Require(StoreReason opened, StateDirectory directory, bool allowEmpty)
    {
        if (opened == StoreReason.None || (allowEmpty && opened == StoreReason.NotFound))
        {
            return;
        }

        throw new UsageException($"--state '{directory.Path}': the accounts record is unreadable in both slots ({ReasonText(opened)}).");
    }

    private static string ResyncName(OmaDm.Notification.Authentication.ResyncPolicy policy) => policy switch
    {
        OmaDm.Notification.Authentication.ResyncPolicy.ZeroBytes => "zero-bytes",
        OmaDm.Notification.Authentication.ResyncPolicy.ZeroBytesThenAscii => "zero-bytes-then-ascii",
        _ => "off",
    };
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Storage.Accounts;
using OmaDm.Notification.Storage.Records;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Cli;

/// <summary>
/// The accounts file of <c>listen</c> and <c>decode</c>:
/// <c>{"accounts":[{"serverId":"…","password":"…","nonce":"&lt;base64&gt;","resync":"off"|"zero-bytes"|"zero-bytes-then-ascii",
/// "sessionIdFormat":"hex"|"decimal","tryNonceText":false,"allowEmptyPassword":false}],"acceptVersions":[11,12]}</c>:
/// the keys and values of <see cref="AccountSettingText"/>, the same as the device's <c>provision.txt</c>, read into the
/// device store's <see cref="AccountRecord"/>s. Refused as a whole, with a <see cref="UsageException"/> naming the file,
/// the account and what is wrong: a duplicate server id, a missing password, an empty password unless
/// <c>"allowEmptyPassword": true</c> (anyone who knows the server id could sign), a non-boolean flag, a bad enum or
/// nonce. Loading is linear in the file and stops when the command is cancelled (Ctrl-C, SIGTERM).
/// </summary>
public sealed class AccountsFile
{
    private const int CancellationCheckInterval = 1024;

    /// <summary>The accounts, in file order.</summary>
    public AccountRecord[] Accounts { get; private set; } = [];

    /// <summary>The accepted trigger versions (default 11 and 12).</summary>
    public int[] AcceptVersions { get; private set; } = [11, 12];

    /// <summary>CRC-32 of the file's bytes (never 0), the import marker kept in the store like provision.txt's.</summary>
    public uint Crc { get; private set; } = 1;

    /// <summary>The accounts as a table the agent authenticates against (built in one linear step).</summary>
    public AccountTable CreateTable()
    {
        var table = new AccountTable();
        table.AddOrReplaceAll(Array.ConvertAll(Accounts, a => a.ToServerAccount()));
        return table;
    }

    /// <summary>
    /// The largest accounts file read (64 MiB): room for the 100,000 accounts <c>decode</c> is tested with, while
    /// <c>--accounts /dev/zero</c> stops at once with a named error instead of reading until memory runs out.
    /// </summary>
    public const int MaxFileBytes = 64 * 1024 * 1024;

    /// <summary>Reads and validates <paramref name="path"/>; throws <see cref="OperationCanceledException"/> when stopped.</summary>
    public static AccountsFile Load(string path, CancellationToken stop = default)
    {
        byte[] bytes;
        try
        {
            bytes = InputFile.Read(path, MaxFileBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"accounts file '{path}': cannot be read: {e.Message}");
        }

        try
        {
            var file = Parse(bytes, stop);
            return file;
        }
        catch (JsonException e)
        {
            throw new UsageException($"accounts file '{path}': not valid JSON: {e.Message}");
        }
        catch (FormatException e)
        {
            throw new UsageException($"accounts file '{path}': {e.Message}");
        }
    }

    /// <summary>Parses the file's text; throws <see cref="JsonException"/> or <see cref="FormatException"/>.</summary>
    public static AccountsFile Parse(string text) => Parse(System.Text.Encoding.UTF8.GetBytes(text), default);

    private static AccountsFile Parse(byte[] bytes, CancellationToken stop)
    {
        using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        stop.ThrowIfCancellationRequested();
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the top level must be an object with an \"accounts\" array.");
        }

        if (!root.TryGetProperty("accounts", out var accounts) || accounts.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("missing \"accounts\" array.");
        }

        if (accounts.GetArrayLength() == 0)
        {
            throw new FormatException("\"accounts\" is empty: at least one server account is needed.");
        }

        var result = new AccountsFile();
        var records = new List<AccountRecord>(accounts.GetArrayLength());
        var seen = new Dictionary<string, int>(accounts.GetArrayLength(), StringComparer.Ordinal);
        int index = 0;
        foreach (var entry in accounts.EnumerateArray())
        {
            if (index % CancellationCheckInterval == 0)
            {
                stop.ThrowIfCancellationRequested();
            }

            var record = ParseAccount(entry, index);
            if (seen.TryGetValue(record.ServerId, out int first))
            {
                throw new FormatException($"accounts[{index}]: serverId \"{Echo(record.ServerId)}\" is already used by accounts[{first}]; each server needs exactly one account.");
            }

            seen.Add(record.ServerId, index);
            records.Add(record);
            index++;
        }

        result.Accounts = [.. records];
        if (root.TryGetProperty("acceptVersions", out var versions))
        {
            if (versions.ValueKind != JsonValueKind.Array || versions.GetArrayLength() == 0)
            {
                throw new FormatException("\"acceptVersions\" must be a non-empty array of numbers, e.g. [11,12].");
            }

            var list = new List<int>();
            foreach (var v in versions.EnumerateArray())
            {
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int n) || n < 0 || n > 0x3FF)
                {
                    throw new FormatException($"\"acceptVersions\" holds {v.GetRawText()}: each must be a number 0..1023.");
                }

                list.Add(n);
            }

            result.AcceptVersions = [.. list];
        }

        uint crc = Crc32.Compute(bytes, 0, bytes.Length);
        result.Crc = crc == 0 ? 1u : crc;
        return result;
    }

    private static AccountRecord ParseAccount(JsonElement entry, int index)
    {
        string where = $"accounts[{index}]";
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where} must be an object.");
        }

        string serverId = RequiredString(entry, AccountSettingText.ServerIdKey, where);
        where = $"{where} (\"{Echo(serverId)}\")";
        if (serverId.Length == 0)
        {
            throw new FormatException($"{where}: \"{AccountSettingText.ServerIdKey}\" is empty.");
        }

        string password = RequiredString(entry, AccountSettingText.PasswordKey, where);
        if (password.Length == 0 && !OptionalBoolean(entry, "allowEmptyPassword", where))
        {
            throw new FormatException($"{where}: \"password\" is empty, so anyone who knows the server id could sign triggers; add \"allowEmptyPassword\": true if the server really has none.");
        }

        string nonce = OptionalString(entry, AccountSettingText.NonceKey, where) ?? string.Empty;
        if (!AccountSettingText.IsNonce(nonce))
        {
            throw new FormatException($"{where}: \"{AccountSettingText.NonceKey}\" is not strict base64 ('=' padding, no blanks, zero pad bits): \"{Echo(nonce)}\".");
        }

        string resyncText = OptionalString(entry, AccountSettingText.ResyncKey, where) ?? AccountSettingText.ResyncOff;
        if (!AccountSettingText.TryParseResync(resyncText, out ResyncPolicy resync))
        {
            throw new FormatException($"{where}: \"{AccountSettingText.ResyncKey}\" is \"{resyncText}\"; expected {AccountSettingText.ResyncOff}, {AccountSettingText.ResyncZeroBytes} or {AccountSettingText.ResyncZeroBytesThenAscii}.");
        }

        string formatText = OptionalString(entry, AccountSettingText.SessionIdFormatKey, where) ?? AccountSettingText.SessionIdHex;
        if (!AccountSettingText.TryParseSessionIdFormat(formatText, out SessionIdFormat format))
        {
            throw new FormatException($"{where}: \"{AccountSettingText.SessionIdFormatKey}\" is \"{formatText}\"; expected {AccountSettingText.SessionIdHex} or {AccountSettingText.SessionIdDecimal}.");
        }

        var record = new AccountRecord(serverId, password, nonce, resync)
        {
            SessionIdFormat = format,
            TryStoredNonceText = OptionalBoolean(entry, AccountSettingText.TryNonceTextKey, where),
        };

        if (record.Problem() is string problem)
        {
            throw new FormatException($"{where}: {problem}.");
        }

        return record;
    }

    // A value as it is quoted in a message: at most MaxEcho characters, so a huge server id does not flood the terminal.
    private static string Echo(string value) => value.Length <= MaxEcho ? value : $"{value[..MaxEcho]}... ({value.Length:N0} characters)";

    private const int MaxEcho = 64;

    private static string RequiredString(JsonElement entry, string name, string where) =>
        OptionalString(entry, name, where) ?? throw new FormatException($"{where}: missing \"{name}\".");

    private static string OptionalString(JsonElement entry, string name, string where)
    {
        if (!entry.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"{where}: \"{name}\" must be a string, not {value.GetRawText()}.");
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape (\ud800) or a byte that is not UTF-8 inside the string: no text to store.
            throw new FormatException($"{where}: \"{name}\" is not valid text (invalid-utf8: a lone surrogate escape or bytes that are not UTF-8).");
        }
    }

    private static bool OptionalBoolean(JsonElement entry, string name, string where)
    {
        if (!entry.TryGetProperty(name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"{where}: \"{name}\" must be true or false, not {value.GetRawText()}."),
        };
    }
}

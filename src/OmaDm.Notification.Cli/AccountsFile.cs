using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using OmaDm.Notification.Authentication;
using OmaDm.Notification.Trigger;

namespace OmaDm.Notification.Cli;

/// <summary>
/// The accounts file of <c>listen</c> and <c>decode</c>:
/// <c>{"accounts":[{"serverId":"…","password":"…","nonce":"&lt;base64&gt;","resync":"off"|"zero-bytes"|"zero-bytes-then-ascii",
/// "sessionIdFormat":"hex"|"decimal","tryNonceText":true|false}],"acceptVersions":[11,12]}</c>: the keys and values of
/// <see cref="AccountSettingText"/>, the same as the device's <c>provision.txt</c>. Any problem is a <see cref="UsageException"/>
/// that names the file and what is wrong.
/// </summary>
public sealed class AccountsFile
{
    /// <summary>The accounts, ready for the agent.</summary>
    public AccountTable Accounts { get; } = new();

    /// <summary>The accepted trigger versions (default 11 and 12).</summary>
    public int[] AcceptVersions { get; private set; } = [11, 12];

    /// <summary>Reads and validates <paramref name="path"/>.</summary>
    public static AccountsFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"accounts file '{path}': cannot be read: {e.Message}");
        }

        try
        {
            return Parse(text);
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
    public static AccountsFile Parse(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the top level must be an object with an \"accounts\" array.");
        }

        var result = new AccountsFile();
        if (!root.TryGetProperty("accounts", out var accounts) || accounts.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("missing \"accounts\" array.");
        }

        if (accounts.GetArrayLength() == 0)
        {
            throw new FormatException("\"accounts\" is empty: at least one server account is needed.");
        }

        int index = 0;
        foreach (var entry in accounts.EnumerateArray())
        {
            result.Accounts.AddOrReplace(ParseAccount(entry, index));
            index++;
        }

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

            result.AcceptVersions = list.ToArray();
        }

        return result;
    }

    private static ServerAccount ParseAccount(JsonElement entry, int index)
    {
        string where = $"accounts[{index}]";
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where} must be an object.");
        }

        string serverId = RequiredString(entry, AccountSettingText.ServerIdKey, where);
        where = $"{where} (\"{serverId}\")";
        if (serverId.Length == 0)
        {
            throw new FormatException($"{where}: \"{AccountSettingText.ServerIdKey}\" is empty.");
        }

        string password = OptionalString(entry, AccountSettingText.PasswordKey, where) ?? string.Empty;
        string nonce = OptionalString(entry, AccountSettingText.NonceKey, where) ?? string.Empty;
        if (!AccountSettingText.IsNonce(nonce))
        {
            throw new FormatException($"{where}: \"{AccountSettingText.NonceKey}\" is not strict base64 ('=' padding, no blanks, zero pad bits): \"{nonce}\".");
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

        ServerAccount account;
        try
        {
            account = new ServerAccount(serverId, password, nonce, resync);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{where}: {e.Message}");
        }

        account.SessionIdFormat = format;
        if (entry.TryGetProperty(AccountSettingText.TryNonceTextKey, out var tryText))
        {
            account.TryStoredNonceText = tryText.ValueKind == JsonValueKind.True;
        }

        return account;
    }

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

        return value.GetString();
    }
}

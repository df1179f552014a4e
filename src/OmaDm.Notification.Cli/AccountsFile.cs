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
/// "sessionIdFormat":"hex"|"decimal"}],"acceptVersions":[11,12]}</c>. Any problem is a <see cref="UsageException"/>
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

        string serverId = RequiredString(entry, "serverId", where);
        where = $"{where} (\"{serverId}\")";
        if (serverId.Length == 0)
        {
            throw new FormatException($"{where}: \"serverId\" is empty.");
        }

        string password = OptionalString(entry, "password", where) ?? string.Empty;
        string nonce = OptionalString(entry, "nonce", where) ?? string.Empty;
        if (nonce.Length > 0 && !IsBase64(nonce))
        {
            throw new FormatException($"{where}: \"nonce\" is not base64 (with '=' padding): \"{nonce}\".");
        }

        ResyncPolicy resync = (OptionalString(entry, "resync", where) ?? "off") switch
        {
            "off" => ResyncPolicy.Off,
            "zero-bytes" => ResyncPolicy.ZeroBytes,
            "zero-bytes-then-ascii" => ResyncPolicy.ZeroBytesThenAscii,
            var other => throw new FormatException($"{where}: \"resync\" is \"{other}\"; expected off, zero-bytes or zero-bytes-then-ascii."),
        };

        SessionIdFormat format = (OptionalString(entry, "sessionIdFormat", where) ?? "hex") switch
        {
            "hex" => SessionIdFormat.Hexadecimal,
            "decimal" => SessionIdFormat.Decimal,
            var other => throw new FormatException($"{where}: \"sessionIdFormat\" is \"{other}\"; expected hex or decimal."),
        };

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
        if (entry.TryGetProperty("tryNonceText", out var tryText))
        {
            account.TryStoredNonceText = tryText.ValueKind == JsonValueKind.True;
        }

        return account;
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return text.Length % 4 == 0 && Convert.TryFromBase64String(text, buffer, out _);
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

using System;
using System.Text;

namespace OmaDm.Notification.Cli;

/// <summary>Hex text on the command line: spaces, colons and an optional 0x prefix are tolerated.</summary>
public static class HexText
{
    /// <summary>Parses hex text or throws a <see cref="UsageException"/> naming what is wrong.</summary>
    public static byte[] Parse(string text, string what)
    {
        var digits = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is ' ' or ':' or '-' or '\t' or '\r' or '\n')
            {
                continue;
            }

            digits.Append(c);
        }

        string s = digits.ToString();
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            s = s[2..];
        }

        for (int i = 0; i < s.Length; i++)
        {
            if (!Uri.IsHexDigit(s[i]))
            {
                throw new UsageException($"{what}: '{s[i]}' at position {i + 1} is not a hex digit.");
            }
        }

        if (s.Length % 2 != 0)
        {
            throw new UsageException($"{what}: odd number of hex digits ({s.Length}).");
        }

        return Convert.FromHexString(s);
    }

    /// <summary>Upper-case hex without separators.</summary>
    public static string Format(byte[] bytes) => Convert.ToHexString(bytes);

    /// <summary>Upper-case hex of a range.</summary>
    public static string Format(byte[] bytes, int offset, int count) => Convert.ToHexString(bytes, offset, count);
}

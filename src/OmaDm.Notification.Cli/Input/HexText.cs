using System;
using System.Text;
using OmaDm.Notification.Buffers;

namespace OmaDm.Notification.Cli;

/// <summary>
/// Hex text on the command line: spaces, colons and an optional 0x prefix are tolerated, and a bad digit is named. The
/// conversion itself is the core's <see cref="Hex"/>, the one every layer uses.
/// </summary>
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
            if (Hex.DigitValue(s[i]) < 0)
            {
                throw new UsageException($"{what}: '{s[i]}' at position {i + 1} is not a hex digit.");
            }
        }

        if (!Hex.TryParse(s, out byte[] bytes))
        {
            throw new UsageException($"{what}: odd number of hex digits ({s.Length}).");
        }

        return bytes;
    }

    /// <summary>Upper-case hex without separators.</summary>
    public static string Format(byte[] bytes) => Hex.ToHex(bytes, 0, bytes.Length);

    /// <summary>Upper-case hex of a range.</summary>
    public static string Format(byte[] bytes, int offset, int count) => Hex.ToHex(bytes, offset, count);
}

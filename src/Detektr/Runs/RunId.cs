using System.Globalization;
using System.Security.Cryptography;

namespace Detektr.Runs;

/// <summary>Identifies one detonation: <c>yyyyMMddTHHmmssZ-xxxxxxxx</c> (UTC start time and 32 random
/// bits), so run directories sort by start time and never collide between parallel runs.</summary>
/// <param name="Value">The textual identifier.</param>
public readonly record struct RunId(string Value)
{
    private const int MaxLength = 64;

    /// <summary>Creates a fresh identifier for a run starting now.</summary>
    public static RunId New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Span<byte> random = stackalloc byte[4];
        RandomNumberGenerator.Fill(random);
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return new RunId($"{stamp}-{Convert.ToHexStringLower(random)}");
    }

    /// <summary>Accepts identifiers made of letters, digits, '.', '_' and '-' (1 to 64 characters), which
    /// covers every identifier <see cref="New"/> makes and keeps them safe as directory names.</summary>
    public static bool TryParse(string? text, out RunId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text is "." or "..")
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        id = new RunId(text);
        return true;
    }

    /// <summary>A short form (the random suffix) for names with tight length limits, such as
    /// network namespace names.</summary>
    public string ShortForm => Value.Length <= 8 ? Value : Value[^8..];

    /// <inheritdoc />
    public override string ToString() => Value;
}

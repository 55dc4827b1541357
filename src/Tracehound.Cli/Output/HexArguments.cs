using System.Globalization;
using Tracehound.Ledger;

namespace Tracehound.Cli.Output;

/// <summary>Parses hashes and proofs given as hex on the command line, with errors that name the argument.</summary>
internal static class HexArguments
{
    public static Sha256Hash Hash(string? text, string option)
    {
        if (!Sha256Hash.TryParse(text?.Trim(), out var hash))
        {
            throw new UsageException($"{option} must be 64 hex digits (a SHA-256 hash), got '{text}'");
        }

        return hash;
    }

    /// <summary>A comma-separated list of hashes; empty or missing means an empty proof.</summary>
    public static Sha256Hash[] Proof(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var hashes = new Sha256Hash[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!Sha256Hash.TryParse(parts[i], out hashes[i]))
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option}[{i}] must be 64 hex digits, got '{parts[i]}'"));
            }
        }

        return hashes;
    }
}

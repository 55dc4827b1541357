using System.Diagnostics.CodeAnalysis;

namespace Tracehound;

/// <summary>
/// The identity of a piece of evidence: the threat category and the SHA-256 of the payload's canonical
/// bytes, written <c>category:hex</c> with lower-case hex (e.g. <c>injection:9f86d0…</c>). Two requests
/// with the same category and the same logical payload have the same signature.
/// </summary>
public readonly struct ThreatSignature : IEquatable<ThreatSignature>
{
    /// <summary>Creates a signature from its parts.</summary>
    public ThreatSignature(ThreatCategory category, ContentHash hash)
    {
        Category = category;
        Hash = hash;
    }

    /// <summary>The category prefix.</summary>
    public ThreatCategory Category { get; }

    /// <summary>The SHA-256 of the canonical payload bytes.</summary>
    public ContentHash Hash { get; }

    /// <summary>Computes the signature of a payload, or returns why its canonical form cannot be computed.</summary>
    public static CanonicalStatus TryCompute(ThreatCategory category, ScentPayload payload, CanonicalLimits limits, out ThreatSignature signature)
    {
        ArgumentNullException.ThrowIfNull(payload);
        signature = default;
        using var buffer = new CanonicalBuffer(limits.MaxBytes);
        var status = CanonicalForm.Encode(payload, limits, buffer, out var direct);
        if (status == CanonicalStatus.Ok)
        {
            signature = new ThreatSignature(category, ContentHash.Compute(direct ? payload.Bytes.Span : buffer.WrittenSpan));
        }

        return status;
    }

    /// <summary>Parses <c>category:hex</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ThreatSignature signature)
    {
        signature = default;
        if (text is null)
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0
            || !ThreatCategory.TryParse(text[..colon], out var category)
            || !ContentHash.TryParse(text.AsSpan(colon + 1), out var hash))
        {
            return false;
        }

        signature = new ThreatSignature(category, hash);
        return true;
    }

    /// <summary>Parses <c>category:hex</c>, throwing <see cref="FormatException"/> when malformed.</summary>
    public static ThreatSignature Parse(string text) =>
        TryParse(text, out var signature)
            ? signature
            : throw new FormatException($"'{text}' is not a threat signature: expected 'category:' followed by 64 hex digits.");

    /// <inheritdoc />
    public bool Equals(ThreatSignature other) => Hash.Equals(other.Hash) && Category.Equals(other.Category);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ThreatSignature other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Hash.GetHashCode();

    /// <summary><c>category:hex</c>.</summary>
    public override string ToString()
    {
        var name = Category.Name;
        return string.Create(name.Length + 1 + (ContentHash.Length * 2), (name, Hash), static (span, state) =>
        {
            state.name.CopyTo(span);
            span[state.name.Length] = ':';
            state.Hash.FormatHex(span[(state.name.Length + 1)..]);
        });
    }

    /// <summary>Equality of signatures.</summary>
    public static bool operator ==(ThreatSignature left, ThreatSignature right) => left.Equals(right);

    /// <summary>Inequality of signatures.</summary>
    public static bool operator !=(ThreatSignature left, ThreatSignature right) => !left.Equals(right);
}

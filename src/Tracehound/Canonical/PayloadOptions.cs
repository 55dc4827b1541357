namespace Tracehound;

/// <summary>Limits on payloads, bindable from configuration; see <see cref="CanonicalLimits"/>.</summary>
public sealed class PayloadOptions
{
    /// <summary>The deepest nesting the options accept.</summary>
    public const int MaxSupportedDepth = 256;

    /// <summary>The largest canonical payload in bytes; larger ones are answered PayloadTooLarge.</summary>
    public int MaxBytes { get; set; } = CanonicalLimits.DefaultMaxBytes;

    /// <summary>The deepest nesting of objects and arrays.</summary>
    public int MaxDepth { get; set; } = CanonicalLimits.DefaultMaxDepth;

    /// <summary>The most object members across a payload.</summary>
    public int MaxKeys { get; set; } = CanonicalLimits.DefaultMaxTotalKeys;

    /// <summary>The limits as the encoder takes them.</summary>
    public CanonicalLimits ToLimits() => new(MaxBytes, MaxDepth, MaxKeys);

    /// <summary>Returns the problems with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxBytes < 0)
        {
            errors.Add($"Payload.MaxBytes must not be negative (was {MaxBytes}).");
        }

        if (MaxDepth is < 1 or > MaxSupportedDepth)
        {
            errors.Add($"Payload.MaxDepth must be between 1 and {MaxSupportedDepth} (was {MaxDepth}).");
        }

        if (MaxKeys < 0)
        {
            errors.Add($"Payload.MaxKeys must not be negative (was {MaxKeys}).");
        }

        return errors;
    }
}

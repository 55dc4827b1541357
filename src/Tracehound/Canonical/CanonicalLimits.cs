namespace Tracehound;

/// <summary>Bounds on the input the canonical encoder accepts, so hostile payloads cannot exhaust CPU or memory.</summary>
/// <param name="MaxBytes">The largest canonical form in bytes; larger payloads are answered with <see cref="InterceptStatus.PayloadTooLarge"/>.</param>
/// <param name="MaxDepth">The deepest nesting of objects and arrays.</param>
/// <param name="MaxTotalKeys">The most object members across the whole payload.</param>
public readonly record struct CanonicalLimits(int MaxBytes, int MaxDepth, int MaxTotalKeys)
{
    /// <summary>Default largest canonical form: 1 MiB.</summary>
    public const int DefaultMaxBytes = 1024 * 1024;

    /// <summary>Default deepest nesting: 32.</summary>
    public const int DefaultMaxDepth = 32;

    /// <summary>Default most object members: 10,000.</summary>
    public const int DefaultMaxTotalKeys = 10_000;

    /// <summary>The defaults: 1 MiB, depth 32, 10,000 keys.</summary>
    public static CanonicalLimits Default { get; } = new(DefaultMaxBytes, DefaultMaxDepth, DefaultMaxTotalKeys);
}

namespace Tracehound;

/// <summary>Limits and background behaviour of the quarantine. Defaults are documented constants.</summary>
public sealed class QuarantineOptions
{
    /// <summary>Default item limit: 10,000.</summary>
    public const int DefaultMaxItems = 10_000;

    /// <summary>Default byte limit: 64 MiB.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Default Brotli quality for the background lane: 1. Measured on 1 KiB request evidence it is as
    /// fast as gzip's fastest level with a better ratio and no allocation; higher levels cost 3x the
    /// time for a few percent (see <c>docs/tracehound-core.md</c>).
    /// </summary>
    public const int DefaultCompressionQuality = 1;

    /// <summary>Default capacity of the compression lane's queue: 8,192 items.</summary>
    public const int DefaultCompressionQueueCapacity = 8192;

    /// <summary>The most pieces of evidence held at once; never exceeded.</summary>
    public int MaxItems { get; set; } = DefaultMaxItems;

    /// <summary>The most payload bytes held at once (as stored: compressed or not); never exceeded.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>Evidence older than this is evicted by the background sweep; null keeps it until evicted otherwise.</summary>
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>Whether the background lane compresses evidence after it is quarantined.</summary>
    public bool Compression { get; set; } = true;

    /// <summary>Brotli quality 0-11 for the background lane.</summary>
    public int CompressionQuality { get; set; } = DefaultCompressionQuality;

    /// <summary>How many pieces of evidence may wait for compression; past that they stay uncompressed (and counted).</summary>
    public int CompressionQueueCapacity { get; set; } = DefaultCompressionQueueCapacity;

    /// <summary>Returns the problems with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxItems < 1)
        {
            errors.Add($"Quarantine.MaxItems must be at least 1 (was {MaxItems}).");
        }

        if (MaxBytes < 1)
        {
            errors.Add($"Quarantine.MaxBytes must be at least 1 (was {MaxBytes}).");
        }

        if (TimeToLive is { } ttl && ttl <= TimeSpan.Zero)
        {
            errors.Add($"Quarantine.TimeToLive must be positive when set (was {ttl}).");
        }

        if (CompressionQuality is < 0 or > 11)
        {
            errors.Add($"Quarantine.CompressionQuality must be between 0 and 11 (was {CompressionQuality}).");
        }

        if (CompressionQueueCapacity < 1)
        {
            errors.Add($"Quarantine.CompressionQueueCapacity must be at least 1 (was {CompressionQueueCapacity}).");
        }

        return errors;
    }
}

using System.Threading.RateLimiting;

namespace Tracehound;

/// <summary>A lease of <see cref="SourceRateLimiter"/>: one shared acquired instance, and rejected ones carrying retry-after.</summary>
internal sealed class SourceLease : RateLimitLease
{
    private static readonly string[] s_retryAfterNames = [MetadataName.RetryAfter.Name];

    private readonly TimeSpan _retryAfter;
    private readonly bool _acquired;

    private SourceLease()
    {
        _acquired = true;
    }

    public SourceLease(TimeSpan retryAfter)
    {
        _retryAfter = retryAfter;
    }

    public static SourceLease Acquired { get; } = new();

    public override bool IsAcquired => _acquired;

    public override IEnumerable<string> MetadataNames => _acquired ? [] : s_retryAfterNames;

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (!_acquired && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = _retryAfter;
            return true;
        }

        metadata = null;
        return false;
    }
}

namespace Tracehound;

/// <summary>Why evidence left the quarantine without an operator asking.</summary>
public enum EvictionReason
{
    /// <summary>The item-count limit needed room for new evidence.</summary>
    ItemLimit = 0,

    /// <summary>The byte limit needed room for new evidence.</summary>
    ByteLimit = 1,

    /// <summary>Its time to live ran out.</summary>
    Expired = 2,
}

namespace Detektr.Diff;

/// <summary>What identifies one behaviour across runs: its category and its normalized description
/// (no process ids, times, sequence numbers, source ports or random temporary names).</summary>
/// <param name="Category">The kind of behaviour.</param>
/// <param name="Description">The normalized description (<c>tcp c2.example.net:80</c>,
/// <c>create /tmp/tmp.*</c>).</param>
public readonly record struct BehaviourKey(BehaviourCategory Category, string Description) : IComparable<BehaviourKey>
{
    /// <inheritdoc />
    public int CompareTo(BehaviourKey other)
    {
        var byCategory = Category.CompareTo(other.Category);
        return byCategory != 0 ? byCategory : string.CompareOrdinal(Description, other.Description);
    }

    /// <summary>Orders by category, then description.</summary>
    public static bool operator <(BehaviourKey left, BehaviourKey right) => left.CompareTo(right) < 0;

    /// <summary>Orders by category, then description.</summary>
    public static bool operator <=(BehaviourKey left, BehaviourKey right) => left.CompareTo(right) <= 0;

    /// <summary>Orders by category, then description.</summary>
    public static bool operator >(BehaviourKey left, BehaviourKey right) => left.CompareTo(right) > 0;

    /// <summary>Orders by category, then description.</summary>
    public static bool operator >=(BehaviourKey left, BehaviourKey right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => $"{Category.ToWireName()}: {Description}";
}

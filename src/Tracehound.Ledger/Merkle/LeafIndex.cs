namespace Tracehound.Ledger;

/// <summary>The zero-based position of a leaf in the log (RFC 9162 <c>leaf_index</c>).</summary>
/// <param name="Value">The position.</param>
public readonly record struct LeafIndex(ulong Value) : IComparable<LeafIndex>
{
    /// <summary>The size of the smallest tree that holds this leaf.</summary>
    public TreeSize NextSize => new(Value + 1);

    /// <inheritdoc />
    public int CompareTo(LeafIndex other) => Value.CompareTo(other.Value);

    /// <summary>Orders leaves by position.</summary>
    public static bool operator <(LeafIndex left, LeafIndex right) => left.Value < right.Value;

    /// <summary>Orders leaves by position.</summary>
    public static bool operator >(LeafIndex left, LeafIndex right) => left.Value > right.Value;

    /// <summary>Orders leaves by position.</summary>
    public static bool operator <=(LeafIndex left, LeafIndex right) => left.Value <= right.Value;

    /// <summary>Orders leaves by position.</summary>
    public static bool operator >=(LeafIndex left, LeafIndex right) => left.Value >= right.Value;

    /// <summary>The decimal position.</summary>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

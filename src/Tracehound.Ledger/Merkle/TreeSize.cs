namespace Tracehound.Ledger;

/// <summary>The number of leaves in a Merkle tree (RFC 9162 <c>tree_size</c>).</summary>
/// <param name="Value">The leaf count.</param>
public readonly record struct TreeSize(ulong Value) : IComparable<TreeSize>
{
    /// <summary>The empty tree.</summary>
    public static TreeSize Zero => default;

    /// <inheritdoc />
    public int CompareTo(TreeSize other) => Value.CompareTo(other.Value);

    /// <summary>Orders sizes by leaf count.</summary>
    public static bool operator <(TreeSize left, TreeSize right) => left.Value < right.Value;

    /// <summary>Orders sizes by leaf count.</summary>
    public static bool operator >(TreeSize left, TreeSize right) => left.Value > right.Value;

    /// <summary>Orders sizes by leaf count.</summary>
    public static bool operator <=(TreeSize left, TreeSize right) => left.Value <= right.Value;

    /// <summary>Orders sizes by leaf count.</summary>
    public static bool operator >=(TreeSize left, TreeSize right) => left.Value >= right.Value;

    /// <summary>True when <paramref name="index"/> names a leaf of a tree of this size.</summary>
    public bool Contains(LeafIndex index) => index.Value < Value;

    /// <summary>The decimal leaf count.</summary>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

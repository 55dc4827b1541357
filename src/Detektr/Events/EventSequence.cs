namespace Detektr.Events;

/// <summary>Position of an event within its run: monotonic, starting at 1, in file order.</summary>
/// <param name="Value">The sequence number; 1 for the first event of a run.</param>
public readonly record struct EventSequence(long Value) : IComparable<EventSequence>
{
    /// <summary>The first sequence number of every run.</summary>
    public static EventSequence First => new(1);

    /// <summary>The number that follows this one.</summary>
    public EventSequence Next() => new(Value + 1);

    /// <inheritdoc />
    public int CompareTo(EventSequence other) => Value.CompareTo(other.Value);

    /// <summary>Compares two sequence numbers.</summary>
    public static bool operator <(EventSequence left, EventSequence right) => left.Value < right.Value;

    /// <summary>Compares two sequence numbers.</summary>
    public static bool operator >(EventSequence left, EventSequence right) => left.Value > right.Value;

    /// <summary>Compares two sequence numbers.</summary>
    public static bool operator <=(EventSequence left, EventSequence right) => left.Value <= right.Value;

    /// <summary>Compares two sequence numbers.</summary>
    public static bool operator >=(EventSequence left, EventSequence right) => left.Value >= right.Value;

    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

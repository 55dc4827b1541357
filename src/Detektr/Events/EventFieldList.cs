using System.Collections;

namespace Detektr.Events;

/// <summary>An ordered list of event fields that silently drops absent values, so event types can list
/// all their fields without a null check each.</summary>
public sealed class EventFieldList : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _items = new(16);

    /// <summary>The fields added so far, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Items => _items;

    /// <summary>Adds a field unless its value is null.</summary>
    public void Add(string name, object? value)
    {
        if (value is not null)
        {
            _items.Add(new KeyValuePair<string, object?>(name, value));
        }
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

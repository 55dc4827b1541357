namespace Detektr.Sigma.Events;

/// <summary>
/// An event that Sigma rules are evaluated over: a set of named fields. Implementations should make
/// lookups cheap and allocation-free, since every rule of a set reads fields of every event.
/// </summary>
public interface ISigmaEvent
{
    /// <summary>
    /// Looks a field up by its exact (case-sensitive) name. Returns false when the field is absent;
    /// a field that is present with a JSON <c>null</c> returns true with <see cref="SigmaValue.Null"/>.
    /// </summary>
    bool TryGetField(string name, out SigmaValue value);

    /// <summary>
    /// Calls <paramref name="predicate"/> on every scalar field value (list items included) until it
    /// returns true; used by keyword searches, which look at every value of the event.
    /// </summary>
    /// <returns>True when the predicate returned true for some value.</returns>
    bool AnyFieldValue<TState>(Func<SigmaValue, TState, bool> predicate, TState state);
}

using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Logsources;

/// <summary>
/// One row of the log source table: rules whose log source has this category, product and service
/// apply to events of <see cref="EventType"/> whose fields also equal <see cref="FieldConditions"/>.
/// </summary>
/// <param name="Product">The rule's product, e.g. <c>linux</c>; null matches any product. A rule that names no product matches any row.</param>
/// <param name="Category">The rule's category, e.g. <c>file_delete</c>; null matches rules without a category.</param>
/// <param name="Service">The rule's service; null matches rules without a service.</param>
/// <param name="EventType">The value of the event's <c>EventType</c> field.</param>
public sealed record SigmaLogsourceMapping(string? Product, string? Category, string? Service, string EventType)
{
    /// <summary>
    /// Further fields the event must have with exactly these values (compared case-insensitively),
    /// e.g. <c>Operation = delete</c> for <c>file_delete</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> FieldConditions { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The fields events of this type carry. When given, a rule reading any other field gets a
    /// warning, since that selection can never match. Null when unknown.
    /// </summary>
    public IReadOnlySet<string>? KnownFields { get; init; }

    /// <summary>True when this row applies to a rule with the given log source.</summary>
    public bool Covers(SigmaLogsource logsource)
    {
        ArgumentNullException.ThrowIfNull(logsource);
        return string.Equals(Category, logsource.Category, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Service, logsource.Service, StringComparison.OrdinalIgnoreCase)
            && (Product is null || logsource.Product is null || string.Equals(Product, logsource.Product, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Writes the row as <c>product/category → EventType</c>.</summary>
    public override string ToString()
    {
        string conditions = FieldConditions.Count == 0
            ? string.Empty
            : " with " + string.Join(", ", FieldConditions.Select(c => $"{c.Key}={c.Value}"));
        string service = Service is null ? string.Empty : "/" + Service;
        return $"{Product ?? "*"}/{Category ?? "-"}{service} -> {EventType}{conditions}";
    }
}

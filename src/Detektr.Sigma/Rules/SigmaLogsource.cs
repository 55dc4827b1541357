namespace Detektr.Sigma.Rules;

/// <summary>The <c>logsource</c> section of a rule: which kind of log the detection applies to.</summary>
/// <param name="Category">The category, e.g. <c>process_creation</c>; null when not given.</param>
/// <param name="Product">The product, e.g. <c>linux</c>; null when not given.</param>
/// <param name="Service">The service, e.g. <c>auditd</c>; null when not given.</param>
public sealed record SigmaLogsource(string? Category, string? Product, string? Service)
{
    /// <summary>Writes the log source as <c>product/category/service</c> with absent parts left out.</summary>
    public override string ToString()
    {
        var parts = new List<string>(3);
        if (Product is not null)
        {
            parts.Add("product=" + Product);
        }

        if (Category is not null)
        {
            parts.Add("category=" + Category);
        }

        if (Service is not null)
        {
            parts.Add("service=" + Service);
        }

        return parts.Count == 0 ? "(empty logsource)" : string.Join(' ', parts);
    }
}

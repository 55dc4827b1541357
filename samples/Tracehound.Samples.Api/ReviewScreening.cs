using System.Text.RegularExpressions;

namespace Tracehound.Samples.Api;

/// <summary>The sample's own input validation: a few well-known injection shapes in review text.</summary>
public static partial class ReviewScreening
{
    /// <summary>The rule id of the first pattern that matches, or null.</summary>
    public static string? FindInjection(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (SqlTautology().IsMatch(text))
        {
            return "sql-tautology";
        }

        if (SqlUnion().IsMatch(text))
        {
            return "sql-union-select";
        }

        return ScriptTag().IsMatch(text) ? "html-script-tag" : null;
    }

    [GeneratedRegex(@"'\s*(or|and)\s+('?\d+'?\s*=\s*'?\d+|'[^']*'\s*=\s*')", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlTautology();

    [GeneratedRegex(@"\bunion\b\s+(all\s+)?\bselect\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlUnion();

    [GeneratedRegex(@"<\s*script\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptTag();
}

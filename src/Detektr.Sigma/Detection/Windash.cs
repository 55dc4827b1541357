using System.Text.RegularExpressions;

namespace Detektr.Sigma.Detection;

/// <summary>
/// The <c>windash</c> modifier: every dash or slash that starts a command-line flag (not preceded by
/// a word character, followed by one) may be written as <c>-</c>, <c>/</c>, en dash, em dash or
/// horizontal bar; the value expands into every combination.
/// </summary>
internal static partial class Windash
{
    private static readonly string[] Dashes = ["-", "/", "\u2013", "\u2014", "\u2015"];

    /// <summary>Expands the pattern; stops once more than <paramref name="limit"/> alternatives would be produced.</summary>
    public static List<SigmaPattern> Expand(SigmaPattern pattern, int limit)
    {
        var partial = new List<List<SigmaPatternToken>> { new() };
        foreach (SigmaPatternToken token in pattern.Tokens)
        {
            if (token.Kind != SigmaPatternTokenKind.Literal)
            {
                partial.ForEach(p => p.Add(token));
                continue;
            }

            int last = 0;
            foreach (Match flag in FlagDash().Matches(token.Text))
            {
                string before = token.Text[last..flag.Index];
                partial.ForEach(p => p.Add(SigmaPatternToken.Literal(before)));
                var next = new List<List<SigmaPatternToken>>(partial.Count * Dashes.Length);
                foreach (List<SigmaPatternToken> prefix in partial)
                {
                    foreach (string dash in Dashes)
                    {
                        next.Add([.. prefix, SigmaPatternToken.Literal(dash)]);
                    }
                }

                partial = next;
                if (partial.Count > limit)
                {
                    return partial.ConvertAll(SigmaPattern.FromTokens);
                }

                last = flag.Index + flag.Length;
            }

            string rest = token.Text[last..];
            partial.ForEach(p => p.Add(SigmaPatternToken.Literal(rest)));
        }

        return partial.ConvertAll(SigmaPattern.FromTokens);
    }

    [GeneratedRegex(@"\B[-/]\b", RegexOptions.CultureInvariant)]
    private static partial Regex FlagDash();
}

using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Detektr.Sigma.Detection;

/// <summary>The type a YAML scalar of a rule has.</summary>
internal enum RuleScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>
/// A scalar of a rule typed as YAML 1.2's core schema does: plain <c>null</c>, <c>~</c> and empty
/// are null, plain <c>true</c>/<c>false</c> are booleans, plain integers and floats are numbers,
/// and everything quoted is a string. The text as written is kept for string modifiers.
/// </summary>
internal readonly partial record struct RuleScalar(RuleScalarKind Kind, string Text, double Number, long Integer, bool IsInteger)
{
    public static RuleScalar From(YamlScalarNode node)
    {
        string text = node.Value ?? string.Empty;
        string? tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (node.Style != ScalarStyle.Plain || tag is "tag:yaml.org,2002:str" or "!!str")
        {
            return new RuleScalar(RuleScalarKind.String, text, 0, 0, false);
        }

        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return new RuleScalar(RuleScalarKind.Null, text, 0, 0, false);
        }

        if (text is "true" or "True" or "TRUE")
        {
            return new RuleScalar(RuleScalarKind.Boolean, text, 1, 1, true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return new RuleScalar(RuleScalarKind.Boolean, text, 0, 0, true);
        }

        if (DecimalInteger().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return new RuleScalar(RuleScalarKind.Number, text, integer, integer, true);
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2
            && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long hex) && hex >= 0)
        {
            return new RuleScalar(RuleScalarKind.Number, text, hex, hex, true);
        }

        if (FloatNumber().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
        {
            bool integral = Math.Floor(number) == number && Math.Abs(number) < 9.2e18;
            return new RuleScalar(RuleScalarKind.Number, text, number, integral ? (long)number : 0, integral);
        }

        return new RuleScalar(RuleScalarKind.String, text, 0, 0, false);
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatNumber();
}

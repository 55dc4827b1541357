using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Detektr.Sigma.Loading;
using YamlDotNet.RepresentationModel;

namespace Detektr.Sigma.Detection;

/// <summary>
/// Compiles one detection item (<c>Field|mod1|mod2: value or list</c>, or a keyword list) into a
/// node, applying the value modifiers in the order written, as the Sigma specification asks.
/// Anything it cannot evaluate exactly is reported, so that no rule silently matches or silently
/// never matches.
/// </summary>
internal sealed class ValueCompiler(ProblemSink problems, TimeSpan regexTimeout)
{
    private const int MaxWindashAlternatives = 3125;

    private static readonly HashSet<string> TimeModifiers = new(StringComparer.Ordinal) { "minute", "hour", "day", "week", "month", "year" };

    public HashSet<string> ReferencedFields { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each referenced field is first used, for warnings that point at it.</summary>
    public Dictionary<string, YamlNode> FieldNodes { get; } = new(StringComparer.Ordinal);

    private void Reference(string field, YamlNode node)
    {
        ReferencedFields.Add(field);
        FieldNodes.TryAdd(field, node);
    }

    /// <summary>Compiles a map item. An empty field name makes it a keyword item (<c>'|all': [...]</c>).</summary>
    public DetectionNode? CompileItem(string key, YamlNode keyNode, YamlNode valueNode)
    {
        string[] parts = key.Split('|');
        string field = parts[0];
        string[] modifiers = parts[1..];
        if (modifiers.Any(m => m.Length == 0))
        {
            problems.Invalid($"'{key}' has an empty modifier", keyNode);
            return null;
        }

        List<(RuleScalar Scalar, YamlNode Node)>? values = ReadValues(key, valueNode);
        if (values is null)
        {
            return null;
        }

        return Compile(field, modifiers, values, keyNode);
    }

    /// <summary>Compiles plain keyword values (a list of strings under a search identifier).</summary>
    public DetectionNode? CompileKeywords(IReadOnlyList<(RuleScalar Scalar, YamlNode Node)> values, YamlNode at) =>
        Compile(string.Empty, [], values, at);

    private List<(RuleScalar Scalar, YamlNode Node)>? ReadValues(string key, YamlNode valueNode)
    {
        var values = new List<(RuleScalar, YamlNode)>();
        switch (valueNode)
        {
            case YamlScalarNode scalar:
                values.Add((RuleScalar.From(scalar), scalar));
                break;
            case YamlSequenceNode sequence:
                foreach (YamlNode item in sequence.Children)
                {
                    if (item is not YamlScalarNode itemScalar)
                    {
                        problems.Invalid($"the values of '{key}' must be plain values, not {Describe(item)}", item);
                        return null;
                    }

                    values.Add((RuleScalar.From(itemScalar), itemScalar));
                }

                if (values.Count == 0)
                {
                    problems.Invalid($"'{key}' has an empty list of values, which could never match", valueNode);
                    return null;
                }

                break;
            default:
                problems.Invalid($"the value of '{key}' must be a value or a list of values, not {Describe(valueNode)}", valueNode);
                return null;
        }

        return values;
    }

    private DetectionNode? Compile(string field, string[] modifiers, IReadOnlyList<(RuleScalar Scalar, YamlNode Node)> values, YamlNode at)
    {
        bool keyword = field.Length == 0;
        string subject = keyword ? "keyword search" : $"'{field}'";
        bool matchAll = false;
        bool negate = false;
        foreach (string modifier in modifiers)
        {
            if (!IsKnown(modifier))
            {
                if (modifier == "expand")
                {
                    problems.Unsupported($"{subject}: the 'expand' modifier needs placeholder values from a processing pipeline, which this engine does not have", at);
                }
                else if (TimeModifiers.Contains(modifier))
                {
                    problems.Unsupported($"{subject}: the time modifier '{modifier}' is not supported", at);
                }
                else
                {
                    problems.Unsupported($"{subject}: unknown modifier '{modifier}'", at);
                }

                return null;
            }

            matchAll |= modifier == "all";
            negate |= modifier == "neq";
        }

        var compiled = new List<ValueMatcher[]>(values.Count);
        foreach ((RuleScalar scalar, YamlNode node) in values)
        {
            List<PendingValue>? alternatives = ApplyModifiers(subject, modifiers, scalar, node, keyword);
            if (alternatives is null)
            {
                return null;
            }

            if (alternatives.Count == 1 && alternatives[0] is PendingExists exists)
            {
                if (keyword)
                {
                    problems.Invalid("the 'exists' modifier needs a field name", node);
                    return null;
                }

                if (values.Count != 1 || modifiers.Length != 1)
                {
                    problems.Invalid($"{subject}: 'exists' takes one boolean and no other modifier", node);
                    return null;
                }

                Reference(field, at);
                return new ExistsItemNode(field, exists.Expected);
            }

            var matchers = new ValueMatcher[alternatives.Count];
            for (int i = 0; i < alternatives.Count; i++)
            {
                ValueMatcher? matcher = ToMatcher(subject, alternatives[i], node, keyword);
                if (matcher is null)
                {
                    return null;
                }

                matchers[i] = matcher;
            }

            compiled.Add(matchers);
        }

        if (keyword)
        {
            return new KeywordNode([.. compiled], matchAll, negate);
        }

        Reference(field, at);
        return new FieldItemNode(field, [.. compiled], matchAll, negate);
    }

    private static bool IsKnown(string modifier) => modifier is "contains" or "startswith" or "endswith" or "all" or "re"
        or "i" or "m" or "s" or "ignorecase" or "multiline" or "dotall" or "base64" or "base64offset" or "utf16le"
        or "utf16be" or "utf16" or "wide" or "windash" or "cidr" or "exists" or "gt" or "gte" or "lt" or "lte"
        or "fieldref" or "cased" or "neq";

    private List<PendingValue>? ApplyModifiers(string subject, string[] modifiers, RuleScalar scalar, YamlNode node, bool keyword)
    {
        List<PendingValue> values = [Initial(scalar)];
        bool transformed = false;
        foreach (string modifier in modifiers)
        {
            if (modifier is "all" or "neq")
            {
                continue;
            }

            string? error = null;
            var next = new List<PendingValue>(values.Count);
            foreach (PendingValue value in values)
            {
                error = Apply(modifier, value, scalar, node, transformed, next);
                if (error is not null)
                {
                    break;
                }
            }

            if (error is not null)
            {
                problems.Invalid($"{subject}: {error}", node);
                return null;
            }

            if (next.Count > MaxWindashAlternatives)
            {
                problems.Unsupported($"{subject}: '{modifier}' expands the value into {next.Count} alternatives (at most {MaxWindashAlternatives} are evaluated)", node);
                return null;
            }

            values = next;
            transformed = true;
        }

        foreach (PendingValue value in values)
        {
            if (value is PendingString { Encoding: TextEncodingChoice encoding } && encoding != TextEncodingChoice.Utf8)
            {
                problems.Unsupported($"{subject}: utf16 encoding modifiers are only evaluated when followed by base64 or base64offset", node);
                return null;
            }
        }

        if (keyword)
        {
            for (int i = 0; i < values.Count; i++)
            {
                // A keyword is searched anywhere inside a value.
                if (values[i] is PendingString text)
                {
                    values[i] = text with { Pattern = text.Pattern.WithLeadingAnyString().WithTrailingAnyString() };
                }
                else if (values[i] is PendingNumber or PendingBoolean)
                {
                    values[i] = new PendingString(SigmaPattern.Literal(scalar.Text).WithLeadingAnyString().WithTrailingAnyString(), false, null);
                }
            }
        }

        return values;
    }

    private static PendingValue Initial(RuleScalar scalar) => scalar.Kind switch
    {
        RuleScalarKind.Null => new PendingNull(),
        RuleScalarKind.Boolean => new PendingBoolean(scalar.Integer != 0),
        RuleScalarKind.Number => new PendingNumber(scalar),
        _ => new PendingString(SigmaPattern.Parse(scalar.Text), false, null),
    };

    /// <summary>Applies one modifier to one value, adding the results to <paramref name="into"/>; returns an error or null.</summary>
    private string? Apply(string modifier, PendingValue value, RuleScalar scalar, YamlNode node, bool transformed, List<PendingValue> into)
    {
        // Numbers and booleans meet string modifiers through the text written in the rule.
        if (value is PendingNumber or PendingBoolean && IsStringModifier(modifier))
        {
            value = new PendingString(SigmaPattern.Literal(scalar.Text), false, null);
        }

        switch (modifier)
        {
            case "contains" or "startswith" or "endswith":
                return ApplyPosition(modifier, value, into);

            case "cased":
                if (value is PendingString cased)
                {
                    into.Add(cased with { CaseSensitive = true });
                    return null;
                }

                if (value is PendingFieldReference reference)
                {
                    into.Add(reference with { CaseSensitive = true });
                    return null;
                }

                return $"'cased' applies to strings, not to {Describe(value)}";

            case "re":
                if (transformed)
                {
                    return "'re' must come before other value modifiers";
                }

                if (value is not PendingString)
                {
                    return $"'re' needs a string, not {Describe(value)}";
                }

                into.Add(new PendingRegex(scalar.Text, RegexOptions.None));
                return null;

            case "i" or "ignorecase" or "m" or "multiline" or "s" or "dotall":
                if (value is not PendingRegex regex)
                {
                    return $"the regular expression flag '{modifier}' must follow 're'";
                }

                RegexOptions flag = modifier switch
                {
                    "i" or "ignorecase" => RegexOptions.IgnoreCase,
                    "m" or "multiline" => RegexOptions.Multiline,
                    _ => RegexOptions.Singleline,
                };
                into.Add(regex with { Options = regex.Options | flag });
                return null;

            case "utf16le" or "wide" or "utf16be" or "utf16":
                if (value is not PendingString { Encoding: null } plain || plain.Pattern.HasWildcards)
                {
                    return $"'{modifier}' needs a plain string without wildcards and without another encoding";
                }

                into.Add(plain with
                {
                    Encoding = modifier switch
                    {
                        "utf16be" => TextEncodingChoice.Utf16BigEndian,
                        "utf16" => TextEncodingChoice.Utf16WithByteOrderMark,
                        _ => TextEncodingChoice.Utf16LittleEndian,
                    },
                });
                return null;

            case "base64" or "base64offset":
                return ApplyBase64(modifier, value, into);

            case "windash":
                if (value is not PendingString dashed)
                {
                    return $"'windash' needs a string, not {Describe(value)}";
                }

                foreach (SigmaPattern pattern in Windash.Expand(dashed.Pattern, MaxWindashAlternatives + 1))
                {
                    into.Add(dashed with { Pattern = pattern });
                }

                return null;

            case "cidr":
                return ApplyCidr(value, transformed, into);

            case "exists":
                if (transformed || value is not PendingBoolean flagValue)
                {
                    return "'exists' takes a boolean (true or false)";
                }

                into.Add(new PendingExists(flagValue.Value));
                return null;

            case "gt" or "gte" or "lt" or "lte":
                return ApplyCompare(modifier, value, scalar, into);

            case "fieldref":
                if (value is not PendingString { Encoding: null } target || target.Pattern.AsLiteral() is not string name || name.Length == 0)
                {
                    return "'fieldref' needs a field name without wildcards";
                }

                Reference(name, node);
                into.Add(new PendingFieldReference(name, false, false, target.CaseSensitive));
                return null;

            default:
                return $"unknown modifier '{modifier}'";
        }
    }

    private static bool IsStringModifier(string modifier) => modifier is "contains" or "startswith" or "endswith"
        or "cased" or "re" or "base64" or "base64offset" or "utf16le" or "utf16be" or "utf16" or "wide" or "windash" or "fieldref";

    private static string? ApplyPosition(string modifier, PendingValue value, List<PendingValue> into)
    {
        switch (value)
        {
            case PendingString text when text.Encoding is null || text.Encoding == TextEncodingChoice.Utf8:
                SigmaPattern pattern = modifier switch
                {
                    "contains" => text.Pattern.WithLeadingAnyString().WithTrailingAnyString(),
                    "startswith" => text.Pattern.WithTrailingAnyString(),
                    _ => text.Pattern.WithLeadingAnyString(),
                };
                into.Add(text with { Pattern = pattern });
                return null;
            case PendingString:
                return $"'{modifier}' cannot come between a utf16 modifier and base64";
            case PendingRegex:
                // A regular expression is searched anywhere in the value already.
                into.Add(value);
                return null;
            case PendingFieldReference reference:
                into.Add(modifier switch
                {
                    "contains" => reference with { StartsAnywhere = true, EndsAnywhere = true },
                    "startswith" => reference with { EndsAnywhere = true },
                    _ => reference with { StartsAnywhere = true },
                });
                return null;
            default:
                return $"'{modifier}' applies to strings, not to {Describe(value)}";
        }
    }

    private static string? ApplyBase64(string modifier, PendingValue value, List<PendingValue> into)
    {
        if (value is not PendingString text || text.Pattern.AsLiteral() is not string literal)
        {
            return $"'{modifier}' needs a plain string without wildcards";
        }

        byte[] data = (text.Encoding ?? TextEncodingChoice.Utf8) switch
        {
            TextEncodingChoice.Utf16LittleEndian => Encoding.Unicode.GetBytes(literal),
            TextEncodingChoice.Utf16BigEndian => Encoding.BigEndianUnicode.GetBytes(literal),
            TextEncodingChoice.Utf16WithByteOrderMark => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(literal)],
            _ => Encoding.UTF8.GetBytes(literal),
        };

        // Base64 text is case-significant: a case-insensitive match would accept other plaintexts.
        if (modifier == "base64")
        {
            into.Add(new PendingString(SigmaPattern.Literal(Convert.ToBase64String(data)), true, TextEncodingChoice.Utf8));
            return null;
        }

        foreach (string shifted in Base64Offsets.Encode(data))
        {
            if (shifted.Length == 0)
            {
                return $"'{literal}' is too short for base64offset (every shifted encoding must keep at least one stable character)";
            }

            into.Add(new PendingString(SigmaPattern.Literal(shifted), true, TextEncodingChoice.Utf8));
        }

        return null;
    }

    private static string? ApplyCidr(PendingValue value, bool transformed, List<PendingValue> into)
    {
        if (transformed || value is not PendingString { Encoding: null } text || text.Pattern.AsLiteral() is not string literal)
        {
            return "'cidr' needs a network such as 10.0.0.0/8 or fd00::/8, and no other modifier before it";
        }

        string network = literal.Trim();
        if (!network.Contains('/', StringComparison.Ordinal))
        {
            network += network.Contains(':', StringComparison.Ordinal) ? "/128" : "/32";
        }

        int slash = network.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(network.AsSpan(0, slash), out IPAddress? address)
            || !int.TryParse(network.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int prefix)
            || prefix > (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
        {
            return $"'{literal}' is not a CIDR network";
        }

        if (!IPNetwork.TryParse(network, out IPNetwork parsed) || !parsed.BaseAddress.Equals(address))
        {
            return $"'{literal}' has address bits set beyond its /{prefix} prefix";
        }

        into.Add(new PendingCidr(parsed));
        return null;
    }

    private static string? ApplyCompare(string modifier, PendingValue value, RuleScalar scalar, List<PendingValue> into)
    {
        double bound;
        if (value is PendingNumber number)
        {
            bound = number.Scalar.Number;
        }
        else if (value is PendingString text && text.Pattern.AsLiteral() is string literal
            && double.TryParse(literal.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) && double.IsFinite(parsed))
        {
            bound = parsed;
        }
        else
        {
            return $"'{modifier}' needs a number, not '{scalar.Text}'";
        }

        CompareOperator op = modifier switch
        {
            "gt" => CompareOperator.GreaterThan,
            "gte" => CompareOperator.GreaterOrEqual,
            "lt" => CompareOperator.LessThan,
            _ => CompareOperator.LessOrEqual,
        };
        into.Add(new PendingCompare(op, bound));
        return null;
    }

    private ValueMatcher? ToMatcher(string subject, PendingValue value, YamlNode node, bool keyword)
    {
        if (keyword && value is not (PendingString or PendingRegex))
        {
            problems.Invalid($"a keyword search takes strings or regular expressions, not {Describe(value)}", node);
            return null;
        }

        switch (value)
        {
            case PendingString text:
                return new PatternValueMatcher(text.Pattern, text.CaseSensitive);
            case PendingRegex regex:
                return CompileRegex(subject, regex, node);
            case PendingNumber number:
                return new NumberValueMatcher(number.Scalar.Number, number.Scalar.Integer, number.Scalar.IsInteger);
            case PendingBoolean flag:
                return new BooleanValueMatcher(flag.Value);
            case PendingNull:
                return NullValueMatcher.Instance;
            case PendingCidr cidr:
                return new CidrValueMatcher(cidr.Network);
            case PendingCompare compare:
                return new CompareValueMatcher(compare.Operator, compare.Bound);
            case PendingFieldReference reference:
                FieldReferenceMode mode = (reference.StartsAnywhere, reference.EndsAnywhere) switch
                {
                    (true, true) => FieldReferenceMode.Contains,
                    (false, true) => FieldReferenceMode.StartsWith,
                    (true, false) => FieldReferenceMode.EndsWith,
                    _ => FieldReferenceMode.Equals,
                };
                return new FieldReferenceValueMatcher(reference.Field, mode, reference.CaseSensitive);
            default:
                problems.Invalid($"{subject}: {Describe(value)} cannot be matched here", node);
                return null;
        }
    }

    private RegexValueMatcher? CompileRegex(string subject, PendingRegex regex, YamlNode node)
    {
        try
        {
            // Parsing with the interpreter validates the expression cheaply at load time.
            return new RegexValueMatcher(new Regex(regex.Pattern, regex.Options | RegexOptions.CultureInvariant, regexTimeout));
        }
        catch (ArgumentException e)
        {
            problems.Invalid($"{subject}: invalid regular expression '{regex.Pattern}': {e.Message}", node);
            return null;
        }
    }

    internal static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        _ => "a value",
    };

    private static string Describe(PendingValue value) => value switch
    {
        PendingString => "a string",
        PendingRegex => "a regular expression",
        PendingNumber => "a number",
        PendingBoolean => "a boolean",
        PendingNull => "null",
        PendingCidr => "a CIDR network",
        PendingCompare => "a comparison",
        PendingFieldReference => "a field reference",
        PendingExists => "an existence check",
        _ => "this value",
    };
}

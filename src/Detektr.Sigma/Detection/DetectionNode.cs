using Detektr.Sigma.Events;

namespace Detektr.Sigma.Detection;

/// <summary>
/// A node of a compiled detection: condition operators, search identifiers, the maps and lists
/// inside them and the field items at their leaves all evaluate to true or false for an event.
/// </summary>
internal abstract class DetectionNode
{
    public abstract bool Evaluate(ISigmaEvent evt);
}

/// <summary>All children must hold (a map, <c>and</c>, <c>all of</c>).</summary>
internal sealed class AllNode(DetectionNode[] children) : DetectionNode
{
    public DetectionNode[] Children { get; } = children;

    public override bool Evaluate(ISigmaEvent evt)
    {
        foreach (DetectionNode child in Children)
        {
            if (!child.Evaluate(evt))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Some child must hold (a list of maps, <c>or</c>, <c>1 of</c>).</summary>
internal sealed class AnyNode(DetectionNode[] children) : DetectionNode
{
    public DetectionNode[] Children { get; } = children;

    public override bool Evaluate(ISigmaEvent evt)
    {
        foreach (DetectionNode child in Children)
        {
            if (child.Evaluate(evt))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary><c>not</c>.</summary>
internal sealed class NotNode(DetectionNode child) : DetectionNode
{
    public override bool Evaluate(ISigmaEvent evt) => !child.Evaluate(evt);
}

/// <summary>
/// One field of a map with its values: <c>Image|endswith: [a, b]</c>. Values are linked with OR, or
/// with AND under <c>all</c>; each value may stand for several alternatives (base64offset, windash),
/// which are always linked with OR. A list field matches a value when one of its items does.
/// </summary>
internal sealed class FieldItemNode(string field, ValueMatcher[][] values, bool matchAll, bool negate) : DetectionNode
{
    public string Field { get; } = field;

    public ValueMatcher[][] Values { get; } = values;

    public override bool Evaluate(ISigmaEvent evt)
    {
        if (!evt.TryGetField(Field, out SigmaValue value))
        {
            value = SigmaValue.Null;
        }

        return Test(value, evt) != negate;
    }

    private bool Test(in SigmaValue value, ISigmaEvent evt)
    {
        if (matchAll)
        {
            foreach (ValueMatcher[] alternatives in Values)
            {
                if (!AnyAlternative(alternatives, value, evt))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (ValueMatcher[] alternatives in Values)
        {
            if (AnyAlternative(alternatives, value, evt))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyAlternative(ValueMatcher[] alternatives, in SigmaValue value, ISigmaEvent evt)
    {
        if (value.Kind == SigmaValueKind.List)
        {
            foreach (ValueMatcher matcher in alternatives)
            {
                foreach (SigmaValue item in value.Items)
                {
                    if (matcher.Matches(item, evt))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        foreach (ValueMatcher matcher in alternatives)
        {
            if (matcher.Matches(value, evt))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The <c>exists</c> modifier: the field is present (even when null or empty), or absent.</summary>
internal sealed class ExistsItemNode(string field, bool expected) : DetectionNode
{
    public string Field { get; } = field;

    public override bool Evaluate(ISigmaEvent evt) => evt.TryGetField(Field, out _) == expected;
}

/// <summary>
/// A keyword search: values without a field name, each searched in every field value of the event
/// (as if surrounded by <c>*</c>). Linked with OR, or with AND under <c>|all</c>.
/// </summary>
internal sealed class KeywordNode(ValueMatcher[][] values, bool matchAll, bool negate) : DetectionNode
{
    private static readonly Func<SigmaValue, (ValueMatcher[] Alternatives, ISigmaEvent Event), bool> AnyValue =
        static (value, state) =>
        {
            foreach (ValueMatcher matcher in state.Alternatives)
            {
                if (matcher.Matches(value, state.Event))
                {
                    return true;
                }
            }

            return false;
        };

    public override bool Evaluate(ISigmaEvent evt)
    {
        bool result = matchAll;
        foreach (ValueMatcher[] alternatives in values)
        {
            bool found = evt.AnyFieldValue(AnyValue, (alternatives, evt));
            if (matchAll && !found)
            {
                result = false;
                break;
            }

            if (!matchAll && found)
            {
                result = true;
                break;
            }
        }

        return result != negate;
    }
}

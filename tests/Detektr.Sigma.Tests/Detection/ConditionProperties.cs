using Detektr.Sigma.Rules;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Detektr.Sigma.Tests.Detection;

/// <summary>A condition expression with a reference meaning, written out with random spacing and parentheses.</summary>
public abstract record ConditionExpression
{
    public static readonly string[] Identifiers = ["sel_a", "sel_b", "sel_c", "filter_d"];

    public abstract bool Evaluate(bool[] truth);

    /// <summary>Writes the expression; <paramref name="extra"/> decides where redundant parentheses go.</summary>
    public abstract string Render(int parentPrecedence, Func<bool> extra);

    protected static string Wrap(string text, int precedence, int parentPrecedence, Func<bool> extra) =>
        precedence < parentPrecedence || extra() ? "(" + text + ")" : text;
}

public sealed record IdentifierExpression(int Index) : ConditionExpression
{
    public override bool Evaluate(bool[] truth) => truth[Index];

    public override string Render(int parentPrecedence, Func<bool> extra) => Wrap(Identifiers[Index], 5, parentPrecedence, extra);
}

/// <summary><c>1 of</c> or <c>all of</c> a pattern: <c>sel_*</c> (the first three) or <c>them</c> (all four).</summary>
public sealed record QuantifiedExpression(bool All, bool Them) : ConditionExpression
{
    public override bool Evaluate(bool[] truth)
    {
        bool[] covered = Them ? truth : truth[..3];
        return All ? covered.All(t => t) : covered.Any(t => t);
    }

    public override string Render(int parentPrecedence, Func<bool> extra) =>
        Wrap($"{(All ? "all" : "1")} of {(Them ? "them" : "sel_*")}", 4, parentPrecedence, extra);
}

public sealed record NotExpression(ConditionExpression Operand) : ConditionExpression
{
    public override bool Evaluate(bool[] truth) => !Operand.Evaluate(truth);

    public override string Render(int parentPrecedence, Func<bool> extra) =>
        Wrap("not " + Operand.Render(3, extra), 3, parentPrecedence, extra);
}

public sealed record AndExpression(ConditionExpression Left, ConditionExpression Right) : ConditionExpression
{
    public override bool Evaluate(bool[] truth) => Left.Evaluate(truth) && Right.Evaluate(truth);

    public override string Render(int parentPrecedence, Func<bool> extra) =>
        Wrap(Left.Render(2, extra) + " and " + Right.Render(3, extra), 2, parentPrecedence, extra);
}

public sealed record OrExpression(ConditionExpression Left, ConditionExpression Right) : ConditionExpression
{
    public override bool Evaluate(bool[] truth) => Left.Evaluate(truth) || Right.Evaluate(truth);

    public override string Render(int parentPrecedence, Func<bool> extra) =>
        Wrap(Left.Render(1, extra) + " or " + Right.Render(2, extra), 1, parentPrecedence, extra);
}

public sealed record ConditionCase(ConditionExpression Expression, int ParenthesesSeed, bool[] Truth)
{
    public string Text
    {
        get
        {
            var random = new Random(ParenthesesSeed);
            return Expression.Render(0, () => random.Next(5) == 0);
        }
    }

    public override string ToString() => $"{Text} with [{string.Join(", ", Truth)}]";
}

public static class ConditionArbitraries
{
    public static Arbitrary<ConditionCase> Cases() => Arb.From(
        from expression in Gen.Sized(size => Expression(Math.Min(size, 12)))
        from seed in Gen.Choose(0, 1_000_000)
        from truth in Gen.Elements(true, false).ArrayOf(4)
        select new ConditionCase(expression, seed, truth));

    private static Gen<ConditionExpression> Expression(int size)
    {
        Gen<ConditionExpression> leaf = Gen.OneOf(
            Gen.Choose(0, 3).Select(i => (ConditionExpression)new IdentifierExpression(i)),
            Gen.Elements(true, false).SelectMany(all => Gen.Elements(true, false), (all, them) => (ConditionExpression)new QuantifiedExpression(all, them)));
        if (size <= 0)
        {
            return leaf;
        }

        Gen<ConditionExpression> smaller = Expression(size / 2);
        return Gen.Frequency(
            (3, leaf),
            (1, smaller.Select(e => (ConditionExpression)new NotExpression(e))),
            (2, smaller.SelectMany(_ => smaller, (l, r) => (ConditionExpression)new AndExpression(l, r))),
            (2, smaller.SelectMany(_ => smaller, (l, r) => (ConditionExpression)new OrExpression(l, r))));
    }
}

[Properties(Arbitrary = [typeof(ConditionArbitraries)], MaxTest = 300)]
public sealed class ConditionProperties
{
    [Property]
    public Property Conditions_evaluate_as_their_precedence_rules_say(ConditionCase c)
    {
        SigmaRule rule = Rules.Load($"""
            sel_a:
                CommandLine|contains: 'AAA'
            sel_b:
                CommandLine|contains: 'BBB'
            sel_c:
                CommandLine|contains: 'CCC'
            filter_d:
                CommandLine|contains: 'DDD'
            condition: '{c.Text}'
            """);
        string commandLine = string.Concat(c.Truth.Select((t, i) => t ? new[] { "AAA", "BBB", "CCC", "DDD" }[i] + " " : string.Empty));

        bool expected = c.Expression.Evaluate(c.Truth);
        bool actual = rule.Matches(("CommandLine", commandLine));
        return (expected == actual).Label($"{c}: expected {expected}, engine {actual}");
    }
}

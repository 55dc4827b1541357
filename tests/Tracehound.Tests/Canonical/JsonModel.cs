using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Tracehound.Tests.Canonical;

/// <summary>A JSON value as a test model, rendered to text in many equivalent ways.</summary>
public abstract record JsonModel
{
    /// <summary>Renders the value; <paramref name="random"/> picks key order, whitespace, number spelling and escapes.</summary>
    public abstract void Render(StringBuilder text, Random random);

    /// <summary>The value as a structured graph of dictionaries, lists and primitives.</summary>
    public abstract object? ToGraph();

    public string Render(int seed)
    {
        var text = new StringBuilder();
        Render(text, new Random(seed));
        return text.ToString();
    }

    protected static void Space(StringBuilder text, Random random)
    {
        if (random.Next(4) == 0)
        {
            text.Append(" \n\t\r"[random.Next(4)]);
        }
    }

    protected static void RenderString(StringBuilder text, string value, Random random)
    {
        text.Append('"');
        var escapeLowSurrogate = false;
        foreach (var c in value)
        {
            var mustEscape = c is '"' or '\\' || c < 0x20;
            // A surrogate pair is escaped as a whole or not at all: half of it alone is not text.
            var escape = char.IsLowSurrogate(c) ? escapeLowSurrogate : mustEscape || random.Next(5) == 0;
            escapeLowSurrogate = char.IsHighSurrogate(c) && escape;
            if (escape)
            {
                // Any character may be written as \uXXXX; '/' may also be written as \/.
                if (c == '/' && random.Next(2) == 0)
                {
                    text.Append("\\/");
                }
                else
                {
                    text.Append("\\u").Append(((int)c).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                text.Append(c);
            }
        }

        text.Append('"');
    }
}

public sealed record JsonNumber(double Value) : JsonModel
{
    public override void Render(StringBuilder text, Random random)
    {
        var r = Value.ToString("R", CultureInfo.InvariantCulture);
        switch (random.Next(4))
        {
            case 0:
                text.Append(r);
                break;
            case 1:
                // Exponent form: the same double, spelled with 17 significant digits.
                text.Append(Value.ToString("E16", CultureInfo.InvariantCulture));
                break;
            case 2 when !r.Contains('E', StringComparison.Ordinal) && !r.Contains('.', StringComparison.Ordinal):
                text.Append(r).Append(".000");
                break;
            default:
                text.Append(Value.ToString("G17", CultureInfo.InvariantCulture));
                break;
        }
    }

    public override object? ToGraph() => Value;
}

public sealed record JsonString(string Value) : JsonModel
{
    public override void Render(StringBuilder text, Random random) => RenderString(text, Value, random);

    public override object? ToGraph() => Value;
}

public sealed record JsonLiteral(bool? Value) : JsonModel
{
    public override void Render(StringBuilder text, Random random) =>
        text.Append(Value switch { true => "true", false => "false", null => "null" });

    public override object? ToGraph() => Value;
}

public sealed record JsonArray(JsonModel[] Items) : JsonModel
{
    public override void Render(StringBuilder text, Random random)
    {
        text.Append('[');
        for (var i = 0; i < Items.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            Space(text, random);
            Items[i].Render(text, random);
            Space(text, random);
        }

        text.Append(']');
    }

    public override object? ToGraph() => Items.Select(i => i.ToGraph()).ToList();

    public bool Equals(JsonArray? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Length;
}

public sealed record JsonObject(KeyValuePair<string, JsonModel>[] Members) : JsonModel
{
    public override void Render(StringBuilder text, Random random)
    {
        text.Append('{');
        var order = Members.OrderBy(_ => random.Next()).ToArray();
        for (var i = 0; i < order.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            Space(text, random);
            RenderString(text, order[i].Key, random);
            Space(text, random);
            text.Append(':');
            Space(text, random);
            order[i].Value.Render(text, random);
        }

        text.Append('}');
    }

    public override object? ToGraph() => Members.ToDictionary(m => m.Key, m => m.Value.ToGraph(), StringComparer.Ordinal);

    public bool Equals(JsonObject? other) => other is not null && Members.SequenceEqual(other.Members);

    public override int GetHashCode() => Members.Length;
}

/// <summary>FsCheck generators of JSON models.</summary>
public static class JsonArbitraries
{
    public static Arbitrary<JsonModel> Json() => Arb.From(Gen.Sized(size => Value(Math.Min(size, 24), 3)));

    private static readonly Gen<string> Text =
        Gen.Elements("a", "b", "key", "é", "€", "😀", "\u0000", "\"", "\\", "/", "\n", "\u007f", "\ufb33", " ", "0")
            .ArrayOf()
            .Select(parts => string.Concat(parts));

    private static Gen<JsonModel> Leaf() => Gen.OneOf(
        Gen.Choose(-1000, 1000).Select(i => (JsonModel)new JsonNumber(i)),
        Gen.Elements(0.5, -0.25, 1e21, 1e-7, 123.456, 5e-324, 1.7976931348623157e308, 333333333.3333333, 1e23)
            .Select(d => (JsonModel)new JsonNumber(d)),
        ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => (JsonModel)new JsonNumber(f.Get)),
        Text.Select(s => (JsonModel)new JsonString(s)),
        Gen.Elements<bool?>(true, false, null).Select(b => (JsonModel)new JsonLiteral(b)));

    private static Gen<JsonModel> Value(int size, int depth)
    {
        if (depth == 0 || size <= 1)
        {
            return Leaf();
        }

        var child = Value(size / 2, depth - 1);
        var array = child.ArrayOf().Select(items => (JsonModel)new JsonArray(items));
        var obj = Gen.Zip(Text, child).ArrayOf().Select(members =>
            (JsonModel)new JsonObject(members
                .GroupBy(m => m.Item1, StringComparer.Ordinal)
                .Select(g => new KeyValuePair<string, JsonModel>(g.Key, g.First().Item2))
                .ToArray()));
        return Gen.Frequency((2, Leaf()), (1, array), (2, obj));
    }
}

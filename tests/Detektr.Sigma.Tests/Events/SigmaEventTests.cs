using System.Text.Json;
using System.Text.Json.Nodes;
using Detektr.Sigma.Events;

namespace Detektr.Sigma.Tests.Events;

public sealed class SigmaEventTests
{
    private const string Line = """
        {"EventType":"http_request","Sequence":42,"Port":8080,"Ratio":1.50,"Ok":true,"Missing":null,
         "Headers":{"User-Agent":"curl/8.5","X":{"Deep":"yes"}},"Tags":["a",2,{"k":"v"}]}
        """;

    public static TheoryData<string> Sources => ["text", "element", "node", "dictionary"];

    private static SigmaEvent Build(string source) => source switch
    {
        "text" => SigmaEvent.FromJson(Line),
        "element" => SigmaEvent.FromJson(JsonDocument.Parse(Line).RootElement),
        "node" => SigmaEvent.FromJson(JsonNode.Parse(Line)!.AsObject()),
        _ => SigmaEvent.FromDictionary(new Dictionary<string, object?>
        {
            ["EventType"] = "http_request",
            ["Sequence"] = 42L,
            ["Port"] = 8080,
            ["Ratio"] = 1.5,
            ["Ok"] = true,
            ["Missing"] = null,
            ["Headers"] = new Dictionary<string, object?> { ["User-Agent"] = "curl/8.5", ["X"] = new Dictionary<string, object?> { ["Deep"] = "yes" } },
            ["Tags"] = new object?[] { "a", 2, new Dictionary<string, object?> { ["k"] = "v" } },
        }),
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void Every_adapter_reads_scalars_with_their_text_and_kind(string source)
    {
        SigmaEvent evt = Build(source);

        Assert.True(evt.TryGetField("Sequence", out SigmaValue sequence));
        Assert.True(sequence.TryGetNumber(out _, out long whole, out bool isWhole) && isWhole);
        Assert.Equal(42, whole);
        Assert.True(evt.TryGetField("Port", out SigmaValue port));
        Assert.Equal((SigmaValueKind.Number, "8080"), (port.Kind, port.Text));
        Assert.True(evt.TryGetField("Ratio", out SigmaValue ratio));
        Assert.True(ratio.TryGetNumber(out double number, out _, out _));
        Assert.Equal(1.5, number);
        Assert.True(evt.TryGetField("Ok", out SigmaValue ok));
        Assert.Equal((SigmaValueKind.Boolean, "true"), (ok.Kind, ok.Text));
        Assert.True(evt.TryGetField("Missing", out SigmaValue missing));
        Assert.True(missing.IsNull);
        Assert.False(evt.TryGetField("Absent", out _));
        Assert.False(evt.TryGetField("eventtype", out _));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Nested_objects_are_flattened_into_dotted_names_and_remain_visible_as_maps(string source)
    {
        SigmaEvent evt = Build(source);

        Assert.True(evt.TryGetField("Headers", out SigmaValue headers));
        Assert.Equal(SigmaValueKind.Map, headers.Kind);
        Assert.True(evt.TryGetField("Headers.User-Agent", out SigmaValue agent));
        Assert.Equal("curl/8.5", agent.Text);
        Assert.True(evt.TryGetField("Headers.X.Deep", out SigmaValue deep));
        Assert.Equal("yes", deep.Text);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Lists_keep_their_items_and_keyword_search_sees_every_scalar(string source)
    {
        SigmaEvent evt = Build(source);

        Assert.True(evt.TryGetField("Tags", out SigmaValue tags));
        Assert.Equal(SigmaValueKind.List, tags.Kind);
        Assert.Equal(["a", "2", null], tags.Items.ToArray().Select(i => i.Text));

        var seen = new List<string>();
        evt.AnyFieldValue((value, list) => { list.Add(value.Text!); return false; }, seen);
        Assert.Contains("curl/8.5", seen);
        Assert.Contains("yes", seen);
        Assert.Contains("a", seen);
        Assert.Contains("8080", seen);
        Assert.DoesNotContain("User-Agent", seen);
    }

    [Fact]
    public void Typed_nested_dictionaries_are_flattened_too()
    {
        SigmaEvent evt = SigmaEvent.FromDictionary(new Dictionary<string, object?>
        {
            ["Headers"] = new Dictionary<string, string> { ["Host"] = "sink.test" },
        });

        Assert.True(evt.TryGetField("Headers.Host", out SigmaValue host));
        Assert.Equal("sink.test", host.Text);
    }

    [Fact]
    public void Json_that_is_not_an_object_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => SigmaEvent.FromJson("[1,2]"));
        Assert.ThrowsAny<JsonException>(() => SigmaEvent.FromJson("{oops"));
    }

    [Fact]
    public void Numbers_keep_the_text_the_producer_wrote()
    {
        SigmaEvent evt = SigmaEvent.FromJson("""{"Mode":0.50,"Big":12345678901234567890}""");

        Assert.True(evt.TryGetField("Mode", out SigmaValue mode));
        Assert.Equal("0.50", mode.Text);
        Assert.True(evt.TryGetField("Big", out SigmaValue big));
        Assert.Equal("12345678901234567890", big.Text);
        Assert.Equal(SigmaValueKind.Number, big.Kind);
    }
}

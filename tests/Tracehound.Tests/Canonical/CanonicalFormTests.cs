using System.Buffers;
using System.Text;

namespace Tracehound.Tests.Canonical;

public class CanonicalFormTests
{
    internal static string Canonical(ScentPayload payload, CanonicalLimits? limits = null)
    {
        var output = new ArrayBufferWriter<byte>();
        var status = CanonicalForm.TryEncode(payload, limits ?? CanonicalLimits.Default, output);
        Assert.Equal(CanonicalStatus.Ok, status);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    internal static CanonicalStatus Status(ScentPayload payload, CanonicalLimits? limits = null) =>
        CanonicalForm.TryEncode(payload, limits ?? CanonicalLimits.Default, new ArrayBufferWriter<byte>());

    [Fact]
    public void Rfc8785_example_is_reproduced_byte_for_byte()
    {
        // RFC 8785, section 3.2.2.
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        Assert.Equal(expected, Canonical(ScentPayload.FromJson(input)));
    }

    [Fact]
    public void Members_are_sorted_by_utf16_code_units()
    {
        // RFC 8785, section 3.2.3: the emoji's surrogates (0xD83D...) sort before U+FB33.
        const string input = """{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}""";
        var canonical = Canonical(ScentPayload.FromJson(input));
        var keys = System.Text.Json.JsonDocument.Parse(canonical).RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"], keys);
    }

    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void Numbers_follow_the_rfc8785_test_vectors(ulong ieee, string expected)
    {
        var value = BitConverter.UInt64BitsToDouble(ieee);
        Assert.Equal($"[{expected}]", Canonical(ScentPayload.FromStructured(new object[] { value })));
        // The same number written in JSON (round-trip form) canonicalizes identically.
        var json = "[" + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "]";
        Assert.Equal($"[{expected}]", Canonical(ScentPayload.FromJson(json)));
    }

    [Fact]
    public void Bytes_are_their_own_canonical_form()
    {
        var bytes = new byte[] { 0, 255, 1, 254 };
        var output = new ArrayBufferWriter<byte>();
        Assert.Equal(CanonicalStatus.Ok, CanonicalForm.TryEncode(ScentPayload.FromBytes(bytes), CanonicalLimits.Default, output));
        Assert.Equal(bytes, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Text_is_its_utf8_encoding()
    {
        Assert.Equal("héllo ✓", Canonical(ScentPayload.FromText("héllo ✓")));
    }

    [Fact]
    public void Key_values_canonicalize_as_the_json_object_of_strings()
    {
        var pairs = new[]
        {
            new KeyValuePair<string, string?>("user-agent", "curl/8"),
            new KeyValuePair<string, string?>("accept", "*/*"),
            new KeyValuePair<string, string?>("x-empty", null),
        };
        var fromPairs = Canonical(ScentPayload.FromKeyValues(pairs));
        Assert.Equal("""{"accept":"*/*","user-agent":"curl/8","x-empty":null}""", fromPairs);
        Assert.Equal(fromPairs, Canonical(ScentPayload.FromJson("""{ "x-empty": null, "user-agent": "curl\/8", "accept": "*\u002f*" }""")));
    }

    [Fact]
    public void Structured_graphs_canonicalize_like_the_equivalent_json()
    {
        var graph = new Dictionary<string, object?>
        {
            ["b"] = new List<object?> { 1, 2.5, "x", null, true },
            ["a"] = new Dictionary<string, object?> { ["z"] = 10L, ["y"] = false },
        };
        var json = """{"a":{"y":false,"z":1e1},"b":[1.0,25e-1,"x",null,true]}""";
        Assert.Equal(Canonical(ScentPayload.FromJson(json)), Canonical(ScentPayload.FromStructured(graph)));
        Assert.Equal("""{"a":{"y":false,"z":10},"b":[1,2.5,"x",null,true]}""", Canonical(ScentPayload.FromStructured(graph)));
    }

    [Fact]
    public void Json_elements_inside_graphs_canonicalize_like_their_text()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"q":"1' OR 1=1","n":2.0}""");
        var graph = new Dictionary<string, object?> { ["body"] = document.RootElement };
        Assert.Equal("""{"body":{"n":2,"q":"1' OR 1=1"}}""", Canonical(ScentPayload.FromStructured(graph)));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_reported()
    {
        var limits = CanonicalLimits.Default with { MaxDepth = 4 };
        Assert.Equal(CanonicalStatus.Ok, Status(ScentPayload.FromJson("[[[[1]]]]"), limits));
        Assert.Equal(CanonicalStatus.DepthExceeded, Status(ScentPayload.FromJson("[[[[[1]]]]]"), limits));
        Assert.Equal(CanonicalStatus.DepthExceeded, Status(ScentPayload.FromJson(new string('[', 5000) + new string(']', 5000)), CanonicalLimits.Default));

        object nested = 1;
        for (var i = 0; i < 5; i++)
        {
            nested = new List<object?> { nested };
        }

        Assert.Equal(CanonicalStatus.DepthExceeded, Status(ScentPayload.FromStructured(nested), limits));
    }

    [Fact]
    public void More_keys_than_the_limit_are_reported()
    {
        var limits = CanonicalLimits.Default with { MaxTotalKeys = 3 };
        Assert.Equal(CanonicalStatus.Ok, Status(ScentPayload.FromJson("""{"a":{"b":1},"c":2}"""), limits));
        Assert.Equal(CanonicalStatus.TooManyKeys, Status(ScentPayload.FromJson("""{"a":{"b":1,"d":3},"c":2}"""), limits));
        var pairs = Enumerable.Range(0, 4).Select(i => new KeyValuePair<string, string?>($"k{i}", "v"));
        Assert.Equal(CanonicalStatus.TooManyKeys, Status(ScentPayload.FromKeyValues(pairs), limits));
    }

    [Fact]
    public void Keys_inside_json_elements_count_against_the_payload_key_limit()
    {
        var limits = CanonicalLimits.Default with { MaxTotalKeys = 3 };
        using var small = System.Text.Json.JsonDocument.Parse("{\"a\":1}");
        using var large = System.Text.Json.JsonDocument.Parse("{\"a\":{\"b\":1,\"c\":2}}");
        Assert.Equal(CanonicalStatus.Ok, Status(ScentPayload.FromStructured(new Dictionary<string, object?> { ["x"] = small.RootElement }), limits));
        Assert.Equal(CanonicalStatus.TooManyKeys, Status(ScentPayload.FromStructured(new Dictionary<string, object?> { ["x"] = large.RootElement }), limits));
    }

    [Fact]
    public void Canonical_forms_larger_than_the_limit_are_reported()
    {
        var limits = CanonicalLimits.Default with { MaxBytes = 10 };
        Assert.Equal(CanonicalStatus.Ok, Status(ScentPayload.FromBytes(new byte[10]), limits));
        Assert.Equal(CanonicalStatus.TooLarge, Status(ScentPayload.FromBytes(new byte[11]), limits));
        // Whitespace makes the input larger than the limit even though the canonical form would fit.
        Assert.Equal(CanonicalStatus.TooLarge, Status(ScentPayload.FromJson("[1,          2]"), limits));
        Assert.Equal(CanonicalStatus.TooLarge, Status(ScentPayload.FromStructured(new[] { "0123456789" }), limits));
        Assert.Equal(CanonicalStatus.TooLarge, Status(ScentPayload.FromText("01234567890"), limits));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1] [2]")]
    [InlineData("{'a':1}")]
    [InlineData("// comment\n1")]
    [InlineData("NaN")]
    public void Malformed_json_is_reported(string json)
    {
        Assert.Equal(CanonicalStatus.InvalidJson, Status(ScentPayload.FromJson(json)));
    }

    [Fact]
    public void Invalid_utf8_is_reported()
    {
        var bytes = "{\"a\":\"x\xff\"}"u8.ToArray();
        bytes[7] = 0xFF;
        Assert.Equal(CanonicalStatus.InvalidUtf8, Status(ScentPayload.FromJson(bytes)));
        Assert.Equal(CanonicalStatus.InvalidUtf8, Status(ScentPayload.FromJson("""{"a":"\ud800"}""")));
        Assert.Equal(CanonicalStatus.InvalidUtf8, Status(ScentPayload.FromText("bad \ud800 text")));
        Assert.Equal(CanonicalStatus.InvalidUtf8, Status(ScentPayload.FromKeyValues([new("k\udc00", "v")])));
    }

    [Fact]
    public void Duplicate_keys_are_reported()
    {
        Assert.Equal(CanonicalStatus.DuplicateKey, Status(ScentPayload.FromJson("""{"a":1,"b":2,"\u0061":3}""")));
        Assert.Equal(CanonicalStatus.DuplicateKey, Status(ScentPayload.FromKeyValues([new("a", "1"), new("a", "2")])));
    }

    [Fact]
    public void Numbers_outside_the_double_range_are_reported()
    {
        Assert.Equal(CanonicalStatus.InvalidNumber, Status(ScentPayload.FromJson("[1e400]")));
        Assert.Equal(CanonicalStatus.InvalidNumber, Status(ScentPayload.FromStructured(new object[] { double.NaN })));
        Assert.Equal(CanonicalStatus.InvalidNumber, Status(ScentPayload.FromStructured(new object[] { double.PositiveInfinity })));
    }

    [Fact]
    public void Cycles_and_unsupported_types_are_reported_not_thrown()
    {
        var cyclic = new List<object?>();
        cyclic.Add(cyclic);
        Assert.Equal(CanonicalStatus.Cycle, Status(ScentPayload.FromStructured(cyclic)));

        var dictionary = new Dictionary<string, object?>();
        dictionary["self"] = new List<object?> { dictionary };
        Assert.Equal(CanonicalStatus.Cycle, Status(ScentPayload.FromStructured(dictionary)));

        Assert.Equal(CanonicalStatus.UnsupportedType, Status(ScentPayload.FromStructured(new object[] { DateTime.UnixEpoch })));
        Assert.Equal(CanonicalStatus.UnsupportedType, Status(ScentPayload.FromStructured(new Dictionary<int, string> { [1] = "x" })));
    }

    [Fact]
    public void The_same_object_twice_in_a_graph_is_not_a_cycle()
    {
        var shared = new List<object?> { 1 };
        Assert.Equal("[[1],[1]]", Canonical(ScentPayload.FromStructured(new List<object?> { shared, shared })));
    }
}

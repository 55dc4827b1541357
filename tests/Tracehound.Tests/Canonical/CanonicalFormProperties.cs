using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Tracehound.Tests.Canonical;

[Properties(Arbitrary = [typeof(JsonArbitraries)], MaxTest = 200)]
public class CanonicalFormProperties
{
    private static byte[] Encode(ScentPayload payload)
    {
        var output = new ArrayBufferWriter<byte>();
        var status = CanonicalForm.TryEncode(payload, CanonicalLimits.Default, output);
        Assert.Equal(CanonicalStatus.Ok, status);
        return output.WrittenSpan.ToArray();
    }

    [Property]
    public void Signature_does_not_depend_on_key_order_number_spelling_or_escaping(JsonModel value, int seedA, int seedB)
    {
        var a = value.Render(seedA);
        var b = value.Render(seedB);
        Assert.Equal(Encode(ScentPayload.FromJson(a)), Encode(ScentPayload.FromJson(b)));
        ThreatSignature.TryCompute(ThreatCategory.Injection, ScentPayload.FromJson(a), CanonicalLimits.Default, out var sa);
        ThreatSignature.TryCompute(ThreatCategory.Injection, ScentPayload.FromJson(b), CanonicalLimits.Default, out var sb);
        Assert.Equal(sa, sb);
    }

    [Property]
    public void Json_text_and_the_equivalent_object_graph_have_the_same_canonical_form(JsonModel value, int seed)
    {
        Assert.Equal(Encode(ScentPayload.FromJson(value.Render(seed))), Encode(ScentPayload.FromStructured(value.ToGraph())));
    }

    [Property]
    public void Canonical_form_is_a_fixed_point_and_keeps_the_value(JsonModel value, int seed)
    {
        var canonical = Encode(ScentPayload.FromJson(value.Render(seed)));
        Assert.Equal(canonical, Encode(ScentPayload.FromJson(canonical)));
        var original = System.Text.Json.Nodes.JsonNode.Parse(value.Render(seed));
        var reparsed = System.Text.Json.Nodes.JsonNode.Parse(canonical);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(Normalize(original), Normalize(reparsed)));
    }

    [Property]
    public Property Distinct_values_give_distinct_signatures(JsonModel a, JsonModel b)
    {
        var ca = Encode(ScentPayload.FromStructured(a.ToGraph()));
        var cb = Encode(ScentPayload.FromStructured(b.ToGraph()));
        var sameValue = System.Text.Json.Nodes.JsonNode.DeepEquals(
            Normalize(System.Text.Json.Nodes.JsonNode.Parse(ca)),
            Normalize(System.Text.Json.Nodes.JsonNode.Parse(cb)));
        ThreatSignature.TryCompute(ThreatCategory.Spam, ScentPayload.FromStructured(a.ToGraph()), CanonicalLimits.Default, out var sa);
        ThreatSignature.TryCompute(ThreatCategory.Spam, ScentPayload.FromStructured(b.ToGraph()), CanonicalLimits.Default, out var sb);
        return (sameValue == (sa == sb)).Label($"same value: {sameValue}, same signature: {sa == sb}");
    }

    [Property]
    public void Distinct_byte_payloads_give_distinct_signatures(byte[] a, byte[] b)
    {
        ThreatSignature.TryCompute(ThreatCategory.Malware, ScentPayload.FromBytes(a), CanonicalLimits.Default, out var sa);
        ThreatSignature.TryCompute(ThreatCategory.Malware, ScentPayload.FromBytes(b), CanonicalLimits.Default, out var sb);
        Assert.Equal(a.AsSpan().SequenceEqual(b), sa == sb);
        Assert.Equal(sa, ThreatSignature.Parse(sa.ToString()));
    }

    [Property]
    public void Signature_is_category_colon_lower_hex_sha256_of_the_canonical_bytes(JsonModel value, int seed)
    {
        var json = value.Render(seed);
        ThreatSignature.TryCompute(ThreatCategory.Injection, ScentPayload.FromJson(json), CanonicalLimits.Default, out var signature);
        var expected = "injection:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encode(ScentPayload.FromJson(json))));
        Assert.Equal(expected, signature.ToString());
    }

    [Property]
    public void Key_value_pairs_in_any_order_give_the_same_form(string[] keys, int seed)
    {
        var pairs = keys.Where(k => k is not null && !k.Any(char.IsSurrogate)).Distinct(StringComparer.Ordinal)
            .Select(k => new KeyValuePair<string, string?>(k, k.Length % 2 == 0 ? k : null)).ToArray();
        var shuffled = pairs.OrderBy(_ => new Random(seed).Next()).ToArray();
        Assert.Equal(Encode(ScentPayload.FromKeyValues(pairs)), Encode(ScentPayload.FromKeyValues(shuffled)));
    }

    // JSON numbers compare by their double value: 1.0 and 1 are the same JCS number.
    private static System.Text.Json.Nodes.JsonNode? Normalize(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        System.Text.Json.Nodes.JsonArray a => new System.Text.Json.Nodes.JsonArray(a.Select(Normalize).ToArray()),
        System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => System.Text.Json.Nodes.JsonValue.Create(v.GetValue<double>()),
        System.Text.Json.Nodes.JsonValue v => System.Text.Json.Nodes.JsonNode.Parse(v.ToJsonString()),
        _ => null,
    };
}

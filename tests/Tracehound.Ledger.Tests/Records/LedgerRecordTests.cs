using FsCheck;
using FsCheck.Fluent;

namespace Tracehound.Ledger.Tests.Records;

public sealed class LedgerRecordTests
{
    private static readonly DateTimeOffset Noon = new(2025, 1, 2, 12, 0, 0, 123, TimeSpan.Zero);

    private static LedgerRecord Sample() => new(
        "evidence.evicted",
        "injection:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        Noon,
        [new("reason", "capacity"), new("bytes", 1024L)]);

    [Fact]
    public void Encodes_to_the_documented_canonical_bytes()
    {
        var record = new LedgerRecord("detektr.run", "run-1", DateTimeOffset.FromUnixTimeMilliseconds(1), [new("z", 1L), new("a", "b")]);
        // version | kind len "detektr.run" | subject len "run-1" | time ms | 2 attrs | "a" string "b" | "z" int 1
        Assert.Equal(
            "01" + "0b" + "646574656b74722e72756e" + "0005" + "72756e2d31" + "0000000000000001" + "02"
            + "01" + "61" + "01" + "0001" + "62"
            + "01" + "7a" + "02" + "0000000000000001",
            Convert.ToHexStringLower(record.Encode()));
        Assert.Equal(record.EncodedLength, record.Encode().Length);
    }

    [Fact]
    public void Attribute_order_does_not_change_the_encoding()
    {
        var a = new LedgerRecord("operator.action", "op", Noon, [new("b", 2L), new("a", "x"), new("c", "y")]);
        var b = new LedgerRecord("operator.action", "op", Noon, [new("c", "y"), new("a", "x"), new("b", 2L)]);
        Assert.Equal(a.Encode(), b.Encode());
        Assert.Equal(["a", "b", "c"], a.Attributes.Select(p => p.Key));
    }

    [Fact]
    public void Time_is_normalised_to_utc_milliseconds()
    {
        var local = new DateTimeOffset(2025, 1, 2, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234);
        var record = new LedgerRecord("config.changed", "quarantine", local);
        Assert.Equal(TimeSpan.Zero, record.Time.Offset);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 12, 0, 0, TimeSpan.Zero), record.Time);
        Assert.Equal(record, LedgerRecord.Decode(record.Encode()));
    }

    [Theory]
    [InlineData("", "s", "kind")]
    [InlineData("Evidence", "s", "kind")]
    [InlineData("1abc", "s", "kind")]
    [InlineData("evidence quarantined", "s", "kind")]
    [InlineData("evidence.quarantined", "", "subject")]
    [InlineData("evidence.quarantined", "a\nb", "subject")]
    public void Rejects_invalid_kind_or_subject_with_the_reason(string kind, string subject, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => new LedgerRecord(kind, subject, Noon));
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.False(LedgerRecord.TryCreate(kind, subject, Noon, null, out _, out var reason));
        Assert.Contains(field, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_lone_surrogate_in_the_subject_or_a_value()
    {
        var lone = new string('\ud800', 1);
        Assert.Throws<ArgumentException>(() => new LedgerRecord("a", "x" + lone, Noon));
        Assert.Throws<ArgumentException>(() => new LedgerRecord("a", "s", Noon, [new("k", lone)]));
    }

    [Fact]
    public void Rejects_duplicate_keys_oversized_values_and_too_many_attributes()
    {
        Assert.Throws<ArgumentException>(() => new LedgerRecord("a", "s", Noon, [new("k", 1L), new("k", 2L)]));
        Assert.Throws<ArgumentException>(() => new LedgerRecord("a", "s", Noon, [new("k", new string('x', LedgerRecord.MaxStringValueBytes + 1))]));
        Assert.Throws<ArgumentException>(() => new LedgerRecord("a", "s", Noon, Enumerable.Range(0, LedgerRecord.MaxAttributes + 1).Select(i => new KeyValuePair<string, LedgerValue>($"k{i}", i))));
        Assert.Throws<ArgumentException>(() => new LedgerRecord("a", new string('s', LedgerRecord.MaxSubjectBytes + 1), Noon));
    }

    [Fact]
    public void Every_truncation_and_any_trailing_byte_is_rejected()
    {
        var bytes = Sample().Encode();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(LedgerRecord.TryDecode(bytes.AsSpan(0, length), out _, out _), $"prefix of {length} bytes decoded");
        }

        Assert.False(LedgerRecord.TryDecode([.. bytes, 0], out _, out var error));
        Assert.Contains("trailing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_version_unsorted_keys_bad_tags_and_invalid_utf8_are_rejected()
    {
        var bytes = new LedgerRecord("k", "s", Noon, [new("a", 1L), new("b", 2L)]).Encode();

        var version = (byte[])bytes.Clone();
        version[0] = 2;
        Assert.False(LedgerRecord.TryDecode(version, out _, out var error));
        Assert.Contains("version", error, StringComparison.Ordinal);

        // kind "k" at 2, subject "s" at 5, attribute keys at 16 and 27.
        var swapped = (byte[])bytes.Clone();
        swapped[16] = (byte)'b';
        swapped[27] = (byte)'a';
        Assert.False(LedgerRecord.TryDecode(swapped, out _, out error));
        Assert.Contains("ascending", error, StringComparison.Ordinal);

        var tag = (byte[])bytes.Clone();
        tag[17] = 0x07;
        Assert.False(LedgerRecord.TryDecode(tag, out _, out error));
        Assert.Contains("type", error, StringComparison.Ordinal);

        var utf8 = (byte[])bytes.Clone();
        utf8[5] = 0xFF;
        Assert.False(LedgerRecord.TryDecode(utf8, out _, out error));
        Assert.Contains("UTF-8", error, StringComparison.Ordinal);
        Assert.False(LedgerRecord.IsCanonical(utf8, out _));
        Assert.True(LedgerRecord.IsCanonical(bytes, out _));
    }

    private static Arbitrary<LedgerRecord> Records()
    {
        var name = Gen.Elements("a", "b", "evidence.quarantined", "detektr.run", "heimdall.scan", "x_y-z.9");
        var text = ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => new string([.. s.Get.Where(c => !char.IsControl(c) && !char.IsSurrogate(c))]));
        var subject = text.Where(s => s.Length is > 0 and < 100);
        var value = Gen.OneOf(
            text.Select(s => LedgerValue.FromString(s)),
            ArbMap.Default.GeneratorFor<long>().Select(LedgerValue.FromInt64));
        var attribute = from key in Gen.Elements("reason", "bytes", "destination", "k1", "k2", "severity")
                        from v in value
                        select new KeyValuePair<string, LedgerValue>(key, v);
        var attributes = Gen.ListOf(attribute).Select(list => list.DistinctBy(p => p.Key).ToList());
        var time = Gen.Choose(0, int.MaxValue).Select(s => DateTimeOffset.FromUnixTimeMilliseconds(s * 997L));
        var records = from n in name
                      from s in subject
                      from t in time
                      from a in attributes
                      select new LedgerRecord(n, s, t, a);
        return records.ToArbitrary();
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Decoding_an_encoding_gives_back_the_same_record_and_bytes() =>
        Prop.ForAll(Records(), record =>
        {
            var bytes = record.Encode();
            var decoded = LedgerRecord.Decode(bytes);
            return decoded.Equals(record) && decoded.Encode().AsSpan().SequenceEqual(bytes) && LedgerRecord.IsCanonical(bytes, out _);
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Flipping_any_bit_never_decodes_to_the_same_record() =>
        Prop.ForAll(Records(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (record, position) =>
        {
            var bytes = record.Encode();
            bytes[position % bytes.Length] ^= (byte)(1 << (position % 8));
            return !LedgerRecord.TryDecode(bytes, out var decoded, out _) || !decoded.Equals(record);
        });
}

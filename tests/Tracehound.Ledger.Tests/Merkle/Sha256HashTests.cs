namespace Tracehound.Ledger.Tests.Merkle;

public sealed class Sha256HashTests
{
    [Fact]
    public void Prints_lower_case_hex_and_parses_either_case()
    {
        var hash = Sha256Hash.Compute("abc"u8);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hash.ToString());
        Assert.Equal(hash, Sha256Hash.Parse("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ba7816bf")]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad00")]
    public void Rejects_anything_but_64_hex_digits(string text)
    {
        Assert.False(Sha256Hash.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Sha256Hash.Parse(text));
    }

    [Fact]
    public void Requires_exactly_32_bytes()
    {
        Assert.Throws<ArgumentException>(() => Sha256Hash.FromBytes(new byte[31]));
        Assert.False(Sha256Hash.TryFromBytes(new byte[33], out _));
    }

    [FsCheck.Xunit.Property]
    public bool Equality_matches_byte_equality(byte[] a, byte[] b)
    {
        var x = Sha256Hash.Compute(a);
        var y = Sha256Hash.Compute(b);
        return (x == y) == a.AsSpan().SequenceEqual(b) && x.Equals(Sha256Hash.Parse(x.ToString()));
    }
}

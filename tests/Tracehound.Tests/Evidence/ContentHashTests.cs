using System.Security.Cryptography;

namespace Tracehound.Tests.Signatures;

public class ContentHashTests
{
    [Fact]
    public void Digests_that_share_a_chosen_prefix_spread_over_distinct_hash_codes()
    {
        // An attacker can grind payloads whose digests agree in their first bytes; the index must not care.
        var digest = new byte[ContentHash.Length];
        var codes = new HashSet<int>();
        for (var i = 0; i < 1000; i++)
        {
            RandomNumberGenerator.Fill(digest.AsSpan(8));
            codes.Add(ContentHash.FromBytes(digest).GetHashCode());
        }

        Assert.True(codes.Count > 990, $"{codes.Count} distinct hash codes for 1000 digests");
    }

    [Fact]
    public void Equal_digests_have_equal_hash_codes_and_signatures_follow_them()
    {
        var digest = SHA256.HashData("payload"u8);
        var a = ContentHash.FromBytes(digest);
        var b = ContentHash.FromBytes(digest.ToArray());
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(new ThreatSignature(ThreatCategory.Spam, a).GetHashCode(), new ThreatSignature(ThreatCategory.Spam, b).GetHashCode());
    }
}

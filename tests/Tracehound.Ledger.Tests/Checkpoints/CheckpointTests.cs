namespace Tracehound.Ledger.Tests.Checkpoints;

public sealed class CheckpointTests
{
    private static readonly Checkpoint Sample = new(
        "example.com/behind-the-sofa",
        new TreeHead(new TreeSize(20852163), Sha256Hash.FromBytes(Convert.FromBase64String("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="))));

    [Fact]
    public void Body_is_origin_size_and_base64_root_lines()
    {
        Assert.Equal("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", Sample.ToNoteText());
        Assert.True(Checkpoint.TryParse(Sample.ToNoteText(), out var parsed, out _));
        Assert.Equal(Sample, parsed);
    }

    [Theory]
    [InlineData("origin\n012\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("origin\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("origin\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n")]
    [InlineData("origin\n12\nAAAA\n")]
    [InlineData("\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("origin\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")]
    public void Rejects_malformed_bodies(string text) => Assert.False(Checkpoint.TryParse(text, out _, out _));

    [Fact]
    public void A_rotation_adds_a_signature_line_and_either_key_verifies()
    {
        using var dir = new TempDirectory();
        using var ring = LedgerKeyRing.OpenOrCreate(dir.Combine("keys"), "example.com/log");
        var first = ring.SigningKeys[0].Verifier;
        var single = SignedCheckpoint.Sign(Sample, ring.SigningKeys);
        Assert.Single(single.Note.Signatures);

        var second = ring.Rotate();
        var rotated = SignedCheckpoint.Sign(Sample, ring.SigningKeys);
        Assert.Equal(2, rotated.Note.Signatures.Count);
        Assert.Equal(rotated.ToString(), SignedCheckpoint.Parse(rotated.ToString()).ToString());
        Assert.True(rotated.Verify([first]).IsValid);
        Assert.True(rotated.Verify([second]).IsValid);

        ring.Retire(first.KeyId);
        var after = SignedCheckpoint.Sign(Sample, ring.SigningKeys);
        Assert.Single(after.Note.Signatures);
        Assert.False(after.Verify([first]).IsValid);
        Assert.True(after.Verify([second]).IsValid);

        // Retired public keys stay, so old checkpoints still verify from the key directory alone.
        var published = LedgerKeyRing.ReadVerifierKeys(dir.Combine("keys"));
        Assert.True(single.Verify(published).IsValid);
        Assert.Throws<InvalidOperationException>(() => ring.Retire(second.KeyId));
    }

    [Fact]
    public void Keys_are_created_owner_only_reloaded_and_exported_as_verifier_keys()
    {
        using var dir = new TempDirectory();
        uint keyId;
        using (var ring = LedgerKeyRing.OpenOrCreate(dir.Combine("keys"), "example.com/log"))
        {
            keyId = ring.SigningKeys[0].KeyId;
            ring.ExportPublicKeys(dir.Combine("log.pub"));
        }

        var keyFile = Assert.Single(Directory.GetFiles(dir.Combine("keys", "signing")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir.Combine("keys")));

        using (var reopened = LedgerKeyRing.OpenOrCreate(dir.Combine("keys"), "ignored"))
        {
            Assert.Equal(keyId, Assert.Single(reopened.SigningKeys).KeyId);
            var checkpoint = SignedCheckpoint.Sign(Sample, reopened.SigningKeys);
            Assert.True(checkpoint.Verify(NoteVerifierKey.ReadFile(dir.Combine("log.pub"))).IsValid);
        }

        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Assert.Throws<UnauthorizedAccessException>(() => LedgerKeyRing.OpenOrCreate(dir.Combine("keys"), "example.com/log"));
    }
}

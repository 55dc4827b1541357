namespace Tracehound.Ledger.Tests.Checkpoints;

public sealed class SignedNoteTests
{
    // The example key and note of golang.org/x/mod/sumdb/note, reproduced by every signed-note implementation.
    private const string PeterSigner = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string PeterVerifier = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string PeterText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string PeterNote = PeterText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    [Fact]
    public void Signs_the_reference_note_byte_for_byte()
    {
        using var key = NoteSigningKey.Parse(PeterSigner);
        Assert.Equal(PeterVerifier, key.Verifier.ToString());
        Assert.Equal(0xc74f20a3u, key.KeyId);
        Assert.Equal(PeterNote, SignedNote.Sign(PeterText, [key]).ToString());
        Assert.Equal(PeterSigner, key.ToSignerKeyString());
    }

    [Fact]
    public void Verifies_the_reference_note_with_the_public_key_alone()
    {
        var note = SignedNote.Parse(PeterNote);
        Assert.Equal(PeterText, note.Text);
        Assert.True(note.Verify([NoteVerifierKey.Parse(PeterVerifier)]).IsValid);
    }

    [Fact]
    public void Altered_text_fails_and_unknown_keys_are_ignored()
    {
        var verifier = NoteVerifierKey.Parse(PeterVerifier);
        var altered = SignedNote.Parse(PeterNote.Replace("cryptography", "cryptographY", StringComparison.Ordinal));
        Assert.False(altered.Verify([verifier]).IsValid);

        using var other = NoteSigningKey.Generate("PeterNeumann");
        var result = SignedNote.Parse(PeterNote).Verify([other.Verifier]);
        Assert.False(result.IsValid);
        Assert.Equal("no signature by a trusted key", result.Message);
    }

    [Theory]
    [InlineData("no blank line\n\u2014 PeterNeumann x08go/ZJ=\n")]
    [InlineData("text\n\n")]
    [InlineData("text\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=")]
    [InlineData("text\n\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData("text\n\n\u2014 Peter+Neumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData("text\n\n\u2014 PeterNeumann AAAA\n")]
    [InlineData("te\txt\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    public void Rejects_malformed_notes(string note) => Assert.False(SignedNote.TryParse(note, out _, out _));

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+AhpC2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3")]
    [InlineData("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy1")]
    public void Rejects_mangled_verifier_keys(string text) => Assert.False(NoteVerifierKey.TryParse(text, out _, out _));

    [Fact]
    public void Key_id_is_the_first_four_bytes_of_sha256_of_name_newline_type_and_key()
    {
        var verifier = NoteVerifierKey.Parse(PeterVerifier);
        byte[] input = [.. "PeterNeumann"u8, 0x0A, 0x01, .. verifier.PublicKey];
        var digest = System.Security.Cryptography.SHA256.HashData(input);
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(digest), verifier.KeyId);
    }
}

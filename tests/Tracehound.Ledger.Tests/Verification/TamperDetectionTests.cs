using Tracehound.Ledger.Tests.Records;

namespace Tracehound.Ledger.Tests.Verification;

public sealed class TamperDetectionTests
{
    private static string Build(TempDirectory dir, int records = 300)
    {
        using var store = LedgerStore.Open(dir.Path, new LedgerStoreOptions { MaxSegmentBytes = 16 * 1024, CheckpointInterval = Timeout.InfiniteTimeSpan });
        for (var i = 0; i < records; i++)
        {
            store.Append(Sample.Record(i));
            if (i % 100 == 99)
            {
                store.WriteCheckpoint();
            }
        }

        return dir.Path;
    }

    private static void Flip(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0x01));
    }

    [Fact]
    public void An_intact_ledger_verifies_with_its_head_and_every_checkpoint()
    {
        using var dir = new TempDirectory();
        Build(dir);
        var report = LedgerVerifier.Verify(dir.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(report.IsIntact, report.Failure?.ToString());
        Assert.Equal(new TreeSize(300), report.Head.Size);
        Assert.Equal(4, report.CheckpointsVerified);
    }

    [Fact]
    public void A_flipped_byte_in_a_segment_is_reported_with_its_file_offset_and_leaf()
    {
        using var dir = new TempDirectory();
        Build(dir);
        var segment = Directory.GetFiles(dir.Combine("ledger", "segments"), "*.seg").Order(StringComparer.Ordinal).ElementAt(1);
        var first = ulong.Parse(Path.GetFileNameWithoutExtension(segment), System.Globalization.CultureInfo.InvariantCulture);
        Flip(segment, SegmentFormatOffsets.FirstRecordPayload + 3);

        var report = LedgerVerifier.Verify(dir.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(report.IsIntact);
        Assert.Equal(LedgerFailureKind.RecordCorrupt, report.Failure!.Kind);
        Assert.Equal(LedgerLayout.Relative(segment), report.Failure.File);
        Assert.Equal(SegmentFormatOffsets.Header, report.Failure.Offset);
        Assert.Equal(new LeafIndex(first), report.Failure.Leaf);

        var open = Assert.Throws<LedgerIntegrityException>(() => LedgerStore.Open(dir.Path));
        Assert.Equal(report.Failure, open.Failure);
    }

    [Fact]
    public void A_removed_record_in_the_middle_is_reported_as_missing()
    {
        using var dir = new TempDirectory();
        Build(dir);
        var segment = Directory.GetFiles(dir.Combine("ledger", "segments"), "*.seg").Order(StringComparer.Ordinal).First();
        var bytes = File.ReadAllBytes(segment);
        var frameLength = 16 + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(SegmentFormatOffsets.Header));
        File.WriteAllBytes(segment, [.. bytes.AsSpan(0, SegmentFormatOffsets.Header), .. bytes.AsSpan(SegmentFormatOffsets.Header + frameLength)]);

        var report = LedgerVerifier.Verify(dir.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(LedgerFailureKind.RecordMissing, report.Failure!.Kind);
        Assert.Equal(new LeafIndex(0), report.Failure.Leaf);
        Assert.Throws<LedgerIntegrityException>(() => LedgerStore.Open(dir.Path));
    }

    [Fact]
    public void A_flipped_byte_in_the_tree_hash_file_is_reported_with_its_offset()
    {
        using var dir = new TempDirectory();
        Build(dir);
        var hashes = dir.Combine("ledger", "tree.hashes");
        var offset = 16 + (32 * 40) + 5;
        Flip(hashes, offset);

        var report = LedgerVerifier.Verify(dir.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(LedgerFailureKind.HashMismatch, report.Failure!.Kind);
        Assert.Equal("ledger/tree.hashes", report.Failure.File);
        Assert.Equal(16 + (32 * 40), report.Failure.Offset);
        Assert.Throws<LedgerIntegrityException>(() => LedgerStore.Open(dir.Path));
    }

    [Fact]
    public void A_flipped_byte_in_a_checkpoint_is_reported_with_its_offset()
    {
        using var dir = new TempDirectory();
        Build(dir);
        var log = dir.Combine("ledger", "checkpoints", "checkpoints.log");
        Flip(log, new FileInfo(log).Length - 30);

        var report = LedgerVerifier.Verify(dir.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(LedgerFailureKind.CheckpointCorrupt, report.Failure!.Kind);
        Assert.Equal("ledger/checkpoints/checkpoints.log", report.Failure.File);
        Assert.Contains("#3", report.Failure.Reason, StringComparison.Ordinal);
        Assert.Throws<LedgerIntegrityException>(() => LedgerStore.Open(dir.Path));
    }

    [Fact]
    public void Records_whose_checkpoint_log_was_removed_fail_verification_and_open()
    {
        using var dir = new TempDirectory();
        Build(dir);
        File.Delete(dir.Combine("ledger", "checkpoints", "checkpoints.log"));
        File.Delete(dir.Combine("ledger", "checkpoints", "latest"));

        var report = LedgerVerifier.Verify(dir.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(report.IsIntact);
        Assert.Equal(LedgerFailureKind.FileMissing, report.Failure!.Kind);
        Assert.Equal("ledger/checkpoints/checkpoints.log", report.Failure.File);
        var open = Assert.Throws<LedgerIntegrityException>(() => LedgerStore.Open(dir.Path));
        Assert.Equal(report.Failure, open.Failure);
    }

    [Fact]
    public void A_checkpoint_signed_by_an_untrusted_key_is_rejected_by_an_auditor_with_the_published_key()
    {
        using var dir = new TempDirectory();
        Build(dir);
        using var stranger = NoteSigningKey.Generate("someone-else");
        var report = LedgerVerifier.Verify(dir.Path, new LedgerVerifierOptions { TrustedKeys = [stranger.Verifier] }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(LedgerFailureKind.CheckpointSignature, report.Failure!.Kind);

        var published = LedgerKeyRing.ReadVerifierKeys(dir.Combine("keys"));
        Assert.True(LedgerVerifier.Verify(dir.Path, new LedgerVerifierOptions { TrustedKeys = published }, cancellationToken: TestContext.Current.CancellationToken).IsIntact);
    }

    private static class SegmentFormatOffsets
    {
        public const int Header = 24;
        public const int FirstRecordPayload = Header + 12;
    }
}

file static class LayoutExtensions
{
    extension(LedgerLayout)
    {
        public static string Relative(string segment) =>
            "ledger/segments/" + Path.GetFileName(segment);
    }
}

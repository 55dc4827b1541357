using Tracehound.Ledger.Tests.Records;

namespace Tracehound.Ledger.Tests.Verification;

/// <summary>
/// Whoever can write the data directory can cut the ledger back together with its checkpoint log, or
/// rewrite it and sign again with the directory's key: nothing inside the directory tells. A checkpoint
/// kept outside it does.
/// </summary>
public sealed class WitnessedCheckpointTests
{
    private static readonly LedgerStoreOptions Options = new() { CheckpointInterval = Timeout.InfiniteTimeSpan };

    private static void Append(string directory, int from, int to, string? subject = null)
    {
        using var store = LedgerStore.Open(directory, Options);
        for (var i = from; i < to; i++)
        {
            store.Append(Sample.Record(i, subject));
        }

        store.WriteCheckpoint();
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static WitnessedCheckpoint Witness(string directory)
    {
        using var store = LedgerStore.Open(directory, Options);
        return new WitnessedCheckpoint("saved/checkpoint.txt", store.LatestCheckpoint!);
    }

    // The checkpoint at 300 records is saved outside; then the attacker puts back the directory as it
    // was at 200 records, checkpoint log and all.
    private static WitnessedCheckpoint WitnessAt300ThenPutBackTo200(TempDirectory dir)
    {
        using var earlier = new TempDirectory();
        Append(dir.Path, 0, 200);
        Copy(dir.Path, earlier.Path);
        Append(dir.Path, 200, 300);
        var witness = Witness(dir.Path);
        Directory.Delete(dir.Combine("ledger"), recursive: true);
        Copy(earlier.Path, dir.Path);
        return witness;
    }

    private static LedgerVerificationReport Verify(string directory, params WitnessedCheckpoint[] witnessed) =>
        LedgerVerifier.Verify(directory, new LedgerVerifierOptions { Witnessed = witnessed }, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public void A_ledger_that_grew_since_the_witnessed_checkpoint_verifies_against_it()
    {
        using var dir = new TempDirectory();
        Append(dir.Path, 0, 200);
        var witness = Witness(dir.Path);
        Append(dir.Path, 200, 300);

        var report = Verify(dir.Path, witness);
        Assert.True(report.IsIntact, report.Failure?.ToString());
        Assert.Equal(new TreeSize(300), report.Head.Size);
        Assert.Equal(Verify(dir.Path).CheckpointsVerified + 1, report.CheckpointsVerified);
    }

    [Fact]
    public void A_ledger_cut_back_with_its_checkpoint_log_verifies_alone_but_not_against_the_witness()
    {
        using var dir = new TempDirectory();
        var witness = WitnessAt300ThenPutBackTo200(dir);

        Assert.True(Verify(dir.Path).IsIntact);
        var report = Verify(dir.Path, witness);
        Assert.Equal(LedgerFailureKind.CheckpointBeyondLog, report.Failure!.Kind);
        Assert.Equal("saved/checkpoint.txt", report.Failure.File);
        Assert.Equal(new LeafIndex(200), report.Failure.Leaf);
        Assert.Contains("covers 300 records but the ledger holds 200", report.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ledger_rewritten_and_signed_again_fails_against_the_witness_with_the_root_it_had()
    {
        using var dir = new TempDirectory();
        var witness = WitnessAt300ThenPutBackTo200(dir);
        // Then 100 different records, checkpointed with the directory's own key.
        Append(dir.Path, 200, 300, subject: "rewritten");

        Assert.True(Verify(dir.Path).IsIntact);
        var report = Verify(dir.Path, witness);
        Assert.Equal(LedgerFailureKind.CheckpointRootMismatch, report.Failure!.Kind);
        Assert.Equal("saved/checkpoint.txt", report.Failure.File);
        Assert.Contains(witness.Checkpoint.Checkpoint.Head.RootHash.ToString(), report.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_witness_not_signed_by_a_trusted_key_or_for_another_origin_is_rejected()
    {
        using var dir = new TempDirectory();
        using var other = new TempDirectory();
        Append(dir.Path, 0, 10);
        using (var store = LedgerStore.Open(other.Path, new LedgerStoreOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, Origin = "elsewhere.example/ledger" }))
        {
            store.Append(Sample.Record(0));
            store.WriteCheckpoint();
        }

        var foreign = Witness(other.Path);
        var report = Verify(dir.Path, foreign);
        Assert.Equal(LedgerFailureKind.CheckpointCorrupt, report.Failure!.Kind);
        Assert.Contains("origin", report.Failure.Reason, StringComparison.Ordinal);

        // Same origin, but signed by another directory's key: the ledger's own checkpoints still verify.
        using var impostor = new TempDirectory();
        var origin = File.ReadAllText(dir.Combine("ledger", "origin")).Trim();
        using (var store = LedgerStore.Open(impostor.Path, new LedgerStoreOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, Origin = origin }))
        {
            store.Append(Sample.Record(0));
            store.WriteCheckpoint();
        }

        var untrusted = Verify(dir.Path, Witness(impostor.Path));
        Assert.Equal(LedgerFailureKind.CheckpointSignature, untrusted.Failure!.Kind);
        Assert.Equal("saved/checkpoint.txt", untrusted.Failure.File);
    }
}

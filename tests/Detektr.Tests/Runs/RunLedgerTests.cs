using Detektr.Detonation;
using Detektr.Runs;
using Detektr.Tests.TestSupport;
using Tracehound.Ledger;

namespace Detektr.Tests.Runs;

public sealed class RunLedgerTests : IDisposable
{
    private readonly TemporaryDirectory _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Each_run_appends_its_digest_to_the_run_stores_ledger()
    {
        var runs = Path.Combine(_store.Path, "runs");
        RunResult first;
        RunResult second;
        using (var detonator = new Detonator(new DetonatorOptions { RunsDirectory = runs }))
        {
            first = await detonator.RunAsync(DetonationRequest.ForCommand("/bin/true"), TestContext.Current.CancellationToken);
            second = await detonator.RunAsync(DetonationRequest.ForCommand("/bin/sh", "-c", "echo x > /tmp/y"), TestContext.Current.CancellationToken);
        }

        Assert.Equal((0UL, 1UL), (first.Ledger!.Leaf, first.Ledger.TreeSize));
        Assert.Equal((1UL, 2UL), (second.Ledger!.Leaf, second.Ledger.TreeSize));
        Assert.Null(second.LedgerProblem);

        using var ledger = LedgerStore.Open(Path.Combine(runs, "ledger"), new LedgerStoreOptions { ReadOnly = true });
        var leaf = Assert.Single(ledger.FindBySubject(second.RunId.Value));
        var record = ledger.ReadRecord(leaf);
        var attributes = record.Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal("detektr.run", record.Kind);
        Assert.Equal(Sha256Hash.OfFile(Path.Combine(second.Directory, "manifest.json")).ToString(), attributes["manifest_sha256"].AsString());
        Assert.Equal(Sha256Hash.OfFile(Path.Combine(second.Directory, "events.jsonl")).ToString(), attributes["events_sha256"].AsString());
        Assert.Equal(1, attributes["changes"].AsInt64());
        Assert.Equal("exited", attributes["termination"].AsString());
        Assert.Contains("\"Leaf\": 1", File.ReadAllText(Path.Combine(second.Directory, "ledger.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_altered_after_the_run_no_longer_matches_its_ledger_record()
    {
        var run = await Sandboxes.RunAsync(_store, DetonationRequest.ForCommand("/bin/true"));
        var manifest = Path.Combine(run.Directory, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"exited\"", "\"timeout\"", StringComparison.Ordinal));

        using var ledger = LedgerStore.Open(Path.Combine(_store.Path, "runs", "ledger"), new LedgerStoreOptions { ReadOnly = true });
        var record = ledger.ReadRecord(Assert.Single(ledger.FindBySubject(run.RunId.Value)));

        Assert.NotEqual(Sha256Hash.OfFile(manifest).ToString(),
            record.Attributes.Single(a => a.Key == "manifest_sha256").Value.AsString());
    }
}

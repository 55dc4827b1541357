using Tracehound.Ledger.Tests.Records;

namespace Tracehound.Ledger.Tests.Writing;

public sealed class GroupCommitLedgerWriterTests
{
    [Fact]
    public async Task Enqueued_records_become_durable_in_order_with_few_commits()
    {
        using var dir = new TempDirectory();
        using var store = LedgerStore.Open(dir.Path);
        var writer = new GroupCommitLedgerWriter(store);
        var heads = new List<TreeHead>();
        writer.Committed += (_, head) => heads.Add(head);
        LeafIndex last = default;
        for (var i = 0; i < 5000; i++)
        {
            Assert.True(writer.TryEnqueue(Sample.Record(i), out last));
        }

        Assert.Equal(new LeafIndex(4999), last);
        await writer.WaitForDurableAsync(last, TestContext.Current.CancellationToken);
        Assert.True(writer.DurableHead.Size.Value >= 5000);
        var counters = writer.Counters;
        Assert.Equal(5000, counters.Enqueued);
        Assert.Equal(5000, counters.Committed);
        Assert.Equal(0, counters.Backlog);
        Assert.True(counters.Batches < 5000, "records should share commits");
        await writer.DisposeAsync();

        Assert.Equal(Sample.Record(1234), store.ReadRecord(new LeafIndex(1234)));
        Assert.Equal(store.DurableHead, heads[^1]);
    }

    [Fact]
    public async Task A_full_queue_drops_counts_and_alerts_without_blocking_or_throwing()
    {
        using var dir = new TempDirectory();
        using var store = LedgerStore.Open(dir.Path, new LedgerStoreOptions { FsyncPolicy = LedgerFsyncPolicy.EveryAppend });
        var writer = new GroupCommitLedgerWriter(store, new GroupCommitOptions { QueueCapacity = 8, MaxBatchSize = 8, DropAlertInterval = TimeSpan.Zero });
        var alerts = new List<LedgerDropAlert>();
        writer.DropAlert += (_, alert) =>
        {
            lock (alerts)
            {
                alerts.Add(alert);
            }

            throw new InvalidOperationException("a failing subscriber must not stop the writer");
        };

        var accepted = 0;
        for (var i = 0; i < 2000; i++)
        {
            accepted += writer.TryEnqueue(Sample.Record(i)) ? 1 : 0;
        }

        Assert.False(writer.TryEnqueue(null!));
        await writer.FlushAsync(TestContext.Current.CancellationToken);
        var counters = writer.Counters;
        Assert.Equal(accepted, counters.Enqueued);
        Assert.Equal(2001 - accepted, counters.Dropped);
        Assert.True(counters.Dropped > 0);
        Assert.Equal(accepted, counters.Committed);

        // The alert is raised after a batch; give the writer one more batch to notice the last drops.
        writer.TryEnqueue(Sample.Record(9999));
        await writer.FlushAsync(TestContext.Current.CancellationToken);
        await writer.DisposeAsync();
        lock (alerts)
        {
            Assert.NotEmpty(alerts);
            Assert.Equal(counters.Dropped, alerts.Sum(a => a.DroppedSinceLastAlert));
        }

        Assert.True(writer.Counters.HandlerFailures > 0);
        Assert.Equal(new TreeSize((ulong)accepted + 1), store.DurableHead.Size);
    }

    [Fact]
    public async Task Dispose_drains_the_queue_and_the_store_accepts_direct_appends_again()
    {
        using var dir = new TempDirectory();
        using var store = LedgerStore.Open(dir.Path);
        var writer = new GroupCommitLedgerWriter(store);
        for (var i = 0; i < 1000; i++)
        {
            writer.TryEnqueue(Sample.Record(i));
        }

        Assert.Throws<InvalidOperationException>(() => store.Append(Sample.Record(0)));
        await writer.DisposeAsync();
        Assert.Equal(new TreeSize(1000), store.DurableHead.Size);
        Assert.False(writer.TryEnqueue(Sample.Record(1)));
        Assert.Equal(new LeafIndex(1000), store.Append(Sample.Record(1000)));
    }
}

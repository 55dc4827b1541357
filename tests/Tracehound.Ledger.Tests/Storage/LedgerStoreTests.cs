using Tracehound.Ledger.Tests.Records;

namespace Tracehound.Ledger.Tests.Storage;

public sealed class LedgerStoreTests
{
    private static readonly LedgerStoreOptions Small = new() { MaxSegmentBytes = 8 * 1024, CheckpointInterval = Timeout.InfiniteTimeSpan };

    [Fact]
    public void Appended_records_survive_reopen_with_the_same_head_and_contents()
    {
        using var dir = new TempDirectory();
        TreeHead head;
        using (var store = LedgerStore.Open(dir.Path, Small))
        {
            for (var i = 0; i < 500; i++)
            {
                Assert.Equal(new LeafIndex((ulong)i), store.Append(Sample.Record(i)));
            }

            head = store.Commit();
            Assert.Equal(new TreeSize(500), head.Size);
        }

        Assert.True(Directory.GetFiles(dir.Combine("ledger", "segments"), "*.seg").Length > 3, "small segments should roll");
        using var reopened = LedgerStore.Open(dir.Path, Small);
        Assert.Equal(head, reopened.Head);
        Assert.Equal(head, reopened.DurableHead);
        Assert.False(reopened.Recovery.RepairedAnything);
        for (var i = 0; i < 500; i += 37)
        {
            Assert.Equal(Sample.Record(i), reopened.ReadRecord(new LeafIndex((ulong)i)));
        }

        var expected = MerkleTree.FromLeafData(Enumerable.Range(0, 500).Select(i => Sample.Record(i).Encode()));
        Assert.Equal(expected.Head, reopened.Head);
    }

    [Fact]
    public void Proofs_read_from_disk_equal_those_of_the_in_memory_tree_and_verify()
    {
        using var dir = new TempDirectory();
        using var store = LedgerStore.Open(dir.Path, Small);
        var tree = new MerkleTree();
        for (var i = 0; i < 300; i++)
        {
            store.Append(Sample.Record(i));
            tree.AppendLeaf(Sample.Record(i).Encode());
        }

        foreach (var size in new ulong[] { 1, 2, 7, 64, 129, 300 })
        {
            var treeSize = new TreeSize(size);
            Assert.Equal(tree.RootAt(treeSize), store.GetRootHash(treeSize));
            for (ulong index = 0; index < size; index += 1 + (size / 9))
            {
                var proof = store.GetInclusionProof(new LeafIndex(index), treeSize);
                Assert.Equal(tree.GetInclusionProof(new LeafIndex(index), treeSize).Hashes, proof.Hashes);
                Assert.True(proof.Verify(store.GetLeafHash(new LeafIndex(index)), store.GetRootHash(treeSize)).IsValid);
            }

            var consistency = store.GetConsistencyProof(treeSize, store.Head.Size);
            Assert.True(consistency.Verify(store.GetRootHash(treeSize), store.Head.RootHash).IsValid);
        }
    }

    [Fact]
    public void Finds_records_by_subject_across_sealed_and_open_segments()
    {
        using var dir = new TempDirectory();
        using (var store = LedgerStore.Open(dir.Path, Small))
        {
            for (var i = 0; i < 400; i++)
            {
                store.Append(Sample.Record(i, subject: i % 50 == 7 ? "injection:target" : null));
            }
        }

        using var reopened = LedgerStore.Open(dir.Path, Small);
        var found = reopened.FindBySubject("injection:target");
        Assert.Equal(Enumerable.Range(0, 400).Where(i => i % 50 == 7).Select(i => new LeafIndex((ulong)i)), found);
        Assert.Empty(reopened.FindBySubject("injection:absent"));

        // Index files are derived data: a damaged one is rebuilt from its segment, never trusted blindly.
        var index = Directory.GetFiles(dir.Combine("ledger", "segments"), "*.idx").Order(StringComparer.Ordinal).First();
        File.WriteAllBytes(index, [1, 2, 3]);
        reopened.Dispose();
        using var again = LedgerStore.Open(dir.Path, Small);
        Assert.Equal(found, again.FindBySubject("injection:target"));
    }

    [Fact]
    public void Checkpoints_are_signed_verifiable_with_the_exported_key_and_written_on_dispose()
    {
        using var dir = new TempDirectory();
        using (var store = LedgerStore.Open(dir.Path, Small))
        {
            Assert.Equal(TreeSize.Zero, store.LatestCheckpoint!.Checkpoint.Head.Size);
            store.Append(Sample.Record(1));
            store.Append(Sample.Record(2));
            var checkpoint = store.WriteCheckpoint();
            Assert.Equal(store.DurableHead, checkpoint.Checkpoint.Head);
            store.ExportPublicKeys(dir.Combine("ledger.pub"));
            Assert.True(checkpoint.Verify(NoteVerifierKey.ReadFile(dir.Combine("ledger.pub"))).IsValid);
            Assert.StartsWith(store.Origin + "\n2\n", checkpoint.ToString(), StringComparison.Ordinal);
            store.Append(Sample.Record(3));
        }

        var latest = SignedCheckpoint.Parse(File.ReadAllText(LedgerLayout.LatestCheckpointPath(dir.Path)));
        Assert.Equal(new TreeSize(3), latest.Checkpoint.Head.Size);
    }

    [Fact]
    public void Every_append_policy_is_durable_without_commit_and_per_batch_commits_at_its_bound()
    {
        using var dir = new TempDirectory();
        using (var store = LedgerStore.Open(dir.Path, new LedgerStoreOptions { FsyncPolicy = LedgerFsyncPolicy.EveryAppend }))
        {
            store.Append(Sample.Record(0));
            Assert.Equal(store.Head, store.DurableHead);
        }

        using var other = new TempDirectory();
        using var batched = LedgerStore.Open(other.Path, new LedgerStoreOptions { MaxUnsyncedRecords = 10 });
        for (var i = 0; i < 9; i++)
        {
            batched.Append(Sample.Record(i));
        }

        Assert.Equal(TreeSize.Zero, batched.DurableHead.Size);
        batched.Append(Sample.Record(9));
        Assert.Equal(new TreeSize(10), batched.DurableHead.Size);
    }

    [Fact]
    public void A_second_writer_is_refused_while_read_only_opens_are_allowed()
    {
        using var dir = new TempDirectory();
        using var store = LedgerStore.Open(dir.Path);
        store.Append(Sample.Record(0));
        store.WriteCheckpoint();
        Assert.Throws<IOException>(() => LedgerStore.Open(dir.Path));
        using var reader = LedgerStore.Open(dir.Path, new LedgerStoreOptions { ReadOnly = true });
        Assert.Equal(store.DurableHead, reader.Head);
        Assert.Throws<InvalidOperationException>(() => reader.Append(Sample.Record(1)));
    }

    [Fact]
    public void A_torn_tail_is_cut_and_reported_and_the_rest_is_kept()
    {
        using var live = new TempDirectory();
        using var dir = new TempDirectory();
        using (var store = LedgerStore.Open(live.Path, Small))
        {
            for (var i = 0; i < 20; i++)
            {
                store.Append(Sample.Record(i));
            }

            store.WriteCheckpoint();
            for (var i = 20; i < 25; i++)
            {
                store.Append(Sample.Record(i));
            }

            store.Commit();

            // What a crash leaves: the files as they are now, before dispose writes a final checkpoint.
            CopyDirectory(live.Path, dir.Path);
        }

        // A crash mid-write: the last frame is only partly on disk, and a half-written hash follows.
        var segment = Directory.GetFiles(dir.Combine("ledger", "segments"), "*.seg").Order(StringComparer.Ordinal).Last();
        var length = new FileInfo(segment).Length;
        using (var file = new FileStream(segment, FileMode.Open))
        {
            file.SetLength(length - 7);
        }

        using (var hashes = new FileStream(dir.Combine("ledger", "tree.hashes"), FileMode.Append))
        {
            hashes.Write(new byte[40]);
        }

        using var reopened = LedgerStore.Open(dir.Path, Small);
        Assert.Equal(new TreeSize(24), reopened.Head.Size);
        Assert.Equal(new LeafIndex(24), reopened.Recovery.TornTailLeaf);
        Assert.True(reopened.Recovery.TornTailBytes > 0);
        Assert.Equal(MerkleTree.FromLeafData(Enumerable.Range(0, 24).Select(i => Sample.Record(i).Encode())).Head, reopened.Head);
        Assert.Equal(new LeafIndex(24), reopened.Append(Sample.Record(99)));
        reopened.Dispose();
        Assert.True(LedgerVerifier.Verify(dir.Path, cancellationToken: TestContext.Current.CancellationToken).IsIntact);
    }

    [Fact]
    public void A_segment_whose_header_was_never_completed_is_dropped_and_its_predecessor_stays_searchable()
    {
        using var dir = new TempDirectory();
        using (var store = LedgerStore.Open(dir.Path, Small))
        {
            for (var i = 0; i < 120; i++)
            {
                store.Append(Sample.Record(i, subject: i == 119 ? "injection:last" : null));
            }
        }

        // A crash right after a roll created the next segment file: only part of its header is on disk.
        File.WriteAllBytes(dir.Combine("ledger", "segments", "00000000000000000120.seg"), "THLSEG"u8.ToArray());
        using var reopened = LedgerStore.Open(dir.Path, Small);
        Assert.Equal(new TreeSize(120), reopened.Head.Size);
        Assert.Equal(new LeafIndex(120), reopened.Recovery.TornTailLeaf);
        Assert.Equal([new LeafIndex(119)], reopened.FindBySubject("injection:last"));
        Assert.Equal(new LeafIndex(120), reopened.Append(Sample.Record(120)));
    }

    [Fact]
    public void Missing_tree_hashes_are_rebuilt_from_the_records()
    {
        using var dir = new TempDirectory();
        TreeHead head;
        using (var store = LedgerStore.Open(dir.Path, Small))
        {
            for (var i = 0; i < 100; i++)
            {
                store.Append(Sample.Record(i));
            }

            head = store.Commit();
        }

        File.Delete(dir.Combine("ledger", "tree.hashes"));
        using var reopened = LedgerStore.Open(dir.Path, Small);
        Assert.Equal(head, reopened.Head);
        Assert.Equal(HashEntries(100), reopened.Recovery.HashEntriesRebuilt);
        Assert.True(reopened.GetInclusionProof(new LeafIndex(42), head.Size).Verify(reopened.GetLeafHash(new LeafIndex(42)), head.RootHash).IsValid);
    }

    internal static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "LOCK"))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target, overwrite: true);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
    }

    private static long HashEntries(ulong leaves) => (long)((2 * leaves) - (ulong)System.Numerics.BitOperations.PopCount(leaves));
}

using System.Text;
using Microsoft.Data.Sqlite;
using Tracehound.Ledger;

namespace Tracehound.Storage.Tests;

public class TracehoundStorageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_lifecycle_step_becomes_a_ledger_leaf_under_the_signature()
    {
        using var dir = new TempDirectory();
        await using var agent = new Agent(StorageFixtures.Options(maxItems: 2));
        await using var storage = TracehoundStorage.Open(agent, StorageFixtures.StorageOptions(dir.Path));
        var evicted = agent.Intercept(StorageFixtures.Threat("evicted payload", Severity.Low)).Signature;
        var neutralized = agent.Intercept(StorageFixtures.Threat("neutralized payload")).Signature;
        agent.Intercept(StorageFixtures.Threat("third payload"));
        agent.Quarantine.TryNeutralize(neutralized, out _);
        await storage.FlushAsync(Token);

        var evictedKinds = storage.Ledger.FindBySubject(evicted.ToString()).Select(i => storage.Ledger.ReadRecord(i).Kind);
        Assert.Equal(["evidence.quarantined", "evidence.evicted"], evictedKinds);
        var neutralizedKinds = storage.Ledger.FindBySubject(neutralized.ToString()).Select(i => storage.Ledger.ReadRecord(i).Kind);
        Assert.Equal(["evidence.quarantined", "evidence.neutralized"], neutralizedKinds);

        var quarantined = storage.Ledger.ReadRecord(storage.Ledger.FindBySubject(evicted.ToString())[0]);
        var attributes = quarantined.Attributes.ToDictionary(a => a.Key, a => a.Value.ToString());
        Assert.Equal(evicted.Hash.ToString(), attributes["hash"]);
        Assert.Equal("low", attributes["severity"]);
        Assert.Equal("942100", attributes["rule_id"]);
        Assert.Equal(32, attributes["source_id"].Length);
    }

    [Fact]
    public async Task No_leaf_holds_a_payload_or_a_raw_source_address()
    {
        using var dir = new TempDirectory();
        await using (var agent = new Agent(StorageFixtures.Options(maxItems: 1)))
        await using (var storage = TracehoundStorage.Open(agent, new TracehoundStorageOptions { DataDirectory = dir.Path, RecordDuplicates = true }))
        {
            agent.Intercept(StorageFixtures.Threat("SECRET-PAYLOAD-ONE", source: "198.51.100.23"));
            agent.Intercept(StorageFixtures.Threat("SECRET-PAYLOAD-ONE", source: "198.51.100.23"));
            agent.Intercept(StorageFixtures.Threat("SECRET-PAYLOAD-TWO", source: "198.51.100.23"));
            await storage.FlushAsync(Token);
            Assert.Equal(1, storage.Counters.DuplicatesIgnored);
        }

        var segments = Directory.GetFiles(Path.Combine(dir.Path, "ledger"), "*", SearchOption.AllDirectories);
        Assert.NotEmpty(segments);
        foreach (var file in segments)
        {
            var text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
            Assert.DoesNotContain("SECRET-PAYLOAD", text, StringComparison.Ordinal);
            Assert.DoesNotContain("198.51.100.23", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_restart_restores_the_quarantine_and_replays_are_known()
    {
        using var dir = new TempDirectory();
        ThreatSignature kept;
        await using (var agent = new Agent(StorageFixtures.Options(maxItems: 3)))
        await using (var storage = TracehoundStorage.Open(agent, StorageFixtures.StorageOptions(dir.Path)))
        {
            agent.Intercept(StorageFixtures.Threat("gone soon", Severity.Low));
            kept = agent.Intercept(StorageFixtures.Threat(string.Concat(Enumerable.Repeat("' OR 1=1 -- ", 50)), Severity.Critical)).Signature;
            agent.Intercept(StorageFixtures.Threat("two", Severity.Medium));
            agent.Intercept(StorageFixtures.Threat("three", Severity.High));
            await storage.FlushAsync(Token);
        }

        await using var restarted = new Agent(StorageFixtures.Options(maxItems: 3));
        await using var reopened = TracehoundStorage.Open(restarted, StorageFixtures.StorageOptions(dir.Path));
        Assert.Equal(3, reopened.Recovery.Restored);
        Assert.Empty(reopened.Recovery.Corrupt);
        Assert.Equal(3, restarted.Quarantine.Count);
        Assert.True(restarted.Quarantine.Find(kept)!.TryRevealPayload(out var bytes));
        Assert.Equal(string.Concat(Enumerable.Repeat("' OR 1=1 -- ", 50)), Encoding.UTF8.GetString(bytes));
        Assert.Equal(InterceptStatus.Ignored, restarted.Intercept(StorageFixtures.Threat("two")).Status);
        Assert.Equal(InterceptStatus.Quarantined, restarted.Intercept(StorageFixtures.Threat("gone soon")).Status);

        await reopened.FlushAsync(Token);
        var recovered = reopened.Ledger.ReadRecord(reopened.Ledger.FindBySubject("storage")[^1]);
        Assert.Equal("storage.recovered", recovered.Kind);
        Assert.Contains(recovered.Attributes, a => a.Key == "restored" && a.Value.AsInt64() == 3);
    }

    [Fact]
    public async Task Checkpoints_are_signed_and_cover_what_is_durable()
    {
        using var dir = new TempDirectory();
        await using var agent = new Agent(StorageFixtures.Options());
        await using var storage = TracehoundStorage.Open(agent, StorageFixtures.StorageOptions(dir.Path));
        for (var i = 0; i < 10; i++)
        {
            agent.Intercept(StorageFixtures.Threat($"payload {i}"));
        }

        var checkpoint = await storage.CheckpointAsync(Token);
        Assert.Equal(storage.DurableHead, checkpoint.Checkpoint.Head);
        Assert.True(checkpoint.Checkpoint.Head.Size.Value >= 10);
        Assert.Same(checkpoint, storage.LatestCheckpoint);
    }

    [Fact]
    public async Task A_tampered_evidence_row_is_not_restored_and_is_reported_with_its_position()
    {
        using var dir = new TempDirectory();
        ThreatSignature victim;
        await using (var agent = new Agent(StorageFixtures.Options()))
        await using (var storage = TracehoundStorage.Open(agent, StorageFixtures.StorageOptions(dir.Path)))
        {
            agent.Intercept(StorageFixtures.Threat("intact"));
            victim = agent.Intercept(StorageFixtures.Threat("to be altered on disk")).Signature;
            await storage.FlushAsync(Token);
        }

        FlipByteOfRow(dir.Path, victim);

        var report = EvidenceVerifier.Verify(dir.Path);
        Assert.False(report.IsIntact);
        Assert.Equal(victim.ToString(), report.Failure!.Signature);
        Assert.Matches(@"^evidence/evidence\.db row \d+$", report.Failure.Position);

        await using var restarted = new Agent(StorageFixtures.Options());
        await using var reopened = TracehoundStorage.Open(restarted, StorageFixtures.StorageOptions(dir.Path));
        Assert.Equal(1, reopened.Recovery.Restored);
        var problem = Assert.Single(reopened.Recovery.Corrupt);
        Assert.Contains(victim.ToString(), problem, StringComparison.Ordinal);
        Assert.Null(restarted.Quarantine.Find(victim));
    }

    [Theory]
    [InlineData("bytes = 'not a blob'")]
    [InlineData("size = -5, codec = 1")]
    [InlineData("size = 2000000000, codec = 1")]
    [InlineData("size = 99999999999")]
    [InlineData("captured_at = 99999999999999999")]
    [InlineData("scent_id = NULL")]
    public async Task A_row_altered_into_impossible_values_is_reported_and_the_others_are_restored(string alteration)
    {
        using var dir = new TempDirectory();
        ThreatSignature victim;
        await using (var agent = new Agent(StorageFixtures.Options()))
        await using (var storage = TracehoundStorage.Open(agent, StorageFixtures.StorageOptions(dir.Path)))
        {
            agent.Intercept(StorageFixtures.Threat("intact"));
            victim = agent.Intercept(StorageFixtures.Threat("to be altered on disk " + new string('x', 400))).Signature;
            await storage.FlushAsync(Token);
        }

        AlterRow(dir.Path, victim, alteration);

        var report = EvidenceVerifier.Verify(dir.Path);
        Assert.False(report.IsIntact);
        Assert.Matches(@"^evidence/evidence\.db row \d+$", report.Failure!.Position);

        await using var restarted = new Agent(StorageFixtures.Options());
        await using var reopened = TracehoundStorage.Open(restarted, StorageFixtures.StorageOptions(dir.Path));
        Assert.Equal(1, reopened.Recovery.Restored);
        Assert.Single(reopened.Recovery.Corrupt);
        Assert.Null(restarted.Quarantine.Find(victim));
    }

    [Fact]
    public async Task A_failed_open_leaves_no_subscription_on_the_agent()
    {
        using var dir = new TempDirectory();
        await using (var agent = new Agent(StorageFixtures.Options()))
        await using (var storage = TracehoundStorage.Open(agent, StorageFixtures.StorageOptions(dir.Path)))
        {
            agent.Intercept(StorageFixtures.Threat("evidence"));
            await storage.FlushAsync(Token);
        }

        // A store whose table lost a column cannot be read back: the open fails after the storage was built.
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = EvidenceStore.PathFor(dir.Path), Pooling = false }.ToString()))
        {
            connection.Open();
            using var alter = connection.CreateCommand();
            alter.CommandText = "ALTER TABLE evidence DROP COLUMN detector";
            alter.ExecuteNonQuery();
        }

        await using var restarted = new Agent(StorageFixtures.Options());
        Assert.Throws<SqliteException>(() => TracehoundStorage.Open(restarted, StorageFixtures.StorageOptions(dir.Path)));
        Assert.False(restarted.Notifications.HasSubscribers);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task The_evidence_store_is_readable_by_its_owner_only()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, EvidenceStore.Folder));
        File.SetUnixFileMode(Path.Combine(dir.Path, EvidenceStore.Folder), (UnixFileMode)0x1ED); // 0755, as an older version left it
        await using (var agent = new Agent(StorageFixtures.Options()))
        await using (var storage = TracehoundStorage.Open(agent, StorageFixtures.StorageOptions(dir.Path)))
        {
            agent.Intercept(StorageFixtures.Threat("a request body with a password in it"));
            await storage.FlushAsync(Token);
            const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(Path.Combine(dir.Path, EvidenceStore.Folder)) & GroupOrOthers);
            foreach (var file in Directory.GetFiles(Path.Combine(dir.Path, EvidenceStore.Folder)))
            {
                Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & GroupOrOthers);
            }
        }
    }

    [Theory]
    [InlineData("severity = 0", "severity")]
    [InlineData("severity = 3", "severity")]
    [InlineData("scent_id = 'req-forged'", "scent_id")]
    [InlineData("detector = 'someone-else'", "detector")]
    [InlineData("rule_id = NULL", "rule_id")]
    [InlineData("captured_at = captured_at - 86400000", "captured_at")]
    public async Task Metadata_edited_in_the_store_fails_verification_against_its_ledger_leaf(string alteration, string field)
    {
        using var dir = new TempDirectory();
        ThreatSignature victim;
        await using (var agent = new Agent(StorageFixtures.Options()))
        await using (var storage = TracehoundStorage.Open(agent, StorageFixtures.StorageOptions(dir.Path)))
        {
            agent.Intercept(StorageFixtures.Threat("intact"));
            victim = agent.Intercept(StorageFixtures.Threat("its metadata will be edited")).Signature;
            await storage.FlushAsync(Token);
        }

        AlterRow(dir.Path, victim, alteration);

        using var ledger = LedgerStore.Open(dir.Path, new LedgerStoreOptions { ReadOnly = true });
        var report = EvidenceVerifier.Verify(dir.Path, ledger);
        Assert.False(report.IsIntact);
        Assert.Equal(victim.ToString(), report.Failure!.Signature);
        Assert.StartsWith($"the stored {field} ", report.Failure.Reason, StringComparison.Ordinal);
        Assert.Contains("evidence.quarantined leaf", report.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verifier_accepts_an_intact_store_and_cross_checks_the_ledger()
    {
        using var dir = new TempDirectory();
        await using (var agent = new Agent(StorageFixtures.Options()))
        await using (var storage = TracehoundStorage.Open(agent, StorageFixtures.StorageOptions(dir.Path)))
        {
            for (var i = 0; i < 20; i++)
            {
                agent.Intercept(StorageFixtures.Threat($"evidence {i}"));
            }

            await storage.FlushAsync(Token);
        }

        using var ledger = LedgerStore.Open(dir.Path, new LedgerStoreOptions { ReadOnly = true });
        var report = EvidenceVerifier.Verify(dir.Path, ledger);
        Assert.True(report.IsIntact);
        Assert.Equal(20, report.Checked);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public async Task Configuration_changes_are_recorded_once_per_change()
    {
        using var dir = new TempDirectory();
        async Task<int> OpenWith(int maxItems)
        {
            await using var agent = new Agent(StorageFixtures.Options(maxItems));
            await using var storage = TracehoundStorage.Open(agent, StorageFixtures.StorageOptions(dir.Path));
            await storage.FlushAsync(Token);
            return storage.Ledger.FindBySubject("config").Count;
        }

        Assert.Equal(1, await OpenWith(100));
        Assert.Equal(1, await OpenWith(100));
        Assert.Equal(2, await OpenWith(200));
    }

    [Fact]
    public async Task Operator_actions_are_leaves()
    {
        using var dir = new TempDirectory();
        await using var agent = new Agent(StorageFixtures.Options());
        await using var storage = TracehoundStorage.Open(agent, StorageFixtures.StorageOptions(dir.Path));
        var signature = agent.Intercept(StorageFixtures.Threat("x")).Signature.ToString();
        Assert.True(await storage.RecordOperatorActionAsync("ops-token", "evidence.reveal", signature, [new("reason", "incident-42")], Token));
        await storage.FlushAsync(Token);
        var record = storage.Ledger.ReadRecord(storage.Ledger.FindBySubject(signature)[^1]);
        Assert.Equal("operator.action", record.Kind);
        Assert.Contains(record.Attributes, a => a.Key == "action" && a.Value.AsString() == "evidence.reveal");
        Assert.Contains(record.Attributes, a => a.Key == "actor" && a.Value.AsString() == "ops-token");
    }

    [Fact]
    public async Task When_storage_cannot_keep_up_intercepts_still_answer_and_drops_are_counted_and_alerted()
    {
        using var dir = new TempDirectory();
        var options = StorageFixtures.Options(maxItems: 10_000);
        await using var agent = new Agent(options);
        var alerts = new System.Collections.Concurrent.ConcurrentQueue<Alert>();
        using var listener = agent.Subscribe(e =>
        {
            if (e is Alert a)
            {
                alerts.Enqueue(a);
            }
        });
        await using var storage = TracehoundStorage.Open(agent, new TracehoundStorageOptions { DataDirectory = dir.Path, QueueCapacity = 16, FsyncPolicy = LedgerFsyncPolicy.EveryAppend });
        for (var i = 0; i < 5_000; i++)
        {
            Assert.Equal(InterceptStatus.Quarantined, agent.Intercept(StorageFixtures.Threat($"flood {i}")).Status);
        }

        await storage.FlushAsync(Token);
        var counters = storage.Counters;
        Assert.True(counters.EventsDropped + counters.Ledger.Dropped + counters.Evidence.Dropped > 0, counters.ToString());
        // Drop alerts come from the lanes and from the agent's once-a-second maintenance pass.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!alerts.Any(a => a.Code is TracehoundStorage.EvidenceDropAlert or TracehoundStorage.LedgerDropAlert or AlertCodes.NotificationsDropped))
        {
            Assert.True(DateTime.UtcNow < deadline, "no drop alert within 15 s");
            await Task.Delay(50, Token);
        }

        // What the ledger acknowledged as durable is there.
        Assert.Equal(counters.LedgerDurableHead.Size.Value, (ulong)storage.Ledger.Head.Size.Value);
    }

    [Fact]
    public async Task Under_churn_the_store_holds_exactly_what_the_quarantine_holds()
    {
        using var dir = new TempDirectory();
        await using var agent = new Agent(StorageFixtures.Options(maxItems: 5));
        await using var storage = TracehoundStorage.Open(agent, StorageFixtures.StorageOptions(dir.Path));
        for (var i = 0; i < 2_000; i++)
        {
            agent.Intercept(StorageFixtures.Threat($"churn {i}", (Severity)(i % 4)));
        }

        await storage.FlushAsync(Token);
        var held = agent.Quarantine.List().Select(e => e.Signature).ToHashSet();
        using var store = EvidenceStore.Open(dir.Path, readOnly: true);
        var stored = store.ReadAll().Select(r => r.Evidence!.Signature).ToHashSet();
        Assert.Equal(held, stored);
        var counters = storage.Counters.Evidence;
        // Evidence evicted before its put was written costs neither a put nor a delete.
        Assert.Equal(0, counters.Dropped + counters.Failed);
        Assert.Equal(2 * 2_000 - 5, counters.Committed + counters.Coalesced);
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        using var agent = new Agent(StorageFixtures.Options());
        var error = Assert.Throws<ArgumentException>(() => TracehoundStorage.Open(agent, new TracehoundStorageOptions { DataDirectory = " ", QueueCapacity = 1 }));
        Assert.Contains("DataDirectory", error.Message, StringComparison.Ordinal);
        Assert.Contains("QueueCapacity", error.Message, StringComparison.Ordinal);
    }

    private static void AlterRow(string dataDirectory, ThreatSignature signature, string assignments)
    {
        var path = EvidenceStore.PathFor(dataDirectory);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var write = connection.CreateCommand();
        // Drop the table's constraints first, as an attacker editing the file could.
        write.CommandText = """
            PRAGMA writable_schema = ON;
            UPDATE sqlite_schema SET sql = replace(sql, 'NOT NULL', '') WHERE name = 'evidence';
            PRAGMA writable_schema = OFF;
            """;
        write.ExecuteNonQuery();
        connection.Close();
        connection.Open();
        using var update = connection.CreateCommand();
        update.CommandText = $"UPDATE evidence SET {assignments} WHERE signature = $s";
        update.Parameters.AddWithValue("$s", signature.ToString());
        Assert.Equal(1, update.ExecuteNonQuery());
    }

    private static void FlipByteOfRow(string dataDirectory, ThreatSignature signature)
    {
        var path = EvidenceStore.PathFor(dataDirectory);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT bytes FROM evidence WHERE signature = $s";
        read.Parameters.AddWithValue("$s", signature.ToString());
        var bytes = (byte[])read.ExecuteScalar()!;
        bytes[bytes.Length / 2] ^= 0x40;
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE evidence SET bytes = $b WHERE signature = $s";
        write.Parameters.AddWithValue("$b", bytes);
        write.Parameters.AddWithValue("$s", signature.ToString());
        Assert.Equal(1, write.ExecuteNonQuery());
    }
}

using Heimdall.Ledger;
using Heimdall.Packages;
using Heimdall.Readers;
using Heimdall.Tests.Support;
using Tracehound.Ledger;

namespace Heimdall.Tests.Ledger;

public class ScanLedgerTests
{
    [Fact]
    public async Task Records_the_scan_digest_and_each_flagged_dependency_in_the_ledger()
    {
        using var ledger = TestPaths.Temp();
        using var report = TestPaths.Temp();
        var json = report.Combine("report.json");
        var run = await Support.Cli.RunAsync("scan", TestPaths.Fixture("repo"), "--advisories", TestPaths.Advisories, "--json", "--output", json, "--ledger", ledger.Path);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("4 flagged dependencies", run.Error, StringComparison.Ordinal);
        var digest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("result_digest").GetString()!;

        using (var store = LedgerStore.Open(ledger.Path, new LedgerStoreOptions { ReadOnly = true }))
        {
            Assert.Equal(5UL, store.Head.Size.Value);
            var scan = store.ReadRecord(Assert.Single(store.FindBySubject(digest)));
            Assert.Equal(ScanLedger.ScanKind, scan.Kind);
            Assert.True(scan.TryGetAttribute("exit_code", out var exit));
            Assert.Equal(1L, exit.AsInt64());
            Assert.True(scan.TryGetAttribute("flagged_dependencies", out var flagged));
            Assert.Equal(4L, flagged.AsInt64());

            var lodash = LockfileScanner.Scan(TestPaths.Fixture("repo")).Packages.Single(p => p.Name == "lodash");
            var finding = store.ReadRecord(Assert.Single(store.FindBySubject(ScanLedger.DependencySubject(lodash))));
            Assert.Equal(ScanLedger.FindingKind, finding.Kind);
            Assert.True(finding.TryGetAttribute("rules", out var rules));
            Assert.Equal("GHSA-35jh-r3h4-6jhm", rules.AsString());
            Assert.True(finding.TryGetAttribute("scan", out var scanDigest));
            Assert.Equal(digest, scanDigest.AsString());

            // Hashes and ids only: no package name or path appears in any record.
            for (ulong leaf = 0; leaf < store.Head.Size.Value; leaf++)
            {
                var record = store.ReadRecord(new LeafIndex(leaf));
                var texts = record.Attributes.Where(a => a.Value.IsString).Select(a => a.Value.AsString()).Append(record.Subject);
                Assert.All(texts, t => Assert.DoesNotContain("lodash", t, StringComparison.Ordinal));
                Assert.All(texts, t => Assert.DoesNotContain("package-lock.json", t, StringComparison.Ordinal));
            }
        }

        var again = await Support.Cli.RunAsync("scan", TestPaths.Fixture("repo"), "--advisories", TestPaths.Advisories, "--ledger", ledger.Path);
        Assert.Equal(1, again.ExitCode);
        using var reopened = LedgerStore.Open(ledger.Path, new LedgerStoreOptions { ReadOnly = true });
        Assert.Equal(10UL, reopened.Head.Size.Value);
        Assert.Equal(2, reopened.FindBySubject(digest).Count);
    }

    [Fact]
    public void Writes_a_clean_scan_as_a_single_record()
    {
        using var temp = TestPaths.Temp();
        temp.File("packages.lock.json", """{"version":1,"dependencies":{"net8.0":{"Serilog":{"type":"Direct","resolved":"3.1.1"}}}}""");
        var result = Heimdall.Matching.Scanner.Run(new Heimdall.Matching.ScanRequest
        {
            Inventory = LockfileScanner.Scan(temp.Path),
            Advisories = Scans.Advisories(),
            AdvisoryData = new Heimdall.Matching.AdvisoryDataInfo("fixtures", Scans.Now, 5),
            Now = Scans.Now,
        });
        var record = Assert.Single(ScanLedger.Records(result));
        Assert.Equal(result.ResultDigest, record.Subject);
        Assert.Equal(Scans.Now, record.Time);
    }

    [Fact]
    public async Task Exits_2_when_the_ledger_cannot_be_written()
    {
        using var temp = TestPaths.Temp();
        var blocked = temp.File("not-a-directory", "a file where the ledger folder should be");
        var run = await Support.Cli.RunAsync("scan", TestPaths.Fixture("repo"), "--advisories", TestPaths.Advisories, "--ledger", blocked);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("cannot record the scan in the ledger", run.Error, StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using Tracehound.Ledger;

namespace Tracehound.Storage.Tests;

public class CrashRecoveryTests
{
    [Fact]
    public async Task Evidence_acknowledged_as_durable_survives_a_kill_and_the_directory_verifies()
    {
        using var dir = new TempDirectory();
        var host = Path.Combine(
            AppContext.BaseDirectory.Replace("Tracehound.Storage.Tests", "Tracehound.Storage.CrashHost", StringComparison.Ordinal),
            "Tracehound.Storage.CrashHost.dll");
        Assert.True(File.Exists(host), $"crash host not built at {host}");

        var start = new ProcessStartInfo("dotnet", [host, dir.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var acknowledged = new List<(long Count, string Signature)>();
        var token = TestContext.Current.CancellationToken;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            while (acknowledged.Count < 25 && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("durable ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ');
                    acknowledged.Add((long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]));
                }
            }
        }
        finally
        {
            // SIGKILL in the middle of appending: no chance to flush or close anything. Also on failure,
            // so a failed test never leaves the host running.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        Assert.True(acknowledged.Count >= 25, "the host acknowledged durable evidence: " + await process.StandardError.ReadToEndAsync(token));

        var (lastCount, lastSignature) = acknowledged[^1];
        using (var ledger = LedgerStore.Open(dir.Path, new LedgerStoreOptions { ReadOnly = true }))
        {
            var report = LedgerVerifier.Verify(dir.Path, cancellationToken: token);
            Assert.True(report.IsIntact, report.Failure?.ToString());
            var evidence = EvidenceVerifier.Verify(dir.Path, ledger);
            Assert.True(evidence.IsIntact, evidence.Failure?.ToString());
            Assert.True(evidence.Checked >= lastCount, $"{evidence.Checked} rows, {lastCount} acknowledged");
            Assert.Contains(ledger.FindBySubject(lastSignature), leaf => ledger.ReadRecord(leaf).Kind == "evidence.quarantined");
        }

        var options = new AgentOptions();
        options.Quarantine.MaxItems = 1_000_000;
        options.Quarantine.MaxBytes = 1L << 30;
        await using var agent = new Agent(options);
        await using var storage = TracehoundStorage.Open(agent, new TracehoundStorageOptions { DataDirectory = dir.Path });
        Assert.Empty(storage.Recovery.Corrupt);
        Assert.True(agent.Quarantine.Count >= lastCount);
        foreach (var (_, signature) in acknowledged)
        {
            Assert.NotNull(agent.Quarantine.Find(signature));
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Tracehound.Ledger.Tests.Writing;

public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task A_writer_killed_with_sigkill_loses_nothing_it_acknowledged()
    {
        using var dir = new TempDirectory();
        var acknowledged = 0UL;
        for (var run = 0; run < 2; run++)
        {
            acknowledged = Math.Max(acknowledged, await RunAndKill(dir.Path, acknowledgementsBeforeKill: 40));
        }

        // Also what a power cut mid-write leaves: half a frame at the end of the last segment.
        var segment = Directory.GetFiles(Path.Combine(dir.Path, "ledger", "segments"), "*.seg").Order(StringComparer.Ordinal).Last();
        using (var file = new FileStream(segment, FileMode.Append))
        {
            file.Write([0x00, 0x00, 0x00, 0x40, 0x00, 0x00]);
        }

        using (var store = LedgerStore.Open(dir.Path))
        {
            Assert.True(store.Recovery.TornTailBytes > 0, "the torn tail must be cut and reported");
            Assert.True(store.Head.Size.Value >= acknowledged, $"head {store.Head.Size} < acknowledged {acknowledged}");
            foreach (var leaf in Enumerable.Range(0, (int)acknowledged).Where(i => i % 997 == 0 || i == (int)acknowledged - 1))
            {
                var record = store.ReadRecord(new LeafIndex((ulong)leaf));
                Assert.Equal($"crash-{leaf}", record.Subject);
                Assert.True(record.TryGetAttribute("seq", out var seq));
                Assert.Equal(leaf, seq.AsInt64());
            }

            Assert.Equal([new LeafIndex(acknowledged - 1)], store.FindBySubject($"crash-{acknowledged - 1}"));
        }

        var report = LedgerVerifier.Verify(dir.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(report.IsIntact, report.Failure?.ToString());
        Assert.True(report.CheckpointsVerified > 0);
    }

    private static async Task<ulong> RunAndKill(string dataDirectory, int acknowledgementsBeforeKill)
    {
        var host = Path.Combine(AppContext.BaseDirectory.Replace("Tracehound.Ledger.Tests", "Tracehound.CrashHost", StringComparison.Ordinal), "Tracehound.CrashHost.dll");
        Assert.True(File.Exists(host), $"crash host not built at {host}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(dataDirectory);
        using var process = Process.Start(start)!;
        var acknowledged = 0UL;
        var seen = 0;
        var timeout = TestContext.Current.CancellationToken;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(timeout);
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            while (seen < acknowledgementsBeforeKill)
            {
                var line = await process.StandardOutput.ReadLineAsync(deadline.Token);
                Assert.NotNull(line);
                if (line.StartsWith("durable ", StringComparison.Ordinal))
                {
                    acknowledged = ulong.Parse(line["durable ".Length..], CultureInfo.InvariantCulture);
                    seen++;
                }
            }
        }
        finally
        {
            // SIGKILL: no finaliser, no dispose, no last checkpoint; only what was fsynced must count.
            // Also when the test fails, so no host outlives it.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        Assert.True(acknowledged > 0);
        return acknowledged;
    }
}

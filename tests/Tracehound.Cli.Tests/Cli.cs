using Tracehound.Cli.Output;
using Tracehound.Ledger;

namespace Tracehound.Cli.Tests;

/// <summary>Runs the program's entry point with captured output.</summary>
internal static class Cli
{
    public static (int Exit, string Out, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, new CliConsole(output, error, interactive: false));
        return (exit, output.ToString(), error.ToString());
    }

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "Ledger", "TestData", name);

    /// <summary>A small ledger with fixed origin and times, so its head is the same on every run.</summary>
    public static void BuildLedger(string directory, int records = 40)
    {
        using var store = LedgerStore.Open(directory, new LedgerStoreOptions { Origin = "test.local/ledger", CheckpointInterval = Timeout.InfiniteTimeSpan });
        var epoch = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < records; i++)
        {
            store.Append(new LedgerRecord(
                i % 10 == 3 ? "evidence.evicted" : "evidence.quarantined",
                i % 10 == 3 ? "injection:aaaa" : $"injection:{i:x4}",
                epoch.AddSeconds(i),
                [new("bytes", 100L + i), new("reason", "capacity")]));
        }
    }
}

/// <summary>A fresh directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tracehound-cli-").FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

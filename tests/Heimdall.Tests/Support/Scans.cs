using Heimdall.Advisories;
using Heimdall.Matching;
using Heimdall.Policy;
using Heimdall.Readers;
using Heimdall.Reports;

namespace Heimdall.Tests.Support;

/// <summary>Scans of the fixture repository with fixed time and labels, for golden files.</summary>
internal static class Scans
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static ReportOptions Options => new() { RootLabel = "repo", ToolVersion = "0.1.0-test" };

    public static AdvisoryIndex Advisories() => new(AdvisorySourceReader.Read(TestPaths.Advisories).Advisories);

    public static ScanResult Repo(string folder = "repo", Baseline? baseline = null, IReadOnlyList<Suppression>? suppressions = null) =>
        Scanner.Run(new ScanRequest
        {
            Inventory = LockfileScanner.Scan(TestPaths.Fixture(folder)),
            Advisories = Advisories(),
            AdvisoryData = new AdvisoryDataInfo("fixtures/advisories", Now.AddHours(-2), 5, Rejected: 1),
            Now = Now,
            Baseline = baseline,
            Suppressions = suppressions ?? [],
        });

    public static string Render(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

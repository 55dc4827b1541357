using System.IO.Compression;
using Heimdall.Advisories;
using Heimdall.Tests.Support;

namespace Heimdall.Tests.Advisories;

public class AdvisoryStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Imports_a_directory_and_reopens_what_it_saved()
    {
        using var temp = TestPaths.Temp();
        var contents = AdvisorySourceReader.Read(TestPaths.Advisories, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Single(contents.Errors);
        var store = AdvisoryStore.Open(temp.Path);
        var merge = store.Merge(contents.Records, "fixtures", Now);
        store.Save();
        Assert.Equal(5, merge.Added);

        var reopened = AdvisoryStore.Open(temp.Path);
        Assert.Equal(Now, reopened.ImportedAt);
        Assert.Equal(
            store.Advisories.Select(a => a.Id).ToList(),
            reopened.Advisories.Select(a => a.Id).ToList());
        Assert.DoesNotContain(reopened.Advisories, a => a.Id == "GHSA-wdrn-xxxx-withdrawn");
        Assert.Equal(store.Advisories.Single(a => a.Id == "GHSA-35jh-r3h4-6jhm").Severity, reopened.Advisories.Single(a => a.Id == "GHSA-35jh-r3h4-6jhm").Severity);
    }

    [Fact]
    public void Imports_an_OSV_zip_archive()
    {
        using var temp = TestPaths.Temp();
        var zip = temp.Combine("all.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.GetFiles(TestPaths.Advisories, "GHSA-*.json"))
            {
                archive.CreateEntryFromFile(file, Path.GetFileName(file));
            }
        }

        var contents = AdvisorySourceReader.Read(zip, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(contents.Errors);
        Assert.Equal(4, contents.Advisories.Count());
    }

    [Fact]
    public void Keeps_the_newer_record_and_drops_withdrawn_ones_on_merge()
    {
        using var temp = TestPaths.Temp();
        var store = AdvisoryStore.Open(temp.Path);
        store.Merge([Record("A-1", "2024-02-01T00:00:00Z"), Record("A-2", "2024-02-01T00:00:00Z")], "first", Now);
        var merge = store.Merge(
            [Record("A-1", "2024-01-01T00:00:00Z", summary: "older"), OsvReader.Read("{\"id\":\"A-2\",\"withdrawn\":\"2024-03-01T00:00:00Z\"}"u8)],
            "second",
            Now.AddDays(1));
        Assert.Equal(1, merge.KeptNewer);
        Assert.Equal(1, merge.Removed);
        Assert.Equal("A-1", Assert.Single(store.Advisories).Id);
        Assert.Equal("current", store.Advisories[0].Summary);
        Assert.Equal(Now.AddDays(1), store.ImportedAt);
    }

    [Fact]
    public void Refuses_a_damaged_store_file()
    {
        using var temp = TestPaths.Temp();
        temp.File(AdvisoryStore.FileName, "{ not json");
        Assert.Throws<InvalidDataException>(() => AdvisoryStore.Open(temp.Path));
    }

    private static OsvRecord Record(string id, string modified, string summary = "current", string name = "x", string? fixedIn = null, string ecosystem = "npm") => OsvReader.Read(System.Text.Encoding.UTF8.GetBytes(
        $$"""{"id":"{{id}}","modified":"{{modified}}","summary":"{{summary}}","affected":[{"package":{"ecosystem":"{{ecosystem}}","name":"{{name}}"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}{{(fixedIn is null ? "" : $$""",{"fixed":"{{fixedIn}}"}""")}}]}]}]}"""));

    [Fact]
    public void Matches_through_the_offset_index_exactly_as_in_memory()
    {
        using var temp = TestPaths.Temp();
        var generated = Enumerable.Range(0, 600).Select(i => Record($"GHSA-{i:D4}", "2024-01-01T00:00:00Z", name: $"p{i % 97}", fixedIn: $"{i % 5}.{i % 7}.0", ecosystem: i % 3 == 0 ? "NuGet" : "npm"))
            .Concat(AdvisorySourceReader.Read(TestPaths.Advisories, cancellationToken: TestContext.Current.CancellationToken).Records)
            .ToList();
        var store = AdvisoryStore.Open(temp.Path);
        store.Merge(generated, "generated", Now);
        store.Save();

        var indexed = AdvisoryStore.OpenIndexed(temp.Path);
        Assert.NotNull(indexed);
        Assert.Equal(Now, indexed.ImportedAt);
        Assert.Equal(store.Advisories.Count, indexed.Count);
        var inMemory = new AdvisoryIndex(store.Advisories);
        var queries = from i in Enumerable.Range(0, 120)
                      from version in new[] { "0.0.1", "1.2.3", "3.5.0", "6.0.0" }
                      select (Ecosystem: i % 3 == 0 ? Heimdall.Packages.Ecosystem.NuGet : Heimdall.Packages.Ecosystem.Npm, Name: i % 3 == 0 ? $"P{i % 97}" : $"p{i % 97}", Version: version);
        foreach (var (ecosystem, name, version) in queries.Append((Heimdall.Packages.Ecosystem.Npm, "lodash", "4.17.20")).Append((Heimdall.Packages.Ecosystem.NuGet, "newtonsoft.json", "12.0.3")))
        {
            var expected = inMemory.Match(ecosystem, name, version, out var u1).Select(a => a.Id).Order(StringComparer.Ordinal);
            var actual = indexed.Index.Match(ecosystem, name, version, out var u2).Select(a => a.Id).Order(StringComparer.Ordinal);
            Assert.Equal(expected, actual);
            Assert.Equal(u1, u2);
        }
    }

    [Fact]
    public void Ignores_an_offset_index_that_does_not_match_its_data_file()
    {
        using var temp = TestPaths.Temp();
        var store = AdvisoryStore.Open(temp.Path);
        store.Merge([Record("A-1", "2024-02-01T00:00:00Z")], "first", Now);
        store.Save();
        Assert.NotNull(AdvisoryStore.OpenIndexed(temp.Path));

        File.AppendAllText(temp.Combine(AdvisoryStore.FileName), "\n");
        Assert.Null(AdvisoryStore.OpenIndexed(temp.Path));
        Assert.Single(AdvisoryStore.Open(temp.Path).Advisories);

        File.WriteAllBytes(temp.Combine(AdvisoryStore.IndexFileName), [1, 2, 3]);
        Assert.Null(AdvisoryStore.OpenIndexed(temp.Path));
    }

    [Fact]
    public void Opens_small_stores_whole_and_large_ones_through_the_index_with_the_same_answers()
    {
        using var temp = TestPaths.Temp();
        var store = AdvisoryStore.Open(temp.Path);
        store.Merge(AdvisorySourceReader.Read(TestPaths.Advisories, cancellationToken: TestContext.Current.CancellationToken).Records, "fixtures", Now);
        store.Save();
        var whole = AdvisoryStore.OpenForScan(temp.Path);
        var indexed = AdvisoryStore.OpenForScan(temp.Path, wholeReadLimit: 0);
        Assert.Equal(whole.Count, indexed.Count);
        foreach (var (ecosystem, name, version) in new[] { (Heimdall.Packages.Ecosystem.Npm, "lodash", "4.17.20"), (Heimdall.Packages.Ecosystem.NuGet, "NEWTONSOFT.JSON", "12.0.3"), (Heimdall.Packages.Ecosystem.Npm, "minimist", "0.2.1"), (Heimdall.Packages.Ecosystem.Npm, "left-pad", "1.0.0") })
        {
            Assert.Equal(
                whole.Index.Match(ecosystem, name, version, out _).Select(a => a.Id),
                indexed.Index.Match(ecosystem, name, version, out _).Select(a => a.Id));
        }
    }
}

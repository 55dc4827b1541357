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

    private static OsvRecord Record(string id, string modified, string summary = "current") => OsvReader.Read(System.Text.Encoding.UTF8.GetBytes(
        $$"""{"id":"{{id}}","modified":"{{modified}}","summary":"{{summary}}","affected":[{"package":{"ecosystem":"npm","name":"x"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"}]}]}]}"""));
}

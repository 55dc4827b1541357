using System.Text;
using Heimdall.Advisories;
using Heimdall.Packages;

namespace Heimdall.Tests.Advisories;

public class OsvReaderTests
{
    private static OsvRecord Read(string json) => OsvReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Reads_aliases_ranges_and_a_CVSS_v3_score()
    {
        var record = Read(File.ReadAllText(Support.TestPaths.Fixture("advisories", "GHSA-35jh-r3h4-6jhm.json")));
        Assert.Equal(OsvRecordStatus.Accepted, record.Status);
        var advisory = record.Advisory!;
        Assert.Equal(["CVE-2021-23337"], advisory.Aliases);
        Assert.Equal(SeverityLevel.High, advisory.Severity.Level);
        Assert.Equal(7.2, advisory.Severity.Score);
        Assert.Equal("CVSSv31", advisory.Severity.Method);
        var affected = Assert.Single(advisory.Affected);
        Assert.Equal(Ecosystem.Npm, affected.Ecosystem);
        Assert.Equal(RangeType.Ecosystem, Assert.Single(affected.Ranges).Type);
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1)]
    [InlineData("CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.8)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0)]
    public void Computes_CVSS_v3_base_scores(string vector, double expected)
    {
        Assert.True(CvssScore.TryComputeV3(vector, out var score));
        Assert.Equal(expected, score);
    }

    [Theory]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5)]
    [InlineData("AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3)]
    [InlineData("AV:L/AC:L/Au:N/C:C/I:C/A:C", 7.2)]
    public void Computes_CVSS_v2_base_scores(string vector, double expected)
    {
        Assert.True(CvssScore.TryComputeV2(vector, out var score));
        Assert.Equal(expected, score);
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:2.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")]
    public void Rejects_incomplete_or_invalid_vectors(string vector)
    {
        Assert.False(CvssScore.TryComputeV3(vector, out _));
    }

    [Fact]
    public void Uses_the_database_severity_for_a_CVSS_v4_only_record()
    {
        var advisory = Read(File.ReadAllText(Support.TestPaths.Fixture("advisories", "GHSA-h5c3-5r3r-rr8q.json"))).Advisory!;
        Assert.Equal(SeverityLevel.Medium, advisory.Severity.Level);
        Assert.Equal("database", advisory.Severity.Method);
        Assert.StartsWith("CVSS:4.0", advisory.Severity.Vector, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_withdrawn_records_so_they_are_not_matched()
    {
        Assert.Equal(OsvRecordStatus.Withdrawn, Read(File.ReadAllText(Support.TestPaths.Fixture("advisories", "GHSA-wdrn-withdrawn.json"))).Status);
    }

    [Fact]
    public void Leaves_out_records_of_other_ecosystems()
    {
        Assert.Equal(OsvRecordStatus.OtherEcosystem, Read(File.ReadAllText(Support.TestPaths.Fixture("advisories", "PYSEC-2024-1.json"))).Status);
    }

    [Theory]
    [InlineData("{ \"id\": \"X\", \"affected\": [ { \"package\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{ \"affected\": [] }")]
    [InlineData("{ \"id\": \"X\", \"affected\": [ { \"package\": { \"ecosystem\": \"npm\", \"name\": \"a\" }, \"ranges\": [ { \"type\": \"SEMVER\", \"events\": [ { \"introduced\": \"0\", \"fixed\": \"1.0.0\" } ] } ] } ] }")]
    [InlineData("{ \"id\": \"X\", \"affected\": [ { \"package\": { \"ecosystem\": \"npm\", \"name\": \"a\" }, \"ranges\": [ { \"type\": \"WHAT\", \"events\": [] } ] } ] }")]
    public void Rejects_malformed_records_with_a_reason_instead_of_throwing(string json)
    {
        var record = Read(json);
        Assert.Equal(OsvRecordStatus.Invalid, record.Status);
        Assert.False(string.IsNullOrEmpty(record.Error));
    }
}

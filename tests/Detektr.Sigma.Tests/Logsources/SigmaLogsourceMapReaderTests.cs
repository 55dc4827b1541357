using Detektr.Sigma.Loading;
using Detektr.Sigma.Logsources;
using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Tests.Logsources;

public sealed class SigmaLogsourceMapReaderTests
{
    [Fact]
    public void Rows_read_from_yaml_extend_the_default_table()
    {
        SigmaLogsourceMapping[] rows = SigmaLogsourceMapReader.Read("""
            mappings:
              - product: linux
                category: file_rename
                event_type: file_event
                conditions:
                  Operation: rename
                fields: [SourceFilename, TargetFilename, Image]
            """);
        var options = SigmaLoadOptions.Default with { LogsourceMap = SigmaLogsourceMap.Default.With(rows) };

        SigmaRule rule = Rules.Load("""
            selection:
                SourceFilename|startswith: '/tmp/'
                TargetFilename|startswith: '/usr/local/bin/'
                Hashes: x
            condition: selection
            """, "file_rename", options);

        Assert.True(rule.Matches(Rules.Event("file_event", ("Operation", "rename"), ("SourceFilename", "/tmp/a"),
            ("TargetFilename", "/usr/local/bin/a"), ("Hashes", "x"))));
        Assert.False(rule.Matches(Rules.Event("file_event", ("Operation", "create"), ("SourceFilename", "/tmp/a"),
            ("TargetFilename", "/usr/local/bin/a"), ("Hashes", "x"))));
        Assert.Contains("'Hashes' is not a field", Assert.Single(rule.Warnings).Message, StringComparison.Ordinal);
        Assert.Equal(6, options.LogsourceMap.Mappings.Length);
    }

    [Theory]
    [InlineData("rows: []", "line 1: a log source table is a map with a 'mappings' list")]
    [InlineData("mappings:\n  - category: x", "line 2: a mapping needs an event_type")]
    [InlineData("mappings:\n  - event_type: x\n    product: linux", "line 2: a mapping needs a category or a service")]
    [InlineData("mappings:\n  - event_type: x\n    category: y\n    conditions: [a]", "line 4: conditions must map field names to values")]
    [InlineData("mappings: [unclosed", "invalid YAML")]
    public void Malformed_tables_name_the_line_and_the_problem(string yaml, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SigmaLogsourceMapReader.Read(yaml));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

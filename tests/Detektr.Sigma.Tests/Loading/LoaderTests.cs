using Detektr.Sigma.Loading;
using Detektr.Sigma.Logsources;
using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Tests.Loading;

public sealed class LoaderTests
{
    [Fact]
    public void Loads_every_rule_of_a_directory_tree_with_its_metadata()
    {
        SigmaLoadResult result = SigmaRuleLoader.LoadDirectory(Rules.TestData("rules"));

        Assert.Empty(result.Skipped);
        Assert.Equal(12, result.FilesRead);
        Assert.Equal(13, result.Rules.Count);

        SigmaRule crontab = Assert.Single(result.Rules, r => r.Id == "1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a31");
        Assert.Equal("Crontab Installed From a File or Standard Input", crontab.Title);
        Assert.Equal(SigmaLevel.Medium, crontab.Level);
        Assert.Equal(SigmaStatus.Experimental, crontab.Metadata.Status);
        Assert.Equal(["attack.persistence", "attack.t1053.003"], crontab.Metadata.Tags.Select(t => t.Value));
        Assert.Equal(["T1053.003"], crontab.Metadata.AttackTechniques);
        Assert.Equal(["Configuration management tools"], crontab.Metadata.FalsePositives);
        Assert.StartsWith("Detects crontab replacing", crontab.Metadata.Description, StringComparison.Ordinal);
        Assert.Equal("process_creation", crontab.EventType);
        Assert.EndsWith("lnx_proc_creation_crontab_install.yml", crontab.Source.File, StringComparison.Ordinal);
        Assert.Equal(1, crontab.Source.Line);

        SigmaRule download = Assert.Single(result.Rules, r => r.Title == "Download Piped Into a Shell");
        Assert.Equal(["https://attack.mitre.org/techniques/T1105/"], download.Metadata.References);
        Assert.Equal(SigmaLevel.High, download.Level);
    }

    [Fact]
    public void Rule_collections_merge_the_global_document_into_each_rule()
    {
        SigmaLoadResult result = SigmaRuleLoader.LoadFile(Rules.TestData("rules", "lnx_collection_persistence_files.yml"));

        Assert.Empty(result.Skipped);
        Assert.Collection(result.Rules,
            systemd =>
            {
                Assert.Equal("Systemd Unit Written", systemd.Title);
                Assert.Equal(SigmaLevel.Medium, systemd.Level);
                Assert.Equal("Detektr", systemd.Metadata.Author);
                Assert.Equal("file_event", systemd.EventType);
                Assert.Equal(18, systemd.Source.Line);
                Assert.True(systemd.Matches(Rules.Event("file_event", ("Operation", "create"),
                    ("TargetFilename", "/etc/systemd/system/evil.service"), ("Image", "/bin/sh"))));
                Assert.False(systemd.Matches(Rules.Event("file_event", ("Operation", "create"),
                    ("TargetFilename", "/etc/systemd/system/evil.service"), ("Image", "/usr/bin/dpkg"))));
            },
            profile => Assert.Equal(["attack.persistence", "attack.t1546.004"], profile.Metadata.Tags.Select(t => t.Value)));
    }

    [Fact]
    public void Reset_drops_the_global_template_and_repeat_reuses_the_previous_rule()
    {
        SigmaLoadResult result = SigmaRuleLoader.LoadYaml("""
            action: global
            level: high
            logsource:
                product: linux
                category: process_creation
            ---
            title: First
            id: 00000000-0000-4000-8000-0000000000a1
            detection:
                selection:
                    Image|endswith: '/nc'
                condition: selection
            ---
            action: repeat
            title: First Again For Ncat
            id: 00000000-0000-4000-8000-0000000000a2
            detection:
                selection:
                    Image|endswith: '/ncat'
            ---
            action: reset
            ---
            title: After Reset
            id: 00000000-0000-4000-8000-0000000000a3
            logsource:
                product: linux
                category: process_creation
            detection:
                selection:
                    Image|endswith: '/socat'
                condition: selection
            """);

        Assert.Empty(result.Skipped);
        Assert.Equal(["First", "First Again For Ncat", "After Reset"], result.Rules.Select(r => r.Title));
        Assert.Equal(SigmaLevel.High, result.Rules[1].Level);
        Assert.True(result.Rules[1].Matches(("Image", "/usr/bin/ncat")));
        Assert.False(result.Rules[1].Matches(("Image", "/usr/bin/nc")));
        Assert.Null(result.Rules[2].Level);
    }

    [Fact]
    public void Reports_every_unsupported_invalid_and_unmapped_rule_with_its_reason_and_position()
    {
        SigmaLoadResult result = SigmaRuleLoader.LoadDirectory(Rules.TestData());

        Assert.Equal(13, result.Rules.Count);
        var byFile = result.Skipped.ToDictionary(s => Path.GetFileName(s.Source.File));
        Assert.Equal(8, byFile.Count);

        Assert.Equal(SigmaProblemKind.UnsupportedFeature, byFile["correlation.yml"].Kind);
        Assert.Contains("correlation rules", byFile["correlation.yml"].Reason, StringComparison.Ordinal);

        SkippedRule aggregation = byFile["aggregation.yml"];
        Assert.Equal(SigmaProblemKind.UnsupportedFeature, aggregation.Kind);
        Assert.Contains(aggregation.Problems, p => p.Message.Contains("timeframe", StringComparison.Ordinal) && p.Position.Line == 9);

        Assert.Equal(SigmaProblemKind.UnsupportedFeature, byFile["unknown_modifier.yml"].Kind);
        Assert.Contains("unknown modifier 'containz'", byFile["unknown_modifier.yml"].Reason, StringComparison.Ordinal);
        Assert.Equal(8, byFile["unknown_modifier.yml"].Problems[0].Position.Line);

        Assert.Contains("'expand'", byFile["expand.yml"].Reason, StringComparison.Ordinal);

        Assert.Equal(SigmaProblemKind.UnmappedLogsource, byFile["windows_logsource.yml"].Kind);
        Assert.Contains("product=windows category=process_creation", byFile["windows_logsource.yml"].Reason, StringComparison.Ordinal);

        SkippedRule malformed = byFile["malformed.yml"];
        Assert.Equal(SigmaProblemKind.MalformedYaml, malformed.Kind);
        Assert.Equal(5, malformed.Problems[0].Position.Line);

        SkippedRule noTitle = byFile["no_title.yml"];
        Assert.Equal(SigmaProblemKind.InvalidRule, noTitle.Kind);
        Assert.Contains(noTitle.Problems, p => p.Message == "the rule has no title");
        Assert.Contains(noTitle.Problems, p => p.Message.StartsWith("level 'severe' is not one of informational, low, medium, high, critical", StringComparison.Ordinal));

        SkippedRule duplicate = byFile["duplicate_id.yml"];
        Assert.Equal(SigmaProblemKind.DuplicateId, duplicate.Kind);
        Assert.Contains("Reverse Shell Command Line", duplicate.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("selection:\n    Image|minute: 5\ncondition: selection", "time modifier 'minute'")]
    [InlineData("selection:\n    CommandLine|wide: 'x'\ncondition: selection", "only evaluated when followed by base64")]
    [InlineData("selection:\n    CommandLine: x\ncondition: selection\ntimeframe: 5m", "'timeframe'")]
    [InlineData("selection:\n    CommandLine: x\ncondition: selection near other", "'near'")]
    public void Features_the_engine_does_not_evaluate_are_reported_as_unsupported(string detection, string expected)
    {
        SkippedRule skipped = Rules.Skip(detection);

        Assert.Equal(SigmaProblemKind.UnsupportedFeature, skipped.Kind);
        Assert.Contains(expected, skipped.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("selection:\n    Image: []\ncondition: selection", "empty list of values")]
    [InlineData("selection: {}\ncondition: selection", "empty map")]
    [InlineData("selection:\n    Image:\n        nested: x\ncondition: selection", "must be a value or a list of values")]
    [InlineData("selection:\n    Image: x", "has no condition")]
    [InlineData("selection:\n    Image|re: '(unclosed'\ncondition: selection", "invalid regular expression")]
    [InlineData("selection:\n    Image|contains|re: 'x'\ncondition: selection", "'re' must come before")]
    [InlineData("selection:\n    Image|i: 'x'\ncondition: selection", "must follow 're'")]
    [InlineData("selection:\n    DestinationIp|cidr: '10.0.0.1/8'\ncondition: selection", "address bits set beyond its /8 prefix")]
    [InlineData("selection:\n    DestinationIp|cidr: '10.0.0.0/33'\ncondition: selection", "not a CIDR network")]
    [InlineData("selection:\n    ProcessId|gt: 'many'\ncondition: selection", "'gt' needs a number")]
    [InlineData("selection:\n    Image|exists: 'yes'\ncondition: selection", "'exists' takes a boolean")]
    [InlineData("selection:\n    Image|contains|base64: 'x'\ncondition: selection", "'base64' needs a plain string without wildcards")]
    [InlineData("selection:\n    Image|base64offset: 'x'\ncondition: selection", "too short for base64offset")]
    [InlineData("selection:\n    Image|fieldref: 'Parent*'\ncondition: selection", "'fieldref' needs a field name")]
    [InlineData("selection:\n    Image|contains: null\ncondition: selection", "'contains' applies to strings, not to null")]
    [InlineData("keywords:\n    - null\ncondition: keywords", "a keyword search takes strings")]
    [InlineData("selection:\n    '|cidr': '10.0.0.0/8'\ncondition: selection", "a keyword search takes strings")]
    [InlineData("selection:\n    '|exists': true\ncondition: selection", "'exists' modifier needs a field name")]
    [InlineData("selection:\n    Image||contains: x\ncondition: selection", "empty modifier")]
    [InlineData("selection:\ncondition: selection", "'selection' is empty")]
    public void Malformed_detections_are_reported_with_a_clear_error(string detection, string expected)
    {
        SkippedRule skipped = Rules.Skip(detection);

        Assert.Equal(SigmaProblemKind.InvalidRule, skipped.Kind);
        Assert.Contains(expected, skipped.Reason, StringComparison.Ordinal);
        Assert.True(skipped.Problems[0].Position.Line >= 9, $"position {skipped.Problems[0].Position} should point into the detection");
    }

    [Fact]
    public void A_map_with_the_same_key_twice_is_malformed_yaml()
    {
        SigmaLoadResult result = SigmaRuleLoader.LoadYaml(Rules.Document("""
            selection:
                Image: a
            selection:
                Image: b
            condition: selection
            """));

        SkippedRule skipped = Assert.Single(result.Skipped);
        Assert.Equal(SigmaProblemKind.MalformedYaml, skipped.Kind);
        Assert.Contains("Duplicate key selection", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(11, skipped.Problems[0].Position.Line);
    }

    [Fact]
    public void Documents_before_a_yaml_error_still_load()
    {
        string good = Rules.Document("selection:\n    Image: a\ncondition: selection");
        SigmaLoadResult result = SigmaRuleLoader.LoadYaml(good + "\n---\ntitle: [unclosed\n", "multi.yml");

        Assert.Single(result.Rules);
        SkippedRule skipped = Assert.Single(result.Skipped);
        Assert.Equal(SigmaProblemKind.MalformedYaml, skipped.Kind);
        Assert.Equal("multi.yml", skipped.Source.File);
        Assert.True(skipped.Source.Line >= 14, skipped.Source.ToString());
    }

    [Fact]
    public void Fields_that_events_of_the_type_never_carry_give_a_warning()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                Image|endswith: '/sh'
                OriginalFileName: 'sh'
            condition: selection
            """);

        SigmaProblemKind kind = Assert.Single(rule.Warnings).Kind;
        Assert.Equal(SigmaProblemKind.Warning, kind);
        Assert.Contains("'OriginalFileName' is not a field of Detektr process_creation events", rule.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Equal(11, rule.Warnings[0].Position.Line);
    }

    [Fact]
    public void Added_mappings_let_more_categories_load()
    {
        SkippedRule unmapped = Rules.Skip("selection:\n    TargetFilename|endswith: '.sh'\ncondition: selection", "file_create");
        Assert.Equal(SigmaProblemKind.UnmappedLogsource, unmapped.Kind);

        var options = SigmaLoadOptions.Default with
        {
            LogsourceMap = SigmaLogsourceMap.Default.With(new SigmaLogsourceMapping("linux", "file_create", null, "file_event")
            {
                FieldConditions = new Dictionary<string, string>(StringComparer.Ordinal) { ["Operation"] = "create" },
            }),
        };
        SigmaRule rule = Rules.Load("selection:\n    TargetFilename|endswith: '.sh'\ncondition: selection", "file_create", options);

        Assert.True(rule.Matches(Rules.Event("file_event", ("Operation", "create"), ("TargetFilename", "/tmp/x.sh"))));
        Assert.False(rule.Matches(Rules.Event("file_event", ("Operation", "write"), ("TargetFilename", "/tmp/x.sh"))));
    }

    [Fact]
    public void A_missing_directory_is_an_error_naming_it()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => SigmaRuleLoader.LoadDirectory("/nonexistent/rules"));
        Assert.Contains("/nonexistent/rules", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_without_product_map_by_category_and_other_products_do_not()
    {
        SigmaLoadResult result = SigmaRuleLoader.LoadYaml("""
            title: Generic
            logsource:
                category: dns_query
            detection:
                selection:
                    QueryName|endswith: '.onion'
                condition: selection
            """);

        SigmaRule rule = Assert.Single(result.Rules);
        Assert.Equal("dns_query", rule.EventType);
        Assert.Null(rule.Id);
        Assert.Equal("Generic", rule.DisplayName);
    }
}

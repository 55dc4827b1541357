using YamlDotNet.RepresentationModel;

namespace Heimdall.Tests.Cli;

public class CiExampleTests
{
    [Theory]
    [InlineData("heimdall-github-actions.yml")]
    [InlineData("heimdall-gitlab-ci.yml")]
    public void The_CI_examples_are_valid_YAML_that_runs_an_offline_scan(string name)
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "ci", name);
        var text = File.ReadAllText(path);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Assert.IsType<YamlMappingNode>(stream.Documents.Single().RootNode);
        Assert.Contains("heimdall scan . --offline", text, StringComparison.Ordinal);
        Assert.Contains("heimdall db import", text, StringComparison.Ordinal);
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string caller = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller)!, "..", "..", ".."));
}

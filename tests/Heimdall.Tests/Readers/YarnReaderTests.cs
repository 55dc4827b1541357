using FsCheck;
using FsCheck.Fluent;
using Heimdall.Packages;
using Heimdall.Readers;
using Heimdall.Tests.Support;

namespace Heimdall.Tests.Readers;

public class YarnReaderTests
{
    [Fact]
    public void Reads_yarn_1_lockfiles_with_the_package_json_beside_them()
    {
        var file = LockfileScanner.Scan(TestPaths.Fixture("yarn", "classic")).Files.Single();
        Assert.Equal(LockfileFormat.YarnClassic, file.Format);
        Assert.True(file.IsComplete);
        var byName = file.Packages.ToDictionary(p => p.Name);
        Assert.Equal(("4.17.20", DependencyKind.Direct), (byName["lodash"].Version, byName["lodash"].Kind));
        Assert.Equal(DependencyGroups.Dev, byName["@babel/core"].Groups);
        Assert.Equal(["@babel/code-frame", "lodash"], byName["@babel/core"].Dependencies);
        Assert.Equal(DependencyKind.Transitive, byName["@babel/code-frame"].Kind);
        Assert.Equal(DependencyKind.Direct, byName["chalk"].Kind);
        Assert.Equal(SourceKind.Git, byName["left-pad"].Source);
        Assert.Equal("5f9a3fca1d8b7a2e2f2b0c0f7e7a6b5c4d3e2f1a", byName["left-pad"].Commit);
        Assert.Equal(17, byName["lodash"].Line);
    }

    [Fact]
    public void Reads_yarn_berry_lockfiles_and_their_protocols()
    {
        var file = LockfileScanner.Scan(TestPaths.Fixture("yarn", "berry")).Files.Single();
        Assert.Equal(LockfileFormat.YarnBerry, file.Format);
        Assert.Equal("8", file.FormatVersion);
        Assert.True(file.IsComplete);
        var byName = file.Packages.ToDictionary(p => p.Name);
        Assert.DoesNotContain("berry-app", byName.Keys);
        Assert.Equal(SourceKind.Registry, byName["lodash"].Source);
        Assert.Equal(DependencyKind.Direct, byName["lodash"].Kind);
        Assert.Equal(DependencyKind.Transitive, byName["ms"].Kind);
        Assert.Equal(SourceKind.Git, byName["left-pad"].Source);
        Assert.Equal(SourceKind.Link, byName["local-thing"].Source);
        Assert.Equal(("5.3.3", SourceKind.Registry), (byName["typescript"].Version, byName["typescript"].Source));
    }

    [Fact]
    public void Lists_the_entries_of_a_damaged_yarn_lock_it_could_not_read()
    {
        var file = LockfileScanner.Scan(TestPaths.Fixture("yarn", "malformed")).Files.Single();
        Assert.Equal(["lodash"], file.Packages.Select(p => p.Name));
        Assert.Equal(3, file.Unparsed.Count);
        Assert.All(file.Unparsed, u => Assert.NotNull(u.Line));
    }

    [Fact]
    public void Lists_the_entries_of_a_damaged_berry_lockfile_it_could_not_read()
    {
        var file = LockfileScanner.Scan(TestPaths.Fixture("yarn", "berry-malformed")).Files.Single();
        Assert.Equal(LockfileFormat.YarnBerry, file.Format);
        Assert.Equal(["good"], file.Packages.Select(p => p.Name));
        Assert.Equal(
            ["no-resolution@npm:^1.0.0", "no-version@npm:^1.0.0", "bad-version@npm:^1.0.0", "odd-protocol@exotic:thing", "scalar-entry"],
            file.Unparsed.Select(u => u.Entry));
        Assert.All(file.Unparsed, u => Assert.NotNull(u.Line));
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public Property Reads_back_every_block_of_a_generated_yarn_1_lockfile()
    {
        var block = from name in Gen.Elements("a", "b-c", "@s/d", "e.f", "chalk")
                    from version in Heimdall.Tests.Versions.Generators.SemVerText()
                    from quoted in Gen.Elements(true, false)
                    select (name, version, quoted);
        return Prop.ForAll(Arb.From(Gen.ListOf(block).Select(l => l.DistinctBy(b => b.name).ToList())), blocks =>
        {
            var text = "# yarn lockfile v1\n\n" + string.Concat(blocks.Select(b =>
                $"{(b.quoted || b.name.StartsWith('@') ? $"\"{b.name}@^{b.version}\"" : $"{b.name}@^{b.version}")}:\n  version \"{b.version}\"\n  resolved \"https://registry.yarnpkg.com/{b.name}/-/x-{b.version}.tgz\"\n\n"));
            var inventory = LockfileScanner.Read(text, "/nowhere/yarn.lock", "yarn.lock", LockfileFormat.YarnClassic);
            return inventory.IsComplete && inventory.Packages.Select(p => (p.Name, p.Version!)).SequenceEqual(blocks.Select(b => (b.name, b.version)));
        });
    }
}

using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Heimdall.Packages;
using Heimdall.Readers;
using Heimdall.Tests.Support;

namespace Heimdall.Tests.Readers;

public class NpmLockfileReaderTests
{
    private static FileInventory Read(params string[] path) =>
        LockfileScanner.Scan(TestPaths.Fixture(path)).Files.Single();

    [Fact]
    public void Reads_lockfile_v3_with_git_tarball_link_and_dev_packages()
    {
        var file = Read("npm", "v3", "package-lock.json");
        Assert.True(file.IsComplete);
        Assert.Equal("3", file.FormatVersion);
        var byLocation = file.Packages.ToDictionary(p => p.Location!);
        var lodash = byLocation["node_modules/lodash"];
        Assert.Equal(("lodash", "4.17.20", DependencyKind.Direct, SourceKind.Registry), (lodash.Name, lodash.Version, lodash.Kind, lodash.Source));
        Assert.StartsWith("sha512-", lodash.Integrity, StringComparison.Ordinal);
        var leftPad = byLocation["node_modules/left-pad"];
        Assert.Equal(SourceKind.Git, leftPad.Source);
        Assert.Equal("5f9a3fca1d8b7a2e2f2b0c0f7e7a6b5c4d3e2f1a", leftPad.Commit);
        Assert.Equal(SourceKind.Tarball, byLocation["node_modules/evil-tar"].Source);
        Assert.Equal(SourceKind.Link, byLocation["node_modules/local-lib"].Source);
        Assert.Null(byLocation["node_modules/local-lib"].Version);
        var nested = byLocation["node_modules/jest/node_modules/minimist"];
        Assert.Equal((DependencyKind.Transitive, DependencyGroups.Dev), (nested.Kind, nested.Groups));
        Assert.Equal(DependencyGroups.Dev | DependencyGroups.Optional | DependencyGroups.Peer, byLocation["node_modules/mirror-pkg"].Groups);
        Assert.True(byLocation["node_modules/crossenv"].HasInstallScript);
        Assert.Equal(13, lodash.Line);
    }

    [Fact]
    public void Reads_lockfile_v2_workspaces_and_links()
    {
        var file = Read("npm", "v2", "package-lock.json");
        var byLocation = file.Packages.ToDictionary(p => p.Location!);
        Assert.Equal(SourceKind.Project, byLocation["node_modules/util-ws"].Source);
        Assert.Equal("0.1.0", byLocation["node_modules/util-ws"].Version);
        Assert.Equal(DependencyKind.Direct, byLocation["packages/util/node_modules/ms"].Kind);
        Assert.Equal(DependencyGroups.Optional, byLocation["node_modules/@esbuild/linux-x64"].Groups);
        Assert.Equal("@esbuild/linux-x64", byLocation["node_modules/@esbuild/linux-x64"].Name);
        Assert.Equal(["@esbuild/linux-x64"], byLocation["node_modules/esbuild"].Dependencies);
    }

    [Fact]
    public void Reads_lockfile_v1_with_aliases_git_versions_and_nesting()
    {
        var file = Read("npm", "v1", "package-lock.json");
        Assert.Equal("1", file.FormatVersion);
        var byLocation = file.Packages.ToDictionary(p => p.Location!);
        Assert.Equal(DependencyKind.Direct, byLocation["lodash"].Kind);
        Assert.Equal(SourceKind.Git, byLocation["left-pad"].Source);
        Assert.Null(byLocation["left-pad"].Version);
        Assert.Equal(("chalk", "2.4.2"), (byLocation["my-alias"].Name, byLocation["my-alias"].Version));
        Assert.Equal(DependencyKind.Transitive, byLocation["minimist > wrappy"].Kind);
        Assert.Equal(DependencyGroups.Dev, byLocation["minimist"].Groups);
    }

    [Fact]
    public void Reads_npm_shrinkwrap_as_its_own_format()
    {
        var file = Read("npm", "shrinkwrap", "npm-shrinkwrap.json");
        Assert.Equal(LockfileFormat.NpmShrinkwrap, file.Format);
        Assert.Equal(8, file.Packages.Count);
    }

    [Fact]
    public void Reports_invalid_JSON_as_an_unparsed_file_with_its_line()
    {
        var file = Read("npm", "malformed", "package-lock.json");
        Assert.Empty(file.Packages);
        var entry = Assert.Single(file.Unparsed);
        Assert.Equal("(file)", entry.Entry);
        Assert.Contains("invalid JSON", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(0.0, file.Coverage);
    }

    [Fact]
    public void Lists_each_entry_it_could_not_read_and_computes_coverage()
    {
        var file = Read("npm", "partial", "package-lock.json");
        Assert.Equal(["good"], file.Packages.Select(p => p.Name));
        Assert.Equal(["node_modules/no-version", "node_modules/bad-version", "node_modules/not-object"], file.Unparsed.Select(u => u.Entry));
        Assert.Equal(0.25, file.Coverage);
        Assert.False(file.IsComplete);
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public Property Reads_back_every_package_of_a_generated_lockfile()
    {
        var package = from name in Gen.Elements("a", "b-c", "@s/d", "e.f", "g_h", "left-pad")
                      from version in Heimdall.Tests.Versions.Generators.SemVerText()
                      from dev in Gen.Elements(true, false)
                      select (name, version, dev);
        return Prop.ForAll(Arb.From(Gen.ListOf(package).Select(l => l.DistinctBy(p => p.name).ToList())), packages =>
        {
            var json = new Dictionary<string, object> { ["lockfileVersion"] = 3 };
            var map = new Dictionary<string, object> { [""] = new { name = "root" } };
            foreach (var (name, version, dev) in packages)
            {
                map["node_modules/" + name] = dev ? new { version, dev = true } : (object)new { version };
            }

            json["packages"] = map;
            var inventory = LockfileScanner.Read(JsonSerializer.Serialize(json), "/nowhere/package-lock.json", "package-lock.json", LockfileFormat.NpmPackageLock);
            return inventory.IsComplete
                && inventory.Packages.Select(p => (p.Name, p.Version!, (p.Groups & DependencyGroups.Dev) != 0))
                    .SequenceEqual(packages);
        });
    }
}

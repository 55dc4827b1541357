using FsCheck;
using FsCheck.Fluent;
using Heimdall.Packages;
using Heimdall.Readers;
using Heimdall.Tests.Support;

namespace Heimdall.Tests.Readers;

public class PnpmLockReaderTests
{
    private static FileInventory Read(string folder) => LockfileScanner.Scan(TestPaths.Fixture("pnpm", folder)).Files.Single();

    [Fact]
    public void Reads_lockfile_5_keys_peer_suffixes_and_dev_flags()
    {
        var file = Read("v5");
        Assert.Equal("5.4", file.FormatVersion);
        Assert.True(file.IsComplete);
        var byName = file.Packages.ToDictionary(p => p.Name);
        Assert.Equal(("17.0.2", DependencyKind.Direct), (byName["react-dom"].Version, byName["react-dom"].Kind));
        Assert.Equal(DependencyGroups.Dev, byName["typescript"].Groups);
        Assert.True(byName["esbuild"].HasInstallScript);
        Assert.Equal((SourceKind.Git, "1.3.0"), (byName["left-pad"].Source, byName["left-pad"].Version));
    }

    [Fact]
    public void Reads_lockfile_6_scoped_names_links_and_optional_packages()
    {
        var file = Read("v6");
        var byName = file.Packages.ToDictionary(p => p.Name);
        Assert.Equal(("1.2.0", DependencyKind.Direct), (byName["@scope/thing"].Version, byName["@scope/thing"].Kind));
        Assert.Equal(DependencyKind.Transitive, byName["react"].Kind);
        Assert.Equal(SourceKind.Link, byName["local-pkg"].Source);
        Assert.Equal(DependencyGroups.Optional, byName["fsevents"].Groups);
    }

    [Fact]
    public void Reads_lockfile_9_and_derives_dev_packages_from_the_importers()
    {
        var file = Read("v9");
        var byName = file.Packages.ToDictionary(p => p.Name);
        Assert.Equal(DependencyGroups.Dev, byName["vitest"].Groups);
        Assert.Equal(DependencyGroups.Dev, byName["tinyspy"].Groups);
        Assert.Equal(DependencyGroups.None, byName["ms"].Groups);
        Assert.Equal(DependencyKind.Transitive, byName["ms"].Kind);
        Assert.Equal(["ms"], byName["express"].Dependencies);
        Assert.Equal(SourceKind.Link, byName["shared"].Source);
        Assert.Equal((SourceKind.Git, "5f9a3fca1d8b7a2e2f2b0c0f7e7a6b5c4d3e2f1a"), (byName["left-pad"].Source, byName["left-pad"].Commit));
    }

    [Fact]
    public void Reads_every_document_of_a_multi_document_lockfile()
    {
        var file = Read("multi");
        Assert.True(file.IsComplete);
        Assert.Equal(["pnpm", "lodash"], file.Packages.Select(p => p.Name));
        Assert.Equal(DependencyGroups.Dev, file.Packages[0].Groups);
    }

    [Fact]
    public void Reports_invalid_YAML_as_an_unparsed_file()
    {
        var file = Read("malformed");
        Assert.Empty(file.Packages);
        Assert.Contains("invalid YAML", Assert.Single(file.Unparsed).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/lodash/4.17.20", 5, "lodash", "4.17.20")]
    [InlineData("/@babel/core/7.0.0_react@17.0.2", 5, "@babel/core", "7.0.0")]
    [InlineData("/@scope/thing@1.2.0(react@18.2.0)", 6, "@scope/thing", "1.2.0")]
    [InlineData("lodash@4.17.20", 9, "lodash", "4.17.20")]
    [InlineData("@types/node@20.0.0", 9, "@types/node", "20.0.0")]
    public void Splits_package_keys_of_each_lockfile_version(string key, int major, string name, string version)
    {
        Assert.True(PnpmLockReader.TrySplitKey(key, major, out var n, out var v));
        Assert.Equal((name, version), (n, v));
    }

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public Property Reads_back_every_package_of_a_generated_lockfile_9()
    {
        var package = from name in Gen.Elements("a", "b-c", "@s/d", "e.f", "left-pad", "@types/node")
                      from version in Heimdall.Tests.Versions.Generators.SemVerText()
                      from direct in Gen.Elements(true, false)
                      from dev in Gen.Elements(true, false)
                      select (name, version, direct, dev);
        return Prop.ForAll(Arb.From(Gen.ListOf(package).Select(l => l.DistinctBy(p => p.name).ToList())), packages =>
        {
            var text = new System.Text.StringBuilder("lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n");
            foreach (var p in packages.Where(p => p.direct && !p.dev))
            {
                text.Append($"      '{p.name}':\n        specifier: ^{p.version}\n        version: {p.version}\n");
            }

            text.Append("    devDependencies:\n");
            foreach (var p in packages.Where(p => p.direct && p.dev))
            {
                text.Append($"      '{p.name}':\n        specifier: ^{p.version}\n        version: {p.version}\n");
            }

            text.Append("\npackages:\n\n");
            foreach (var p in packages)
            {
                text.Append($"  '{p.name}@{p.version}':\n    resolution: {{integrity: sha512-AAAA}}\n\n");
            }

            text.Append("snapshots:\n\n");
            foreach (var p in packages)
            {
                text.Append($"  '{p.name}@{p.version}': {{}}\n\n");
            }

            var inventory = LockfileScanner.Read(text.ToString(), "/nowhere/pnpm-lock.yaml", "pnpm-lock.yaml", LockfileFormat.Pnpm);
            return inventory.IsComplete
                && inventory.Packages.Select(o => (o.Name, o.Version!, o.Kind == DependencyKind.Direct, o.Groups == DependencyGroups.Dev))
                    .SequenceEqual(packages.Select(p => (p.name, p.version, p.direct, p.direct && p.dev)));
        });
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Heimdall.Advisories;
using Heimdall.Matching;
using Heimdall.Packages;
using Heimdall.Readers;

// Heimdall benchmarks: each line on stdout is one JSON object; progress goes to stderr.
//   dotnet Heimdall.Benchmarks.dll [--quick]
// "pass" compares the warm median with the target; max_ms shows the worst run, which on a shared
// machine includes other processes' scheduling.
var quick = args.Contains("--quick");
var iterations = quick ? 3 : 10;
var warmups = quick ? 1 : 3;
var work = Directory.CreateTempSubdirectory("heimdall-bench-");
var sw = new Stopwatch();
try
{
    // First, while the process holds nothing else, so that its peak working set is the parse's own.
    Console.Error.WriteLine("parse a 50,000-line package-lock.json");
    var big = Generate.PackageLockOfLines(50_000);
    var bigFolder = Directory.CreateDirectory(Path.Combine(work.FullName, "big")).FullName;
    var bigPath = Path.Combine(bigFolder, "package-lock.json");
    File.WriteAllText(bigPath, big.Text);
    var bigTimes = new List<double>();
    long allocated = 0;
    for (var i = 0; i < warmups + iterations; i++)
    {
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        sw.Restart();
        var inventory = LockfileScanner.ReadFile(bigPath, bigFolder, LockfileFormat.NpmPackageLock);
        var elapsed = sw.Elapsed.TotalMilliseconds;
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (inventory.Packages.Count != big.Packages)
        {
            throw new InvalidOperationException($"read {inventory.Packages.Count} of {big.Packages} packages");
        }

        if (i >= warmups)
        {
            bigTimes.Add(elapsed);
        }
    }

    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Emit(new
    {
        bench = "heimdall.parse.package-lock-50k-lines",
        lines = big.Lines,
        packages = big.Packages,
        p50_ms = Percentile(bigTimes, 0.5),
        max_ms = bigTimes.Max(),
        alloc_bytes_per_parse = allocated,
        peak_working_set_bytes = self.PeakWorkingSet64,
        target_ms = 300,
        target_bytes = 200L * 1024 * 1024,
        pass = Percentile(bigTimes, 0.5) <= 300 && allocated <= 200L * 1024 * 1024 && self.PeakWorkingSet64 <= 200L * 1024 * 1024,
    });

    Console.Error.WriteLine("generating 10,000 advisories");
    var advisories = Generate.Advisories(10_000);
    sw.Restart();
    var index = new AdvisoryIndex(advisories);
    Emit(new { bench = "heimdall.index.build", advisories = advisories.Count, ms = sw.Elapsed.TotalMilliseconds });

    // The store: one JSON file, written atomically and read whole.
    var store = AdvisoryStore.Open(Path.Combine(work.FullName, "db"));
    store.Merge(advisories.Select(a => new OsvRecord(OsvRecordStatus.Accepted, a.Id, a, null)), "generated", DateTimeOffset.UtcNow);
    sw.Restart();
    store.Save();
    var saveMs = sw.Elapsed.TotalMilliseconds;
    var loads = new List<double>();
    for (var i = 0; i < warmups + iterations; i++)
    {
        sw.Restart();
        var opened = AdvisoryStore.Open(store.Directory);
        _ = new AdvisoryIndex(opened.Advisories);
        if (i >= warmups)
        {
            loads.Add(sw.Elapsed.TotalMilliseconds);
        }
    }

    Emit(new
    {
        bench = "heimdall.store.load",
        advisories = advisories.Count,
        file_bytes = new FileInfo(Path.Combine(store.Directory, AdvisoryStore.FileName)).Length,
        save_ms = saveMs,
        p50_ms = Percentile(loads, 0.5),
        max_ms = loads.Max(),
    });

    // The way a scan opens the store: the offset index only, then the advisories of its own packages.
    {
        var lockFolder = Directory.CreateDirectory(Path.Combine(work.FullName, "from-store")).FullName;
        File.WriteAllText(Path.Combine(lockFolder, "package-lock.json"), Generate.Lockfiles(5_000).First().Text);
        var openTimes = new List<double>();
        var scanTimes = new List<double>();
        for (var i = 0; i < warmups + iterations; i++)
        {
            sw.Restart();
            var indexed = AdvisoryStore.OpenForScan(store.Directory);
            var opened = sw.Elapsed.TotalMilliseconds;
            var result = Scanner.Run(new ScanRequest
            {
                Inventory = LockfileScanner.Scan(lockFolder),
                Advisories = indexed.Index,
                AdvisoryData = new AdvisoryDataInfo(store.Directory, indexed.ImportedAt, indexed.Count),
                Now = DateTimeOffset.UtcNow,
            });
            if (i >= warmups)
            {
                openTimes.Add(opened);
                scanTimes.Add(sw.Elapsed.TotalMilliseconds);
            }

            _ = result.Findings.Count();
        }

        Emit(new
        {
            bench = "heimdall.scan.package-lock.from-store",
            packages = 5_000,
            advisories = advisories.Count,
            open_p50_ms = Percentile(openTimes, 0.5),
            p50_ms = Percentile(scanTimes, 0.5),
            max_ms = scanTimes.Max(),
            target_ms = 1000,
            pass = Percentile(scanTimes, 0.5) <= 1000,
        });
    }

    // A store the size of the osv.dev npm export with its malicious-package records: mostly names a
    // given lockfile does not have, as in the real export.
    {
        var large = quick ? 60_000 : 200_000;
        Console.Error.WriteLine($"store of {large:N0} advisories");
        var largeStore = AdvisoryStore.Open(Path.Combine(work.FullName, "large-db"));
        largeStore.Merge(Generate.Advisories(large, spread: true).Select(a => new OsvRecord(OsvRecordStatus.Accepted, a.Id, a, null)), "generated", DateTimeOffset.UtcNow);
        sw.Restart();
        largeStore.Save();
        var largeSave = sw.Elapsed.TotalMilliseconds;
        var lockFolder = Path.Combine(work.FullName, "from-store");
        sw.Restart();
        var indexed = AdvisoryStore.OpenForScan(largeStore.Directory);
        var open = sw.Elapsed.TotalMilliseconds;
        var result = Scanner.Run(new ScanRequest
        {
            Inventory = LockfileScanner.Scan(lockFolder),
            Advisories = indexed.Index,
            AdvisoryData = new AdvisoryDataInfo(largeStore.Directory, indexed.ImportedAt, indexed.Count),
            Now = DateTimeOffset.UtcNow,
        });
        var scan = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var whole = new AdvisoryIndex(AdvisoryStore.Open(largeStore.Directory).Advisories);
        var wholeMs = sw.Elapsed.TotalMilliseconds;
        Emit(new
        {
            bench = "heimdall.store.large",
            advisories = large,
            file_bytes = new FileInfo(Path.Combine(largeStore.Directory, AdvisoryStore.FileName)).Length,
            index_bytes = new FileInfo(Path.Combine(largeStore.Directory, AdvisoryStore.IndexFileName)).Length,
            save_ms = Math.Round(largeSave, 2),
            open_indexed_ms = Math.Round(open, 2),
            scan_5000_packages_ms = Math.Round(scan, 2),
            findings = result.Findings.Count(),
            read_whole_and_index_ms = Math.Round(wholeMs, 2),
            whole_count = whole.Count,
        });
    }

    // The same data in SQLite, looked up name by name as a scan of 5,000 npm packages would.
    var names = Enumerable.Range(0, 5_000).Select(i => (Ecosystem.Npm, Generate.PackageName(i))).ToList();
    var sqliteDirectory = Directory.CreateDirectory(Path.Combine(work.FullName, "sqlite")).FullName;
    var sqlite = SqliteStoreComparison.Run(sqliteDirectory, advisories, names);
    sw.Restart();
    var jsonStore = AdvisoryStore.Open(store.Directory);
    var jsonIndex = new AdvisoryIndex(jsonStore.Advisories);
    var jsonMs = sw.Elapsed.TotalMilliseconds;
    Emit(new
    {
        bench = "heimdall.store.compare",
        advisories = advisories.Count,
        lookups = names.Count,
        json_load_and_index_ms = Math.Round(jsonMs, 2),
        json_file_bytes = new FileInfo(Path.Combine(store.Directory, AdvisoryStore.FileName)).Length,
        sqlite_write_ms = Math.Round(sqlite.WriteMs, 2),
        sqlite_lookup_all_ms = Math.Round(sqlite.LookupMs, 2),
        sqlite_file_bytes = sqlite.Bytes,
        sqlite_matches = sqlite.Matches,
        json_index_advisories = jsonIndex.Count,
    });

    foreach (var (name, file, text) in Generate.Lockfiles(5_000))
    {
        Console.Error.WriteLine($"scan {name}: 5,000 packages against 10,000 advisories");
        var folder = Directory.CreateDirectory(Path.Combine(work.FullName, name)).FullName;
        File.WriteAllText(Path.Combine(folder, file), text);
        var times = new List<double>();
        var parseTimes = new List<double>();
        var findings = 0;
        var packages = 0;
        for (var i = 0; i < warmups + iterations; i++)
        {
            sw.Restart();
            var inventory = LockfileScanner.Scan(folder);
            var parsed = sw.Elapsed.TotalMilliseconds;
            var result = Scanner.Run(new ScanRequest
            {
                Inventory = inventory,
                Advisories = index,
                AdvisoryData = new AdvisoryDataInfo("generated", DateTimeOffset.UtcNow, index.Count),
                Now = DateTimeOffset.UtcNow,
            });
            var elapsed = sw.Elapsed.TotalMilliseconds;
            if (i >= warmups)
            {
                times.Add(elapsed);
                parseTimes.Add(parsed);
            }

            findings = result.Findings.Count();
            packages = inventory.Files.Sum(f => f.Packages.Count);
            if (!inventory.IsComplete)
            {
                throw new InvalidOperationException($"{name}: the generated lockfile was not read completely");
            }
        }

        // Where the time goes, measured once more on the warm inventory.
        var warmInventory = LockfileScanner.Scan(folder);
        sw.Restart();
        AdvisoryMatcher.Match(warmInventory.Packages, index, out _);
        var matchMs = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        Heimdall.Heuristics.SuspiciousPackageHeuristics.Evaluate(warmInventory, new Heimdall.Heuristics.HeuristicOptions());
        var heuristicsMs = sw.Elapsed.TotalMilliseconds;
        Emit(new
        {
            bench = "heimdall.scan." + name,
            match_ms = Math.Round(matchMs, 2),
            heuristics_ms = Math.Round(heuristicsMs, 2),
            packages,
            advisories = index.Count,
            findings,
            parse_p50_ms = Percentile(parseTimes, 0.5),
            p50_ms = Percentile(times, 0.5),
            max_ms = times.Max(),
            target_ms = 1000,
            pass = Percentile(times, 0.5) <= 1000,
        });
    }

}
finally
{
    work.Delete(recursive: true);
}

static void Emit(object value) => Console.WriteLine(JsonSerializer.Serialize(value));

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return Math.Round(sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))], 2);
}

/// <summary>Deterministic generators of advisories and lockfiles.</summary>
internal static class Generate
{
    public static string PackageName(int i) => Name(i);

    private static string Name(int i) => i % 7 == 0 ? $"@scope{i % 13}/pkg-{i:x5}" : $"pkg-{i:x5}";

    private static string Version(int i) => $"{i % 9}.{i % 17}.{i % 23}";

    private static string NuGetName(int i) => $"Company.Lib{i:x5}";

    /// <summary>Advisories on the first 5,000 names (every scanned package has some), or spread over as many names as advisories.</summary>
    public static List<Advisory> Advisories(int count, bool spread = false)
    {
        var list = new List<Advisory>(count);
        for (var i = 0; i < count; i++)
        {
            var nuget = i % 3 == 0;
            var target = spread ? i : i % 5_000;
            list.Add(new Advisory
            {
                Id = $"GHSA-gen{i:x5}",
                Aliases = [$"CVE-2026-{i:D5}"],
                Summary = "Generated advisory " + i.ToString(CultureInfo.InvariantCulture),
                Modified = DateTimeOffset.UnixEpoch.AddDays(20_000 + (i % 100)),
                Severity = new SeverityRating((SeverityLevel)(1 + (i % 4)), null, null, "database"),
                Affected =
                [
                    new AffectedPackage
                    {
                        Ecosystem = nuget ? Ecosystem.NuGet : Ecosystem.Npm,
                        Name = nuget ? NuGetName(target) : Name(target),
                        Ranges =
                        [
                            new AffectedRange(RangeType.Ecosystem, [new RangeEvent(RangeEventKind.Introduced, "0"), new RangeEvent(RangeEventKind.Fixed, $"{i % 9}.{i % 11}.0")]),
                        ],
                        Versions = i % 10 == 0 ? [Version(target)] : [],
                    },
                ],
            });
        }

        return list;
    }

    public static IEnumerable<(string Name, string File, string Text)> Lockfiles(int count)
    {
        yield return ("package-lock", "package-lock.json", PackageLock(count).Text);
        yield return ("yarn-classic", "yarn.lock", YarnClassic(count));
        yield return ("yarn-berry", "yarn.lock", YarnBerry(count));
        yield return ("pnpm", "pnpm-lock.yaml", Pnpm(count));
        yield return ("nuget-lock", "packages.lock.json", NuGetLock(count));
        yield return ("msbuild-project", "App.csproj", Project(count));
        yield return ("packages-config", "packages.config", PackagesConfig(count));
    }

    public static (string Text, int Packages, int Lines) PackageLockOfLines(int lines)
    {
        // Each package entry below is six lines; the header and footer add a few.
        var count = (lines - 8) / 6;
        var lock_ = PackageLock(count);
        return (lock_.Text, count, lock_.Text.Count(c => c == '\n') + 1);
    }

    private static (string Text, int Packages) PackageLock(int count)
    {
        var sb = new StringBuilder("{\n  \"name\": \"bench\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": { \"name\": \"bench\" },\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append("    \"node_modules/").Append(Name(i)).Append("\": {\n")
              .Append("      \"version\": \"").Append(Version(i)).Append("\",\n")
              .Append("      \"resolved\": \"https://registry.npmjs.org/").Append(Name(i)).Append("/-/x-").Append(Version(i)).Append(".tgz\",\n")
              .Append("      \"integrity\": \"sha512-").Append(Convert.ToBase64String(BitConverter.GetBytes((long)i * 7919))).Append("\",\n")
              .Append("      \"dev\": ").Append(i % 2 == 0 ? "true" : "false").Append('\n')
              .Append("    }").Append(i == count - 1 ? "\n" : ",\n");
        }

        sb.Append("  }\n}\n");
        return (sb.ToString(), count);
    }

    private static string YarnClassic(int count)
    {
        var sb = new StringBuilder("# yarn lockfile v1\n\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append('"').Append(Name(i)).Append("@^").Append(Version(i)).Append("\":\n  version \"").Append(Version(i))
              .Append("\"\n  resolved \"https://registry.yarnpkg.com/").Append(Name(i)).Append("/-/x-").Append(Version(i)).Append(".tgz\"\n")
              .Append("  dependencies:\n    ").Append(Name((i + 1) % count)).Append(" \"^1.0.0\"\n\n");
        }

        return sb.ToString();
    }

    private static string YarnBerry(int count)
    {
        var sb = new StringBuilder("__metadata:\n  version: 8\n  cacheKey: 10c0\n\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append('"').Append(Name(i)).Append("@npm:^").Append(Version(i)).Append("\":\n  version: ").Append(Version(i))
              .Append("\n  resolution: \"").Append(Name(i)).Append("@npm:").Append(Version(i)).Append("\"\n  checksum: 10c0/abcdef\n  languageName: node\n  linkType: hard\n\n");
        }

        return sb.ToString();
    }

    private static string Pnpm(int count)
    {
        var sb = new StringBuilder("lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n");
        for (var i = 0; i < count; i += 10)
        {
            sb.Append("      '").Append(Name(i)).Append("':\n        specifier: ^").Append(Version(i)).Append("\n        version: ").Append(Version(i)).Append('\n');
        }

        sb.Append("\npackages:\n\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append("  '").Append(Name(i)).Append('@').Append(Version(i)).Append("':\n    resolution: {integrity: sha512-AAAA}\n\n");
        }

        sb.Append("snapshots:\n\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append("  '").Append(Name(i)).Append('@').Append(Version(i)).Append("':\n    dependencies:\n      '").Append(Name((i + 1) % count)).Append("': ").Append(Version((i + 1) % count)).Append("\n\n");
        }

        return sb.ToString();
    }

    private static string NuGetLock(int count)
    {
        var sb = new StringBuilder("{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net8.0\": {\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append("      \"").Append(NuGetName(i)).Append("\": { \"type\": \"").Append(i % 4 == 0 ? "Direct" : "Transitive")
              .Append("\", \"resolved\": \"").Append(Version(i)).Append("\", \"contentHash\": \"").Append(Convert.ToBase64String(BitConverter.GetBytes((long)i)))
              .Append("\" }").Append(i == count - 1 ? "\n" : ",\n");
        }

        sb.Append("    }\n  }\n}\n");
        return sb.ToString();
    }

    private static string Project(int count)
    {
        var sb = new StringBuilder("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append("    <PackageReference Include=\"").Append(NuGetName(i)).Append("\" Version=\"").Append(Version(i)).Append("\" />\n");
        }

        sb.Append("  </ItemGroup>\n</Project>\n");
        return sb.ToString();
    }

    private static string PackagesConfig(int count)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<packages>\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append("  <package id=\"").Append(NuGetName(i)).Append("\" version=\"").Append(Version(i)).Append("\" targetFramework=\"net48\" />\n");
        }

        sb.Append("</packages>\n");
        return sb.ToString();
    }
}

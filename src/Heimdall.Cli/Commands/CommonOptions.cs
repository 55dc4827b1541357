using System.CommandLine;
using System.Globalization;
using Heimdall.Advisories;
using Heimdall.Matching;
using Heimdall.Policy;

namespace Heimdall.Cli.Commands;

/// <summary>Options several commands share, and the advisory loading they have in common.</summary>
internal static class CommonOptions
{
    public const double DefaultMaxAgeDays = 7;

    public static Option<bool> Json() => new("--json") { Description = "Write machine-readable JSON to stdout." };

    public static Option<string?> Db() => new("--db") { Description = "The advisory database directory (default: $HEIMDALL_DB, else ~/.cache/heimdall)." };

    public static Option<string?> Advisories() => new("--advisories") { Description = "Use OSV advisories straight from a directory of JSON files or a zip archive instead of the database." };

    public static Option<double> MaxAge() => new("--max-age")
    {
        Description = "Refuse advisory data older than this many days (exit code 4).",
        DefaultValueFactory = _ => DefaultMaxAgeDays,
    };

    public static Option<string> FailOn() => new("--fail-on")
    {
        Description = "The lowest severity that fails the run: low, medium, high, critical or none.",
        DefaultValueFactory = _ => "low",
    };

    public static Option<bool> Offline() => new("--offline")
    {
        Description = "Guarantee that nothing touches a network: Heimdall itself never does, and PDF rendering then must run in an empty network namespace.",
    };

    public static FailThreshold ParseThreshold(string text) =>
        FailThreshold.TryParse(text, out var threshold)
            ? threshold
            : throw new UsageException($"--fail-on must be low, medium, high, critical or none, not '{text}'");

    /// <summary>Loads advisories from <c>--advisories</c> or the database and refuses stale or missing data.</summary>
    public static (AdvisoryIndex Index, AdvisoryDataInfo Info) LoadAdvisories(string? advisories, string? db, double maxAgeDays, DateTimeOffset now, Action<string>? warn = null)
    {
        if (!double.IsFinite(maxAgeDays) || maxAgeDays < 0)
        {
            throw new UsageException("--max-age must be a finite, non-negative number of days");
        }

        AdvisoryDataInfo info;
        AdvisoryIndex index;
        if (advisories is not null)
        {
            if (!File.Exists(advisories) && !Directory.Exists(advisories))
            {
                throw new AdvisoryDataException($"no advisory directory or zip archive at '{advisories}'");
            }

            var contents = AdvisorySourceReader.Read(advisories);
            var accepted = contents.Advisories.ToList();
            if (contents.EntriesSeen == 0)
            {
                throw new AdvisoryDataException($"'{advisories}' holds no OSV JSON records");
            }

            index = new AdvisoryIndex(accepted);
            info = new AdvisoryDataInfo(advisories, contents.NewestFileTime, index.Count, contents.Errors.Count);
            foreach (var error in contents.Errors.Take(5))
            {
                warn?.Invoke($"advisory record {error.Entry} was left out: {error.Reason}");
            }

            if (contents.Errors.Count > 5)
            {
                warn?.Invoke($"... and {contents.Errors.Count - 5} more advisory records were left out");
            }
        }
        else
        {
            var directory = db ?? AdvisoryStore.DefaultDirectory();
            if (!AdvisoryStore.Exists(directory))
            {
                throw new AdvisoryDataException($"no advisory database in '{directory}': run 'heimdall db import <dir|all.zip>' or pass --advisories");
            }

            IndexedAdvisoryStore opened;
            try
            {
                opened = AdvisoryStore.OpenForScan(directory);
            }
            catch (InvalidDataException e)
            {
                throw new AdvisoryDataException(e.Message, e);
            }

            index = opened.Index;
            info = new AdvisoryDataInfo(directory, opened.ImportedAt, opened.Count);
        }

        if (info.AgeAt(now) is { } age && age.TotalDays > maxAgeDays)
        {
            throw new AdvisoryDataException(
                $"the advisory data in '{info.Source}' is {age.TotalDays.ToString("0.0", CultureInfo.InvariantCulture)} days old, older than the {maxAgeDays.ToString(CultureInfo.InvariantCulture)}-day limit (--max-age): import fresh data");
        }

        if (info.UpdatedAt is null)
        {
            throw new AdvisoryDataException($"the advisory data in '{info.Source}' does not record when it was updated");
        }

        return (index, info);
    }
}

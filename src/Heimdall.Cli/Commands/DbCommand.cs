using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Heimdall.Advisories;
using Heimdall.Policy;
using Heimdall.Reports;
using Spectre.Console;

namespace Heimdall.Cli.Commands;

/// <summary><c>heimdall db import|status</c>: the local advisory database.</summary>
internal static class DbCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("db", "Manage the local advisory database.");
        command.Add(Import(environment));
        command.Add(Status(environment));
        return command;
    }

    private static Command Import(CliEnvironment environment)
    {
        var source = new Argument<string>("SOURCE") { Description = "A directory of OSV JSON files or an OSV zip archive (all.zip)." };
        var db = CommonOptions.Db();
        var replace = new Option<bool>("--replace") { Description = "Drop the advisories already stored before importing." };
        var json = CommonOptions.Json();
        var command = new Command("import", "Import OSV advisories into the database (newer records replace older ones; withdrawn records are removed).") { source, db, replace, json };
        command.SetAction(parse => RunImport(environment, parse.GetValue(source)!, parse.GetValue(db), parse.GetValue(replace), parse.GetValue(json)));
        return command;
    }

    private static Command Status(CliEnvironment environment)
    {
        var db = CommonOptions.Db();
        var maxAge = CommonOptions.MaxAge();
        var json = CommonOptions.Json();
        var command = new Command("status", "Show the database's age and contents; exit code 4 when it is missing or older than --max-age.") { db, maxAge, json };
        command.SetAction(parse => RunStatus(environment, parse.GetValue(db), parse.GetValue(maxAge), parse.GetValue(json)));
        return command;
    }

    private static int RunImport(CliEnvironment environment, string source, string? dbOption, bool replace, bool json)
    {
        if (!File.Exists(source) && !Directory.Exists(source))
        {
            throw new UsageException($"no advisory directory or zip archive at '{source}'");
        }

        var directory = dbOption ?? AdvisoryStore.DefaultDirectory();
        AdvisoryStore store;
        try
        {
            store = AdvisoryStore.Open(directory);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message, e);
        }

        AdvisorySourceContents contents;
        if (environment.Interactive && !json)
        {
            AdvisorySourceContents? read = null;
            environment.ErrorConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("Reading advisories");
                    read = AdvisorySourceReader.Read(source, new ImmediateProgress(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                    }));
                    task.Value = task.MaxValue;
                });
            contents = read!;
        }
        else
        {
            contents = AdvisorySourceReader.Read(source);
        }

        var now = environment.Time.GetUtcNow();
        var merge = store.Merge(contents.Records, Path.GetFullPath(source), now, replace);
        store.Save();
        var counts = contents.Records.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        var exit = contents.Errors.Count > 0 ? HeimdallExitCode.PartialCoverage : HeimdallExitCode.Clean;
        if (json)
        {
            WriteJson(environment, writer =>
            {
                writer.WriteString("database", directory);
                writer.WriteString("source", source);
                writer.WriteString("imported_at", JsonParts.Time(now));
                writer.WriteNumber("entries", contents.EntriesSeen);
                writer.WriteNumber("accepted", counts.GetValueOrDefault(OsvRecordStatus.Accepted));
                writer.WriteNumber("withdrawn", counts.GetValueOrDefault(OsvRecordStatus.Withdrawn));
                writer.WriteNumber("other_ecosystems", counts.GetValueOrDefault(OsvRecordStatus.OtherEcosystem));
                writer.WriteNumber("added", merge.Added);
                writer.WriteNumber("updated", merge.Updated);
                writer.WriteNumber("removed", merge.Removed);
                writer.WriteNumber("kept_newer", merge.KeptNewer);
                writer.WriteNumber("total", merge.Total);
                writer.WriteStartArray("rejected");
                foreach (var e in contents.Errors)
                {
                    writer.WriteStartObject();
                    writer.WriteString("entry", e.Entry);
                    writer.WriteString("reason", e.Reason);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteNumber("exit_code", (int)exit);
            });
        }
        else
        {
            var c = environment.Console;
            c.MarkupLine($"Imported {Markup.Escape(source)} into {Markup.Escape(directory)}: {contents.EntriesSeen} records read, " +
                $"{counts.GetValueOrDefault(OsvRecordStatus.Accepted)} npm/NuGet advisories, {counts.GetValueOrDefault(OsvRecordStatus.Withdrawn)} withdrawn, " +
                $"{counts.GetValueOrDefault(OsvRecordStatus.OtherEcosystem)} of other ecosystems.");
            c.MarkupLine($"Database: {merge.Added} added, {merge.Updated} updated, {merge.Removed} removed, {merge.KeptNewer} older records ignored; {merge.Total} advisories in total.");
            foreach (var e in contents.Errors.Take(20))
            {
                c.MarkupLine($"[red]rejected[/] {Markup.Escape(e.Entry)}: {Markup.Escape(e.Reason)}");
            }

            if (contents.Errors.Count > 20)
            {
                c.MarkupLine($"[red]... and {contents.Errors.Count - 20} more rejected records[/]");
            }
        }

        return (int)exit;
    }

    private static int RunStatus(CliEnvironment environment, string? dbOption, double maxAge, bool json)
    {
        var directory = dbOption ?? AdvisoryStore.DefaultDirectory();
        var now = environment.Time.GetUtcNow();
        var exists = AdvisoryStore.Exists(directory);
        AdvisoryStore? store = null;
        string? problem = null;
        if (!exists)
        {
            problem = "no advisory database: run 'heimdall db import <dir|all.zip>'";
        }
        else
        {
            try
            {
                store = AdvisoryStore.Open(directory);
            }
            catch (InvalidDataException e)
            {
                problem = e.Message;
            }
        }

        var age = store?.ImportedAt is { } at ? now - at : (TimeSpan?)null;
        if (problem is null && (age is null || age.Value.TotalDays > maxAge))
        {
            problem = $"the data is older than the {maxAge.ToString(CultureInfo.InvariantCulture)}-day limit: import fresh data";
        }

        var exit = problem is null ? HeimdallExitCode.Clean : HeimdallExitCode.AdvisoryDataUnavailable;
        var advisories = store?.Advisories ?? [];
        var npm = advisories.Count(a => a.Affected.Any(p => p.Ecosystem == Packages.Ecosystem.Npm));
        var nuget = advisories.Count(a => a.Affected.Any(p => p.Ecosystem == Packages.Ecosystem.NuGet));
        var malicious = advisories.Count(a => a.IsMalicious);
        var newest = advisories.Select(a => a.Modified).Max();
        if (json)
        {
            WriteJson(environment, writer =>
            {
                writer.WriteString("database", directory);
                writer.WriteBoolean("exists", exists);
                JsonParts.WriteNullable(writer, "imported_at", store?.ImportedAt is { } i ? JsonParts.Time(i) : null);
                if (age is { } a)
                {
                    writer.WriteNumber("age_days", Math.Round(a.TotalDays, 3));
                }
                else
                {
                    writer.WriteNull("age_days");
                }

                writer.WriteNumber("max_age_days", maxAge);
                writer.WriteBoolean("fresh", problem is null);
                writer.WriteNumber("advisories", advisories.Count);
                writer.WriteNumber("npm", npm);
                writer.WriteNumber("nuget", nuget);
                writer.WriteNumber("malicious", malicious);
                JsonParts.WriteNullable(writer, "newest_modified", newest is { } n ? JsonParts.Time(n) : null);
                writer.WriteStartArray("sources");
                foreach (var s in store?.Sources ?? [])
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", s.Name);
                    writer.WriteString("imported_at", JsonParts.Time(s.ImportedAt));
                    writer.WriteNumber("advisories", s.Advisories);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                JsonParts.WriteNullable(writer, "problem", problem);
                writer.WriteNumber("exit_code", (int)exit);
            });
        }
        else
        {
            var table = new Table().AddColumns("Database", "Imported", "Age (days)", "Advisories", "npm", "NuGet", "Malicious");
            table.AddRow(
                Markup.Escape(directory),
                store?.ImportedAt is { } i ? JsonParts.Time(i) : "-",
                age is { } a ? a.TotalDays.ToString("0.0", CultureInfo.InvariantCulture) : "-",
                advisories.Count.ToString(CultureInfo.InvariantCulture),
                npm.ToString(CultureInfo.InvariantCulture),
                nuget.ToString(CultureInfo.InvariantCulture),
                malicious.ToString(CultureInfo.InvariantCulture));
            environment.Console.Write(table);
            if (problem is not null)
            {
                environment.Error.WriteLine("heimdall: " + problem);
            }
        }

        return (int)exit;
    }

    public static void WriteJson(CliEnvironment environment, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        environment.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private sealed class ImmediateProgress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}

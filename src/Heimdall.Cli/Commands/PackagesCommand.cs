using System.CommandLine;
using System.Text.Json;
using Heimdall.Packages;
using Heimdall.Policy;
using Heimdall.Readers;
using Heimdall.Reports;
using Spectre.Console;

namespace Heimdall.Cli.Commands;

/// <summary><c>heimdall packages PATH</c>: lists exactly what the readers understood.</summary>
internal static class PackagesCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var path = new Argument<string>("PATH") { Description = "A repository folder or a single lockfile or manifest." };
        var json = CommonOptions.Json();
        var command = new Command("packages", "List every package occurrence read from the supported files under PATH.") { path, json };
        command.SetAction(parse => Run(environment, parse.GetValue(path)!, parse.GetValue(json)));
        return command;
    }

    private static int Run(CliEnvironment environment, string path, bool json)
    {
        var inventory = Read(path);
        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteString("schema", "heimdall-packages");
                writer.WriteNumber("schema_version", 1);
                writer.WriteBoolean("complete", inventory.IsComplete);
                writer.WriteStartArray("files");
                foreach (var file in inventory.Files)
                {
                    JsonParts.WriteFile(writer, file);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("packages");
                foreach (var package in inventory.Packages)
                {
                    JsonParts.WritePackage(writer, package);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            environment.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
        else
        {
            var table = new Table().AddColumns("Ecosystem", "Name", "Version", "Kind", "Groups", "Source", "File");
            foreach (var p in inventory.Packages)
            {
                table.AddRow(
                    Markup.Escape(p.Ecosystem.ToOsv()),
                    Markup.Escape(p.Name),
                    Markup.Escape(p.Version ?? "-"),
                    p.Kind.ToString().ToLowerInvariant(),
                    Markup.Escape(string.Join(",", p.Groups.ToNames())),
                    Markup.Escape(p.Source.ToString().ToLowerInvariant() + (p.Commit is null ? "" : "#" + p.Commit[..Math.Min(12, p.Commit.Length)])),
                    Markup.Escape(p.File + (p.Line is { } l ? ":" + l : "")));
            }

            environment.Console.Write(table);
            TableReport.WriteCoverage(environment.Console, inventory);
        }

        return (int)(inventory.Files.Count > 0 && inventory.IsComplete ? HeimdallExitCode.Clean : HeimdallExitCode.PartialCoverage);
    }

    public static Inventory Read(string path)
    {
        if (File.Exists(path) && LockfileScanner.Detect(Path.GetFileName(path)) is null)
        {
            throw new UsageException($"'{path}' is not a file Heimdall reads: package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, packages.lock.json, *.csproj/*.fsproj/*.vbproj, Directory.Packages.props or packages.config");
        }

        try
        {
            return LockfileScanner.Scan(path);
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException(e.Message, e);
        }
    }
}

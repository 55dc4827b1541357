using System.IO.Compression;

namespace Heimdall.Advisories;

/// <summary>
/// Reads OSV records from a directory tree of <c>.json</c> files or from a zip archive of them (the
/// <c>all.zip</c> exports). Unreadable records are reported, never thrown.
/// </summary>
public static class AdvisorySourceReader
{
    /// <summary>True when <paramref name="path"/> names a zip archive rather than a directory.</summary>
    public static bool IsArchive(string path) => File.Exists(path);

    /// <summary>Reads every record of a directory or zip archive.</summary>
    /// <param name="path">A directory or a zip file.</param>
    /// <param name="progress">Receives (records read, records in total) as reading goes on.</param>
    /// <param name="cancellationToken">Stops reading between records.</param>
    public static AdvisorySourceContents Read(string path, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        var records = new List<OsvRecord>();
        var errors = new List<SourceError>();
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .ToList();
            var newest = DateTimeOffset.MinValue;
            for (var i = 0; i < files.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var file = files[i];
                var relative = Path.GetRelativePath(path, file).Replace('\\', '/');
                byte[] bytes;
                try
                {
                    bytes = File.ReadAllBytes(file);
                    var written = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
                    if (written > newest)
                    {
                        newest = written;
                    }
                }
                catch (IOException e)
                {
                    errors.Add(new SourceError(relative, e.Message));
                    continue;
                }
                catch (UnauthorizedAccessException e)
                {
                    errors.Add(new SourceError(relative, e.Message));
                    continue;
                }

                Collect(relative, bytes, records, errors);
                progress?.Report((i + 1, files.Count));
            }

            return new AdvisorySourceContents(records, errors, files.Count, newest == DateTimeOffset.MinValue ? null : newest);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no advisory directory or zip archive at '{path}'", path);
        }

        try
        {
            using var archive = ZipFile.OpenRead(path);
            var entries = archive.Entries
                .Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && e.Length > 0)
                .ToList();
            for (var i = 0; i < entries.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = entries[i];
                byte[] bytes;
                try
                {
                    using var stream = entry.Open();
                    using var buffer = new MemoryStream((int)Math.Min(entry.Length, 64 * 1024 * 1024));
                    stream.CopyTo(buffer);
                    bytes = buffer.ToArray();
                }
                catch (InvalidDataException e)
                {
                    errors.Add(new SourceError(entry.FullName, e.Message));
                    continue;
                }

                Collect(entry.FullName, bytes, records, errors);
                progress?.Report((i + 1, entries.Count));
            }

            return new AdvisorySourceContents(records, errors, entries.Count, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
        }
        catch (InvalidDataException e)
        {
            errors.Add(new SourceError(Path.GetFileName(path), "not a zip archive: " + e.Message));
            return new AdvisorySourceContents(records, errors, 0, null);
        }
    }

    private static void Collect(string name, byte[] bytes, List<OsvRecord> records, List<SourceError> errors)
    {
        var record = OsvReader.Read(bytes);
        if (record.Status == OsvRecordStatus.Invalid)
        {
            errors.Add(new SourceError(name, record.Error ?? "invalid record"));
        }
        else
        {
            records.Add(record);
        }
    }
}

/// <summary>A record of an advisory source that could not be read.</summary>
/// <param name="Entry">The file or archive entry.</param>
/// <param name="Reason">What was wrong with it.</param>
public sealed record SourceError(string Entry, string Reason);

/// <summary>The records read from one advisory source.</summary>
/// <param name="Records">Valid records (accepted, withdrawn or of other ecosystems).</param>
/// <param name="Errors">Entries that were not valid OSV.</param>
/// <param name="EntriesSeen">JSON files or archive entries looked at.</param>
/// <param name="NewestFileTime">The newest file time of the source, its age when used without import.</param>
public sealed record AdvisorySourceContents(IReadOnlyList<OsvRecord> Records, IReadOnlyList<SourceError> Errors, int EntriesSeen, DateTimeOffset? NewestFileTime)
{
    /// <summary>The accepted advisories.</summary>
    public IEnumerable<Advisory> Advisories => Records.Where(r => r.Status == OsvRecordStatus.Accepted).Select(r => r.Advisory!);
}

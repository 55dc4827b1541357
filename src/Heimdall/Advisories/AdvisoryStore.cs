using System.Text.Json;
using System.Text.Json.Serialization;

namespace Heimdall.Advisories;

/// <summary>
/// The local advisory database: one JSON file (<c>advisories.json</c>) in a directory, holding the
/// accepted advisories and the time of the last import. Written to a temporary file and renamed, so a
/// crash mid-write keeps the previous database.
/// </summary>
public sealed class AdvisoryStore
{
    /// <summary>The store file's name inside the database directory.</summary>
    public const string FileName = "advisories.json";

    /// <summary>The store format this version writes and reads.</summary>
    public const int FormatVersion = 1;

    private AdvisoryStore(string directory, StoreDocument document)
    {
        Directory = directory;
        _document = document;
    }

    private StoreDocument _document;

    /// <summary>The database directory.</summary>
    public string Directory { get; }

    /// <summary>When data was last imported, or null for an empty store.</summary>
    public DateTimeOffset? ImportedAt => _document.ImportedAt;

    /// <summary>The advisories held.</summary>
    public IReadOnlyList<Advisory> Advisories => _document.Advisories;

    /// <summary>The sources imported so far, newest last.</summary>
    public IReadOnlyList<StoreSource> Sources => _document.Sources;

    /// <summary>The default database directory: <c>$HEIMDALL_DB</c>, else <c>$XDG_CACHE_HOME/heimdall</c>, else <c>~/.cache/heimdall</c>.</summary>
    public static string DefaultDirectory()
    {
        var explicitDir = Environment.GetEnvironmentVariable("HEIMDALL_DB");
        if (!string.IsNullOrEmpty(explicitDir))
        {
            return explicitDir;
        }

        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache))
        {
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return Path.Combine(cache, "heimdall");
    }

    /// <summary>True when <paramref name="directory"/> holds a store file.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>Opens the store of a directory; a missing store opens empty.</summary>
    /// <exception cref="InvalidDataException">The store file is damaged or of another format version.</exception>
    public static AdvisoryStore Open(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return new AdvisoryStore(directory, new StoreDocument { FormatVersion = FormatVersion });
        }

        StoreDocument? document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonSerializer.Deserialize(stream, StoreJsonContext.Default.StoreDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the advisory store '{path}' is damaged: {e.Message}", e);
        }

        if (document is null || document.FormatVersion != FormatVersion)
        {
            throw new InvalidDataException($"the advisory store '{path}' has format {document?.FormatVersion}, expected {FormatVersion}: import again into an empty directory");
        }

        return new AdvisoryStore(directory, document);
    }

    /// <summary>
    /// Merges records into the store: a record replaces a stored advisory of the same id unless the stored
    /// one was modified later; a withdrawn record removes its id; the import time becomes <paramref name="now"/>.
    /// </summary>
    public StoreMergeResult Merge(IEnumerable<OsvRecord> records, string sourceName, DateTimeOffset now, bool replace = false)
    {
        ArgumentNullException.ThrowIfNull(records);
        var byId = replace
            ? new Dictionary<string, Advisory>(StringComparer.Ordinal)
            : _document.Advisories.ToDictionary(a => a.Id, StringComparer.Ordinal);
        int added = 0, updated = 0, removed = 0, kept = 0;
        foreach (var record in records)
        {
            switch (record.Status)
            {
                case OsvRecordStatus.Accepted:
                    var advisory = record.Advisory!;
                    if (byId.TryGetValue(advisory.Id, out var existing))
                    {
                        if (existing.Modified is { } stored && advisory.Modified is { } incoming && stored > incoming)
                        {
                            kept++;
                            continue;
                        }

                        updated++;
                    }
                    else
                    {
                        added++;
                    }

                    byId[advisory.Id] = advisory;
                    break;
                case OsvRecordStatus.Withdrawn when record.Id is not null && byId.Remove(record.Id):
                    removed++;
                    break;
            }
        }

        var sources = _document.Sources.ToList();
        sources.Add(new StoreSource(sourceName, now, added + updated));
        _document = new StoreDocument
        {
            FormatVersion = FormatVersion,
            ImportedAt = now,
            Sources = sources,
            Advisories = [.. byId.Values.OrderBy(a => a.Id, StringComparer.Ordinal)],
        };
        return new StoreMergeResult(added, updated, removed, kept, byId.Count);
    }

    /// <summary>Writes the store atomically.</summary>
    public void Save()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, FileName);
        var temporary = path + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, _document, StoreJsonContext.Default.StoreDocument);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>One import recorded in the store.</summary>
/// <param name="Name">The directory or archive imported.</param>
/// <param name="ImportedAt">When.</param>
/// <param name="Advisories">How many advisories it added or updated.</param>
public sealed record StoreSource(string Name, DateTimeOffset ImportedAt, int Advisories);

/// <summary>The effect of one merge.</summary>
/// <param name="Added">New advisories.</param>
/// <param name="Updated">Advisories replaced by a newer record.</param>
/// <param name="Removed">Advisories removed because withdrawn.</param>
/// <param name="KeptNewer">Incoming records older than the stored advisory, ignored.</param>
/// <param name="Total">Advisories in the store afterwards.</param>
public sealed record StoreMergeResult(int Added, int Updated, int Removed, int KeptNewer, int Total);

internal sealed class StoreDocument
{
    public int FormatVersion { get; init; }

    public DateTimeOffset? ImportedAt { get; init; }

    public List<StoreSource> Sources { get; init; } = [];

    public List<Advisory> Advisories { get; init; } = [];
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoreDocument))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Heimdall.Advisories;

/// <summary>
/// The local advisory database: one JSON file (<c>advisories.json</c>) in a directory, holding the
/// accepted advisories and the time of the last import, and beside it an offset index
/// (<c>advisories.idx</c>) from package keys to the byte ranges of their advisories, so that a scan
/// reads and parses only the advisories of the packages it has. Both are written to temporary files
/// and renamed, so a crash mid-write keeps the previous database; an index that does not match its
/// data file is ignored and the data file read whole.
/// </summary>
public sealed class AdvisoryStore
{
    /// <summary>The store file's name inside the database directory.</summary>
    public const string FileName = "advisories.json";

    /// <summary>The offset index's file name.</summary>
    public const string IndexFileName = "advisories.idx";

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

    /// <summary>Writes the store and its offset index atomically.</summary>
    public void Save()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, FileName);
        var temporary = path + ".tmp-" + Environment.ProcessId;
        var offsets = new SortedDictionary<string, List<(long Offset, int Length)>>(StringComparer.Ordinal);
        long length;
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            using (var writer = new Utf8JsonWriter(file))
            {
                writer.WriteStartObject();
                writer.WriteNumber("format_version", FormatVersion);
                if (_document.ImportedAt is { } importedAt)
                {
                    writer.WriteString("imported_at", importedAt);
                }

                writer.WritePropertyName("sources");
                JsonSerializer.Serialize(writer, _document.Sources, StoreJsonContext.Default.ListStoreSource);
                writer.WritePropertyName("advisories");
                writer.WriteStartArray();
                foreach (var advisory in _document.Advisories)
                {
                    // Each advisory is written as one raw value so that its exact byte range is known.
                    var bytes = JsonSerializer.SerializeToUtf8Bytes(advisory, StoreJsonContext.Default.Advisory);
                    writer.WriteRawValue(bytes, skipInputValidation: true);
                    writer.Flush();
                    var offset = file.Position - bytes.Length;
                    foreach (var key in advisory.Affected.Select(a => AdvisoryIndex.Key(a.Ecosystem, a.Name)).Distinct(StringComparer.Ordinal))
                    {
                        if (!offsets.TryGetValue(key, out var list))
                        {
                            list = [];
                            offsets[key] = list;
                        }

                        list.Add((offset, bytes.Length));
                    }
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            file.Flush(flushToDisk: true);
            length = file.Length;
        }

        var indexPath = Path.Combine(Directory, IndexFileName);
        var indexTemporary = indexPath + ".tmp-" + Environment.ProcessId;
        StoreOffsetIndex.Write(indexTemporary, length, _document.ImportedAt, _document.Advisories.Count, offsets);
        File.Move(temporary, path, overwrite: true);
        File.Move(indexTemporary, indexPath, overwrite: true);
    }

    /// <summary>
    /// Stores up to this many advisories are read whole for a scan: one bulk read of a few megabytes is
    /// as fast as parsing records one by one. Larger ones (the npm export with its malicious-package
    /// records) are read through the offset index, so a scan costs what its own packages need.
    /// </summary>
    public const int WholeReadLimit = 50_000;

    /// <summary>
    /// Opens the store for a scan: read whole when small, through the offset index when large (see
    /// <see cref="WholeReadLimit"/>), read whole as well when the index is missing or stale.
    /// </summary>
    /// <param name="directory">The database directory.</param>
    /// <param name="wholeReadLimit">Read stores of at most this many advisories whole.</param>
    /// <exception cref="InvalidDataException">The store file is damaged or of another format version.</exception>
    public static IndexedAdvisoryStore OpenForScan(string directory, int wholeReadLimit = WholeReadLimit)
    {
        var header = StoreOffsetIndex.TryRead(Path.Combine(directory, IndexFileName));
        if (header is not null && header.AdvisoryCount > wholeReadLimit && OpenIndexed(directory) is { } indexed)
        {
            return indexed;
        }

        var store = Open(directory);
        var index = new AdvisoryIndex(store.Advisories);
        return new IndexedAdvisoryStore(store.ImportedAt, index.Count, index);
    }

    /// <summary>
    /// Opens the store for matching through its offset index: only the index is read now, and the
    /// advisories of a package are parsed when a scan first asks for them. Returns null when there is no
    /// usable index (missing, damaged, or written for another data file); <see cref="Open"/> reads the
    /// store whole then.
    /// </summary>
    public static IndexedAdvisoryStore? OpenIndexed(string directory)
    {
        var dataPath = Path.Combine(directory, FileName);
        var index = StoreOffsetIndex.TryRead(Path.Combine(directory, IndexFileName));
        if (index is null || !File.Exists(dataPath) || new FileInfo(dataPath).Length != index.DataLength)
        {
            return null;
        }

        var data = File.ReadAllBytes(dataPath);
        if (data.LongLength != index.DataLength)
        {
            return null;
        }

        IReadOnlyList<Advisory> Load(string key)
        {
            if (!index.Offsets.TryGetValue(key, out var ranges))
            {
                return [];
            }

            var advisories = new List<Advisory>(ranges.Length);
            foreach (var (offset, length) in ranges)
            {
                if (offset < 0 || offset + length > data.LongLength)
                {
                    throw new InvalidDataException($"the advisory index of '{directory}' points outside its data file: import again");
                }

                try
                {
                    advisories.Add(JsonSerializer.Deserialize(data.AsSpan((int)offset, length), StoreJsonContext.Default.Advisory)
                        ?? throw new InvalidDataException($"the advisory index of '{directory}' points at an empty record: import again"));
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"the advisory index of '{directory}' does not match its data file: import again", e);
                }
            }

            return advisories;
        }

        return new IndexedAdvisoryStore(index.ImportedAt, index.AdvisoryCount, new AdvisoryIndex(index.AdvisoryCount, Load));
    }
}

/// <summary>A store opened through its offset index, ready for matching.</summary>
/// <param name="ImportedAt">When data was last imported.</param>
/// <param name="Count">The number of advisories in the store.</param>
/// <param name="Index">The lazily filled index.</param>
public sealed record IndexedAdvisoryStore(DateTimeOffset? ImportedAt, int Count, AdvisoryIndex Index);

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
[JsonSerializable(typeof(Advisory))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;

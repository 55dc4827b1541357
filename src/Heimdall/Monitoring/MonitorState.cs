using System.Text.Json;
using System.Text.Json.Serialization;
using Heimdall.Packages;

namespace Heimdall.Monitoring;

/// <summary>
/// The monitor's state directory: <c>monitor-state.json</c> with each project's package set and
/// reported findings, written atomically.
/// </summary>
public sealed class MonitorState
{
    /// <summary>The state file's name.</summary>
    public const string FileName = "monitor-state.json";

    private MonitorState(string directory, StateDocument document)
    {
        Directory = directory;
        _document = document;
    }

    private readonly StateDocument _document;

    /// <summary>The state directory.</summary>
    public string Directory { get; }

    /// <summary>The projects kept, by root.</summary>
    public IReadOnlyList<MonitoredProject> Projects => _document.Projects;

    /// <summary>Opens a state directory; a missing state opens empty.</summary>
    /// <exception cref="InvalidDataException">The state file is damaged.</exception>
    public static MonitorState Open(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return new MonitorState(directory, new StateDocument());
        }

        try
        {
            using var stream = File.OpenRead(path);
            var document = JsonSerializer.Deserialize(stream, MonitorJsonContext.Default.StateDocument)
                ?? throw new InvalidDataException($"the monitor state '{path}' is empty");
            return document.FormatVersion == 1
                ? new MonitorState(directory, document)
                : throw new InvalidDataException($"the monitor state '{path}' has format {document.FormatVersion}, expected 1");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the monitor state '{path}' is damaged: {e.Message}", e);
        }
    }

    /// <summary>Records a fresh read of a project's sources, keeping what was already reported.</summary>
    public MonitoredProject Track(Inventory inventory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var existing = _document.Projects.FirstOrDefault(p => p.Root == inventory.Root);
        if (existing is not null)
        {
            existing.Files = [.. inventory.Files];
            existing.ScannedAt = now;
            return existing;
        }

        var project = new MonitoredProject { Root = inventory.Root, ScannedAt = now, Files = [.. inventory.Files] };
        _document.Projects.Add(project);
        _document.Projects.Sort((a, b) => string.CompareOrdinal(a.Root, b.Root));
        return project;
    }

    /// <summary>Writes the state atomically.</summary>
    public void Save()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, FileName);
        var temporary = path + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, _document, MonitorJsonContext.Default.StateDocument);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

internal sealed class StateDocument
{
    public int FormatVersion { get; init; } = 1;

    public List<MonitoredProject> Projects { get; init; } = [];
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StateDocument))]
internal sealed partial class MonitorJsonContext : JsonSerializerContext;

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Detektr.Runs;

/// <summary>Reads and writes <c>manifest.json</c>.</summary>
public static class ManifestJson
{
    /// <summary>The file name inside a run directory.</summary>
    public const string FileName = "manifest.json";

    /// <summary>Options shared by every writer of the manifest.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The manifest as indented JSON.</summary>
    public static string Serialize(RunManifest manifest) => JsonSerializer.Serialize(manifest, Options);

    /// <summary>Writes the manifest atomically (a temporary file renamed into place) and returns its bytes.</summary>
    public static byte[] Write(string runDirectory, RunManifest manifest)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, Options);
        var target = Path.Combine(runDirectory, FileName);
        var temporary = target + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, target, overwrite: true);
        return bytes;
    }

    /// <summary>Reads the manifest of a run directory (or a manifest file).</summary>
    public static RunManifest Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        try
        {
            return JsonSerializer.Deserialize<RunManifest>(File.ReadAllBytes(file), Options)
                   ?? throw new FormatException($"{file}: empty manifest");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{file}: {ex.Message}", ex);
        }
    }
}

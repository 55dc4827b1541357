using Detektr.Runs;

namespace Detektr.Query;

/// <summary>The complete runs of a run store: its subdirectories that hold a <c>manifest.json</c> (the
/// manifest is written last, so a directory without one is a run still in progress or one that
/// never finished; the store's <c>ledger/</c> has none either). A run directory given as the store
/// is a store of that one run.</summary>
public sealed class RunStore
{
    private RunStore(string directory, IReadOnlyList<string> runDirectories)
    {
        Directory = directory;
        RunDirectories = runDirectories;
    }

    /// <summary>The store's directory, absolute.</summary>
    public string Directory { get; }

    /// <summary>Absolute paths of the complete run directories, in name order (run ids sort by start time).</summary>
    public IReadOnlyList<string> RunDirectories { get; }

    /// <summary>Lists the runs of <paramref name="path"/>. Fails, with the reason in words, when the
    /// path is not a directory or holds no complete run.</summary>
    public static bool TryOpen(string path, out RunStore? store, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        store = null;
        var full = Path.GetFullPath(path);
        if (!System.IO.Directory.Exists(full))
        {
            problem = File.Exists(full)
                ? $"{path} is a file, not a run store (a directory of run directories)"
                : $"no such run store: {path}";
            return false;
        }

        if (IsRun(full))
        {
            store = new RunStore(full, [full]);
            problem = null;
            return true;
        }

        List<string> runs;
        try
        {
            runs = System.IO.Directory.EnumerateDirectories(full).Where(IsRun).Order(StringComparer.Ordinal).ToList();
        }
        catch (UnauthorizedAccessException ex)
        {
            problem = $"cannot list {path}: {ex.Message}";
            return false;
        }

        if (runs.Count == 0)
        {
            problem = $"{path} holds no runs (a run is a directory with a {ManifestJson.FileName}; make one with 'detektr run --runs {path} -- COMMAND')";
            return false;
        }

        store = new RunStore(full, runs);
        problem = null;
        return true;
    }

    /// <summary>Finds one run by a path to its directory, its directory name in this store, or a
    /// unique start or end of that name (the random suffix of a run id is enough).</summary>
    public bool TryFindRun(string reference, out string? runDirectory, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return TryFindRun(reference, RunDirectories, Directory, out runDirectory, out problem);
    }

    /// <summary>Finds one run by a path to its run directory or by its name in the store at
    /// <paramref name="storePath"/> (see <see cref="TryFindRun(string, out string?, out string?)"/>).
    /// A path to a run directory works even when the store does not exist.</summary>
    public static bool TryFindRun(string reference, string storePath, out string? runDirectory, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(storePath);
        runDirectory = null;
        var asPath = Path.GetFullPath(reference);
        if (System.IO.Directory.Exists(asPath))
        {
            if (IsRun(asPath))
            {
                runDirectory = asPath;
                problem = null;
                return true;
            }

            problem = $"{reference} is not a complete run: it has no {ManifestJson.FileName}";
            return false;
        }

        if (!TryOpen(storePath, out var store, out var storeProblem))
        {
            problem = $"no run directory {reference}, and {storeProblem}";
            return false;
        }

        return store!.TryFindRun(reference, out runDirectory, out problem);
    }

    private static bool TryFindRun(string reference, IReadOnlyList<string> runs, string storeDirectory, out string? runDirectory, out string? problem)
    {
        runDirectory = null;
        var exact = runs.FirstOrDefault(r => string.Equals(Path.GetFileName(r), reference, StringComparison.Ordinal));
        if (exact is not null)
        {
            runDirectory = exact;
            problem = null;
            return true;
        }

        var partial = reference.Length == 0
            ? []
            : runs.Where(r => Path.GetFileName(r).StartsWith(reference, StringComparison.Ordinal)
                              || Path.GetFileName(r).EndsWith(reference, StringComparison.Ordinal)).ToList();
        switch (partial.Count)
        {
            case 1:
                runDirectory = partial[0];
                problem = null;
                return true;
            case 0:
                problem = $"no run '{reference}' in {storeDirectory}";
                return false;
            default:
                problem = $"'{reference}' names {partial.Count} runs in {storeDirectory} ({string.Join(", ", partial.Take(3).Select(Path.GetFileName))}{(partial.Count > 3 ? ", ..." : "")}); give more of the run id";
                return false;
        }
    }

    private static bool IsRun(string directory) => File.Exists(Path.Combine(directory, ManifestJson.FileName));
}

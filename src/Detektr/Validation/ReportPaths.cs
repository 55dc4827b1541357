namespace Detektr.Validation;

/// <summary>How reports name spec files: relative to a base directory (the current one) when beneath it,
/// with forward slashes, else absolute.</summary>
internal static class ReportPaths
{
    public static string Relative(string path, string baseDirectory)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Path.GetFullPath(baseDirectory), full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative.Replace('\\', '/');
    }

    /// <summary>A URI reference for SARIF: the relative path with each segment escaped, or a file URI.</summary>
    public static string Uri(string path, string baseDirectory)
    {
        var relative = Relative(path, baseDirectory);
        if (Path.IsPathRooted(relative))
        {
            return new System.Uri(relative).AbsoluteUri;
        }

        return string.Join('/', relative.Split('/').Select(System.Uri.EscapeDataString));
    }
}

namespace Detektr.Sensors.Strace;

/// <summary>Path arithmetic on sandbox paths (always absolute, '/'-separated, never resolved against the
/// host).</summary>
internal static class FileSystemPaths
{
    /// <summary>Makes <paramref name="path"/> absolute against <paramref name="directory"/> and removes
    /// ".", ".." and repeated separators. Symbolic links are not resolved.</summary>
    public static string Resolve(string? directory, string path)
    {
        var combined = path.StartsWith('/') ? path : $"{directory ?? "/"}/{path}";
        var parts = new List<string>();
        foreach (var part in combined.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>True for pseudo-filesystems whose writes are not file changes (/dev, /proc, /sys).</summary>
    public static bool IsPseudo(string path) =>
        path is "/dev" or "/proc" or "/sys" ||
        path.StartsWith("/dev/", StringComparison.Ordinal) ||
        path.StartsWith("/proc/", StringComparison.Ordinal) ||
        path.StartsWith("/sys/", StringComparison.Ordinal);
}

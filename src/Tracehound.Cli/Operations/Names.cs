namespace Tracehound.Cli.Operations;

/// <summary>The lower-case names the admin documents use, so offline and online output read the same.</summary>
internal static class Names
{
    public static string Severity(Severity severity) => severity switch
    {
        Tracehound.Severity.Low => "low",
        Tracehound.Severity.Medium => "medium",
        Tracehound.Severity.High => "high",
        _ => "critical",
    };

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MiB",
    };
}

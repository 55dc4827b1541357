using System.CommandLine;

namespace Tracehound.Cli.Output;

/// <summary>Options that several commands share, so they are spelled and described the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document instead of text" };

    public static Option<DirectoryInfo> DataDirectory() => new("--data")
    {
        Description = "The data directory (the ledger lives in DIR/ledger, keys in DIR/keys)",
        Required = true,
    };

    public static Option<FileInfo[]> Keys() => new("--key")
    {
        Description = "Trust only the public keys in these files (verifier key lines) instead of DIR/keys/*.pub",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The data directory, which must exist.</summary>
    public static string RequireDirectory(DirectoryInfo? directory)
    {
        if (directory is null || !directory.Exists)
        {
            throw new UsageException($"data directory '{directory?.FullName}' does not exist");
        }

        return directory.FullName;
    }
}

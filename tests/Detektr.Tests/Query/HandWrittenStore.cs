using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Query;

/// <summary>A run store of run directories written by hand, for the cases real runs do not produce.</summary>
public sealed class HandWrittenStore : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public string Path => _directory.Path;

    /// <summary>A run directory with the given files (name to content); null content leaves a file out.</summary>
    public string Run(string name, params (string File, string? Content)[] files)
    {
        var directory = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(directory);
        foreach (var (file, content) in files)
        {
            if (content is not null)
            {
                File.WriteAllText(System.IO.Path.Combine(directory, file), content);
            }
        }

        return directory;
    }

    /// <summary>The smallest manifest the views accept: most fields missing.</summary>
    public static string Manifest(string runId, string network = "none", int exitCode = 0) => $$"""
        {
          "RunId": "{{runId}}",
          "Command": ["/bin/true"],
          "Sandbox": { "Network": "{{network}}" },
          "StartedUtc": "2026-01-02T03:04:05.5+00:00",
          "EndedUtc": "2026-01-02T03:04:06+00:00",
          "SandboxMilliseconds": 500.5,
          "Termination": { "Reason": "exited", "ExitCode": {{exitCode}}, "Detail": "the artifact exited with status {{exitCode}}" }
        }
        """;

    public void Dispose() => _directory.Dispose();
}

namespace Heimdall.Tests.Support;

/// <summary>Paths of the test data copied beside the test assembly.</summary>
internal static class TestPaths
{
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    public static string Advisories => Fixture("advisories");

    public static string Schema(string name) => Path.Combine(AppContext.BaseDirectory, "Schemas", name);

    public static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name);

    /// <summary>The Golden folder in the source tree, written when HEIMDALL_UPDATE_GOLDEN=1.</summary>
    public static string SourceGolden(string name, [System.Runtime.CompilerServices.CallerFilePath] string caller = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(caller)!)!, "Golden", name);

    /// <summary>A fresh temporary folder; deleted when disposed.</summary>
    public static TempFolder Temp() => new();
}

internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("heimdall-test-").FullName;
    }

    public string Path { get; }

    public string File(string relative, string contents)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, contents);
        return full;
    }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using System.Reflection;

namespace Heimdall.Reports;

/// <summary>The tool's name and version as reports state them.</summary>
public static class ToolInfo
{
    /// <summary>The command name.</summary>
    public const string Name = "heimdall";

    /// <summary>The informational version of the Heimdall assembly, without source-revision metadata.</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var version = typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? version[..plus] : version;
    }
}

using Microsoft.Extensions.Logging;
using Tracehound.AspNetCore;

namespace Tracehound.Samples.Api;

/// <summary>How to start the sample API.</summary>
public sealed class SampleApiOptions
{
    /// <summary>Where to listen; port 0 picks a free port (read it back from <see cref="RunningSampleApi.BaseAddress"/>).</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Tracehound's data directory, or null to keep everything in memory.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Whether Tracehound protects the API (false serves the same endpoints bare, for comparisons).</summary>
    public bool EnableTracehound { get; set; } = true;

    /// <summary>Configuration entries applied over appsettings and the environment, e.g. <c>["Tracehound:Admin:Enabled"] = "true"</c>.</summary>
    public IDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Called after configuration is bound, to adjust Tracehound's options in code.</summary>
    public Action<TracehoundOptions>? ConfigureTracehound { get; set; }

    /// <summary>Called to adjust logging; by default the console logger of the web host is kept.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>Command-line arguments handed to the web host builder.</summary>
    public IReadOnlyList<string> Args { get; set; } = [];
}

using Microsoft.AspNetCore.Builder;

namespace Tracehound.Samples.Api;

/// <summary>A started sample API; dispose it to stop the server.</summary>
public sealed class RunningSampleApi : IAsyncDisposable
{
    internal RunningSampleApi(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The application (its services hold the Tracehound <see cref="Agent"/>).</summary>
    public WebApplication App { get; }

    /// <summary>Where it listens, ending with '/'.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Stops the server and disposes the application.</summary>
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }
}

using Detektr.Detonation;
using Detektr.Events;

namespace Detektr.Tests.TestSupport;

/// <summary>Runs real sandboxes for tests, each in its own run store.</summary>
public static class Sandboxes
{
    public static async Task<RunResult> RunAsync(TemporaryDirectory store, DetonationRequest request)
    {
        using var detonator = new Detonator(new DetonatorOptions { RunsDirectory = Path.Combine(store.Path, "runs") });
        return await detonator.RunAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<RunResult> RunShellAsync(TemporaryDirectory store, string script, Func<DetonationRequest, DetonationRequest>? configure = null)
    {
        var request = DetonationRequest.ForCommand("/bin/sh", "-c", script);
        return RunAsync(store, configure is null ? request : configure(request));
    }

    public static IEnumerable<T> Of<T>(this RunResult run) where T : DetektrEvent => run.Events.OfType<T>();
}

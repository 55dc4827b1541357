namespace Tracehound.AspNetCore;

/// <summary>When the agent started, for uptime in status documents.</summary>
internal sealed class TracehoundLifetime(TimeProvider time)
{
    public DateTimeOffset StartedAt { get; private set; } = time.GetUtcNow();

    public void MarkStarted() => StartedAt = time.GetUtcNow();
}

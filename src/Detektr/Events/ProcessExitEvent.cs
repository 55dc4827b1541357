namespace Detektr.Events;

/// <summary>A process of the sandbox ended (<c>process_exit</c>): either <see cref="ExitCode"/> or
/// <see cref="Signal"/> is set.</summary>
public sealed record ProcessExitEvent : DetektrEvent
{
    /// <inheritdoc />
    public override EventType EventType => EventType.ProcessExit;

    /// <summary>The image the process was running when it ended.</summary>
    public required string Image { get; init; }

    /// <summary>Process id inside the sandbox's PID namespace.</summary>
    public required long ProcessId { get; init; }

    /// <summary>The exit status, when the process exited.</summary>
    public long? ExitCode { get; init; }

    /// <summary>The name of the terminating signal (<c>SIGKILL</c>...), when a signal ended it.</summary>
    public string? Signal { get; init; }

    /// <inheritdoc />
    protected override void AddFields(EventFieldList fields)
    {
        fields.Add(nameof(Image), Image);
        fields.Add(nameof(ProcessId), ProcessId);
        fields.Add(nameof(ExitCode), ExitCode);
        fields.Add(nameof(Signal), Signal);
    }
}

namespace Detektr.Events;

/// <summary>A successful <c>execve</c> inside the sandbox (<c>process_creation</c>).</summary>
public sealed record ProcessCreationEvent : DetektrEvent
{
    /// <inheritdoc />
    public override EventType EventType => EventType.ProcessCreation;

    /// <summary>Absolute path of the executed file as it was invoked (symbolic links are not resolved,
    /// so <c>/bin/sh</c> stays <c>/bin/sh</c>).</summary>
    public required string Image { get; init; }

    /// <summary>The argument vector joined with single spaces, as Sysmon for Linux reports it.</summary>
    public required string CommandLine { get; init; }

    /// <summary>Image of the parent process at the time of the exec.</summary>
    public string? ParentImage { get; init; }

    /// <summary>Command line of the parent process at the time of the exec.</summary>
    public string? ParentCommandLine { get; init; }

    /// <summary>Working directory of the process when it executed the image.</summary>
    public string? CurrentDirectory { get; init; }

    /// <summary>Name of the effective user (from the sandbox's passwd), or the numeric id.</summary>
    public string? User { get; init; }

    /// <summary>Process id as seen inside the sandbox's PID namespace.</summary>
    public required long ProcessId { get; init; }

    /// <summary>Parent's process id inside the sandbox's PID namespace (1 is the sandbox init).</summary>
    public long? ParentProcessId { get; init; }

    /// <inheritdoc />
    protected override void AddFields(EventFieldList fields)
    {
        fields.Add(nameof(Image), Image);
        fields.Add(nameof(CommandLine), CommandLine);
        fields.Add(nameof(ParentImage), ParentImage);
        fields.Add(nameof(ParentCommandLine), ParentCommandLine);
        fields.Add(nameof(CurrentDirectory), CurrentDirectory);
        fields.Add(nameof(User), User);
        fields.Add(nameof(ProcessId), ProcessId);
        fields.Add(nameof(ParentProcessId), ParentProcessId);
    }
}

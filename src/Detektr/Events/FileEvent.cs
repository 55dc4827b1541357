namespace Detektr.Events;

/// <summary>A change to a file by a process of the sandbox (<c>file_event</c>).</summary>
public sealed record FileEvent : DetektrEvent
{
    /// <summary>Wire value of <see cref="Outcome"/> for an operation the kernel carried out.</summary>
    public const string Succeeded = "success";

    /// <inheritdoc />
    public override EventType EventType => EventType.FileEvent;

    /// <summary>What was done.</summary>
    public required FileOperation Operation { get; init; }

    /// <summary>Absolute path of the file acted on (for a rename, the new name).</summary>
    public required string TargetFilename { get; init; }

    /// <summary>For a rename, the old name.</summary>
    public string? SourceFilename { get; init; }

    /// <summary>Image of the acting process.</summary>
    public required string Image { get; init; }

    /// <summary>Acting process id inside the sandbox's PID namespace.</summary>
    public required long ProcessId { get; init; }

    /// <summary><c>success</c>, or the errno name (<c>EACCES</c>, <c>EPERM</c>, <c>EROFS</c>) of an attempt
    /// that was refused.</summary>
    public string Outcome { get; init; } = Succeeded;

    /// <summary>For chmod, the new mode in octal (<c>0755</c>).</summary>
    public string? Mode { get; init; }

    /// <summary>For chown, the new owner and group as <c>uid:gid</c> (-1 when unchanged).</summary>
    public string? Owner { get; init; }

    /// <summary>Wire name of an operation.</summary>
    public static string OperationName(FileOperation operation) => operation switch
    {
        FileOperation.Create => "create",
        FileOperation.Write => "write",
        FileOperation.Delete => "delete",
        FileOperation.Rename => "rename",
        FileOperation.Chmod => "chmod",
        FileOperation.Chown => "chown",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown file operation"),
    };

    /// <summary>Parses a wire name of an operation.</summary>
    public static bool TryParseOperation(string? name, out FileOperation operation)
    {
        foreach (var candidate in Enum.GetValues<FileOperation>())
        {
            if (string.Equals(OperationName(candidate), name, StringComparison.Ordinal))
            {
                operation = candidate;
                return true;
            }
        }

        operation = default;
        return false;
    }

    /// <inheritdoc />
    protected override void AddFields(EventFieldList fields)
    {
        fields.Add(nameof(Operation), OperationName(Operation));
        fields.Add(nameof(TargetFilename), TargetFilename);
        fields.Add(nameof(SourceFilename), SourceFilename);
        fields.Add(nameof(Image), Image);
        fields.Add(nameof(ProcessId), ProcessId);
        fields.Add(nameof(Outcome), Outcome);
        fields.Add(nameof(Mode), Mode);
        fields.Add(nameof(Owner), Owner);
    }
}

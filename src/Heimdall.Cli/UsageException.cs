namespace Heimdall.Cli;

/// <summary>A mistake in the command line or in a file it names; ends the command with exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public UsageException()
    {
    }
}

/// <summary>Advisory data that is missing or too old; ends the command with exit code 4.</summary>
internal sealed class AdvisoryDataException : Exception
{
    public AdvisoryDataException(string message)
        : base(message)
    {
    }

    public AdvisoryDataException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public AdvisoryDataException()
    {
    }
}

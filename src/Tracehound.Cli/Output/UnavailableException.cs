namespace Tracehound.Cli.Output;

/// <summary>The running application could not be reached or refused; the program prints it and exits with <see cref="ExitCodes.Unavailable"/>.</summary>
internal sealed class UnavailableException : Exception
{
    public UnavailableException(string message)
        : base(message)
    {
    }

    public UnavailableException()
    {
    }

    public UnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
